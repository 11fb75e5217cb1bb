import { PassThrough, Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { WorkbookWorkers } from '../workers/workbook-workers';
import { writeWorkbookOnWorker, type WorkbookJob } from './export-workers';

interface Person {
  name: string;
  wageFen: number;
}

const columns: WorkbookJob<Person>['columns'] = [
  { header: '姓名', value: (p) => p.name },
  { header: '工资', kind: 'money', value: (p) => p.wageFen },
];

async function* pagesOf(count: number, pageSize: number, failAfter = Infinity): AsyncGenerator<Person[]> {
  for (let start = 0; start < count; start += pageSize) {
    if (start >= failAfter) throw new Error('the database went away');
    yield Array.from({ length: Math.min(pageSize, count - start) }, (_, i) => ({ name: `职工${start + i}`, wageFen: 500_000 + start + i }));
  }
}

async function exportToBuffer(workers: WorkbookWorkers, count: number): Promise<ExcelJS.Worksheet> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  await writeWorkbookOnWorker(out, { sheetName: '名单', title: ['单位'], columns, pages: pagesOf(count, 700) }, workers);
  out.end();
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.concat(chunks) as unknown as ExcelJS.Buffer);
  return workbook.getWorksheet('名单')!;
}

describe('exports on the workbook workers', () => {
  // One worker, so the tests see whether a failed export leaves it usable or replaced.
  const workers = new WorkbookWorkers({ size: 1, maxOldGenerationSizeMb: 128, maxYoungGenerationSizeMb: 16 });

  it('writes every page in order, money in yuan with thousands separators and two decimals', async () => {
    const sheet = await exportToBuffer(workers, 2500);
    expect(sheet.getCell('A1').value).toBe('单位');
    expect(sheet.getCell('A2').value).toBe('姓名');
    expect(sheet.rowCount).toBe(2 + 2500);
    expect(sheet.getCell('A3').value).toBe('职工0');
    expect(sheet.getCell(`A${2 + 2500}`).value).toBe('职工2499');
    expect(sheet.getCell('B3').value).toBe(5000);
    // 500,001 fen: a value whose cents show whether yuan were computed from the fen exactly.
    expect(sheet.getCell('B4').value).toBe(5000.01);
    expect(sheet.getCell('B4').numFmt).toBe('#,##0.00');
  });

  it('freezes the title and the header, and puts the filter buttons on the header', async () => {
    const sheet = await exportToBuffer(workers, 3);
    expect(sheet.views[0]).toEqual(jasmine.objectContaining({ state: 'frozen', ySplit: 2 }));
    expect(sheet.autoFilter).toEqual('A2:B2');
  });

  it('gives up when the download is closed, and the next export still works', async () => {
    let received = 0;
    const closing = new Writable({
      write(chunk: Buffer, _encoding, done) {
        received += chunk.length;
        done();
        // The browser goes away after the first bytes.
        this.destroy();
      },
    });
    await expectAsync(
      writeWorkbookOnWorker(closing, { sheetName: '名单', title: [], columns, pages: pagesOf(50_000, 1000) }, workers),
    ).toBeRejectedWithError(/closed before the export finished/);
    expect(received).toBeGreaterThan(0);
    expect((await exportToBuffer(workers, 10)).rowCount).toBe(2 + 10);
  });

  it('fails when reading a page fails, and the next export still works', async () => {
    const out = new PassThrough().resume();
    await expectAsync(
      writeWorkbookOnWorker(out, { sheetName: '名单', title: [], columns, pages: pagesOf(5000, 1000, 2000) }, workers),
    ).toBeRejectedWithError('the database went away');
    expect((await exportToBuffer(workers, 3)).rowCount).toBe(2 + 3);
  });
});
