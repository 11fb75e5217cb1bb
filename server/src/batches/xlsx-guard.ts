/**
 * Refuses an upload before any spreadsheet code sees it: it must be a zip (an .xls or an encrypted
 * workbook is not), promising a modest amount of data, and its content types must declare a plain
 * workbook without macros. The archive is read here, by hand, so a hostile one never reaches a
 * decompressor whose limits we do not control.
 *
 * exceljs's streaming reader (unzipper's Parse) never looks at the central directory: it walks the
 * local headers from the first byte, takes each entry's length from its local header or, when that
 * defers to a data descriptor, streams to the first descriptor signature, and inflates without a
 * limit. The guard walks the file the same way and then demands that the central directory lists
 * exactly those entries with the same sizes, so what it judges is what the reader reads, and the
 * full loader (the annotated copy, which reads the directory) sees the same archive.
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
  /** Where the entry's packed bytes start. */
  dataOffset: number;
  /** Where the next record starts: after the packed bytes and any data descriptor. */
  end: number;
}

const LOCAL_SIGNATURE = 0x04034b50;
const DESCRIPTOR_SIGNATURE = Buffer.from([0x50, 0x4b, 0x07, 0x08]);
const CENTRAL_SIGNATURE = 0x02014b50;
const EOCD_SIGNATURE = 0x06054b50;
const SIZES_IN_DESCRIPTOR = 0x08;
/** ZIP64 marks a size as kept elsewhere; no upload within our size limit needs it. */
const ZIP64 = 0xffffffff;
const WORKBOOK_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml';

const notXlsx = () => new AppError(415, 'UPLOAD_NOT_XLSX');
const zipBomb = () => new AppError(422, 'UPLOAD_ZIP_BOMB');

/** The entries in the order the streaming reader meets them; throws unless the central directory lists exactly these. */
export function zipEntries(file: Buffer): ZipEntry[] {
  if (file.length < 22 || file.readUInt32LE(0) !== LOCAL_SIGNATURE) throw notXlsx();
  const entries: ZipEntry[] = [];
  let at = 0;
  while (at + 4 <= file.length && file.readUInt32LE(at) === LOCAL_SIGNATURE) {
    if (entries.length === ZIP_LIMITS.maxEntries) throw zipBomb();
    if (at + 30 > file.length) throw notXlsx();
    const flags = file.readUInt16LE(at + 6);
    let compressedSize = file.readUInt32LE(at + 18);
    let uncompressedSize = file.readUInt32LE(at + 22);
    if (compressedSize === ZIP64 || uncompressedSize === ZIP64) throw zipBomb();
    const nameEnd = at + 30 + file.readUInt16LE(at + 26);
    const dataOffset = nameEnd + file.readUInt16LE(at + 28);
    let next: number;
    if (flags & SIZES_IN_DESCRIPTOR && compressedSize === 0) {
      // The reader ends the data at the first descriptor signature, wherever the directory says it ends.
      const descriptor = file.indexOf(DESCRIPTOR_SIGNATURE, dataOffset);
      if (descriptor < 0 || descriptor + 16 > file.length) throw notXlsx();
      compressedSize = descriptor - dataOffset;
      if (file.readUInt32LE(descriptor + 8) !== compressedSize) throw zipBomb();
      uncompressedSize = file.readUInt32LE(descriptor + 12);
      next = descriptor + 16;
    } else {
      next = dataOffset + compressedSize;
    }
    if (next > file.length) throw notXlsx();
    entries.push({
      name: file.toString('utf8', at + 30, nameEnd),
      method: file.readUInt16LE(at + 8),
      compressedSize,
      uncompressedSize,
      localHeaderOffset: at,
      dataOffset,
      end: next,
    });
    at = next;
  }

  // The directory follows the last entry and lists each one, in order, as its local header and data have it.
  const directoryOffset = at;
  for (const entry of entries) {
    if (at + 46 > file.length || file.readUInt32LE(at) !== CENTRAL_SIGNATURE) throw zipBomb();
    const nameLength = file.readUInt16LE(at + 28);
    const listed =
      file.toString('utf8', at + 46, at + 46 + nameLength) === entry.name &&
      file.readUInt16LE(at + 10) === entry.method &&
      file.readUInt32LE(at + 20) === entry.compressedSize &&
      file.readUInt32LE(at + 24) === entry.uncompressedSize &&
      file.readUInt32LE(at + 42) === entry.localHeaderOffset;
    if (!listed) throw zipBomb();
    at += 46 + nameLength + file.readUInt16LE(at + 30) + file.readUInt16LE(at + 32);
  }
  if (at + 22 > file.length || file.readUInt32LE(at) !== EOCD_SIGNATURE) throw zipBomb();
  const endRecord =
    file.readUInt16LE(at + 8) === entries.length &&
    file.readUInt16LE(at + 10) === entries.length &&
    file.readUInt32LE(at + 12) === at - directoryOffset &&
    file.readUInt32LE(at + 16) === directoryOffset &&
    at + 22 + file.readUInt16LE(at + 20) === file.length;
  if (!endRecord) throw zipBomb();
  // Two entries of one name would be read by the streaming reader and the full loader differently.
  if (new Set(entries.map((e) => e.name)).size !== entries.length) throw zipBomb();
  return entries;
}

/** The entry's bytes, inflated to at most its declared size; any other size than the declared one is a bomb. */
export function entryContent(file: Buffer, entry: ZipEntry): Buffer {
  const data = file.subarray(entry.dataOffset, entry.dataOffset + entry.compressedSize);
  let content: Buffer;
  if (entry.method === 0) content = data;
  else if (entry.method !== 8) throw notXlsx();
  else {
    try {
      content = inflateRawSync(data, { maxOutputLength: Math.max(entry.uncompressedSize, 1) });
    } catch (error) {
      if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw zipBomb();
      throw notXlsx();
    }
  }
  if (content.length !== entry.uncompressedSize) throw zipBomb();
  return content;
}

/** Checks an upload is a plain .xlsx of sane size when unpacked; returns its entries. */
export function checkXlsx(file: Buffer): ZipEntry[] {
  const entries = zipEntries(file);
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
  if (!new RegExp(`ContentType\\s*=\\s*["']${WORKBOOK_TYPE.replace(/[.+]/g, '\\$&')}["']`).test(types)) throw notXlsx();
  return entries;
}

/** Inflates every entry within its declared size; run where blocking does not matter (the sheet worker). */
export function checkDeclaredSizes(file: Buffer, entries: ZipEntry[]): void {
  for (const entry of entries) entryContent(file, entry);
}
