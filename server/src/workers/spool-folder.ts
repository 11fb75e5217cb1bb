/**
 * Where the workbook workers let exceljs spool worksheets: a folder of the hall's own (in the OS temp
 * folder unless told otherwise) with one folder per process, named by its id, and one per worker in
 * that. Spooled sheets hold names and ID numbers in plain text, so the process's folder goes when the
 * process exits, and a process that died without its exit (killed, out of memory) has its folder
 * removed by the next process to start on the same folder.
 */
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const DEFAULT_SPOOL_ROOT = path.join(os.tmpdir(), 'unit-hall-workbooks');

const prepared = new Map<string, string>();

/** This process's folder under `root`, made (and the dead processes' folders cleared) on first use. */
export function processSpoolFolder(root: string): string {
  let folder = prepared.get(root);
  if (folder) return folder;
  mkdirSync(root, { recursive: true });
  for (const name of readdirSync(root)) {
    // A folder of our own id is a dead process's whose id we were given.
    if (/^\d+$/.test(name) && (Number(name) === process.pid || !isRunning(Number(name)))) {
      rmSync(path.join(root, name), { recursive: true, force: true });
    }
  }
  folder = path.join(root, String(process.pid));
  mkdirSync(folder);
  const remove = folder;
  process.once('exit', () => rmSync(remove, { recursive: true, force: true }));
  prepared.set(root, folder);
  return folder;
}

function isRunning(pid: number): boolean {
  try {
    // Signal 0 only asks whether the process exists.
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
