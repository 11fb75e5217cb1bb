import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { batchRow, filledTemplate, unzip, zip } from '../../test/batch-files';
import { SheetWorkers } from '../batches/sheet-workers';
import type { SheetJob } from '../batches/sheet.worker';
import { workerEntry } from '../runtime';
import { processSpoolFolder } from './spool-folder';
import { ProcessWorker, WorkbookWorkers } from './workbook-workers';

/** Every file under `folder`, however deep. */
const filesUnder = (folder: string) =>
  readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));

describe('what the workbook workers spool to disk', () => {
  let tempRoot: string;
  let workers: WorkbookWorkers;
  let sheets: SheetWorkers;
  let broken: Buffer;

  beforeAll(async () => {
    tempRoot = mkdtempSync(path.join(os.tmpdir(), 'unit-hall-spool-test-'));
    workers = new WorkbookWorkers({ size: 1, maxOldGenerationSizeMb: 128, maxYoungGenerationSizeMb: 16, tempRoot });
    sheets = new SheetWorkers(workers);
    const parts = unzip(await filledTemplate('addition', [batchRow('11010519491231002X')]));
    // exceljs writes worksheets before the shared strings, so its reader spools every sheet to a file first.
    expect(parts.findIndex((p) => p.name === 'xl/worksheets/sheet2.xml')).toBeLessThan(parts.findIndex((p) => p.name === 'xl/sharedStrings.xml'));
    broken = zip(parts.map((p) => (p.name === 'xl/worksheets/sheet2.xml' ? { ...p, data: Buffer.from('<worksheet><sheetData><row r="1"><<<') } : p)));
  });
  afterAll(() => rmSync(tempRoot, { recursive: true, force: true }));

  const importJob = (file: Buffer) => sheets.run({ type: 'import', file, kind: 'addition', today: '2026-11-10T02:00:00.000Z' });

  it('leaves nothing of an upload behind, read or failed', async () => {
    const template = await filledTemplate('addition', [batchRow('11010519491231002X')]);
    await expectAsync(importJob(template)).toBeResolved();
    await expectAsync(importJob(broken)).toBeRejected();
    await expectAsync(importJob(template)).toBeResolved();
    await expectAsync(importJob(broken)).toBeRejected();
    expect(filesUnder(tempRoot)).toEqual([]);
  });

  it('leaves nothing behind when a job gives up and takes its worker down', async () => {
    const job: SheetJob = { type: 'import', file: broken, kind: 'addition', today: '2026-11-10T02:00:00.000Z' };
    const givingUp = workers.with(async (worker) => {
      // The worker has answered, so it spooled what it read; then the caller gives up on it.
      await new Promise((resolve) => worker.once('message', resolve).postMessage(job));
      throw new Error('gave up');
    });
    await expectAsync(givingUp).toBeRejectedWithError('gave up');
    expect(filesUnder(tempRoot)).toEqual([]);
  });

  it('runs sheet jobs in child processes of their own, which leave nothing behind either, read, failed or killed', async () => {
    const processes = new WorkbookWorkers({
      size: 1,
      maxOldGenerationSizeMb: 128,
      maxYoungGenerationSizeMb: 16,
      tempRoot,
      processEntry: workerEntry(new URL('../batches/sheet.process.ts', import.meta.url), 'sheet.process'),
    });
    try {
      const onProcesses = new SheetWorkers(processes);
      const template = await filledTemplate('addition', [batchRow('11010519491231002X')]);
      const read = await onProcesses.run<{ rows: number }>({ type: 'import', file: template, kind: 'addition', today: '2026-11-10T02:00:00.000Z' });
      expect(read.rows).toBe(1);
      await expectAsync(onProcesses.run({ type: 'import', file: broken, kind: 'addition', today: '2026-11-10T02:00:00.000Z' })).toBeRejected();

      const killed = processes.with(async (worker) => {
        // A process of its own: its memory is not the server's.
        expect(worker).toBeInstanceOf(ProcessWorker);
        const { pid } = worker as ProcessWorker;
        expect(pid).not.toBe(process.pid);
        process.kill(pid!, 'SIGKILL');
        await new Promise((resolve) => worker.once('exit', resolve));
        throw new Error('killed');
      });
      await expectAsync(killed).toBeRejectedWithError('killed');
      expect(filesUnder(tempRoot)).toEqual([]);
    } finally {
      await processes.close(0);
    }
  });

  it('removes the folders of processes that died, at start, and its own at exit', () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'unit-hall-spool-test-'));
    try {
      const dead = spawnSync(process.execPath, ['-e', '']).pid;
      for (const pid of [dead, process.ppid]) {
        mkdirSync(path.join(root, String(pid), 'worker-a'), { recursive: true });
        writeFileSync(path.join(root, String(pid), 'worker-a', 'tmp-1'), '张三,11010519491231002X');
      }
      const own = processSpoolFolder(root);
      expect(readdirSync(root).sort()).toEqual([String(process.pid), String(process.ppid)].sort());
      expect(own).toBe(path.join(root, String(process.pid)));

      const child = spawnSync(
        process.execPath,
        [
          '--import',
          'tsx',
          '-e',
          `import('./server/src/workers/spool-folder.ts').then((m) => console.log(m.processSpoolFolder(${JSON.stringify(root)})))`,
        ],
        { encoding: 'utf8' },
      );
      const childFolder = child.stdout.trim();
      expect(childFolder).toBe(path.join(root, String(child.pid)));
      expect(existsSync(childFolder)).toBeFalse();
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
