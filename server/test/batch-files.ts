/** Test and benchmark workbooks: the real template filled in, and hand-made zips for the refusals. */
import { crc32, deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import type { BatchKind } from '@common/api/declarations';
import { TEMPLATE_OF } from '../../templates';
import type { TemplateKind } from '../../templates/template-definition';
import type { Language } from '@common/i18n';
import type { HallClient } from './harness';
import { templateWorkbook } from '../src/batches/template-workbook';
import { entryContent, zipEntries } from '../src/batches/xlsx-guard';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export type RowValues = Record<string, ExcelJS.CellValue>;

/** The downloadable template with `rows` written from row 2 on, each row's cells by column key. */
export async function filledTemplate(
  kind: TemplateKind,
  rows: RowValues[],
  options: { lang?: Language; edit?: (workbook: ExcelJS.Workbook) => void } = {},
): Promise<Buffer> {
  const def = TEMPLATE_OF[kind];
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
  /** Lie about the unpacked size, in the local header and the central directory alike. */
  declaredSize?: number;
  /** Written as a local entry, which a streaming reader finds, but left out of the central directory. */
  hidden?: boolean;
  /** Sizes in the local header that disagree with the central directory's. */
  localSizes?: { compressed?: number; uncompressed?: number };
  /** Sizes after the data in a data descriptor (local sizes 0, flag bit 3), as streaming writers do; `true` for the real ones. */
  descriptor?: true | { compressed?: number; uncompressed?: number };
  /** Stored as is rather than deflated. */
  stored?: boolean;
}

/** A worksheet of `rows` rows of 200 characters: about 2 MB unpacked for 8,000 rows, a few KB packed. */
export function bulkySheet(rows: number): Buffer {
  const cells = Array.from(
    { length: rows },
    (_, i) => `<row r="${i + 1}"><c r="A${i + 1}" t="inlineStr"><is><t>${'x'.repeat(200)}</t></is></c></row>`,
  );
  return Buffer.from(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${cells.join('')}</sheetData></worksheet>`,
  );
}

export function unzip(file: Buffer): ZipPart[] {
  return zipEntries(file).map((entry) => ({ name: entry.name, data: entryContent(file, entry) }));
}

const DATA_DESCRIPTOR = 0x08;

/** A minimal zip writer, so tests can build archives exceljs never would. */
export function zip(parts: ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  const header = (signature: number, length: number) => {
    const b = Buffer.alloc(length);
    b.writeUInt32LE(signature, 0);
    return b;
  };
  for (const part of parts) {
    const name = Buffer.from(part.name, 'utf8');
    const method = part.stored ? 0 : 8;
    const compressed = part.stored ? part.data : deflateRawSync(part.data);
    const size = part.declaredSize ?? part.data.length;
    const crc = crc32(part.data);
    const flags = part.descriptor ? DATA_DESCRIPTOR : 0;
    const local = header(0x04034b50, 30);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    if (!part.descriptor) {
      local.writeUInt32LE(crc, 14);
      local.writeUInt32LE(part.localSizes?.compressed ?? compressed.length, 18);
      local.writeUInt32LE(part.localSizes?.uncompressed ?? size, 22);
    }
    local.writeUInt16LE(name.length, 26);
    const written = [local, name, compressed];
    if (part.descriptor) {
      const descriptor = header(0x08074b50, 16);
      descriptor.writeUInt32LE(crc, 4);
      descriptor.writeUInt32LE(part.descriptor === true ? compressed.length : (part.descriptor.compressed ?? compressed.length), 8);
      descriptor.writeUInt32LE(part.descriptor === true ? size : (part.descriptor.uncompressed ?? size), 12);
      written.push(descriptor);
    }
    if (!part.hidden) {
      const central = header(0x02014b50, 46);
      central.writeUInt16LE(20, 4);
      central.writeUInt16LE(20, 6);
      central.writeUInt16LE(flags, 8);
      central.writeUInt16LE(method, 10);
      central.writeUInt32LE(crc, 16);
      central.writeUInt32LE(compressed.length, 20);
      central.writeUInt32LE(size, 24);
      central.writeUInt16LE(name.length, 28);
      central.writeUInt32LE(offset, 42);
      centrals.push(central, name);
    }
    locals.push(...written);
    offset += written.reduce((n, b) => n + b.length, 0);
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(centrals.length / 2, 8);
  end.writeUInt16LE(centrals.length / 2, 10);
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
export function uploadWorkbook(client: HallClient, kind: BatchKind, file: Buffer, fileName = '增员名单.xlsx') {
  return client.agent
    .post(`/api/batches/validate?kind=${kind}`)
    .set('Accept-Language', client.lang)
    .set('X-XSRF-TOKEN', client.xsrf)
    .set('Content-Type', XLSX_TYPE)
    .set('X-File-Name', encodeURIComponent(fileName))
    .send(file);
}
