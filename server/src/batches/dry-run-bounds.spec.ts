import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Knex } from 'knex';
import { createTestHall, ENGINE, type HallClient, type TestHall } from '../../test/harness';
import { newIdNumber } from '../../test/declarations';
import { batchRow, filledTemplate, uploadWorkbook } from '../../test/batch-files';
import { DRY_RUN_BOUNDS, VALIDATION_KEPT_MS } from './batches.service';

const EN = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../../client/public/i18n/en.json'), 'utf8'));

describe('dry runs kept per unit', () => {
  let hall: TestHall;
  let unitA: HallClient;
  let unitB: HallClient;
  let file: Buffer;

  beforeAll(async () => {
    hall = await createTestHall();
    unitA = await hall.client('en');
    await unitA.signInUnitAdmin(0);
    unitB = await hall.client('en');
    await unitB.signInUnitAdmin(1);
    file = await filledTemplate('addition', [batchRow(newIdNumber(1))]);
  });
  afterAll(() => hall.close());
  beforeEach(() => hall.db.knex('batch_uploads').whereNull('batch_id').delete());

  const pendingOf = (token: string) => hall.db.knex('batch_uploads').where({ token }).first();

  /** Copies of a real dry run of the unit, waiting for their submit, as if uploaded earlier. */
  async function keepCopies(token: string, count: number, changes: Record<string, unknown> = {}): Promise<string[]> {
    const row = await pendingOf(token);
    const tokens = Array.from({ length: count }, () => randomBytes(24).toString('base64url'));
    for (const copy of tokens) await hall.db.knex('batch_uploads').insert({ ...row, token: copy, ...changes });
    return tokens;
  }

  it('refuses a unit’s dry run beyond the count it may keep, until old ones expire, other units unaffected', async () => {
    const first = await uploadWorkbook(unitA, 'addition', file);
    expect(first.status).toBe(200);
    const copies = await keepCopies(first.body.token, DRY_RUN_BOUNDS.maxPending - 1);

    const over = await uploadWorkbook(unitA, 'addition', file);
    expect([over.status, over.body.code, over.body.message]).toEqual([
      429,
      'BATCH_DRY_RUNS_TOO_MANY',
      EN.errors.BATCH_DRY_RUNS_TOO_MANY.replace('{{max}}', String(DRY_RUN_BOUNDS.maxPending)),
    ]);
    expect(await hall.db.knex('batch_uploads').whereNull('batch_id').count({ n: '*' }).first()).toEqual({ n: DRY_RUN_BOUNDS.maxPending } as never);
    expect((await uploadWorkbook(unitB, 'addition', file)).status).toBe(200);

    // A submitted dry run no longer waits; one older than a day has expired.
    const submitted = await unitA.post('/api/batches', { token: first.body.token });
    expect(submitted.status).toBe(201);
    expect((await uploadWorkbook(unitA, 'addition', file)).status).toBe(200);
    expect((await uploadWorkbook(unitA, 'addition', file)).status).toBe(429);
    const dayAgo = new Date(hall.clock.now().getTime() - VALIDATION_KEPT_MS - 1000).toISOString();
    await hall.db.knex('batch_uploads').whereIn('token', copies.slice(0, 2)).update({ created_at: dayAgo });
    expect((await uploadWorkbook(unitA, 'addition', file)).status).toBe(200);
  });

  it('refuses a unit’s dry run beyond the bytes it may keep', async () => {
    const first = await uploadWorkbook(unitA, 'addition', file);
    const stored = await pendingOf(first.body.token);
    expect(stored.stored_bytes).toBeGreaterThan(file.length);
    await keepCopies(first.body.token, 1, { stored_bytes: DRY_RUN_BOUNDS.maxPendingBytes - 2 * stored.stored_bytes });

    expect((await uploadWorkbook(unitA, 'addition', file)).status).toBe(200);
    const over = await uploadWorkbook(unitA, 'addition', file);
    expect([over.status, over.body.code, over.body.message]).toEqual([
      429,
      'BATCH_DRY_RUNS_TOO_LARGE',
      EN.errors.BATCH_DRY_RUNS_TOO_LARGE.replace('{{limit}}', `${DRY_RUN_BOUNDS.maxPendingBytes / 1024 / 1024} MB`),
    ]);
  });

  it('holds the bound when two instances take a unit’s last place at once', async () => {
    const first = await uploadWorkbook(unitA, 'addition', file);
    await keepCopies(first.body.token, DRY_RUN_BOUNDS.maxPending - 2);
    const other = await hall.otherInstanceClient('en');
    await other.signInUnitAdmin(0);

    // Both dry runs reach the database while the unit is locked here, so they store at the same time.
    const unitId = (await pendingOf(first.body.token)).unit_id;
    const holder = await hall.db.knex.transaction();
    await holder('units').where({ id: unitId }).forUpdate().first('id');
    const both = Promise.all([uploadWorkbook(unitA, 'addition', file), uploadWorkbook(other, 'addition', file)]);
    try {
      await bothWaiting(hall.db.knex, holder);
    } finally {
      await holder.commit();
    }

    const results = await both;
    expect(results.map((r) => r.status).sort()).toEqual([200, 429]);
    const pending = await hall.db.knex('batch_uploads').whereNull('batch_id').count({ n: '*' }).first();
    expect(pending).toEqual({ n: DRY_RUN_BOUNDS.maxPending } as never);
  });
});

/** Until two sessions wait behind `holder`'s lock (PostgreSQL); SQLite's one connection makes every other query wait. */
async function bothWaiting(knex: Knex, holder: Knex.Transaction): Promise<void> {
  if (ENGINE === 'sqlite') return void (await sleep(1500));
  const { rows } = await holder.raw('select pg_backend_pid() as pid');
  for (let waited = 0; waited < 15_000; waited += 100) {
    // The first waits for the holder, the second queues behind the first. Asked outside the holder's
    // transaction, which would see the activity as it was at its first look.
    const blocked = await knex.raw(
      `with recursive blocked(pid) as (
         select pid from pg_stat_activity where ?::int = any(pg_blocking_pids(pid))
         union select a.pid from pg_stat_activity a join blocked b on b.pid = any(pg_blocking_pids(a.pid))
       ) select count(*) as n from blocked`,
      [rows[0].pid],
    );
    if (Number(blocked.rows[0].n) >= 2) return;
    await sleep(100);
  }
  throw new Error('the two dry runs never waited for the unit');
}
