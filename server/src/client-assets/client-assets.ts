/**
 * The built Angular client: each file sent as the brotli or gzip twin written beside it at build time
 * (scripts/precompress-client.ts) when the browser accepts one, so nothing is compressed per request.
 * Hashed names (`main-AB12CD34.js`) never change content: cached for a year; everything else, index.html
 * and the translation catalogues among them, is revalidated on every use.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { Request, RequestHandler, Response } from 'express';

/** Best first; the names are both the Content-Encoding and the extension of the twin. */
const ENCODINGS = [
  { name: 'br', extension: '.br' },
  { name: 'gzip', extension: '.gz' },
] as const;
type Encoding = (typeof ENCODINGS)[number]['name'];

/**
 * What Angular builds is named `<name>-<8-character hash>.<ext>`: the bundles at the root, the fonts of the
 * stylesheets in media/. What it copies from client/public (i18n/, favicon.svg) keeps its name.
 */
const HASHED = /^(?:[^/]+-[\w-]{8}\.(?:js|css)|media\/[^/]+-[\w-]{8}\.\w+)$/;
const IMMUTABLE = 'public, max-age=31536000, immutable';

interface Asset {
  /** Path relative to the client's folder. */
  file: string;
  twins: Set<Encoding>;
  hashed: boolean;
}

/** Every file of the built client by its URL path, with the compressed twins it has. */
function indexAssets(dist: string): Map<string, Asset> {
  const files = new Set(
    readdirSync(dist, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => path.relative(dist, path.join(e.parentPath, e.name))),
  );
  const assets = new Map<string, Asset>();
  for (const file of files) {
    if (ENCODINGS.some((e) => file.endsWith(e.extension) && files.has(file.slice(0, -e.extension.length)))) continue;
    const twins = new Set(ENCODINGS.filter((e) => files.has(file + e.extension)).map((e) => e.name));
    const url = file.split(path.sep).join('/');
    assets.set('/' + url, { file, twins, hashed: HASHED.test(url) });
  }
  return assets;
}

/** The best twin the request accepts; Accept-Encoding's order is the browser's, not a preference (Chrome lists gzip first). */
function chooseEncoding(req: Request, twins: Set<Encoding>): Encoding | undefined {
  const accepted = new Map<string, number>();
  for (const part of (req.headers['accept-encoding'] ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)).find(Boolean);
    accepted.set(name, q ? Number(q[1]) : 1);
  }
  return ENCODINGS.find((e) => twins.has(e.name) && (accepted.get(e.name) ?? accepted.get('*') ?? 0) > 0)?.name;
}

function send(dist: string, asset: Asset, req: Request, res: Response, next: (error?: unknown) => void): void {
  const encoding = chooseEncoding(req, asset.twins);
  const extension = ENCODINGS.find((e) => e.name === encoding)?.extension ?? '';
  res.type(path.extname(asset.file));
  if (asset.twins.size > 0) res.vary('Accept-Encoding');
  if (encoding) res.set('Content-Encoding', encoding);
  res.set('Cache-Control', asset.hashed ? IMMUTABLE : 'no-cache');
  // The twin's own size and time make its ETag, so each encoding is validated as the representation it is.
  res.sendFile(asset.file + extension, { root: dist, cacheControl: false, dotfiles: 'deny' }, (error) => {
    if (error && !res.headersSent) next(error);
  });
}

/** Serves the client's files, and index.html for every other path (the app's own routes). */
export function clientAssets(dist: string): RequestHandler {
  const assets = indexAssets(dist);
  const index = assets.get('/index.html')!;
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    send(dist, assets.get(req.path) ?? index, req, res, next);
  };
}
