import { health, liveness, readiness as readinessSchema } from '@common/api/home';
import { migrationsCurrent, ping, type Database } from '../db/database';
import { RESPONDED, route, type RouteDefinition } from '../http/route';
import { VERSION } from '../version';
import type { Readiness } from './readiness';

export function healthRoutes(db: Database, readiness: Readiness): RouteDefinition[] {
  // Migrations are append-only, so once this code's schema is current it stays current.
  let migrated = false;
  return [
    route({
      method: 'get',
      path: '/health',
      summary: 'Liveness with the database engine in use',
      tag: 'health',
      access: 'public',
      response: health,
      handle: async () => {
        await ping(db);
        return { status: 'ok' as const, database: db.dialect, version: VERSION };
      },
    }),
    route({
      method: 'get',
      path: '/health/live',
      summary: 'The process answers (restart it if not); asks nothing of the database',
      tag: 'health',
      access: 'public',
      response: liveness,
      handle: async () => ({ status: 'ok' as const }),
    }),
    route({
      method: 'get',
      path: '/health/ready',
      summary: 'Send this instance requests: the database answers, its schema is current, and it is not shutting down (503 otherwise)',
      tag: 'health',
      access: 'public',
      response: readinessSchema,
      handle: async ({ res }) => {
        const database = await ping(db).then(
          () => true,
          () => false,
        );
        migrated ||= database && (await migrationsCurrent(db).catch(() => false));
        const checks = { database, migrations: migrated, draining: readiness.draining };
        const ready = database && migrated && !readiness.draining;
        res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'unavailable', ...checks });
        return RESPONDED;
      },
    }),
  ];
}
