/** Test and benchmark workbooks: the real template filled in, and hand-made zips for the refusals. */
import { crc32, deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import type { DeclarationType } from '@common/api/declarations';
import { TEMPLATES } from '../../templates';
import type { TemplateLanguage } from '../../templates/template-definition';
import type { HallClient } from './harness';
import { templateWorkbook } from '../src/batches/template-workbook';
import { centralDirectory, entryContent } from '../src/batches/xlsx-guard';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export type RowValues = Record<string, ExcelJS.CellValue>;

/** The downloadable template with `rows` written from row 2 on, each row's cells by column key. */
export async function filledTemplate(
  kind: DeclarationType,
  rows: RowValues[],
  options: { lang?: TemplateLanguage; edit?: (workbook: ExcelJS.Workbook) => void } = {},
): Promise<Buffer> {
  const def = TEMPLATES[kind];
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await templateWorkbook(def, options.lang ?? 'zh-CN')) as unknown as ExcelJS.Buffer);
  const sheet = workbook.worksheets[0];
  rows.forEach((values, i) => {
    const row = sheet.getRow(i + 2);
    def.columns.forEach((column, c) => {
      if (values[column.key] !== undefined) row.getCell(c + 1).value = values[column.key];
    });
  });
  options.edit?.(workbook);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export interface ZipPart {
  name: string;
  data: Buffer;
  /** Lie in the central directory about the unpacked size. */
  declaredSize?: number;
}

export function unzip(file: Buffer): ZipPart[] {
  return centralDirectory(file).map((entry) => ({ name: entry.name, data: entryContent(file, entry) }));
}

/** A minimal zip writer (deflate, no data descriptors), so tests can build archives exceljs never would. */
export function zip(parts: ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name, 'utf8');
    const compressed = deflateRawSync(part.data);
    const size = part.declaredSize ?? part.data.length;
    const header = (signature: number, length: number) => {
      const b = Buffer.alloc(length);
      b.writeUInt32LE(signature, 0);
      return b;
    };
    const local = header(0x04034b50, 30);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc32(part.data), 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = header(0x02014b50, 46);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc32(part.data), 16);
    central.writeUInt32LE(compressed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, compressed);
    centrals.push(central, name);
    offset += local.length + name.length + compressed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** An addition row as a person fills it in the Chinese template. */
export function batchRow(idNumber: string, overrides: RowValues = {}): RowValues {
  return {
    name: '陈新员',
    idNumber,
    hukouType: '城镇',
    mobile: '13912345678',
    effectiveMonth: '2026-11',
    wageFen: '6000',
    personnelCategory: '在职',
    ...overrides,
  };
}

/** POST /api/batches/validate as the browser sends it: the raw file, its name URI-encoded in a header. */
export function uploadWorkbook(client: HallClient, kind: DeclarationType, file: Buffer, fileName = '增员名单.xlsx') {
  return client.agent
    .post(`/api/batches/validate?kind=${kind}`)
    .set('Accept-Language', client.lang)
    .set('X-XSRF-TOKEN', client.xsrf)
    .set('Content-Type', XLSX_TYPE)
    .set('X-File-Name', encodeURIComponent(fileName))
    .send(file);
}
