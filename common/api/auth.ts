import { z } from 'zod';
import { creditCodeField, mobileField, passwordField, requiredText } from './fields';

export const ROLES = ['unit_admin', 'agent', 'reviewer'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

export const unitLoginRequest = z.object({ creditCode: creditCodeField, password: passwordField });
export const agentLoginRequest = z.object({ mobile: mobileField, password: passwordField });
export const reviewerLoginRequest = z.object({ username: requiredText(64), password: passwordField });
export const selectUnitRequest = z.object({ unitId: z.number().int().positive() });

export type UnitLoginRequest = z.input<typeof unitLoginRequest>;
export type AgentLoginRequest = z.input<typeof agentLoginRequest>;
export type ReviewerLoginRequest = z.input<typeof reviewerLoginRequest>;
export type SelectUnitRequest = z.infer<typeof selectUnitRequest>;

export const unitSummary = z.object({ id: z.number().int(), name: z.string(), creditCode: z.string() });
export type UnitSummary = z.infer<typeof unitSummary>;

/** Who is signed in. An agent bound to several units has `unit: null` until one is chosen from `units`. */
export const sessionInfo = z.object({
  user: z.object({ id: z.number().int(), role: roleSchema, name: z.string(), login: z.string() }),
  unit: unitSummary.nullable(),
  units: z.array(unitSummary),
});
export type SessionInfo = z.infer<typeof sessionInfo>;
