/**
 * Sheet jobs (reading an upload, annotating it) on workers of their own: child processes, not threads. A sheet of
 * 20,000 rows with errors on every one took a hundred megabytes or more to read and to annotate, which in a thread
 * is the server's memory and stays its heap after; a child's is returned when it retires. A job that overruns its
 * time or memory takes its worker down with it.
 */
import { AppError } from '../http/errors';
import { workerEntry } from '../runtime';
import { WorkbookWorkers, type PoolWorker } from '../workers/workbook-workers';
import type { SheetJob, SheetJobReply } from './sheet.worker';

export class SheetJobFailed extends Error {}

/** The process's sheet workers; they start on the first job, as the workbook workers do. */
export const sheetProcesses = new WorkbookWorkers({
  size: 2,
  maxOldGenerationSizeMb: 512,
  maxYoungGenerationSizeMb: 24,
  processEntry: workerEntry(new URL('./sheet.process.ts', import.meta.url), 'sheet.process'),
});

export class SheetWorkers {
  constructor(
    private readonly workers: WorkbookWorkers = sheetProcesses,
    private readonly timeoutMs = 120_000,
  ) {}

  async run<T>(job: SheetJob): Promise<T> {
    const reply = await this.workers.with((worker) => this.send(worker, job));
    if (reply.ok) return reply.result as T;
    if ('code' in reply.error) throw new AppError(reply.error.status, reply.error.code as never, reply.error.params);
    throw new SheetJobFailed(reply.error.message);
  }

  private send(worker: PoolWorker, job: SheetJob): Promise<SheetJobReply> {
    return new Promise((resolve, reject) => {
      const fail = (error: Error) => {
        cleanup();
        reject(new SheetJobFailed(error.message));
      };
      const timer = setTimeout(() => fail(new Error(`sheet job ran over ${this.timeoutMs} ms`)), this.timeoutMs);
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
