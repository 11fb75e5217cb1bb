import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { createTestHall, type HallClient, type TestHall } from '../../test/harness';
import { XLSX_TYPE } from '../../test/batch-files';

const EN = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../../client/public/i18n/en.json'), 'utf8'));

describe('request bodies that cannot be decompressed', () => {
  let hall: TestHall;
  let admin: HallClient;

  beforeAll(async () => {
    hall = await createTestHall();
    admin = await hall.client('en');
    await admin.signInUnitAdmin(0);
  });
  afterAll(() => hall.close());

  const post = (url: string, type: string, body: Buffer, encoding = 'gzip') =>
    admin.agent
      .post(url)
      .set('Accept-Language', 'en')
      .set('X-XSRF-TOKEN', admin.xsrf)
      .set('Content-Type', type)
      .set('Content-Encoding', encoding)
      // The bytes as they are: superagent would serialise a Buffer sent as JSON.
      .serialize((bytes: Buffer) => bytes as unknown as string)
      .send(body);

  it('answers garbage declared as gzip with a translated 400, on a JSON route and on the upload', async () => {
    const garbage = Buffer.from('this is not gzip at all, just bytes');
    for (const res of [
      await post('/api/batches', 'application/json', garbage),
      await post('/api/batches/validate?kind=addition', XLSX_TYPE, garbage),
    ]) {
      expect([res.status, res.body.code, res.body.message]).toEqual([400, 'BODY_ENCODING_INVALID', EN.errors.BODY_ENCODING_INVALID]);
    }
  });

  it('answers a gzip body cut short with the same 400', async () => {
    const truncated = gzipSync(JSON.stringify({ token: 'x'.repeat(32) })).subarray(0, 20);
    const res = await post('/api/batches', 'application/json', truncated);
    expect([res.status, res.body.code]).toEqual([400, 'BODY_ENCODING_INVALID']);
  });

  it('answers a compression the hall does not read with a translated 415', async () => {
    const res = await post('/api/batches', 'application/json', Buffer.from('{}'), 'compress');
    expect([res.status, res.body.code]).toEqual([415, 'BODY_ENCODING_INVALID']);
  });

  it('still reads a well-formed gzip body', async () => {
    const res = await post('/api/batches', 'application/json', gzipSync(JSON.stringify({ token: 'x'.repeat(32) })));
    expect([res.status, res.body.code]).toEqual([404, 'BATCH_VALIDATION_EXPIRED']);
  });
});
