import ExcelJS from 'exceljs';
import type request from 'supertest';
import type { HallClient } from './harness';

/** Downloads an .xlsx export whole and opens its first sheet. */
export async function downloadWorkbook(
  client: HallClient,
  url: string,
  lang = client.lang,
): Promise<{ res: request.Response; sheet: ExcelJS.Worksheet }> {
  const res = await client.agent
    .get(url)
    .set('Accept-Language', lang)
    .buffer(true)
    .parse((response, done) => {
      const chunks: Buffer[] = [];
      response.on('data', (c: Buffer) => chunks.push(c));
      response.on('end', () => done(null, Buffer.concat(chunks)));
    });
  const workbook = new ExcelJS.Workbook();
  if (res.status === 200) await workbook.xlsx.load(res.body);
  return { res, sheet: workbook.worksheets[0] };
}
