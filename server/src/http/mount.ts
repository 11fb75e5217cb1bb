import type { Router } from 'express';
import { AppError, forbidden, notFound, unauthenticated } from './errors';
import { pickLanguage } from './i18n';
import { RESPONDED, UNIT_ROLES, type Actor, type Access, type RouteDefinition } from './route';
import { parseOrThrow } from './validation';

function checkAccess(access: Access, actor: Actor | null, sessionEnded?: 'SESSION_EXPIRED' | 'ACCOUNT_DISABLED'): void {
  if (access === 'public') return;
  if (!actor) throw unauthenticated(sessionEnded);
  if (access === 'signed-in') return;
  if (!access.includes(actor.role)) throw forbidden();
  if (UNIT_ROLES.includes(actor.role) && actor.unitId === null) throw new AppError(409, 'UNIT_NOT_SELECTED');
}

export function mountRoutes(router: Router, routes: RouteDefinition[]): void {
  for (const def of routes) {
    router[def.method](def.path, async (req, res, next) => {
      try {
        const actor = res.locals.actor as Actor | null;
        checkAccess(def.access, actor, res.locals.sessionEnded);
        let params: unknown = req.params;
        if (def.params) {
          // A malformed id names nothing that exists.
          const parsed = def.params.safeParse(req.params);
          if (!parsed.success) throw notFound();
          params = parsed.data;
        }
        const ctx = {
          req,
          res,
          actor,
          lang: pickLanguage(req.get('accept-language')),
          requestId: String(req.id),
          params,
          query: def.query ? parseOrThrow(def.query, req.query) : undefined,
          body: def.body ? parseOrThrow(def.body, req.body ?? {}) : undefined,
        };
        const result = await def.handle(ctx);
        if (result === RESPONDED) return;
        if (result === undefined) res.status(204).end();
        else res.status(def.status ?? 200).json(result);
      } catch (error) {
        next(error);
      }
    });
  }
}
