import { z } from 'zod';
import { submission } from './submissions';

export const unitHome = z.object({
  period: z.string(),
  insuredCount: z.number().int(),
  pendingCount: z.number().int(),
  /** Integer fen. */
  dueThisMonthFen: z.number().int(),
  /** Submissions rejected in the last 30 days, newest first (the first few), for the unit to act on. */
  rejected: z.object({ items: z.array(submission), total: z.number().int() }),
});
export type UnitHome = z.infer<typeof unitHome>;

export const reviewerHome = z.object({
  pendingCount: z.number().int(),
  unitCount: z.number().int(),
});
export type ReviewerHome = z.infer<typeof reviewerHome>;

export const health = z.object({
  status: z.literal('ok'),
  database: z.enum(['sqlite', 'postgres']),
  version: z.string(),
});
export type Health = z.infer<typeof health>;

export const liveness = z.object({ status: z.literal('ok') });
export type Liveness = z.infer<typeof liveness>;

/** 200 with `ready`, else 503 with `unavailable`, and which check failed. */
export const readiness = z.object({
  status: z.enum(['ready', 'unavailable']),
  database: z.boolean(),
  migrations: z.boolean(),
  draining: z.boolean(),
});
export type Readiness = z.infer<typeof readiness>;
