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
