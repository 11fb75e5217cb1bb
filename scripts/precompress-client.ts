/**
 * After `ng build` (scripts/build-client.ts): writes a brotli (`.br`) and a gzip (`.gz`) twin beside every text file of the built
 * client, so the server sends them without compressing per request (server/src/client-assets).
 * At the highest levels, which only the build can afford; a twin not smaller than its file is not written.
 */
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { constants, brotliCompressSync, gzipSync } from 'node:zlib';

const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.svg', '.txt', '.ico', '.map', '.xml', '.webmanifest']);

export async function precompressClient(dir: string): Promise<{ files: number; bytes: number; brotliBytes: number }> {
  const totals = { files: 0, bytes: 0, brotliBytes: 0 };
  const files = readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && COMPRESSIBLE.has(path.extname(e.name)))
    .map((e) => path.join(e.parentPath, e.name));
  for (const file of files) {
    const content = readFileSync(file);
    const twins = {
      '.br': brotliCompressSync(content, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
          [constants.BROTLI_PARAM_SIZE_HINT]: content.length,
          [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        },
      }),
      '.gz': gzipSync(content, { level: constants.Z_BEST_COMPRESSION }),
    };
    for (const [extension, twin] of Object.entries(twins)) {
      // A stale twin from an earlier build must not outlive its file's new content.
      rmSync(file + extension, { force: true });
      if (twin.length < content.length) writeFileSync(file + extension, twin);
    }
    totals.files++;
    totals.bytes += content.length;
    totals.brotliBytes += Math.min(twins['.br'].length, content.length);
  }
  return totals;
}
