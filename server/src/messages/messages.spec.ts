import { AGENTS, ENGINE, type HallClient, type TestHall } from '../../test/harness';
import { addition, newIdNumber, reviewedUnitPerSpec, submitBatch, unitIdOf } from '../../test/declarations';

interface Listed {
  id: number;
  kind: string;
  params: Record<string, unknown>;
  read: boolean;
}

describe('messages to the unit', () => {
  let hall: TestHall;
  let admin: HallClient;
  let reviewer: HallClient;

  const world = reviewedUnitPerSpec();
  beforeEach(() => ({ hall, unit: admin, reviewer } = world));

  const submit = async (client: HallClient, n: number, name = '消息甲') => {
    const res = await client.post('/api/additions', addition(newIdNumber(n), { name }));
    expect(res.status).withContext(JSON.stringify(res.body)).toBe(201);
    return res.body.id as number;
  };
  const decide = async (id: number, decision: { approve: boolean; reason?: string }) => {
    const res = await reviewer.post(`/api/review/submissions/${id}/decision`, decision);
    expect(res.status).withContext(JSON.stringify(res.body)).toBe(200);
  };
  const listed = async (client: HallClient, query = '') => (await client.get(`/api/messages${query}`)).body.items as Listed[];

  it("tells the unit's users of each decision, with the reviewer's reason, as a kind and parameters", async () => {
    const rejected = await submit(admin, 41, '驳回甲');
    const approved = await submit(admin, 42, '通过乙');
    await decide(rejected, { approve: false, reason: '工资低于合同' });
    await decide(approved, { approve: true });

    const agent = await hall.client('en');
    await agent.signInAgent(AGENTS.unitAOnly);
    for (const client of [admin, agent]) {
      const page = (await client.get('/api/messages')).body;
      expect(page.total).toBe(2);
      expect(page.unread).toBe(2);
      expect(page.items.map((m: Listed) => [m.kind, m.params, m.read])).toEqual([
        ['submission-approved', { submissionId: approved, submissionKind: 'addition', personName: '通过乙' }, false],
        ['submission-rejected', { submissionId: rejected, submissionKind: 'addition', personName: '驳回甲', reason: '工资低于合同' }, false],
      ]);
    }
    const other = await hall.client('en');
    await other.signInUnitAdmin(1);
    expect((await other.get('/api/messages')).body.total).toBe(0);
    expect((await other.get('/api/messages/unread')).body).toEqual({ unread: 0 });
  });

  it('keeps read state per user: one message, then all, read by the administrator stay unread for the agent', async () => {
    for (const n of [43, 44, 45]) await decide(await submit(admin, n), { approve: false, reason: '资料不全' });
    const [newest, middle] = await listed(admin);

    const one = await admin.post(`/api/messages/${middle.id}/read`);
    expect([one.status, one.body]).toEqual([200, { unread: 2 }]);
    expect((await listed(admin)).map((m) => m.read)).toEqual([false, true, false]);
    expect((await listed(admin, '?unread=true')).map((m) => m.id)).not.toContain(middle.id);
    // Reading it again changes nothing.
    expect((await admin.post(`/api/messages/${middle.id}/read`)).body).toEqual({ unread: 2 });

    const all = await admin.post('/api/messages/read');
    expect([all.status, all.body]).toEqual([200, { unread: 0 }]);
    expect((await listed(admin)).every((m) => m.read)).toBeTrue();
    expect(newest.read).toBeFalse();

    const agent = await hall.client('en');
    await agent.signInAgent(AGENTS.unitAOnly);
    expect((await agent.get('/api/messages/unread')).body).toEqual({ unread: 3 });
  });

  it("answers 404 to another unit's user marking a message of unit A read, and marks nothing", async () => {
    await decide(await submit(admin, 46), { approve: true });
    const [messageOfA] = await listed(admin);
    const other = await hall.client('en');
    await other.signInUnitAdmin(1);
    expect((await other.post(`/api/messages/${messageOfA.id}/read`)).status).toBe(404);
    expect(Number((await hall.db.knex('message_reads').count({ n: '*' }).first())!.n)).toBe(0);
  });

  it("shows an agent bound to two units each unit's messages under that unit", async () => {
    const adminB = await hall.client('en');
    await adminB.signInUnitAdmin(1);
    await decide(await submit(admin, 47, '甲单位人'), { approve: true });
    await decide(await submit(adminB, 48, '乙单位人'), { approve: true });

    const agent = await hall.client('en');
    await agent.signInAgent(AGENTS.both, 0);
    expect((await listed(agent)).map((m) => m.params['personName'])).toEqual(['甲单位人']);
    const [messageOfA] = await listed(agent);
    await agent.signInAgent(AGENTS.both, 1);
    expect((await listed(agent)).map((m) => m.params['personName'])).toEqual(['乙单位人']);
    expect((await agent.post(`/api/messages/${messageOfA.id}/read`)).status).toBe(404);
    expect((await agent.post('/api/messages/read')).body).toEqual({ unread: 0 });
    await agent.signInAgent(AGENTS.both, 0);
    expect((await agent.get('/api/messages/unread')).body).toEqual({ unread: 1 });
  });

  it('tells the unit of a whole batch decided at once in one message', async () => {
    const batch = await submitBatch(hall, 0, [addition(newIdNumber(49)), addition(newIdNumber(50)), addition(newIdNumber(51))]);
    const res = await reviewer.post(`/api/review/batches/${batch.batchId}/decision`, { approve: false, reason: '格式有误' });
    expect(res.body).toEqual({ approved: 0, rejected: 3 });
    expect((await listed(admin)).map((m) => [m.kind, m.params])).toEqual([
      ['batch-rejected', { batchId: batch.batchId, count: 3, reason: '格式有误' }],
    ]);
  });

  it('tells the unit of a contact change applied at once, naming who changed it', async () => {
    const person = await hall.db
      .knex('employments as e')
      .join('insured_persons as p', 'p.id', 'e.person_id')
      .where({ 'e.unit_id': await unitIdOf(hall, 0), 'e.status': 'active' })
      .first('p.id', 'p.name');
    const res = await admin.send('put', `/api/insured-persons/${person.id}/contact`, { mobile: '13912345678', contactAddress: '福州市鼓楼区' });
    expect(res.status).withContext(JSON.stringify(res.body)).toBe(200);
    const me = (await admin.get('/api/auth/me')).body;
    expect((await listed(admin)).map((m) => [m.kind, m.params])).toEqual([
      ['change-applied', { change: 'contact-change', personName: person.name, by: me.user.name }],
    ]);
  });

  it('writes no message when the decision fails: it rolls back with the decision', async () => {
    const id = await submit(admin, 52);
    // The audit entry is the decision's last write: refusing it fails the decision after its message was written.
    if (ENGINE === 'sqlite') {
      await hall.db.knex.raw(`CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'refused'); END`);
    } else {
      await hall.db.knex.raw(`CREATE FUNCTION refuse_audit() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'refused'; END $$ LANGUAGE plpgsql`);
      await hall.db.knex.raw(`CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION refuse_audit()`);
    }
    const res = await reviewer.post(`/api/review/submissions/${id}/decision`, { approve: false, reason: '资料不全' });
    expect(res.status).toBe(500);
    expect(Number((await hall.db.knex('messages').count({ n: '*' }).first())!.n)).toBe(0);
    expect((await hall.db.knex('declarations').where({ id }).first('status')).status).toBe('pending');
  });

  it('tells a decision once: deciding it again is refused and writes nothing', async () => {
    const id = await submit(admin, 53);
    await decide(id, { approve: false, reason: '资料不全' });
    expect((await reviewer.post(`/api/review/submissions/${id}/decision`, { approve: true })).status).toBe(409);
    expect((await listed(admin)).map((m) => m.kind)).toEqual(['submission-rejected']);
  });

  describe('the coming cut-off day (the 25th)', () => {
    const reminders = async () => (await listed(admin)).filter((m) => m.kind === 'deadline');

    it('is not announced on the 10th, more than five days before', async () => {
      expect(await reminders()).toEqual([]);
      expect((await admin.get('/api/messages/unread')).body).toEqual({ unread: 0 });
    });

    it('is announced once per unit and period from five days before, however often and by whom the messages are read', async () => {
      hall.clock.set('2026-11-20T02:00:00.000Z');
      admin = await hall.client('en');
      await admin.signInUnitAdmin(0);
      const agent = await hall.client('en');
      await agent.signInAgent(AGENTS.unitAOnly);
      await Promise.all([
        admin.get('/api/messages/unread'),
        agent.get('/api/messages'),
        admin.get('/api/messages'),
        agent.get('/api/messages/unread'),
      ]);
      expect((await reminders()).map((m) => m.params)).toEqual([{ deadline: 'cutoff', date: '2026-11-25', period: '202611' }]);

      const adminB = await hall.client('en');
      await adminB.signInUnitAdmin(1);
      expect((await listed(adminB)).map((m) => m.kind)).toEqual(['deadline']);

      hall.clock.set('2026-12-21T02:00:00.000Z');
      admin = await hall.client('en');
      await admin.signInUnitAdmin(0);
      expect((await reminders()).map((m) => m.params['period'])).toEqual(['202612', '202611']);
    });
  });
  describe('the base declaration window (demo rule: July 1 to August 31, the year from July)', () => {
    const windowReminders = async (client: HallClient) =>
      (await listed(client)).filter((m) => m.kind === 'deadline' && m.params['deadline'] === 'base-declaration');
    const signedInAt = async (instant: string) => {
      hall.clock.set(instant);
      const client = await hall.client('en');
      await client.signInUnitAdmin(0);
      return client;
    };

    it('is not announced on June 30 in Shanghai, the day before it opens', async () => {
      admin = await signedInAt('2027-06-30T15:59:59.000Z');
      expect(await windowReminders(admin)).toEqual([]);
    });

    it('is announced once per unit and contribution year from its first day in Shanghai until it closes, however often it is read', async () => {
      admin = await signedInAt('2027-06-30T16:00:00.000Z');
      const agent = await hall.client('en');
      await agent.signInAgent(AGENTS.unitAOnly);
      await Promise.all([admin.get('/api/messages/unread'), agent.get('/api/messages'), admin.get('/api/messages')]);
      expect((await windowReminders(admin)).map((m) => m.params)).toEqual([{ deadline: 'base-declaration', date: '2027-08-31', period: '202707' }]);

      admin = await signedInAt('2027-08-31T15:00:00.000Z');
      expect((await windowReminders(admin)).length).toBe(1);

      const adminB = await hall.client('en');
      await adminB.signInUnitAdmin(1);
      expect((await windowReminders(adminB)).map((m) => m.params['period'])).toEqual(['202707']);
    });

    it('is not announced to a unit first looking after it closed (September 1 in Shanghai)', async () => {
      admin = await signedInAt('2027-08-31T16:00:00.000Z');
      expect(await windowReminders(admin)).toEqual([]);
    });
  });
});
