/**
 * Routes are declared as data: method, path, who may call, zod schemas and a handler. The same
 * declarations mount the Express handlers, generate the OpenAPI document and drive the tenancy tests.
 */
import type { Request, Response } from 'express';
import type { ZodType } from 'zod';
import type { Role } from '@common/api/auth';
import type { Language } from './i18n';
import { AppError, forbidden } from './errors';

export interface Actor {
  sessionId: string;
  userId: number;
  role: Role;
  name: string;
  login: string;
  /** The unit the session acts for; null for reviewers and for an agent who has not chosen yet. */
  unitId: number | null;
  /** The insured person a `person` account belongs to; null for every other role. */
  personId: number | null;
  /** The password was set by an administrator: only routes marked `beforePasswordChange` answer. */
  mustChangePassword: boolean;
}

/** `public`: anyone; `signed-in`: any session; a role list: those roles, and unit roles only with a unit chosen. */
export type Access = 'public' | 'signed-in' | readonly Role[];

export interface RequestContext<B = unknown, Q = unknown, P = unknown> {
  req: Request;
  res: Response;
  body: B;
  query: Q;
  params: P;
  actor: Actor | null;
  lang: Language;
  requestId: string;
}

/** Returned by a handler that wrote the response itself (a file download, a stream). */
export const RESPONDED = Symbol('responded');

export interface RouteDefinition<B = unknown, Q = unknown, P = unknown> {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Express syntax, relative to /api: `/agents/:id/disable`. */
  path: string;
  summary: string;
  tag: string;
  access: Access;
  body?: ZodType<B>;
  query?: ZodType<Q>;
  params?: ZodType<P>;
  response?: ZodType;
  /** 200 unless stated; a handler returning undefined answers 204. */
  status?: number;
  /** A retry carrying the first request's `Idempotency-Key` header gets the first response (http/idempotency.ts); JSON responses only. */
  idempotent?: boolean;
  /** Answers a session whose password must be changed first (me, sign-out, changing the password). */
  beforePasswordChange?: boolean;
  /**
   * Called server to server (a payment channel's notifications): no session and no CSRF token; the handler
   * verifies the caller's signature over the raw body instead (http/raw-body.ts). Public routes only.
   */
  webhook?: boolean;
  handle(ctx: RequestContext<B, Q, P>): Promise<unknown>;
}

export function route<B = undefined, Q = undefined, P = undefined>(def: RouteDefinition<B, Q, P>): RouteDefinition<B, Q, P> {
  return def;
}

export const UNIT_ROLES: readonly Role[] = ['unit_admin', 'agent'];
/** The personal hall's callers: a person sees themselves and the payment view of the family they added. */
export const PERSON_ROLES: readonly Role[] = ['person'];

/** The caller's unit, for handlers whose access is a list of unit roles (the middleware has checked it is set). */
export function unitOf(ctx: RequestContext<unknown, unknown, unknown>): number {
  const unitId = ctx.actor?.unitId;
  if (unitId == null) throw new AppError(409, 'UNIT_NOT_SELECTED');
  return unitId;
}

/** The caller's own insured person, for handlers whose access is PERSON_ROLES. */
export function personOf(ctx: RequestContext<unknown, unknown, unknown>): number {
  const personId = ctx.actor?.role === 'person' ? ctx.actor.personId : null;
  if (personId == null) throw forbidden();
  return personId;
}

export function actorOf(ctx: RequestContext<unknown, unknown, unknown>): Actor {
  if (!ctx.actor) throw new AppError(401, 'UNAUTHENTICATED');
  return ctx.actor;
}
