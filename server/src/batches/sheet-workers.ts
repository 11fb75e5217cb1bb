/**
 * A small pool of sheet workers. Starting a worker costs about a second (TypeScript under tsx plus
 * exceljs), so finished workers wait for the next job; idle ones are unref'd and never keep the
 * process alive. A job that overruns its time or memory takes its worker down with it.
 */
import { Worker } from 'node:worker_threads';
import { AppError } from '../http/errors';
import type { SheetJob, SheetJobReply } from './sheet.worker';

const WORKER_URL = new URL('./sheet.worker.ts', import.meta.url);

export interface SheetWorkerOptions {
  size: number;
  timeoutMs: number;
  /** Old-generation heap of one worker; a hostile workbook hits this instead of the server's memory. */
  maxHeapMb: number;
}

export class SheetJobFailed extends Error {}

export class SheetWorkers {
  private readonly idle: Worker[] = [];
  private busy = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly options: SheetWorkerOptions = { size: 2, timeoutMs: 120_000, maxHeapMb: 512 }) {}

  async run<T>(job: SheetJob): Promise<T> {
    while (this.busy >= this.options.size) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.busy++;
    const worker = this.idle.pop() ?? this.start();
    worker.ref();
    try {
      const reply = await this.send(worker, job);
      worker.unref();
      this.idle.push(worker);
      if (reply.ok) return reply.result as T;
      if ('code' in reply.error) throw new AppError(reply.error.status, reply.error.code as never, reply.error.params);
      throw new SheetJobFailed(reply.error.message);
    } finally {
      this.busy--;
      this.waiting.shift()?.();
    }
  }

  private start(): Worker {
    return new Worker(WORKER_URL, {
      // The worker runs this project's TypeScript as the main thread does.
      execArgv: ['--import', import.meta.resolve('tsx')],
      // The server keeps its own young generation small (package.json config.serverNodeFlags) for flat
      // export memory; parsing a workbook allocates fast, so its isolate gets a roomy one of its own.
      resourceLimits: { maxOldGenerationSizeMb: this.options.maxHeapMb, maxYoungGenerationSizeMb: 48 },
    });
  }

  private send(worker: Worker, job: SheetJob): Promise<SheetJobReply> {
    return new Promise((resolve, reject) => {
      const fail = (error: Error) => {
        cleanup();
        void worker.terminate();
        reject(new SheetJobFailed(error.message));
      };
      const timer = setTimeout(() => fail(new Error(`sheet job ran over ${this.options.timeoutMs} ms`)), this.options.timeoutMs);
      const onExit = (code: number) => fail(new Error(`sheet worker exited with ${code}`));
      const onMessage = (reply: SheetJobReply) => {
        cleanup();
        resolve(reply);
      };
      const cleanup = () => {
        clearTimeout(timer);
        worker.off('message', onMessage).off('error', fail).off('exit', onExit);
      };
      worker.on('message', onMessage).on('error', fail).on('exit', onExit);
      worker.postMessage(job);
    });
  }
}
