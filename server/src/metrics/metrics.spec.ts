import request from 'supertest';
import { createTestHall, type TestHall } from '../../test/harness';

const TOKEN = 'scrape-token-0123456789abcdef';

/** The sample lines of one metric in a scrape: `name{labels} value`. */
const samples = (text: string, name: string) => text.split('\n').filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `));

describe('GET /metrics', () => {
  describe('without a configured token', () => {
    let hall: TestHall;
    beforeAll(async () => (hall = await createTestHall()));
    afterAll(() => hall.close());

    it('answers 404, whatever the caller sends', async () => {
      expect((await request(hall.app).get('/metrics')).status).toBe(404);
      expect((await request(hall.app).get('/metrics').set('Authorization', 'Bearer ')).status).toBe(404);
      expect((await request(hall.app).get('/metrics').set('Authorization', `Bearer ${TOKEN}`)).status).toBe(404);
    });
  });

  describe('with METRICS_TOKEN', () => {
    let hall: TestHall;
    beforeAll(async () => (hall = await createTestHall({ metricsToken: TOKEN })));
    afterAll(() => hall.close());

    const scrape = () => request(hall.app).get('/metrics').set('Authorization', `Bearer ${TOKEN}`);

    it('refuses a caller without the token, or with another, and asks for a bearer', async () => {
      const anonymous = await request(hall.app).get('/metrics');
      expect(anonymous.status).toBe(401);
      expect(anonymous.headers['www-authenticate']).toMatch(/^Bearer /);
      expect(anonymous.text).toBe('');
      expect((await request(hall.app).get('/metrics').set('Authorization', `Bearer ${TOKEN}x`)).status).toBe(401);
      expect((await request(hall.app).get('/metrics').set('Authorization', TOKEN)).status).toBe(401);
      // Not an API route: a session does not open it either.
      const admin = await hall.client();
      await admin.signInUnitAdmin(0);
      expect((await admin.get('/metrics')).status).toBe(401);
      expect((await admin.get('/api/metrics')).status).toBe(404);
    });

    it('times requests by their declared route, counts list cache hits and misses, and shows the pool and the workers', async () => {
      const admin = await hall.client();
      await admin.signInUnitAdmin(0);
      const list = await admin.get('/api/insured-persons?page=0&pageSize=5');
      expect(list.status).toBe(200);
      expect((await admin.get('/api/insured-persons?page=0&pageSize=5')).status).toBe(200);
      const [first, second] = list.body.items;
      expect((await admin.get(`/api/insured-persons/${first.personId}`)).status).toBe(200);
      expect((await admin.get(`/api/insured-persons/${second.personId}`)).status).toBe(200);
      expect((await admin.get('/api/no-such-thing/42')).status).toBe(404);

      const res = await scrape();
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
      const text = res.text;

      const counts = samples(text, 'hall_http_request_duration_seconds_count');
      expect(counts).toContain('hall_http_request_duration_seconds_count{method="GET",route="/api/insured-persons/:personId",status="200"} 2');
      expect(counts).toContain('hall_http_request_duration_seconds_count{method="GET",route="/api/insured-persons",status="200"} 2');
      expect(
        counts.some((line) => line.startsWith('hall_http_request_duration_seconds_count{method="POST",route="/api/auth/login/unit",status="200"}')),
      ).toBeTrue();
      // The other test may have asked for /api/metrics: only that the unmatched path is counted under one name.
      expect(
        counts.some((line) => line.startsWith('hall_http_request_duration_seconds_count{method="GET",route="/api/(unmatched)",status="404"}')),
      ).toBeTrue();
      // No raw URL, so no id, makes a series of its own.
      expect(counts.filter((line) => line.includes(String(first.personId)) || line.includes('no-such-thing'))).toEqual([]);

      expect(samples(text, 'hall_list_cache_misses_total')).toContain('hall_list_cache_misses_total{list="insured-persons"} 1');
      expect(samples(text, 'hall_list_cache_hits_total')).toContain('hall_list_cache_hits_total{list="insured-persons"} 1');

      for (const name of [
        'hall_db_pool_connections_used',
        'hall_db_pool_connections_free',
        'hall_db_pool_acquires_pending',
        'hall_list_cache_rows',
        'process_resident_memory_bytes',
      ]) {
        expect(samples(text, name).length).withContext(name).toBe(1);
      }
      expect(samples(text, 'hall_db_pool_connections_free')[0]).toMatch(/ [1-9]\d*$/);
      // The reads since signing in reuse its session.
      expect(samples(text, 'hall_sessions_kept')).toEqual(['hall_sessions_kept 1']);
      expect(samples(text, 'hall_session_changes_listening')).toEqual(['hall_session_changes_listening 1']);
      for (const name of ['hall_workbook_jobs_running', 'hall_workbook_jobs_waiting', 'hall_workbook_workers_idle']) {
        expect(samples(text, name).map((line) => line.replace(/ \d+$/, '')))
          .withContext(name)
          .toEqual([`${name}{pool="export-threads"}`, `${name}{pool="sheet-processes"}`]);
      }
      expect(samples(text, 'hall_workbook_workers_max')).toEqual([
        'hall_workbook_workers_max{pool="export-threads"} 2',
        'hall_workbook_workers_max{pool="sheet-processes"} 2',
      ]);
    });
  });
});
