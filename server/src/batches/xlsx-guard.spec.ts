import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { batchRow, bulkySheet, filledTemplate, unzip, zip, type ZipPart } from '../../test/batch-files';
import { AppError } from '../http/errors';
import { checkDeclaredSizes, checkXlsx, zipEntries } from './xlsx-guard';

/** What the guard says of a file: `accepted`, or the code it refuses it with. */
function verdict(file: Buffer): string {
  try {
    checkDeclaredSizes(file, checkXlsx(file));
    return 'accepted';
  } catch (error) {
    return error instanceof AppError ? error.code : String(error);
  }
}

/** Rows exceljs's streaming reader, left to itself, reads from every worksheet it finds. */
async function rowsRead(file: Buffer): Promise<number> {
  let rows = 0;
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([file]), { sharedStrings: 'cache', worksheets: 'emit' });
  for await (const sheet of reader) for await (const _ of sheet) rows++;
  return rows;
}

describe('the upload guard judges the entries the reader reads', () => {
  let parts: ZipPart[];
  const BULKY_ROWS = 8_000;

  beforeAll(async () => {
    parts = unzip(await filledTemplate('addition', [batchRow('11010519491231002X')]));
  });

  const withPart = (name: string, change: Partial<ZipPart>) => parts.map((p) => (p.name === name ? { ...p, ...change } : p));

  it('accepts the template as our writer and as a streaming writer (sizes in data descriptors) pack it', () => {
    expect(verdict(zip(parts))).toBe('accepted');
    expect(verdict(zip(parts.map((p) => ({ ...p, descriptor: true }))))).toBe('accepted');
  });

  it('refuses a sheet in a local header that the central directory does not list, which exceljs reads all the same', async () => {
    const hostile = zip([...parts, { name: 'xl/worksheets/sheet4.xml', data: bulkySheet(BULKY_ROWS), hidden: true }]);
    expect(hostile.length).toBeLessThan(100 * 1024);
    // The reader walks local headers, so the hidden sheet's rows are read.
    expect(await rowsRead(hostile)).toBeGreaterThan(BULKY_ROWS);
    expect(verdict(hostile)).toBe('UPLOAD_ZIP_BOMB');
  });

  it('refuses a local header whose sizes disagree with the central directory', () => {
    const sheet = 'xl/worksheets/sheet1.xml';
    const real = parts.find((p) => p.name === sheet)!.data.length;
    expect(verdict(zip(withPart(sheet, { localSizes: { uncompressed: real * 100 } })))).toBe('UPLOAD_ZIP_BOMB');
    expect(verdict(zip(withPart(sheet, { localSizes: { compressed: 10 } })))).toBe('UPLOAD_ZIP_BOMB');
  });

  it('refuses a data descriptor whose sizes disagree with the central directory', () => {
    const sheet = 'xl/worksheets/sheet1.xml';
    expect(verdict(zip(withPart(sheet, { descriptor: { uncompressed: 400 * 1024 * 1024 } })))).toBe('UPLOAD_ZIP_BOMB');
    expect(verdict(zip(withPart(sheet, { descriptor: { compressed: 3 } })))).toBe('UPLOAD_ZIP_BOMB');
  });

  it('refuses an entry whose data holds a descriptor signature, where a streaming reader would cut it short', () => {
    const data = Buffer.concat([Buffer.from('<a>'), Buffer.from([0x50, 0x4b, 0x07, 0x08]), Buffer.alloc(40, 0x20), Buffer.from('</a>')]);
    expect(verdict(zip([...parts, { name: 'xl/media/a.bin', data, stored: true, descriptor: true }]))).toBe('UPLOAD_ZIP_BOMB');
  });

  it('refuses a local entry placed after the central directory, which a streaming reader reads on', async () => {
    const plain = zip(parts);
    const endRecord = plain.length - 22;
    const extra = zip([{ name: 'xl/worksheets/sheet4.xml', data: bulkySheet(BULKY_ROWS) }]);
    const extraLocal = extra.subarray(0, extra.readUInt32LE(extra.length - 22 + 16));
    const hostile = Buffer.concat([plain.subarray(0, endRecord), extraLocal, plain.subarray(endRecord)]);
    expect(await rowsRead(hostile)).toBeGreaterThan(BULKY_ROWS);
    expect(verdict(hostile)).toBe('UPLOAD_ZIP_BOMB');
  });

  it('refuses an entry that unpacks to more or less than its declared size, without unpacking past it', () => {
    const sheet = 'xl/worksheets/sheet1.xml';
    const understated = zip(withPart(sheet, { data: bulkySheet(BULKY_ROWS), declaredSize: 1000 }));
    expect(verdict(understated)).toBe('UPLOAD_ZIP_BOMB');
    const overstated = zip(withPart(sheet, { declaredSize: parts.find((p) => p.name === sheet)!.data.length * 2 }));
    expect(verdict(overstated)).toBe('UPLOAD_ZIP_BOMB');
  });

  it('lists the entries in the order the reader meets them, with their real sizes', () => {
    const entries = zipEntries(zip(parts.map((p) => ({ ...p, descriptor: true }))));
    expect(entries.map((e) => [e.name, e.uncompressedSize])).toEqual(parts.map((p) => [p.name, p.data.length]));
  });
});
