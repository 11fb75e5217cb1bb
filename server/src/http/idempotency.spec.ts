import { AGENTS, type HallClient } from '../../test/harness';
import { activeEmployees, addition, newIdNumber, unitHallPerSpec, unitIdOf } from '../../test/declarations';
import { requestHash } from './idempotency';

describe('idempotent submissions', () => {
  const context = unitHallPerSpec();
  const post = (url: string, key: string, body: object, unit: HallClient = context.unit) =>
    unit.agent.post(url).set('X-XSRF-TOKEN', unit.xsrf).set('Accept-Language', 'en').set('Idempotency-Key', key).send(body);
  /** The unit administrator's key claimed now for an addition, as an instance does before it runs the request. */
  const claimedElsewhere = async (key: string, body: object) => {
    const user = await context.hall.db.knex('users').where({ role: 'unit_admin' }).orderBy('id').first('id', 'unit_id');
    await context.hall.db.knex('idempotency_keys').insert({
      user_id: user.id,
      unit_id: user.unit_id,
      key,
      request_hash: requestHash('POST', '/api/additions', body),
      created_at: context.hall.clock.now().toISOString(),
    });
  };

  it('creates one declaration for a retry with the same key, answering it with the first response', async () => {
    const { hall } = context;
    const body = addition(newIdNumber(40));
    const first = await post('/api/additions', 'retry-1', body);
    const retry = await post('/api/additions', 'retry-1', body);
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(
      await hall.db
        .knex('declarations')
        .where({ id_number: newIdNumber(40) })
        .count({ n: '*' })
        .first(),
    ).toEqual({ n: 1 });

    const [employee] = await activeEmployees(hall, 0);
    const reduction = { idNumber: employee.idNumber, name: employee.name, reason: 'resigned' };
    expect((await post('/api/reductions', 'retry-2', reduction)).status).toBe(201);
    expect((await post('/api/reductions', 'retry-2', reduction)).status).toBe(201);
    expect(await hall.db.knex('declarations').where({ id_number: employee.idNumber }).count({ n: '*' }).first()).toEqual({ n: 1 });
  });

  it('creates one declaration when a double click sends the same request at once', async () => {
    const { hall } = context;
    const body = addition(newIdNumber(48));
    const responses = await Promise.all([1, 2, 3, 4].map(() => post('/api/additions', 'double-click', body)));
    expect(responses.map((r) => r.status).filter((s) => s !== 201 && s !== 409)).toEqual([]);
    expect(responses.some((r) => r.status === 201)).toBeTrue();
    expect(
      await hall.db
        .knex('declarations')
        .where({ id_number: newIdNumber(48) })
        .count({ n: '*' })
        .first(),
    ).toEqual({ n: 1 });
  });

  it('refuses the same key with another request, and while the first request is still running', async () => {
    const { hall } = context;
    expect((await post('/api/additions', 'reused', addition(newIdNumber(41)))).status).toBe(201);
    const other = await post('/api/additions', 'reused', addition(newIdNumber(42)));
    expect(other.status).toBe(422);
    expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');

    // Another instance has claimed the key and not answered yet.
    const body = addition(newIdNumber(43));
    await claimedElsewhere('running', body);
    const busy = await post('/api/additions', 'running', body);
    expect(busy.status).toBe(409);
    expect(busy.body.code).toBe('IDEMPOTENCY_IN_PROGRESS');
    expect(
      await hall.db
        .knex('declarations')
        .where({ id_number: newIdNumber(43) })
        .first(),
    ).toBeUndefined();
  });

  it('lets a retry run a request whose process died, a minute after it claimed the key', async () => {
    const { hall } = context;
    const body = addition(newIdNumber(50));
    // Claimed by an instance that stopped before it answered.
    await claimedElsewhere('orphaned', body);
    hall.clock.advance(1000);
    expect((await post('/api/additions', 'orphaned', body)).body.code).toBe('IDEMPOTENCY_IN_PROGRESS');

    hall.clock.advance(59_000);
    const retry = await post('/api/additions', 'orphaned', body);
    expect(retry.status).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBeUndefined();
    expect(
      await hall.db
        .knex('declarations')
        .where({ id_number: newIdNumber(50) })
        .count({ n: '*' })
        .first(),
    ).toEqual({ n: 1 });
    const replay = await post('/api/additions', 'orphaned', body);
    expect([replay.status, replay.body, replay.headers['idempotent-replayed']]).toEqual([201, retry.body, 'true']);
  });

  it('keeps an agent’s keys apart per unit: the same key in the other unit runs there', async () => {
    const { hall } = context;
    const agent = await hall.client('en');
    await agent.signInAgent(AGENTS.both, 0);
    const body = addition(newIdNumber(51));
    const inFirst = await post('/api/additions', 'both-units', body, agent);
    expect(inFirst.status).toBe(201);

    const secondUnit = await unitIdOf(hall, 1);
    expect((await agent.post('/api/auth/unit', { unitId: secondUnit })).status).toBe(200);
    const inSecond = await post('/api/additions', 'both-units', body, agent);
    expect(inSecond.status).toBe(201);
    expect(inSecond.headers['idempotent-replayed']).toBeUndefined();
    expect(inSecond.body.id).not.toBe(inFirst.body.id);
    const units = await hall.db
      .knex('declarations')
      .where({ id_number: newIdNumber(51) })
      .orderBy('id')
      .pluck('unit_id');
    expect(units).toEqual([await unitIdOf(hall, 0), secondUnit]);
  });

  it('lets a refused request be corrected and sent again under its key; keys belong to one user', async () => {
    const { hall } = context;
    const refused = await post('/api/additions', 'fix-me', addition(newIdNumber(44), { effectiveMonth: '202001' }));
    expect(refused.status).toBe(400);
    expect((await post('/api/additions', 'fix-me', addition(newIdNumber(44)))).status).toBe(201);

    const otherUnit = await hall.client('en');
    await otherUnit.signInUnitAdmin(1);
    expect((await post('/api/additions', 'fix-me', addition(newIdNumber(45)), otherUnit)).status).toBe(201);
    expect((await post('/api/additions', 'x'.repeat(101), addition(newIdNumber(46)))).status).toBe(400);
  });

  it('forgets a key after a day', async () => {
    const { hall } = context;
    const body = addition(newIdNumber(47));
    expect((await post('/api/additions', 'daily', body)).status).toBe(201);
    await hall.db
      .knex('declarations')
      .where({ id_number: newIdNumber(47) })
      .update({ status: 'withdrawn' });
    await context.signInAt(new Date(hall.clock.now().getTime() + 24 * 60 * 60 * 1000 + 1000).toISOString());
    const again = await post('/api/additions', 'daily', body);
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBeUndefined();
  });
});
