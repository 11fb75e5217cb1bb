/**
 * The process's workbook workers: one small pool of threads that read uploaded workbooks (batches)
 * and write exports, so exceljs's CPU work and garbage stay off the main thread. Workers start on the
 * first job, not with the server (an idle hall keeps no isolate with exceljs in it); a finished worker
 * waits a while for the next job, unref'd so it never keeps the process alive, and is then retired.
 * One pool for both kinds of work keeps one idle isolate's memory, not two.
 */
import { fork, type ChildProcess, type Serializable } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { EventEmitter, once } from 'node:events';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { workerEntry } from '../runtime';
import { DEFAULT_SPOOL_ROOT, processSpoolFolder } from './spool-folder';

const WORKER = workerEntry(new URL('./workbook.worker.ts', import.meta.url), 'workbook.worker');

/** What a job needs of its worker: a thread (`Worker`) or a child process dressed as one (`ProcessWorker`). */
export interface PoolWorker extends EventEmitter {
  postMessage(message: unknown): void;
  terminate(): Promise<unknown>;
  ref(): void;
  unref(): void;
}

/** Where a child process's worker finds its WorkbookWorkerData: a thread gets it as workerData. */
export const PROCESS_WORKER_DATA = 'UNIT_HALL_WORKER_DATA';

/**
 * A child process the pool runs jobs on as on a thread: messages both ways (V8's serialization, as a thread's), and
 * its exit. Its memory is its own: a thread's heap counts in the server's resident memory, a child's does not.
 */
export class ProcessWorker extends EventEmitter implements PoolWorker {
  private readonly exited: Promise<unknown>;
  readonly pid: number | undefined;

  constructor(private readonly child: ChildProcess) {
    super();
    this.pid = child.pid;
    this.exited = once(child, 'exit');
    child.on('message', (message) => this.emit('message', message));
    child.on('error', (error) => this.emit('error', error));
    child.on('exit', (code) => this.emit('exit', code ?? 1));
  }

  postMessage(message: unknown): void {
    this.child.send(message as Serializable);
  }

  async terminate(): Promise<unknown> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
    return this.exited;
  }

  ref(): void {
    this.child.ref();
    this.child.channel?.ref();
  }

  unref(): void {
    this.child.unref();
    this.child.channel?.unref();
  }
}

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
  /**
   * Child processes of this entry (what `workerEntry` gives) instead of threads of the workbook worker, for jobs whose
   * memory must not be the server's: one sheet of 20,000 rows with errors on every one took a hundred megabytes.
   */
  processEntry?: { url: URL; execArgv: string[] };
}

/** A worker kept after its job saves the next one the start (a few hundred ms) for about a minute; then its memory goes back. */
const IDLE_MS = 60_000;

/** What the workbook worker's entry receives as its workerData. */
export interface WorkbookWorkerData {
  tempDir: string;
}

export class WorkbookWorkers {
  private readonly idle: PoolWorker[] = [];
  private busy = 0;
  private readonly waiting: (() => void)[] = [];
  private readonly tempDirs = new Map<PoolWorker, string>();
  private readonly retirements = new Map<PoolWorker, NodeJS.Timeout>();
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
  async with<T>(job: (worker: PoolWorker) => Promise<T>): Promise<T> {
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

  private async release(worker: PoolWorker, tempDir: string, reusable: boolean): Promise<void> {
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

  private start(): PoolWorker {
    const tempDir = mkdtempSync(path.join(processSpoolFolder(this.options.tempRoot ?? DEFAULT_SPOOL_ROOT), 'worker-'));
    const worker = this.options.processEntry ? this.startProcess(this.options.processEntry, { tempDir }) : this.startThread({ tempDir });
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

  private startThread(workerData: WorkbookWorkerData): PoolWorker {
    return new Worker(WORKER.url, {
      workerData,
      execArgv: WORKER.execArgv,
      resourceLimits: {
        maxOldGenerationSizeMb: this.options.maxOldGenerationSizeMb,
        maxYoungGenerationSizeMb: this.options.maxYoungGenerationSizeMb,
      },
    });
  }

  private startProcess(entry: { url: URL; execArgv: string[] }, workerData: WorkbookWorkerData): PoolWorker {
    const child = fork(entry.url, [], {
      execArgv: [
        ...entry.execArgv,
        `--max-old-space-size=${this.options.maxOldGenerationSizeMb}`,
        // A thread's young generation is three semi-spaces.
        `--max-semi-space-size=${Math.max(1, Math.floor(this.options.maxYoungGenerationSizeMb / 3))}`,
      ],
      // exceljs spools through the tmp package, which asks os.tmpdir(): TMPDIR points it at this worker's folder.
      env: { ...process.env, TMPDIR: workerData.tempDir, [PROCESS_WORKER_DATA]: JSON.stringify(workerData) },
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    return new ProcessWorker(child);
  }
}

/** A job asked for after the server began to shut down. */
export class WorkbookWorkersClosed extends Error {
  constructor() {
    super('the workbook workers are closed: the server is shutting down');
  }
}

export const workbookWorkers = new WorkbookWorkers();
