import sqlite3 from 'sqlite3';
import { createTestHall, ENGINE, type HallClient, type TestHall } from '../../test/harness';
import { addition, newIdNumber } from '../../test/declarations';
import { DEMO_PASSWORDS, DEMO_UNITS } from '../db/seeds/demo';

/** Runs one statement on a connection of its own, outside the hall's pool. */
const run = (connection: sqlite3.Database, sql: string) =>
  new Promise<void>((resolve, reject) => connection.run(sql, (err) => (err ? reject(err) : resolve())));

describe('a SQLite database another process holds the write lock of', () => {
  let hall: TestHall;
  let unit: HallClient;
  let other: sqlite3.Database;
  const sqlite = ENGINE === 'sqlite';

  beforeEach(() => {
    if (!sqlite) pending('SQLite only: PostgreSQL waits on row locks rather than failing a writer');
  });
  beforeAll(async () => {
    if (!sqlite) return;
    hall = await createTestHall();
    unit = await hall.client('en');
    await unit.signInUnitAdmin(0);
    const filename = (hall.db.knex.client.config.connection as { filename: string }).filename;
    other = new sqlite3.Database(filename);
  });
  afterAll(async () => {
    if (!sqlite) return;
    await new Promise((resolve) => other.close(resolve));
    await hall.close();
  });

  it('answers a write the lock refuses (SQLITE_BUSY) 503 with Retry-After, worded, and takes the same write once the lock is gone', async () => {
    await run(other, 'BEGIN IMMEDIATE');
    const refused = await unit.post('/api/additions', addition(newIdNumber(71)));
    await run(other, 'ROLLBACK');
    expect(refused.status).toBe(503);
    expect(refused.headers['retry-after']).toBe('5');
    expect(refused.body.code).toBe('DATABASE_UNAVAILABLE');
    expect(refused.body.message).toBe('The database cannot be reached at the moment. Please try again in 5 seconds.');
    expect(refused.body.details.retryAfterSeconds).toBe(5);

    expect((await unit.post('/api/additions', addition(newIdNumber(71)))).status).toBe(201);
  }, 30_000);

  it('answers a sign-in whose attempt cannot be counted 503, not as throttled', async () => {
    const caller = await hall.client('en');
    await run(other, 'BEGIN IMMEDIATE');
    const refused = await caller.post('/api/auth/login/unit', { creditCode: DEMO_UNITS[0].creditCode, password: DEMO_PASSWORDS.unitAdmin });
    await run(other, 'ROLLBACK');
    expect([refused.status, refused.body.code, refused.headers['retry-after']]).toEqual([503, 'DATABASE_UNAVAILABLE', '5']);

    expect((await caller.post('/api/auth/login/unit', { creditCode: DEMO_UNITS[0].creditCode, password: DEMO_PASSWORDS.unitAdmin })).status).toBe(
      200,
    );
  }, 60_000);
});
