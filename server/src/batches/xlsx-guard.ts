/**
 * Refuses an upload before any spreadsheet code sees it: it must be a zip (an .xls or an encrypted
 * workbook is not), its central directory must promise a modest amount of data, and its content types
 * must declare a plain workbook without macros. The directory is read here, by hand, so a hostile
 * archive never reaches a decompressor whose limits we do not control.
 */
import { inflateRawSync } from 'node:zlib';
import { AppError } from '../http/errors';

export const ZIP_LIMITS = {
  maxEntries: 2_000,
  maxTotalUncompressed: 200 * 1024 * 1024,
  /** Deflate can reach about 1000:1; real workbooks stay far below this on their large parts. */
  maxRatio: 200,
  ratioAppliesAbove: 1024 * 1024,
};

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const WORKBOOK_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml';

const notXlsx = () => new AppError(415, 'UPLOAD_NOT_XLSX');
const zipBomb = () => new AppError(422, 'UPLOAD_ZIP_BOMB');

/** The entries the central directory lists; throws UPLOAD_NOT_XLSX when there is no readable directory. */
export function centralDirectory(file: Buffer): ZipEntry[] {
  if (file.length < 22 || file.readUInt32LE(0) !== LOCAL_SIGNATURE) throw notXlsx();
  // The end record sits in the last 22 bytes plus at most a 65,535-byte comment.
  let eocd = -1;
  for (let i = file.length - 22; i >= Math.max(0, file.length - 22 - 0xffff); i--) {
    if (file.readUInt32LE(i) === EOCD_SIGNATURE) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw notXlsx();
  const count = file.readUInt16LE(eocd + 10);
  const size = file.readUInt32LE(eocd + 12);
  const offset = file.readUInt32LE(eocd + 16);
  // 0xFFFF / 0xFFFFFFFF announce ZIP64, which no upload within our size limit needs.
  if (count === 0xffff || offset === 0xffffffff) throw zipBomb();
  if (count > ZIP_LIMITS.maxEntries) throw zipBomb();
  if (offset + size > eocd) throw notXlsx();

  const entries: ZipEntry[] = [];
  let at = offset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > eocd || file.readUInt32LE(at) !== CENTRAL_SIGNATURE) throw notXlsx();
    const nameLength = file.readUInt16LE(at + 28);
    const extraLength = file.readUInt16LE(at + 30);
    const commentLength = file.readUInt16LE(at + 32);
    entries.push({
      name: file.toString('utf8', at + 46, at + 46 + nameLength),
      method: file.readUInt16LE(at + 10),
      compressedSize: file.readUInt32LE(at + 20),
      uncompressedSize: file.readUInt32LE(at + 24),
      localHeaderOffset: file.readUInt32LE(at + 42),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The entry's bytes, inflated to at most its declared size: a directory that lies about sizes is a bomb. */
export function entryContent(file: Buffer, entry: ZipEntry): Buffer {
  const local = entry.localHeaderOffset;
  if (local + 30 > file.length || file.readUInt32LE(local) !== LOCAL_SIGNATURE) throw notXlsx();
  const start = local + 30 + file.readUInt16LE(local + 26) + file.readUInt16LE(local + 28);
  const data = file.subarray(start, start + entry.compressedSize);
  if (entry.method === 0) return data;
  if (entry.method !== 8) throw notXlsx();
  try {
    return inflateRawSync(data, { maxOutputLength: Math.max(entry.uncompressedSize, 1) });
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw zipBomb();
    throw notXlsx();
  }
}

/** Checks an upload is a plain .xlsx of sane size when unpacked; returns its entries. */
export function checkXlsx(file: Buffer): ZipEntry[] {
  const entries = centralDirectory(file);
  let total = 0;
  for (const entry of entries) {
    total += entry.uncompressedSize;
    const ratio = entry.uncompressedSize / Math.max(entry.compressedSize, 1);
    if (entry.uncompressedSize > ZIP_LIMITS.ratioAppliesAbove && ratio > ZIP_LIMITS.maxRatio) throw zipBomb();
  }
  if (total > ZIP_LIMITS.maxTotalUncompressed) throw zipBomb();

  if (entries.some((e) => /(^|\/)vbaProject\.bin$/i.test(e.name))) throw new AppError(415, 'UPLOAD_MACROS');
  const contentTypes = entries.find((e) => e.name === '[Content_Types].xml');
  if (!contentTypes || contentTypes.uncompressedSize > 1024 * 1024) throw notXlsx();
  const types = entryContent(file, contentTypes).toString('utf8');
  if (/macroEnabled/i.test(types)) throw new AppError(415, 'UPLOAD_MACROS');
  if (!new RegExp(`ContentType\\s*=\\s*["']${WORKBOOK_TYPE.replace(/[.+]/g, "\\$&")}["']`).test(types)) throw notXlsx();
  return entries;
}

/** Inflates every entry within its declared size; run where blocking does not matter (the sheet worker). */
export function checkDeclaredSizes(file: Buffer, entries: ZipEntry[]): void {
  for (const entry of entries) entryContent(file, entry);
}
