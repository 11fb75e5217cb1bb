/**
 * The real hall as `npm start` runs it: the built server (dist/server/main.js, rebuilt once per test process if a
 * source is newer, so a spec never runs a stale build) in a process of its own, on a free port, with its output
 * kept. The e2e suite and the benchmarks serve from it; the server tests use it for what only a process shows: how
 * it starts, how it fails to, and how it shuts down.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { ensureServerBuilt, SERVER_MAIN } from '../../scripts/build-server';

export const ROOT = path.resolve(import.meta.dirname, '../..');

let built: Promise<void> | null = null;

/** The V8 flags `npm start` runs the server with (package.json config). */
export const SERVER_NODE_FLAGS: string[] = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'))
  .config.serverNodeFlags.split(' ')
  .filter(Boolean);

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
    probe.on('error', reject);
  });
}

export interface HallProcessOptions {
  /** Set over this process's environment; PORT is a free port unless given. */
  env: Record<string, string>;
  /** Where a relative `sqlite:` path lands; the project's root unless given. */
  cwd?: string;
  nodeFlags?: string[];
  /** Also pass the server's stderr through, for a benchmark's reader. */
  echoStderr?: boolean;
}

export interface HallProcess {
  baseUrl: string;
  pid: number;
  readonly stdout: string;
  readonly stderr: string;
  /** The exit code once the process has ended; null when a signal ended it. */
  exited: Promise<number | null>;
  /** Resolves once /api/health answers 200; rejects with the output if the process ends or `timeoutMs` passes first. */
  answering(timeoutMs: number): Promise<void>;
  stop(): Promise<void>;
}

export async function spawnHall(options: HallProcessOptions): Promise<HallProcess> {
  const port = options.env.PORT ?? String(await freePort());
  built ??= ensureServerBuilt();
  await built;
  const child = spawn(process.execPath, [...(options.nodeFlags ?? []), SERVER_MAIN], {
    cwd: options.cwd ?? ROOT,
    env: { ...process.env, ...options.env, PORT: port },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => {
    stderr += c.toString();
    if (options.echoStderr) process.stderr.write(c);
  });
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  const baseUrl = `http://127.0.0.1:${port}`;

  return {
    baseUrl,
    pid: child.pid!,
    get stdout() {
      return stdout;
    },
    get stderr() {
      return stderr;
    },
    exited,
    answering: async (timeoutMs) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        if (child.exitCode !== null) throw new Error(`hall server exited early:\n${stdout}${stderr}`);
        try {
          if ((await fetch(`${baseUrl}/api/health`)).ok) return;
        } catch {
          // not listening yet
        }
        if (Date.now() > deadline) throw new Error(`hall server did not answer within ${timeoutMs} ms:\n${stdout}${stderr}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        // A server that does not shut down is stopped all the same.
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }
      await exited;
    },
  };
}
