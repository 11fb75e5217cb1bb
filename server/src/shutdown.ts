/**
 * Graceful shutdown on SIGTERM or SIGINT: the server stops accepting connections, what is in flight
 * (downloads, uploads being read, imports being written) has `graceMs` to finish, and whatever is
 * still running then is cut off: its connection is closed and its workbook worker terminated, so the
 * client sees an aborted response (never a short file ended as if complete) and the import's
 * transaction is never committed. Then the database pool closes and the process exits 0; spool
 * folders go with the process (spool-folder.ts). A process that cannot get there in time exits 1.
 */
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { Database } from './db/database';
import type { Readiness } from './health/readiness';
import type { Logger } from './logger';
import type { WorkbookWorkers } from './workers/workbook-workers';

export interface ShutdownParts {
  server: Server;
  /** The workbook workers and the sheet workers. */
  workers: WorkbookWorkers[];
  db: Pick<Database, 'close'>;
  logger: Logger;
  graceMs: number;
  /** Answers 503 on /api/health/ready from the first moment, so the balancer stops sending requests here. */
  readiness: Readiness;
}

/** Beyond the grace: closing the pool and the workers once everything was cut off. */
const CLOSING_MS = 5_000;

export function shutDownOnSignals(parts: ShutdownParts): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    void shutDown(parts, signal).then(
      () => process.exit(0),
      (error: unknown) => {
        parts.logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}

async function shutDown({ server, workers, db, logger, graceMs, readiness }: ShutdownParts, signal: NodeJS.Signals): Promise<void> {
  readiness.drain();
  logger.info({ signal, graceMs }, 'shutting down: no new connections; requests in flight may finish');
  const bound = setTimeout(() => {
    logger.error('shutdown overran its bound; exiting');
    process.exit(1);
  }, graceMs + CLOSING_MS);
  const closed = once(server, 'close');
  server.close();
  // A keep-alive connection whose request finishes later is closed as soon as it is idle.
  const idle = setInterval(() => server.closeIdleConnections(), 100);
  const cut = setTimeout(() => {
    logger.warn('requests still in flight at the end of the grace: aborting them');
    server.closeAllConnections();
  }, graceMs);
  await Promise.all([closed, ...workers.map((pool) => pool.close(graceMs))]);
  clearInterval(idle);
  clearTimeout(cut);
  // Requests cut off may still hold a connection until their queries return; destroy waits for them.
  await db.close();
  clearTimeout(bound);
  logger.info('shut down');
}
