import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { precompressClient } from '../../../scripts/precompress-client';
import { createTestHall, type TestHall } from '../../test/harness';

/** Text that compresses well, as a built bundle does. */
const BUNDLE = `console.log(${JSON.stringify('附加 addition '.repeat(400))});\n`;
const INDEX = `<!doctype html><html><head><script src="main-AB12CD34.js" type="module"></script></head><body>${'<app-root></app-root>'.repeat(60)}</body></html>`;
const CATALOGUE = JSON.stringify({ nav: { home: '首页 Home '.repeat(80) } });
const YEAR_IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * The body as text, decoded by supertest as a browser would by its Content-Encoding (so a wrong encoding
 * fails to decode); Content-Length tells the bytes that travelled.
 */
function text(req: request.Test): request.Test {
  return req.buffer(true).parse((res, done) => {
    let body = '';
    res.setEncoding('utf8');
    res.on('data', (c: string) => (body += c));
    res.on('end', () => done(null, body));
  });
}
const sent = (res: request.Response) => Number(res.headers['content-length']);

describe('the built client, served compressed and cached', () => {
  let hall: TestHall;
  let dist: string;
  const get = (url: string, acceptEncoding?: string) => {
    const req = request(hall.app).get(url);
    return text(acceptEncoding === undefined ? req : req.set('Accept-Encoding', acceptEncoding));
  };

  beforeAll(async () => {
    dist = mkdtempSync(path.join(os.tmpdir(), 'unit-hall-dist-'));
    mkdirSync(path.join(dist, 'i18n'));
    mkdirSync(path.join(dist, 'media'));
    writeFileSync(path.join(dist, 'index.html'), INDEX);
    writeFileSync(path.join(dist, 'main-AB12CD34.js'), BUNDLE);
    writeFileSync(path.join(dist, 'i18n', 'zh-CN.json'), CATALOGUE);
    writeFileSync(path.join(dist, 'chunk-DXD_q-sf.js'), BUNDLE);
    // Copied from client/public under its own name, which only looks like a hashed one.
    writeFileSync(path.join(dist, 'holidays-calendar.json'), CATALOGUE);
    // A font is compressed already: it is sent as it is.
    writeFileSync(path.join(dist, 'media', 'material-symbols-EF56GH78.woff2'), Buffer.alloc(2048, 7));
    await precompressClient(dist);
    hall = await createTestHall({ clientDist: dist });
  });
  afterAll(async () => {
    await hall.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it('sends a hashed bundle as brotli when the browser accepts it, even after gzip in its list', async () => {
    const res = await get('/main-AB12CD34.js', 'gzip, deflate, br, zstd');
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toMatch(/^(text|application)\/javascript/);
    expect(res.headers['vary']).toMatch(/Accept-Encoding/i);
    expect(res.body).toBe(BUNDLE);
    expect(sent(res)).toBeLessThan(Buffer.byteLength(BUNDLE) / 4);
  });

  it('sends gzip to a browser that accepts gzip but not brotli', async () => {
    const res = await get('/main-AB12CD34.js', 'gzip');
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.body).toBe(BUNDLE);
    expect(sent(res)).toBeLessThan(Buffer.byteLength(BUNDLE) / 4);
  });

  it('sends the plain file when brotli is refused and gzip not asked for', async () => {
    const res = await get('/main-AB12CD34.js', 'br;q=0, identity');
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.body).toBe(BUNDLE);
    expect(sent(res)).toBe(Buffer.byteLength(BUNDLE));
  });

  it('caches hashed assets for a year as immutable', async () => {
    expect((await get('/main-AB12CD34.js', 'br')).headers['cache-control']).toBe(YEAR_IMMUTABLE);
    // Angular's lazy chunks are hashed in both cases, with - and _.
    expect((await get('/chunk-DXD_q-sf.js', 'br')).headers['cache-control']).toBe(YEAR_IMMUTABLE);
    const font = await get('/media/material-symbols-EF56GH78.woff2', 'gzip, br');
    expect(font.status).toBe(200);
    expect(font.headers['cache-control']).toBe(YEAR_IMMUTABLE);
    expect(font.headers['content-encoding']).toBeUndefined();
    expect(font.headers['content-type']).toBe('font/woff2');
  });

  it('has index.html and unhashed files revalidated on every use, compressed too', async () => {
    for (const url of ['/', '/login', '/index.html']) {
      const res = await get(url, 'gzip, deflate, br');
      expect(res.status).withContext(url).toBe(200);
      expect(res.headers['cache-control']).withContext(url).toBe('no-cache');
      expect(res.headers['content-type'])
        .withContext(url)
        .toMatch(/^text\/html/);
      expect(res.headers['content-encoding']).withContext(url).toBe('br');
      expect(res.body).withContext(url).toBe(INDEX);
    }
    expect((await get('/holidays-calendar.json', 'br')).headers['cache-control']).toBe('no-cache');
    const catalogue = await get('/i18n/zh-CN.json', 'gzip, deflate, br');
    expect(catalogue.headers['cache-control']).toBe('no-cache');
    expect(catalogue.headers['content-type']).toMatch(/^application\/json/);
    expect(catalogue.headers['content-encoding']).toBe('br');
    expect(catalogue.body).toBe(CATALOGUE);
  });

  it('answers a revalidation of an unchanged file with 304 and a different tag per encoding', async () => {
    const br = await get('/i18n/zh-CN.json', 'br');
    const plain = await get('/i18n/zh-CN.json', 'identity');
    expect(br.headers['etag']).toBeTruthy();
    expect(br.headers['etag']).not.toBe(plain.headers['etag']);
    const again = await request(hall.app).get('/i18n/zh-CN.json').set('Accept-Encoding', 'br').set('If-None-Match', br.headers['etag']);
    expect(again.status).toBe(304);
  });

  it('never hands out the precompressed files by their own names', async () => {
    const res = await get('/main-AB12CD34.js.br', 'br');
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.body).toBe(INDEX);
  });

  it('leaves the API uncompressed and uncached', async () => {
    const res = await get('/api/health', 'gzip, deflate, br');
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.headers['cache-control']).toBe('no-store');
  });
});
