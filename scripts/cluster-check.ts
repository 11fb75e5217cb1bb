/**
 * The deployment the README describes, on one machine: three hall instances on one PostgreSQL database
 * (a schema of this check's own, dropped at the end) behind a round-robin proxy (http-proxy-3). Through
 * the proxy, so that consecutive requests of one browser reach different instances: a smoke test (sign
 * in, list, submit, review) and races of twenty concurrent requests whose one-winner rules the database
 * guarantees. Ends non-zero on any failure; stops everything it started. Run by scripts/cluster-check.sh.
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import knexFactory from 'knex';
import { createProxyServer } from 'http-proxy-3';
import { DEMO_PASSWORDS, DEMO_REVIEWER, DEMO_UNITS } from '../server/src/db/seeds/demo';
import { spawnHall, type HallProcess } from '../server/test/hall-process';
import { addition, newIdNumber, unitInfoChange } from '../server/test/declarations';

const POSTGRES_URL = process.env.CLUSTER_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
/** The proxy's port; the instances take the next three. */
const PROXY_PORT = Number(process.env.CLUSTER_PORT ?? 3161);
const INSTANCES = 3;
const REQUESTS = 20;
const METRICS_TOKEN = randomBytes(16).toString('hex');

let failures = 0;
function check(condition: boolean, what: string, detail: unknown = ''): void {
  if (condition) process.stdout.write(`  ok   ${what}\n`);
  else {
    failures++;
    process.stdout.write(`  FAIL ${what} ${typeof detail === 'string' ? detail : JSON.stringify(detail)}\n`);
  }
}

/** The month an addition may take effect from: this month in Shanghai, as the servers' clock sees it. */
const thisMonth = () =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).format(new Date()).replace('-', '');

/** What the checks read of a JSON answer. */
interface Body {
  id: number;
  code?: string;
  status?: string;
  items?: unknown[];
}

interface Answer {
  status: number;
  body: Body;
  /** Which instance answered (the proxy's X-Hall-Instance). */
  instance: string;
}

/** A browser through the proxy: keeps its cookies and echoes XSRF-TOKEN as X-XSRF-TOKEN. */
class Browser {
  private readonly cookies = new Map<string, string>();
  readonly instances = new Set<string>();

  constructor(private readonly base: string) {}

  async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
    const res = await fetch(this.base + path, {
      method,
      headers: {
        'Accept-Language': 'en',
        Cookie: this.cookieHeader,
        'X-XSRF-TOKEN': decodeURIComponent(this.cookies.get('XSRF-TOKEN') ?? ''),
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    for (const cookie of res.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const at = pair.indexOf('=');
      this.cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
    const text = await res.text();
    const instance = res.headers.get('x-hall-instance') ?? '?';
    this.instances.add(instance);
    const json = text !== '' && res.headers.get('content-type')?.includes('json');
    return { status: res.status, body: json ? (JSON.parse(text) as Body) : { id: 0, code: text }, instance };
  }

  /** The cookies as sent, for a request made around the proxy. */
  get cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  get = (path: string) => this.request('GET', path);
  post = (path: string, body?: unknown, headers?: Record<string, string>) => this.request('POST', path, body ?? {}, headers);
}

/** Round robin over the instances; the answering one is named in X-Hall-Instance for the checks. */
function startProxy(targets: string[]): Promise<http.Server> {
  const proxy = createProxyServer({ xfwd: true });
  let next = 0;
  const server = http.createServer((req, res) => {
    const at = next++ % targets.length;
    res.setHeader('X-Hall-Instance', String(at + 1));
    proxy.web(req, res, { target: targets[at] }, (error) => {
      if (!res.headersSent) res.writeHead(502, { 'Content-Type': 'text/plain' });
      res.end(`proxy: ${error.message}`);
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(PROXY_PORT, '127.0.0.1', () => resolve(server));
  });
}

async function smoke(base: string): Promise<void> {
  process.stdout.write('smoke test through the proxy\n');
  const admin = new Browser(base);
  await admin.get('/api/auth/me');
  const signIn = await admin.post('/api/auth/login/unit', { creditCode: DEMO_UNITS[0].creditCode, password: DEMO_PASSWORDS.unitAdmin });
  check(signIn.status === 200, 'unit administrator signs in', signIn);
  const list = await admin.get('/api/insured-persons?page=0&pageSize=20');
  check(list.status === 200 && (list.body.items?.length ?? 0) > 0, 'lists the insured persons', list.status);
  const submitted = await admin.post('/api/additions', addition(newIdNumber(700), { effectiveMonth: thisMonth() }));
  check(submitted.status === 201, 'submits an addition', submitted);

  const reviewer = new Browser(base);
  await reviewer.get('/api/auth/me');
  check(
    (await reviewer.post('/api/auth/login/reviewer', { username: DEMO_REVIEWER.username, password: DEMO_PASSWORDS.reviewer })).status === 200,
    'reviewer signs in',
  );
  const decision = await reviewer.post(`/api/review/submissions/${submitted.body.id}/decision`, { approve: true });
  check(decision.status === 200, 'reviewer approves it', decision);
  const seen = await admin.get(`/api/submissions/${submitted.body.id}`);
  check(seen.status === 200 && seen.body.status === 'approved', 'the unit sees it approved', seen.body.status);
  // Every request carried the session and the CSRF token; they were answered by more than one instance.
  check(admin.instances.size === INSTANCES, `the administrator's requests reached all ${INSTANCES} instances`, [...admin.instances]);
}

async function races(base: string, db: knexFactory.Knex): Promise<void> {
  process.stdout.write(`races of ${REQUESTS} concurrent requests through the proxy\n`);
  const admin = new Browser(base);
  await admin.get('/api/auth/me');
  await admin.post('/api/auth/login/unit', { creditCode: DEMO_UNITS[0].creditCode, password: DEMO_PASSWORDS.unitAdmin });
  let keys = 0;
  const race = (path: string, body: object) =>
    Promise.all(Array.from({ length: REQUESTS }, () => admin.post(path, body, { 'Idempotency-Key': `cluster-${++keys}` })));
  const count = async (table: string, where: Record<string, unknown>) => Number((await db(table).where(where).count({ n: '*' }).first())!.n);

  const idNumber = newIdNumber(701);
  const additions = await race('/api/additions', addition(idNumber, { effectiveMonth: thisMonth() }));
  check(
    additions.filter((r) => r.status === 201).length === 1,
    'one of twenty additions of a person is created',
    additions.map((r) => r.status),
  );
  check(new Set(additions.map((r) => r.instance)).size === INSTANCES, 'the additions were spread over the instances');
  check((await count('declarations', { id_number: idNumber, type: 'addition', status: 'pending' })) === 1, 'one pending addition in the database');

  const changes = await race('/api/unit/info-changes', unitInfoChange);
  check(
    changes.filter((r) => r.status === 201).length === 1,
    'one of twenty unit information changes is created',
    changes.map((r) => r.status),
  );
  check(changes.filter((r) => r.status === 409 && r.body.code === 'CHANGE_PENDING').length === REQUESTS - 1, 'the others are told one is pending');
  check((await count('declarations', { type: 'unit-info-change', status: 'pending' })) === 1, 'one pending unit information change in the database');

  const winner = additions.find((r) => r.status === 201)!.body.id;
  const receipts = await race('/api/receipts', { submissionId: winner });
  check(
    receipts.every((r) => r.status === 200),
    'twenty prints of a receipt all answer',
    receipts.map((r) => r.status),
  );
  const codes = await db('receipts').where({ submission_id: winner }).pluck('code');
  check(codes.length === 1 && receipts.every((r) => r.body.code === codes[0]), 'one receipt code issued, the same in every answer', codes);

  const reviewer = new Browser(base);
  await reviewer.get('/api/auth/me');
  await reviewer.post('/api/auth/login/reviewer', { username: DEMO_REVIEWER.username, password: DEMO_PASSWORDS.reviewer });
  const decisions = await Promise.all(
    Array.from({ length: REQUESTS }, () => reviewer.post(`/api/review/submissions/${winner}/decision`, { approve: false, reason: '资料不全' })),
  );
  check(
    decisions.filter((r) => r.status === 200).length === 1,
    'one of twenty decisions of a submission is taken',
    decisions.map((r) => r.status),
  );
  check(decisions.filter((r) => r.body.code === 'SUBMISSION_NOT_PENDING').length === REQUESTS - 1, 'the others are told it is decided');
  const messages = await db('messages').where({ kind: 'submission-rejected' }).select('params');
  check(messages.filter((m) => JSON.parse(m.params).submissionId === winner).length === 1, 'one message of the rejection in the database');
}

/**
 * Each instance reuses the sessions it resolved for a few seconds; one signed out through any of them is refused by
 * every instance within a moment (the database's NOTIFY), not after the reuse runs out.
 */
async function signOut(base: string, halls: HallProcess[]): Promise<void> {
  process.stdout.write('a session signed out on one instance, asked of each\n');
  const user = new Browser(base);
  await user.get('/api/auth/me');
  await user.post('/api/auth/login/unit', { creditCode: DEMO_UNITS[1].creditCode, password: DEMO_PASSWORDS.unitAdmin });
  for (let i = 0; i < 2 * INSTANCES; i++) await user.get('/api/auth/me');
  const signedIn = user.cookieHeader;
  check((await user.post('/api/auth/logout')).status === 204, 'signs out through the proxy');
  for (const [i, hall] of halls.entries()) {
    const started = Date.now();
    const oldSession = async () => (await fetch(`${hall.baseUrl}/api/auth/me`, { headers: { Cookie: signedIn } })).status;
    let status = await oldSession();
    while (status !== 401 && Date.now() - started < 2000) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      status = await oldSession();
    }
    check(status === 401, `instance ${i + 1} refuses the old session (${Date.now() - started} ms after)`, status);
  }
}

/** Each instance answered some of the requests, as its own /metrics counts them. */
async function metrics(halls: HallProcess[]): Promise<void> {
  process.stdout.write('each instance, asked directly\n');
  for (const [i, hall] of halls.entries()) {
    const ready = await fetch(`${hall.baseUrl}/api/health/ready`);
    check(ready.status === 200, `instance ${i + 1} is ready`, ready.status);
    const scrape = await fetch(`${hall.baseUrl}/metrics`, { headers: { Authorization: `Bearer ${METRICS_TOKEN}` } });
    const text = await scrape.text();
    const served = text
      .split('\n')
      .filter((line) => line.startsWith('hall_http_request_duration_seconds_count{'))
      .reduce((n, line) => n + Number(line.split(' ').at(-1)), 0);
    check(scrape.status === 200 && served > 10, `instance ${i + 1} served its share (${served} requests)`, scrape.status);
  }
}

const schema = `cluster_check_${randomBytes(4).toString('hex')}`;
const admin = knexFactory({ client: 'pg', connection: POSTGRES_URL, pool: { min: 0, max: 1 } });
const db = knexFactory({ client: 'pg', connection: POSTGRES_URL, searchPath: [schema], pool: { min: 0, max: 2 } });
const halls: HallProcess[] = [];
let proxy: http.Server | undefined;
try {
  await admin.raw(`CREATE SCHEMA ${schema}`);
  const env = (i: number) => ({
    PORT: String(PROXY_PORT + 1 + i),
    DATABASE_URL: `${POSTGRES_URL}?schema=${schema}`,
    NODE_ENV: 'development',
    SEED_DEMO: 'true',
    LOG_LEVEL: 'warn',
    TRUST_PROXY: 'loopback',
    METRICS_TOKEN,
  });
  // The first instance migrates and seeds the empty schema; the others then start on it as a restart would.
  halls.push(await spawnHall({ env: env(0) }));
  await halls[0].answering(60_000);
  for (let i = 1; i < INSTANCES; i++) halls.push(await spawnHall({ env: env(i) }));
  await Promise.all(halls.map((h) => h.answering(60_000)));
  proxy = await startProxy(halls.map((h) => h.baseUrl));
  const base = `http://127.0.0.1:${PROXY_PORT}`;
  process.stdout.write(`${INSTANCES} instances (${halls.map((h) => h.baseUrl).join(', ')}) behind ${base}, schema ${schema}\n`);

  await smoke(base);
  await races(base, db);
  await signOut(base, halls);
  await metrics(halls);
} catch (error) {
  failures++;
  process.stdout.write(`FAIL ${error instanceof Error ? error.stack : String(error)}\n`);
  for (const [i, hall] of halls.entries()) process.stdout.write(`--- instance ${i + 1} output ---\n${hall.stdout}${hall.stderr}\n`);
} finally {
  proxy?.close();
  await Promise.all(halls.map((h) => h.stop()));
  await db.destroy();
  await admin.raw(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => undefined);
  await admin.destroy();
}
process.stdout.write(failures === 0 ? 'cluster check passed\n' : `cluster check FAILED: ${failures} failure(s)\n`);
process.exit(failures === 0 ? 0 : 1);
