/**
 * The process's workbook workers: one small pool of threads that read uploaded workbooks (batches)
 * and write exports, so exceljs's CPU work and garbage stay off the main thread. Workers start on the
 * first job, not with the server (an idle hall keeps no isolate with exceljs in it); a finished worker
 * waits a while for the next job, unref'd so it never keeps the process alive, and is then retired.
 * One pool for both kinds of work keeps one idle isolate's memory, not two.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { once } from 'node:events';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { workerEntry } from '../runtime';
import { DEFAULT_SPOOL_ROOT, processSpoolFolder } from './spool-folder';

const WORKER = workerEntry(new URL('./workbook.worker.ts', import.meta.url), 'workbook.worker');

export interface WorkbookWorkerOptions {
  /** Jobs at once; more wait their turn. */
  size: number;
  /** Old generation of one worker: a hostile workbook hits this instead of the server's memory. */
  maxOldGenerationSizeMb: number;
  /**
   * Young generation of one worker: roomy enough for parsing, small enough that a long export's
   * short-lived rows are collected young and its memory stays flat. Three semi-spaces' worth of the
   * server's fixed 8 MB (package.json config.serverNodeFlags).
   */
  maxYoungGenerationSizeMb: number;
  /** The hall's own folder for what exceljs spools to disk (spool-folder.ts); each worker gets a folder in it. */
  tempRoot?: string;
  /** How long a finished worker waits for the next job before it is retired. */
  idleMs?: number;
}

/** A worker kept after its job saves the next one the start (a few hundred ms) for about a minute; then its memory goes back. */
const IDLE_MS = 60_000;

/** What the workbook worker's entry receives as its workerData. */
export interface WorkbookWorkerData {
  tempDir: string;
}

export class WorkbookWorkers {
  private readonly idle: Worker[] = [];
  private busy = 0;
  private readonly waiting: (() => void)[] = [];
  private readonly tempDirs = new Map<Worker, string>();
  private readonly retirements = new Map<Worker, NodeJS.Timeout>();
  private closed = false;

  constructor(private readonly options: WorkbookWorkerOptions = { size: 2, maxOldGenerationSizeMb: 512, maxYoungGenerationSizeMb: 24 }) {}

  /** Jobs running and waiting for a worker, and workers started and idle; for /metrics. */
  stats(): { busy: number; waiting: number; idle: number; size: number } {
    return { busy: this.busy, waiting: this.waiting.length, idle: this.idle.length, size: this.options.size };
  }

  /**
   * Runs `job` on a worker of its own. A job that throws may have left the worker mid-task, so that
   * worker is terminated rather than reused. Either way nothing the job spooled outlives it.
   */
  async with<T>(job: (worker: Worker) => Promise<T>): Promise<T> {
    while (!this.closed && this.busy >= this.options.size) await new Promise<void>((resolve) => this.waiting.push(resolve));
    if (this.closed) throw new WorkbookWorkersClosed();
    this.busy++;
    const worker = this.idle.pop() ?? this.start();
    clearTimeout(this.retirements.get(worker));
    const tempDir = this.tempDirs.get(worker)!;
    worker.ref();
    let reusable = false;
    try {
      const result = await job(worker);
      reusable = true;
      return result;
    } finally {
      await this.release(worker, tempDir, reusable).finally(() => {
        this.busy--;
        this.waiting.shift()?.();
      });
    }
  }

  private async release(worker: Worker, tempDir: string, reusable: boolean): Promise<void> {
    if (!reusable) {
      await worker.terminate();
      await rm(tempDir, { recursive: true, force: true });
      return;
    }
    // exceljs removes a spooled sheet once it has read it to the end, not when the parse fails.
    await rm(tempDir, { recursive: true, force: true });
    await mkdir(tempDir);
    worker.unref();
    if (this.closed) {
      await worker.terminate();
      return;
    }
    this.idle.push(worker);
    this.retirements.set(worker, setTimeout(() => void worker.terminate(), this.options.idleMs ?? IDLE_MS).unref());
  }

  /**
   * At shutdown: no new jobs, idle workers end now, and jobs still running after `graceMs` have their
   * workers terminated (their callers see the worker exit and fail, so nothing they were writing is committed).
   * Resolves once every worker has ended; each took its spool folder with it.
   */
  async close(graceMs: number): Promise<void> {
    this.closed = true;
    for (const resolve of this.waiting.splice(0)) resolve();
    const running = [...this.tempDirs.keys()];
    const ended = Promise.all(running.map((worker) => once(worker, 'exit')));
    for (const worker of this.idle.splice(0)) void worker.terminate();
    const timer = setTimeout(() => running.forEach((worker) => void worker.terminate()), graceMs);
    await ended;
    clearTimeout(timer);
  }

  private start(): Worker {
    const tempDir = mkdtempSync(path.join(processSpoolFolder(this.options.tempRoot ?? DEFAULT_SPOOL_ROOT), 'worker-'));
    const worker = new Worker(WORKER.url, {
      workerData: { tempDir } satisfies WorkbookWorkerData,
      execArgv: WORKER.execArgv,
      resourceLimits: {
        maxOldGenerationSizeMb: this.options.maxOldGenerationSizeMb,
        maxYoungGenerationSizeMb: this.options.maxYoungGenerationSizeMb,
      },
    });
    this.tempDirs.set(worker, tempDir);
    worker.unref();
    // An idle worker that dies is simply not reused; a busy one's job sees the exit itself.
    worker.on('error', () => undefined);
    worker.once('exit', () => {
      clearTimeout(this.retirements.get(worker));
      this.retirements.delete(worker);
      const at = this.idle.indexOf(worker);
      if (at >= 0) this.idle.splice(at, 1);
      this.tempDirs.delete(worker);
      rmSync(tempDir, { recursive: true, force: true });
    });
    return worker;
  }
}

/** A job asked for after the server began to shut down. */
export class WorkbookWorkersClosed extends Error {
  constructor() {
    super('the workbook workers are closed: the server is shutting down');
  }
}

export const workbookWorkers = new WorkbookWorkers();
