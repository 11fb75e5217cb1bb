import { Writable } from 'node:stream';
import express from 'express';
import { pino } from 'pino';
import request from 'supertest';
import { requestLog } from './request-log';

/** An app whose one route answers 201, logging through a pino logger at `level` into the returned lines. */
function appLogging(level: string) {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  const app = express();
  app.use(requestLog(pino({ level }, sink), (url) => url.startsWith('/health')));
  app.get(['/things', '/health'], (_req, res) => void res.status(201).json({ ok: true }));
  return { app, lines };
}

describe('the request log', () => {
  it("answers each request with its id, the caller's kept up to 40 characters", async () => {
    const { app } = appLogging('info');
    const kept = await request(app).get('/things').set('X-Request-Id', 'x'.repeat(50));
    expect(kept.headers['x-request-id']).toBe('x'.repeat(40));
    const made = await request(app).get('/things');
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('logs a completed request at info with its id, method, path, status and time, and no headers', async () => {
    const { app, lines } = appLogging('info');
    await request(app).get('/things?page=2').set('X-Request-Id', 'r-1').set('Cookie', 'uh_session=secret');
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines).toEqual([
      jasmine.objectContaining({
        level: 30,
        msg: 'request completed',
        reqId: 'r-1',
        req: { method: 'GET', url: '/things?page=2' },
        res: { statusCode: 201 },
        responseTime: jasmine.any(Number),
      }),
    ]);
    expect(JSON.stringify(lines)).not.toContain('secret');
  });

  it('writes nothing for probes, nor above info', async () => {
    const quiet = appLogging('info');
    await request(quiet.app).get('/health');
    const warn = appLogging('warn');
    await request(warn.app).get('/things');
    await new Promise((resolve) => setImmediate(resolve));
    expect(quiet.lines).toEqual([]);
    expect(warn.lines).toEqual([]);
  });
});
