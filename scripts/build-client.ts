/**
 * `npm run build`: the icon subset font from the templates (scripts/icon-subset.ts), the production build of
 * the client, then the brotli and gzip twins of its files (scripts/precompress-client.ts) that the server sends.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { precompressClient } from './precompress-client';

const ROOT = path.resolve(import.meta.dirname, '..');
export const CLIENT_DIST = path.join(ROOT, 'dist', 'client', 'browser');

function step(args: string[]): void {
  const run = spawnSync(process.execPath, args, { cwd: ROOT, stdio: 'inherit' });
  if (run.status !== 0) process.exit(run.status ?? 1);
}

step(['--import', 'tsx', path.join(ROOT, 'scripts', 'icon-subset.ts')]);
step([path.join(ROOT, 'node_modules', '@angular', 'cli', 'bin', 'ng.js'), 'build', '--configuration', 'production']);
const { files, bytes, brotliBytes } = await precompressClient(CLIENT_DIST);
process.stdout.write(`precompressed ${files} files: ${(bytes / 1024).toFixed(0)} KiB, ${(brotliBytes / 1024).toFixed(0)} KiB as brotli\n`);
