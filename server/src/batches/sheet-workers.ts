/**
 * Sheet jobs (reading an upload, annotating it) on the workbook workers. A job that overruns its time
 * or memory takes its worker down with it.
 */
import type { Worker } from 'node:worker_threads';
import { AppError } from '../http/errors';
import { workbookWorkers, type WorkbookWorkers } from '../workers/workbook-workers';
import type { SheetJob, SheetJobReply } from './sheet.worker';

export class SheetJobFailed extends Error {}

export class SheetWorkers {
  constructor(
    private readonly workers: WorkbookWorkers = workbookWorkers,
    private readonly timeoutMs = 120_000,
  ) {}

  async run<T>(job: SheetJob): Promise<T> {
    const reply = await this.workers.with((worker) => this.send(worker, job));
    if (reply.ok) return reply.result as T;
    if ('code' in reply.error) throw new AppError(reply.error.status, reply.error.code as never, reply.error.params);
    throw new SheetJobFailed(reply.error.message);
  }

  private send(worker: Worker, job: SheetJob): Promise<SheetJobReply> {
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
