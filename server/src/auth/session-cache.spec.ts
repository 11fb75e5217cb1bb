/**
 * Instances reuse the sessions they resolved (session-cache.ts) only while they hear of every change that decides
 * a session. The halls' clock stands still, so a kept session never runs out by time here: only what is told to
 * an instance, or what it does itself, can end its reuse.
 */
import type { Knex } from 'knex';
import request from 'supertest';
import { AGENTS, createTestHall, ENGINE, type HallClient, type TestHall } from '../../test/harness';
import { SESSION_COOKIE } from '../http/session';
import { SessionCache } from './session-cache';

const LISTENER = "application_name = 'unit hall: uh_session_changes'";

/** Waits for `done`, checking every 20 ms; false if it never came within `ms` (well inside SESSION_REUSE_MS). */
async function eventually(done: () => Promise<boolean> | boolean, ms = 2000): Promise<boolean> {
  const deadline = Date.now() + ms;
  for (;;) {
    if (await done()) return true;
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** How many statements read a session while `action` ran. */
async function sessionReadsDuring(knex: Knex, action: () => Promise<unknown>): Promise<number> {
  let count = 0;
  const listener = (query: { sql: string }) => {
    if (/from ["`]sessions["`]/.test(query.sql)) count++;
  };
  knex.on('query', listener);
  try {
    await action();
  } finally {
    knex.off('query', listener);
  }
  return count;
}

describe('sessions reused by an instance', () => {
  let hall: TestHall;

  beforeEach(async () => {
    hall = await createTestHall();
  });
  afterEach(() => hall.close());

  /** Signs in on the first instance: the client there, and the session's cookie to send to either instance. */
  async function signedIn(as: 'admin' | 'agent'): Promise<{ client: HallClient; cookie: string }> {
    const client = await hall.client('en');
    const res = as === 'admin' ? await client.signInUnitAdmin(0) : await client.signInAgent(AGENTS.unitAOnly);
    const cookies = ([] as string[]).concat(res.headers['set-cookie']);
    // The agent acts for their unit: the session names it, and its binding decides the session.
    if (as === 'agent') expect((await client.post('/api/auth/unit', { unitId: res.body.units[0].id })).status).toBe(200);
    return { client, cookie: cookies.find((c) => c.startsWith(`${SESSION_COOKIE}=`))!.split(';')[0] };
  }
  const read = (app: TestHall['app'], cookie: string) => request(app).get('/api/auth/me').set('Cookie', cookie);

  it('answers a read from the session it resolved a moment ago', async () => {
    const { cookie } = await signedIn('admin');
    expect((await read(hall.app, cookie)).status).toBe(200);
    const reads = await sessionReadsDuring(hall.db.knex, async () => {
      for (let i = 0; i < 3; i++) expect((await read(hall.app, cookie)).status).toBe(200);
    });
    expect(reads).toBe(0);
  });

  /** `aroundTheHall`: written in the database, not through an instance: only PostgreSQL's triggers tell of it. */
  const endings: { what: string; aroundTheHall?: true; end(hall: TestHall, client: HallClient): Promise<unknown> }[] = [
    {
      what: 'the session signed out on the first instance',
      end: async (_hall, client) => expect((await client.post('/api/auth/logout')).status).toBe(204),
    },
    {
      what: 'the account disabled by an operator in the database',
      aroundTheHall: true,
      end: (hall) => hall.db.knex('users').where({ login: AGENTS.unitAOnly }).update({ disabled: true }),
    },
    {
      what: "the agent's binding to the unit disabled in the database",
      aroundTheHall: true,
      end: async (hall) => {
        const agent = await hall.db.knex('users').where({ login: AGENTS.unitAOnly }).first('id');
        await hall.db.knex('agent_units').where({ agent_id: agent.id }).update({ disabled: true });
      },
    },
  ];
  for (const ending of endings) {
    it(`refuses a session another instance had resolved once ${ending.what}`, async () => {
      if (ending.aroundTheHall && ENGINE !== 'postgres') {
        return pending('one process serves a SQLite database: a change written around it is seen once SESSION_REUSE_MS has passed');
      }
      const { client, cookie } = await signedIn('agent');
      const elsewhere = hall.otherApp();
      expect((await read(elsewhere, cookie)).status).toBe(200);
      expect((await read(elsewhere, cookie)).status).toBe(200);
      await ending.end(hall, client);
      // Told by the database's notification, not by time: the clock stands still.
      expect(await eventually(async () => (await read(elsewhere, cookie)).status === 401))
        .withContext('the other instance still answers the ended session')
        .toBeTrue();
    });
  }

  it('asks the database again after this instance answered a state-changing request', async () => {
    const { cookie } = await signedIn('admin');
    expect((await read(hall.app, cookie)).status).toBe(200);
    // Refused for its missing CSRF token, yet a write that reached the instance all the same.
    expect((await request(hall.app).post('/api/auth/logout').set('Cookie', cookie)).status).toBe(403);
    const reads = await sessionReadsDuring(hall.db.knex, async () => expect((await read(hall.app, cookie)).status).toBe(200));
    expect(reads).toBe(1);
  });

  it('reuses nothing while it cannot hear of changes, and forgets what it had kept', async () => {
    if (ENGINE !== 'postgres') return pending('SQLite is told of changes by its one process, which it never stops hearing');
    const feed = hall.db.sessionChanges;
    const { cookie } = await signedIn('admin');
    expect((await read(hall.app, cookie)).status).toBe(200);
    await hall.db.knex.raw(`select pg_terminate_backend(pid) from pg_stat_activity where ${LISTENER}`);
    expect(await eventually(() => !feed.live)).toBeTrue();
    expect((await read(hall.app, cookie)).status).toBe(200);
    // Ended while nobody listens: the notification is lost, and only asking the database finds out.
    await hall.db.knex('sessions').delete();
    expect((await read(hall.app, cookie)).status).toBe(401);

    // Listening again (a second later): what it kept before the gap is gone, and it reuses again.
    expect(await eventually(() => feed.live, 5000)).toBeTrue();
    expect((await read(hall.app, cookie)).status).toBe(401);
    const { cookie: again } = await signedIn('admin');
    expect((await read(hall.app, again)).status).toBe(200);
    const reads = await sessionReadsDuring(hall.db.knex, async () => expect((await read(hall.app, again)).status).toBe(200));
    expect(reads).toBe(0);
  });

  it('keeps nothing a lookup read before a change was heard of', async () => {
    const cache = new SessionCache(hall.db.sessionChanges);
    const { cookie } = await signedIn('admin');
    const resolved = (await read(hall.app, cookie)).body;
    const kept = { actor: { ...resolved.user, userId: resolved.user.id }, csrfToken: 'x' };
    const before = cache.ticket();
    cache.forgetUser(resolved.user.id);
    const after = cache.ticket();
    cache.keep('read before', resolved.user.id, kept, Infinity, before);
    cache.keep('read after', resolved.user.id, kept, Infinity, after);
    expect(cache.reuse('read before', 0)).toBeNull();
    expect(cache.reuse('read after', 0)).toEqual(kept);
  });
});
