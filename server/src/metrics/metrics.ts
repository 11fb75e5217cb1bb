/**
 * The instance's figures in Prometheus's text format at GET /metrics: request durations by declared route,
 * knex's connection pool, the workbook workers' queue and the list cache's hits and misses, beside
 * Node's own (memory, event loop, GC). They name routes and lists, never units or persons, so the
 * endpoint sits outside the API and answers only the bearer of the configured METRICS_TOKEN.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { SessionCache } from '../auth/session-cache';
import type { ListCache } from '../cache/list-cache';
import { poolStats, type Database } from '../db/database';
import type { WorkbookWorkers } from '../workers/workbook-workers';

export interface MetricSources {
  db: Database;
  lists: ListCache;
  sessions: SessionCache;
  /** The instance's worker pools by name: `export-threads` write exports, `sheet-processes` read and annotate uploads. */
  workers: Record<string, WorkbookWorkers>;
}

/** The route as declared (`/api/insured-persons/:id`), so that ids in URLs do not each make a time series. */
function routeOf(req: Request): string {
  const declared = (req.route as { path?: unknown } | undefined)?.path;
  if (typeof declared === 'string') return `${req.baseUrl}${declared}`;
  return req.originalUrl.startsWith('/api/') ? '/api/(unmatched)' : '(client)';
}

const sha256 = (text: string) => createHash('sha256').update(text).digest();

export class HallMetrics {
  readonly registry = new Registry();
  private readonly durations: Histogram<'method' | 'route' | 'status'>;
  private defaultsCollected = false;

  constructor(sources: MetricSources) {
    const registers = [this.registry];
    this.durations = new Histogram({
      name: 'hall_http_request_duration_seconds',
      help: 'Time from a request arriving to its response finishing, by method, declared route and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    });
    const pool = (name: string, help: string, pick: (s: ReturnType<typeof poolStats>) => number) =>
      new Gauge({
        name,
        help,
        registers,
        collect() {
          this.set(pick(poolStats(sources.db)));
        },
      });
    pool('hall_db_pool_connections_used', 'Database connections lent out now', (s) => s.used);
    pool('hall_db_pool_connections_free', 'Database connections open and idle now', (s) => s.free);
    pool('hall_db_pool_acquires_pending', 'Requests waiting for a database connection now', (s) => s.pending);

    const workers = (name: string, help: string, pick: (s: ReturnType<WorkbookWorkers['stats']>) => number) =>
      new Gauge({
        name,
        help,
        labelNames: ['pool'],
        registers,
        collect() {
          for (const [pool, workers] of Object.entries(sources.workers)) this.set({ pool }, pick(workers.stats()));
        },
      });
    workers('hall_workbook_jobs_running', 'Uploads read and exports written on workbook workers now, by pool', (s) => s.busy);
    workers('hall_workbook_jobs_waiting', 'Workbook jobs waiting for a free worker, by pool', (s) => s.waiting);
    workers('hall_workbook_workers_idle', 'Workbook workers started and waiting for a job, by pool', (s) => s.idle);
    workers('hall_workbook_workers_max', 'Workbook jobs the instance runs at once, by pool', (s) => s.size);

    const lookups = (name: string, help: string, pick: (c: { hits: number; misses: number }) => number) =>
      new Counter({
        name,
        help,
        labelNames: ['list'],
        registers,
        collect() {
          // The cache counts; the counter repeats its totals.
          this.reset();
          for (const [list, counts] of sources.lists.lookups()) this.inc({ list }, pick(counts));
        },
      });
    lookups('hall_list_cache_hits_total', 'List pages served from this instance’s cache', (c) => c.hits);
    lookups('hall_list_cache_misses_total', 'List pages computed because the cache had no current copy', (c) => c.misses);
    new Gauge({
      name: 'hall_list_cache_rows',
      help: 'Rows held in the cached list pages',
      registers,
      collect() {
        this.set(sources.lists.size().rows);
      },
    });
    new Gauge({
      name: 'hall_sessions_kept',
      help: 'Sessions this instance resolved and reuses for its reads now',
      registers,
      collect() {
        this.set(sources.sessions.size);
      },
    });
    new Gauge({
      name: 'hall_session_changes_listening',
      help: '1 while the instance hears of every change to sessions (on PostgreSQL, its LISTEN) and may reuse them; else 0',
      registers,
      collect() {
        this.set(sources.db.sessionChanges.live ? 1 : 0);
      },
    });
  }

  /** Times every request; mounted before the routes. */
  timing(): RequestHandler {
    return (req, res, next) => {
      const end = this.durations.startTimer();
      res.once('finish', () => end({ method: req.method, route: routeOf(req), status: String(res.statusCode) }));
      next();
    };
  }

  /** GET /metrics: 404 when no token is configured (as if there were no such page), 401 without the token. */
  endpoint(token: string | undefined): RequestHandler {
    const expected = token ? sha256(`Bearer ${token}`) : null;
    return async (req, res, next) => {
      try {
        res.set('Cache-Control', 'no-store');
        if (!expected) return void res.status(404).end();
        // Hashes of equal length, so the comparison takes as long whatever was sent.
        if (!timingSafeEqual(sha256(req.get('authorization') ?? ''), expected)) {
          return void res.status(401).set('WWW-Authenticate', 'Bearer realm="metrics"').end();
        }
        // Node's own figures sample the event loop on a timer: started by the first scrape, not by every app a test makes.
        if (!this.defaultsCollected) {
          collectDefaultMetrics({ register: this.registry });
          this.defaultsCollected = true;
        }
        res.type(this.registry.contentType).send(await this.registry.metrics());
      } catch (error) {
        next(error);
      }
    };
  }
}
