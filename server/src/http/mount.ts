import type { Router } from 'express';
import { AppError, forbidden, notFound, unauthenticated } from './errors';
import { pickLanguage } from './i18n';
import { IDEMPOTENCY_HEADER, requestHash, type IdempotencyKeys, type StoredResponse } from './idempotency';
import { RESPONDED, UNIT_ROLES, type Actor, type Access, type RouteDefinition } from './route';
import { parseOrThrow } from './validation';

function checkAccess(def: RouteDefinition, actor: Actor | null, sessionEnded?: 'SESSION_EXPIRED' | 'ACCOUNT_DISABLED'): void {
  const access: Access = def.access;
  if (access === 'public') return;
  if (!actor) throw unauthenticated(sessionEnded);
  if (actor.mustChangePassword && !def.beforePasswordChange) throw new AppError(403, 'PASSWORD_CHANGE_REQUIRED');
  if (access === 'signed-in') return;
  if (!access.includes(actor.role)) throw forbidden();
  if (UNIT_ROLES.includes(actor.role) && actor.unitId === null) throw new AppError(409, 'UNIT_NOT_SELECTED');
}

export function mountRoutes(router: Router, routes: RouteDefinition[], idempotency: IdempotencyKeys): void {
  for (const def of routes) {
    router[def.method](def.path, async (req, res, next) => {
      try {
        const actor = res.locals.actor as Actor | null;
        checkAccess(def, actor, res.locals.sessionEnded as Parameters<typeof checkAccess>[2]);
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
          requestId: typeof req.id === 'string' ? req.id : '',
          params,
          query: def.query ? parseOrThrow(def.query, req.query) : undefined,
          body: def.body ? parseOrThrow(def.body, req.body ?? {}) : undefined,
        };
        const respond = async (): Promise<StoredResponse> => {
          const body = await def.handle(ctx);
          return { status: body === undefined ? 204 : (def.status ?? 200), body };
        };
        // Keys are per user and unit, so only signed-in callers' requests can be replayed.
        const key = def.idempotent && actor ? req.get(IDEMPOTENCY_HEADER) : undefined;
        const response =
          key === undefined
            ? await respond()
            : await idempotency.once(
                { userId: actor!.userId, unitId: actor!.unitId },
                key,
                requestHash(req.method, req.originalUrl, req.body),
                respond,
              );
        if (response.body === RESPONDED) return;
        if ('replayed' in response && response.replayed) res.set('Idempotent-Replayed', 'true');
        if (response.status === 204) res.status(204).end();
        else res.status(response.status).json(response.body);
      } catch (error) {
        next(error);
      }
    });
  }
}
