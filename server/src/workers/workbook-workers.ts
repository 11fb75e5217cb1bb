/**
 * The process's workbook workers: one small pool of threads that read uploaded workbooks (batches)
 * and write exports, so exceljs's CPU work and garbage stay off the main thread. Starting a worker
 * costs about a second (TypeScript under tsx plus exceljs), so finished workers wait for the next
 * job; idle ones are unref'd and never keep the process alive. One pool for both kinds of work keeps
 * one idle isolate's memory, not two.
 */
import { Worker } from 'node:worker_threads';

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
}

export class WorkbookWorkers {
  private readonly idle: Worker[] = [];
  private busy = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly options: WorkbookWorkerOptions = { size: 2, maxOldGenerationSizeMb: 512, maxYoungGenerationSizeMb: 24 }) {}

  /** Starts a worker ahead of the first job. */
  prewarm(): void {
    if (this.idle.length === 0 && this.busy === 0) this.idle.push(this.start());
  }

  /**
   * Runs `job` on a worker of its own. A job that throws may have left the worker mid-task, so that
   * worker is terminated rather than reused.
   */
  async with<T>(job: (worker: Worker) => Promise<T>): Promise<T> {
    while (this.busy >= this.options.size) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.busy++;
    const worker = this.idle.pop() ?? this.start();
    worker.ref();
    let reusable = false;
    try {
      const result = await job(worker);
      reusable = true;
      return result;
    } finally {
      if (reusable) {
        worker.unref();
        this.idle.push(worker);
      } else {
        void worker.terminate();
      }
      this.busy--;
      this.waiting.shift()?.();
    }
  }

  private start(): Worker {
    const worker = new Worker(WORKER_URL, {
      // The worker runs this project's TypeScript as the main thread does.
      execArgv: ['--import', import.meta.resolve('tsx')],
      resourceLimits: {
        maxOldGenerationSizeMb: this.options.maxOldGenerationSizeMb,
        maxYoungGenerationSizeMb: this.options.maxYoungGenerationSizeMb,
      },
    });
    worker.unref();
    // An idle worker that dies is simply not reused; a busy one's job sees the exit itself.
    worker.on('error', () => undefined);
    worker.once('exit', () => {
      const at = this.idle.indexOf(worker);
      if (at >= 0) this.idle.splice(at, 1);
    });
    return worker;
  }
}

export const workbookWorkers = new WorkbookWorkers();
