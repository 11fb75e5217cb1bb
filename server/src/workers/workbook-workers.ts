/**
 * The process's workbook workers: one small pool of threads that read uploaded workbooks (batches)
 * and write exports, so exceljs's CPU work and garbage stay off the main thread. Starting a worker
 * costs about a second (TypeScript under tsx plus exceljs), so finished workers wait for the next
 * job; idle ones are unref'd and never keep the process alive. One pool for both kinds of work keeps
 * one idle isolate's memory, not two.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { DEFAULT_SPOOL_ROOT, processSpoolFolder } from './spool-folder';

const WORKER_URL = new URL('./workbook.worker.ts', import.meta.url);

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
}

/** What the workbook worker's entry receives as its workerData. */
export interface WorkbookWorkerData {
  tempDir: string;
}

export class WorkbookWorkers {
  private readonly idle: Worker[] = [];
  private busy = 0;
  private readonly waiting: (() => void)[] = [];
  private readonly tempDirs = new Map<Worker, string>();

  constructor(private readonly options: WorkbookWorkerOptions = { size: 2, maxOldGenerationSizeMb: 512, maxYoungGenerationSizeMb: 24 }) {}

  /** Jobs running and waiting for a worker, and workers started and idle; for /metrics. */
  stats(): { busy: number; waiting: number; idle: number; size: number } {
    return { busy: this.busy, waiting: this.waiting.length, idle: this.idle.length, size: this.options.size };
  }

  /** Starts a worker ahead of the first job. */
  prewarm(): void {
    if (this.idle.length === 0 && this.busy === 0) this.idle.push(this.start());
  }

  /**
   * Runs `job` on a worker of its own. A job that throws may have left the worker mid-task, so that
   * worker is terminated rather than reused. Either way nothing the job spooled outlives it.
   */
  async with<T>(job: (worker: Worker) => Promise<T>): Promise<T> {
    while (this.busy >= this.options.size) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.busy++;
    const worker = this.idle.pop() ?? this.start();
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
    this.idle.push(worker);
  }

  private start(): Worker {
    const tempDir = mkdtempSync(path.join(processSpoolFolder(this.options.tempRoot ?? DEFAULT_SPOOL_ROOT), 'worker-'));
    const worker = new Worker(WORKER_URL, {
      workerData: { tempDir } satisfies WorkbookWorkerData,
      // The worker runs this project's TypeScript as the main thread does.
      execArgv: ['--import', import.meta.resolve('tsx')],
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
      const at = this.idle.indexOf(worker);
      if (at >= 0) this.idle.splice(at, 1);
      this.tempDirs.delete(worker);
      rmSync(tempDir, { recursive: true, force: true });
    });
    return worker;
  }
}

export const workbookWorkers = new WorkbookWorkers();
