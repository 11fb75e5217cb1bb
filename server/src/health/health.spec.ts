import { createTestHall, ENGINE, type TestHall } from '../../test/harness';

describe('health and the API description', () => {
  let hall: TestHall;

  beforeAll(async () => {
    hall = await createTestHall();
  });
  afterAll(() => hall.close());

  it('reports the database engine in use', async () => {
    const client = await hall.client();
    const res = await client.get('/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual(jasmine.objectContaining({ status: 'ok', database: ENGINE }));
    // The API answers no-store: no ETag is hashed from its bodies.
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers.etag).toBeUndefined();
  });

  it('answers liveness without asking the database', async () => {
    const client = await hall.client();
    const res = await client.get('/api/health/live');
    expect([res.status, res.body]).toEqual([200, { status: 'ok' }]);
  });

  it('is ready while the database answers with the current schema, and answers 503 once draining', async () => {
    const other = await createTestHall();
    try {
      const client = await other.client();
      const ready = await client.get('/api/health/ready');
      expect([ready.status, ready.body]).toEqual([200, { status: 'ready', database: true, migrations: true, draining: false }]);

      other.app.locals.services.readiness.drain();
      const draining = await client.get('/api/health/ready');
      expect([draining.status, draining.body]).toEqual([503, { status: 'unavailable', database: true, migrations: true, draining: true }]);
      // Still alive, and still serving what it is asked.
      expect((await client.get('/api/health/live')).status).toBe(200);
      expect((await client.get('/api/health')).status).toBe(200);
    } finally {
      await other.close();
    }
  });

  it('is not ready on a schema behind its code', async () => {
    const behind = await createTestHall();
    try {
      const last = await behind.db.knex('knex_migrations').orderBy('id', 'desc').first('id');
      await behind.db.knex('knex_migrations').where({ id: last.id }).delete();
      const res = await (await behind.client()).get('/api/health/ready');
      expect([res.status, res.body]).toEqual([503, { status: 'unavailable', database: true, migrations: false, draining: false }]);
    } finally {
      await behind.close();
    }
  });

  it('describes every mounted endpoint in the OpenAPI document', async () => {
    const client = await hall.client();
    const res = await client.get('/api/openapi.json');
    expect(res.body.openapi).toMatch(/^3\./);
    const documented = Object.entries(res.body.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => `${method} ${path}`),
    );
    const mounted = hall.app.locals.routes.map((r) => `${r.method} /api${r.path.replace(/:(\w+)/g, '{$1}')}`);
    expect(documented.sort()).toEqual(mounted.sort());
    expect(res.body.paths['/api/auth/login/unit'].post.requestBody.content['application/json'].schema.properties.creditCode).toBeDefined();
  });

  it('answers an unknown API path with a JSON 404 and sends security headers', async () => {
    const client = await hall.client();
    const res = await client.get('/api/nothing-here');
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('NOT_FOUND');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['cache-control']).toBe('no-store');
  });
});
