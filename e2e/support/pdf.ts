import { inflateSync } from 'node:zlib';
import type { Page } from 'playwright-core';

/** Each page's size in PostScript points, from the PDF's /MediaBox entries. */
export function pageSizes(pdf: Buffer): [number, number][] {
  const boxes = pdf.toString('latin1').matchAll(/\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/g);
  return [...boxes].map((m) => [Math.round(Number(m[1])), Math.round(Number(m[2]))]);
}

/** What the printer gets from a print page: the toolbar hidden, and an A4 PDF (595.28 × 841.89 points). */
export async function printToA4Pdf(page: Page): Promise<Buffer> {
  await page.emulateMedia({ media: 'print' });
  if (await page.getByTestId('print-toolbar').isVisible()) throw new Error('the print toolbar shows in print');
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  if (pdf.subarray(0, 5).toString('latin1') !== '%PDF-') throw new Error('not a PDF');
  const sizes = pageSizes(pdf);
  if (sizes.length === 0 || sizes.some(([w, h]) => w !== 595 || h !== 842)) throw new Error(`pages not A4: ${JSON.stringify(sizes)}`);
  await page.emulateMedia({ media: 'screen' });
  return pdf;
}

/** A rectangle in page points, y upwards as in PDF. */
export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** A printed page as a reader sees it: its text in drawing order, and what was painted outside the printable area. */
export interface PrintedPage {
  text: string;
  /** Shapes (table borders, backgrounds) painted partly outside their clip: the printer cuts them. */
  cut: Box[];
}

interface PdfObject {
  dict: string;
  stream?: Buffer;
}

/**
 * Reads the pages of a PDF as Chromium (Skia) writes it: plain objects with direct stream lengths, Flate streams,
 * Type0 fonts with a ToUnicode map, text shown with Tm and Tj/TJ, borders filled as rectangles.
 */
export function readPdf(pdf: Buffer): PrintedPage[] {
  const objects = pdfObjects(pdf);
  const get = (ref: string | undefined) => (ref ? objects.get(Number(ref)) : undefined);
  const catalog = [...objects.values()].find((o) => /\/Type\s*\/Catalog/.test(o.dict))!;
  const pages: PdfObject[] = [];
  const walk = (node: PdfObject) => {
    if (/\/Type\s*\/Pages/.test(node.dict)) {
      for (const kid of /\/Kids\s*\[([^\]]*)\]/.exec(node.dict)![1].matchAll(/(\d+)\s+0\s+R/g)) walk(get(kid[1])!);
    } else pages.push(node);
  };
  walk(get(/\/Pages\s+(\d+)\s+0\s+R/.exec(catalog.dict)![1])!);

  return pages.map((page) => {
    const fonts = new Map<string, UnicodeMap>();
    let resources = /\/Resources\s+(\d+)\s+0\s+R/.exec(page.dict) ? get(/\/Resources\s+(\d+)\s+0\s+R/.exec(page.dict)![1])!.dict : page.dict;
    const fontDict = /\/Font\s*(?:<<([^>]*)>>|(\d+)\s+0\s+R)/.exec(resources);
    if (fontDict?.[2]) resources = get(fontDict[2])!.dict;
    for (const f of (fontDict?.[1] ?? resources).matchAll(/\/(\w+)\s+(\d+)\s+0\s+R/g)) {
      const toUnicode = /\/ToUnicode\s+(\d+)\s+0\s+R/.exec(get(f[2])?.dict ?? '');
      if (toUnicode) fonts.set(f[1], unicodeMap(get(toUnicode[1])!.stream!.toString('latin1')));
    }
    const contents = /\/Contents\s*(?:\[([^\]]*)\]|(\d+)\s+0\s+R)/.exec(page.dict)!;
    const streams = [...(contents[1] ?? `${contents[2]} 0 R`).matchAll(/(\d+)\s+0\s+R/g)].map((r) => get(r[1])!.stream!.toString('latin1'));
    return paint(streams.join('\n'), fonts);
  });
}

function pdfObjects(pdf: Buffer): Map<number, PdfObject> {
  const text = pdf.toString('latin1');
  const objects = new Map<number, PdfObject>();
  const header = /(\d+)\s+0\s+obj\s*/g;
  for (let m = header.exec(text); m; m = header.exec(text)) {
    const start = header.lastIndex;
    const dictEnd = text.indexOf('endobj', start);
    const streamAt = text.indexOf('stream', start);
    if (streamAt !== -1 && streamAt < dictEnd) {
      const dict = text.slice(start, streamAt);
      const length = Number(/\/Length\s+(\d+)(?!\s+0\s+R)/.exec(dict)![1]);
      const dataStart = streamAt + 'stream'.length + (text[streamAt + 6] === '\r' ? 2 : 1);
      const raw = pdf.subarray(dataStart, dataStart + length);
      objects.set(Number(m[1]), { dict, stream: /\/FlateDecode/.test(dict) ? inflateSync(raw) : raw });
      header.lastIndex = text.indexOf('endobj', dataStart + length);
    } else objects.set(Number(m[1]), { dict: text.slice(start, dictEnd) });
  }
  return objects;
}

/** A font's ToUnicode CMap: how many hex digits a code has (Skia's Type3 fonts use one byte), and code → text. */
interface UnicodeMap {
  digits: number;
  map: Map<number, string>;
}

function unicodeMap(cmap: string): UnicodeMap {
  const map = new Map<number, string>();
  const digits = /begincodespacerange\s*<([0-9a-fA-F]+)>/.exec(cmap)?.[1].length ?? 4;
  const utf16 = (hex: string) => String.fromCharCode(...(hex.match(/.{4}/g) ?? []).map((h) => parseInt(h, 16)));
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const [, src, dst] of block[1].matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) map.set(parseInt(src, 16), utf16(dst));
  }
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const [, lo, hi, dst, list] of block[1].matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(?:<([0-9a-fA-F]+)>|\[([^\]]*)\])/g)) {
      const from = parseInt(lo, 16);
      const to = parseInt(hi, 16);
      if (dst) {
        const first = parseInt(dst, 16);
        for (let code = from; code <= to; code++) map.set(code, utf16((first + code - from).toString(16).padStart(4, '0')));
      } else {
        const each = [...list.matchAll(/<([0-9a-fA-F]+)>/g)];
        for (let code = from; code <= to; code++) map.set(code, utf16(each[code - from][1]));
      }
    }
  }
  return { digits, map };
}

type Matrix = [number, number, number, number, number, number];
const times = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[1] * n[2],
  m[0] * n[1] + m[1] * n[3],
  m[2] * n[0] + m[3] * n[2],
  m[2] * n[1] + m[3] * n[3],
  m[4] * n[0] + m[5] * n[2] + n[4],
  m[4] * n[1] + m[5] * n[3] + n[5],
];

/** Runs a content stream: the text shown, and the painted rectangles that stick out of their clipping box. */
function paint(content: string, fonts: Map<string, UnicodeMap>): PrintedPage {
  // Marked-content dictionaries (`<</ActualText …>> BDC`) are read past as tokens of no meaning here.
  const token = /\s*(?:<<|>>|<([0-9a-fA-F\s]*)>|(\[)|(\])|\/([^\s/[\]<>()]+)|\(((?:\\.|[^\\)])*)\)|([-+]?(?:\d+\.?\d*|\.\d+))|([A-Za-z'"*]+))/y;
  const full: Box = { x0: -Infinity, y0: -Infinity, x1: Infinity, y1: Infinity };
  let state = { ctm: [1, 0, 0, 1, 0, 0] as Matrix, clip: full };
  const saved: (typeof state)[] = [];
  let path = null as Box | null;
  let clipping = false;
  let font: UnicodeMap = { digits: 4, map: new Map() };
  let text = '';
  let actual: string | null = null;
  const cut: Box[] = [];
  const operands: (number | string | string[])[] = [];
  let array: string[] | null = null;
  const point = (x: number, y: number): [number, number] => {
    const m = state.ctm;
    return [x * m[0] + y * m[2] + m[4], x * m[1] + y * m[3] + m[5]];
  };
  const extend = (...points: [number, number][]) => {
    for (const [x, y] of points) {
      path ??= { x0: x, y0: y, x1: x, y1: y };
      path = { x0: Math.min(path.x0, x), y0: Math.min(path.y0, y), x1: Math.max(path.x1, x), y1: Math.max(path.y1, y) };
    }
  };
  const glyphs = (hex: string) => {
    const codes = hex.replace(/\s/g, '').match(new RegExp(`.{${font.digits}}`, 'g')) ?? [];
    return codes.map((c) => font.map.get(parseInt(c, 16)) ?? '').join('');
  };
  // Half a device pixel of tolerance: anti-aliasing, not a cut.
  const outside = (box: Box, clip: Box) => box.x0 < clip.x0 - 0.1 || box.y0 < clip.y0 - 0.1 || box.x1 > clip.x1 + 0.1 || box.y1 > clip.y1 + 0.1;
  for (let m = token.exec(content); m && m[0].trim() !== ''; m = token.exec(content)) {
    const [, hex, open, close, name, , num, op] = m;
    if (open) array = [];
    else if (close) {
      operands.push(array!);
      array = null;
    } else if (hex !== undefined) (array ?? operands).push(hex);
    else if (name !== undefined) operands.push(name);
    else if (num !== undefined) {
      if (!array) operands.push(Number(num));
    } else if (op) {
      const n = operands as number[];
      switch (op) {
        case 'q':
          saved.push(state);
          break;
        case 'Q':
          state = saved.pop()!;
          break;
        case 'cm':
          state = { ...state, ctm: times(n.slice(-6) as Matrix, state.ctm) };
          break;
        case 're': {
          const [x, y, w, h] = n.slice(-4);
          extend(point(x, y), point(x + w, y), point(x, y + h), point(x + w, y + h));
          break;
        }
        case 'm':
        case 'l':
          extend(point(n.at(-2)!, n.at(-1)!));
          break;
        case 'c':
          extend(point(n.at(-6)!, n.at(-5)!), point(n.at(-4)!, n.at(-3)!), point(n.at(-2)!, n.at(-1)!));
          break;
        case 'W':
        case 'W*':
          clipping = true;
          break;
        case 'f':
        case 'f*':
        case 'F':
        case 'S':
        case 'B':
        case 'B*':
        case 'b':
        case 'b*':
        case 'n':
          if (path && op !== 'n' && outside(path, state.clip)) cut.push(path);
          if (path && clipping) {
            const c = state.clip;
            state = {
              ...state,
              clip: { x0: Math.max(c.x0, path.x0), y0: Math.max(c.y0, path.y0), x1: Math.min(c.x1, path.x1), y1: Math.min(c.y1, path.y1) },
            };
          }
          path = null;
          clipping = false;
          break;
        case 'Tf':
          font = fonts.get(operands.at(-2) as string) ?? { digits: 4, map: new Map() };
          break;
        case 'BDC': {
          // Skia gives CJK glyphs it maps to radicals (⼀ for 一) their real text as ActualText.
          const at = operands.indexOf('ActualText');
          if (at !== -1) actual = String.fromCharCode(...((operands[at + 1] as string).slice(4).match(/.{4}/g) ?? []).map((h) => parseInt(h, 16)));
          break;
        }
        case 'EMC':
          text += actual ?? '';
          actual = null;
          break;
        case 'Tj':
          if (actual === null) text += glyphs(operands.at(-1) as string);
          break;
        case 'TJ':
          if (actual === null) text += (operands.at(-1) as string[]).map(glyphs).join('');
          break;
      }
      operands.length = 0;
    }
  }
  return { text, cut };
}

/** A picture in the PDF at the resolution it was embedded in, as RGBA pixels (what jsQR reads). */
export interface PdfImage {
  width: number;
  height: number;
  rgba: Uint8ClampedArray;
}

/** The PDF's 8-bit gray or RGB images stored with Flate, the way Skia embeds a PNG. */
export function pdfImages(pdf: Buffer): PdfImage[] {
  const images: PdfImage[] = [];
  const objects = pdfObjects(pdf);
  for (const { dict, stream } of objects.values()) {
    if (!stream || !/\/Subtype\s*\/Image/.test(dict) || !/\/FlateDecode/.test(dict) || !/\/BitsPerComponent\s+8/.test(dict)) continue;
    // Skia tags a PNG's colours with its ICC profile, whose /N says how many components a pixel has.
    const icc = /\/ColorSpace\s*\[\s*\/ICCBased\s+(\d+)\s+0\s+R\s*\]/.exec(dict);
    const components = icc ? Number(/\/N\s+(\d+)/.exec(objects.get(Number(icc[1]))?.dict ?? '')?.[1]) : undefined;
    const channels = /\/ColorSpace\s*\/DeviceRGB/.test(dict) ? 3 : /\/ColorSpace\s*\/DeviceGray/.test(dict) ? 1 : (components ?? 0);
    if (channels !== 1 && channels !== 3) continue;
    const width = Number(/\/Width\s+(\d+)/.exec(dict)![1]);
    const height = Number(/\/Height\s+(\d+)/.exec(dict)![1]);
    const rgba = new Uint8ClampedArray(width * height * 4);
    for (let i = 0; i < width * height; i++) {
      for (let c = 0; c < 3; c++) rgba[i * 4 + c] = stream[i * channels + (channels === 3 ? c : 0)];
      rgba[i * 4 + 3] = 255;
    }
    images.push({ width, height, rgba });
  }
  return images;
}
