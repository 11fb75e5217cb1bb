import { health } from '@common/api/home';
import { ping, type Database } from '../db/database';
import { route, type RouteDefinition } from '../http/route';
import { VERSION } from '../version';

export function healthRoutes(db: Database): RouteDefinition[] {
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
  ];
}
