/**
 * The Material Symbols font cut down to the icons the hall shows: the full variable font is 4 MB, more than
 * everything else the login page loads. Run by `npm run build` (and alone: `node --import tsx scripts/icon-subset.ts`);
 * it writes client/src/icons/material-symbols-outlined.woff2, deterministically, so a build with the same
 * icons leaves it unchanged. scripts/icon-subset.spec.ts checks the committed font against the templates.
 *
 * An icon's name must appear literally in client/src (specs aside) in one of these forms; a name bound
 * from a variable (`<mat-icon>{{ icon() }}</mat-icon>`) is found where its value is written:
 *   <mat-icon …>name</mat-icon>       icon="name" (an input of a component that shows it)
 *   icon: 'name' (a property)         const …ICONS = { kind: 'name', … }
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as hb from 'harfbuzzjs';
import wawoff2 from 'wawoff2';

const ROOT = path.resolve(import.meta.dirname, '..');
export const CLIENT_SRC = path.join(ROOT, 'client', 'src');
export const SUBSET_FONT = path.join(CLIENT_SRC, 'icons', 'material-symbols-outlined.woff2');
const FULL_FONT = createRequire(import.meta.url).resolve('material-symbols/material-symbols-outlined.woff2');

/** The one instance styles.scss asks for (`font-variation-settings`); pinned, the font needs no variation data. */
const AXES = { FILL: 0, wght: 400, GRAD: 0, opsz: 24 };

const NAME = '([a-z0-9_]+)';
const FORMS = [
  new RegExp(`<mat-icon\\b[^>]*>\\s*${NAME}\\s*</mat-icon>`, 'g'),
  new RegExp(`\\bicon="${NAME}"`, 'g'),
  new RegExp(`\\bicon:\\s*'${NAME}'`, 'g'),
];
const ICON_MAP = /\b[A-Z_]*ICONS\s*=\s*\{([^}]*)\}/g;

/** Every icon name written in the client's templates and code, with the files that use it, by name. */
export function iconNamesUsed(srcDir = CLIENT_SRC): Map<string, string[]> {
  const used = new Map<string, string[]>();
  const files = readdirSync(srcDir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.(html|ts)$/.test(e.name) && !e.name.endsWith('.spec.ts'))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
  for (const file of files) {
    const source = readFileSync(file, 'utf8');
    const names = FORMS.flatMap((form) => [...source.matchAll(form)].map((m) => m[1]));
    for (const map of source.matchAll(ICON_MAP)) names.push(...[...map[1].matchAll(new RegExp(`'${NAME}'`, 'g'))].map((m) => m[1]));
    for (const name of names) used.set(name, [...new Set([...(used.get(name) ?? []), path.relative(srcDir, file)])]);
  }
  return new Map([...used].sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** A font ready to shape text with, from woff2 bytes. */
export async function loadFont(woff2: Uint8Array): Promise<hb.Font> {
  return new hb.Font(new hb.Face(new hb.Blob(await wawoff2.decompress(woff2))));
}

/** The glyph an icon's name turns into by the font's ligatures; null when it stays letters (no such icon). */
export function iconGlyph(font: hb.Font, name: string): number | null {
  const buffer = new hb.Buffer();
  buffer.addText(name);
  buffer.guessSegmentProperties();
  hb.shape(font, buffer);
  const glyphs = buffer.getGlyphInfos();
  return glyphs.length === 1 && glyphs[0].codepoint !== 0 ? glyphs[0].codepoint : null;
}

/* The subsetter's C API (harfbuzzjs ships it as a separate wasm without a JavaScript wrapper). */
interface HbSubset {
  memory: WebAssembly.Memory;
  _initialize(): void;
  malloc(size: number): number;
  free(ptr: number): void;
  hb_blob_create(data: number, length: number, mode: number, userData: number, destroy: number): number;
  hb_blob_destroy(blob: number): void;
  hb_blob_get_data(blob: number, length: number): number;
  hb_blob_get_length(blob: number): number;
  hb_face_create(blob: number, index: number): number;
  hb_face_destroy(face: number): void;
  hb_face_reference_blob(face: number): number;
  hb_set_add(set: number, value: number): void;
  hb_set_clear(set: number): void;
  hb_set_invert(set: number): void;
  hb_subset_input_create_or_fail(): number;
  hb_subset_input_destroy(input: number): void;
  hb_subset_input_unicode_set(input: number): number;
  hb_subset_input_glyph_set(input: number): number;
  hb_subset_input_set(input: number, which: number): number;
  hb_subset_input_get_flags(input: number): number;
  hb_subset_input_set_flags(input: number, flags: number): void;
  hb_subset_input_pin_axis_location(input: number, face: number, tag: number, value: number): number;
  hb_subset_or_fail(face: number, input: number): number;
}
const HB_MEMORY_MODE_WRITABLE = 2;
const HB_SUBSET_SETS_LAYOUT_FEATURE_TAG = 6;
const HB_SUBSET_FLAGS_NO_LAYOUT_CLOSURE = 0x200;
const tag = (name: string) => [...name].reduce((t, c) => ((t << 8) | c.charCodeAt(0)) >>> 0, 0);

/**
 * The font with the icons' glyphs and the letters of their names. Without layout closure: given the letters,
 * hb-subset would otherwise keep every ligature they can spell, which is nearly every icon.
 */
function subset(ttf: Uint8Array, glyphs: number[], letters: string): Uint8Array {
  const wasm = readFileSync(createRequire(import.meta.url).resolve('harfbuzzjs/dist/harfbuzz-subset.wasm'));
  const hbs = new WebAssembly.Instance(new WebAssembly.Module(wasm), {}).exports as unknown as HbSubset;
  hbs._initialize();
  const input = hbs.hb_subset_input_create_or_fail();
  const data = hbs.malloc(ttf.byteLength);
  new Uint8Array(hbs.memory.buffer).set(ttf, data);
  const blob = hbs.hb_blob_create(data, ttf.byteLength, HB_MEMORY_MODE_WRITABLE, 0, 0);
  const face = hbs.hb_face_create(blob, 0);
  hbs.hb_blob_destroy(blob);
  try {
    const features = hbs.hb_subset_input_set(input, HB_SUBSET_SETS_LAYOUT_FEATURE_TAG);
    hbs.hb_set_clear(features);
    hbs.hb_set_invert(features);
    hbs.hb_subset_input_set_flags(input, hbs.hb_subset_input_get_flags(input) | HB_SUBSET_FLAGS_NO_LAYOUT_CLOSURE);
    for (const letter of letters) hbs.hb_set_add(hbs.hb_subset_input_unicode_set(input), letter.codePointAt(0)!);
    for (const glyph of glyphs) hbs.hb_set_add(hbs.hb_subset_input_glyph_set(input), glyph);
    for (const [axis, value] of Object.entries(AXES)) {
      if (!hbs.hb_subset_input_pin_axis_location(input, face, tag(axis), value)) throw new Error(`cannot pin the axis ${axis} at ${value}`);
    }
    const result = hbs.hb_subset_or_fail(face, input);
    if (result === 0) throw new Error('hb-subset failed');
    const out = hbs.hb_face_reference_blob(result);
    const bytes = new Uint8Array(hbs.memory.buffer, hbs.hb_blob_get_data(out, 0), hbs.hb_blob_get_length(out)).slice();
    hbs.hb_blob_destroy(out);
    hbs.hb_face_destroy(result);
    return bytes;
  } finally {
    hbs.hb_face_destroy(face);
    hbs.hb_subset_input_destroy(input);
    hbs.free(data);
  }
}

/** The subset font (woff2) of these icons; an unknown name stops it, naming the files that use it. */
export async function buildIconSubset(used: Map<string, string[]>): Promise<Uint8Array> {
  const full = readFileSync(FULL_FONT);
  const font = await loadFont(full);
  const unknown = [...used].filter(([name]) => iconGlyph(font, name) === null);
  if (unknown.length > 0) {
    throw new Error(`not a Material Symbols icon: ${unknown.map(([name, files]) => `${name} (${files.join(', ')})`).join('; ')}`);
  }
  const names = [...used.keys()];
  const letters = [...new Set(names.join(''))].sort().join('');
  return wawoff2.compress(
    subset(
      await wawoff2.decompress(full),
      names.map((n) => iconGlyph(font, n)!),
      letters,
    ),
  );
}

if (import.meta.main) {
  const used = iconNamesUsed();
  const woff2 = await buildIconSubset(used);
  writeFileSync(SUBSET_FONT, woff2);
  process.stdout.write(`${path.relative(ROOT, SUBSET_FONT)}: ${used.size} icons, ${(woff2.length / 1024).toFixed(1)} KiB\n`);
}
