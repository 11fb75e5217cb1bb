/**
 * Where the running code is: TypeScript under tsx (tests, `npm run dev:server`) or the bundle `npm start` runs
 * (scripts/build-server.ts writes dist/server/<entry>.js). Both sit two folders under the project's root.
 */
import path from 'node:path';

/** Whether this is the built bundle: no TypeScript loader in this process or its workers. */
export const COMPILED = import.meta.url.endsWith('.js');

/** The project's folder, for the files the server reads beside its code (templates, package.json, the built client). */
export const ROOT = path.resolve(import.meta.dirname, '../..');

/**
 * What `new Worker(...)` needs for a worker's entry: its TypeScript `source` with tsx under tsx, and once built its
 * bundle `dist/server/<out>.js` (its line in SERVER_ENTRIES of scripts/build-server.ts), with no loader.
 */
export function workerEntry(source: URL, out: string): { url: URL; execArgv: string[] } {
  if (COMPILED) return { url: new URL(`./${out}.js`, import.meta.url), execArgv: [] };
  return { url: source, execArgv: ['--import', import.meta.resolve('tsx')] };
}
