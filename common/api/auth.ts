import { z } from 'zod';
import { creditCodeField, idNumberField, mobileField, newPasswordField, passwordField, requiredText } from './fields';

/** `person`: the personal hall's account, tied to one insured person (users.person_id); never a unit's. */
export const ROLES = ['unit_admin', 'agent', 'reviewer', 'person'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

export const unitLoginRequest = z.object({ creditCode: creditCodeField, password: passwordField });
export const agentLoginRequest = z.object({ mobile: mobileField, password: passwordField });
export const reviewerLoginRequest = z.object({ username: requiredText(64), password: passwordField });
/** After failed sign-ins (answer CAPTCHA_REQUIRED) a person's next attempt carries a one-time CAPTCHA too. */
export const personLoginRequest = z.object({
  idNumber: idNumberField,
  password: passwordField,
  captchaToken: z.string().max(200).optional(),
  captchaAnswer: z.string().max(10).optional(),
});
export const selectUnitRequest = z.object({ unitId: z.number().int().positive() });

/** Anyone changes their own password; the new one must not contain their login (checked on the server too). */
export const changePasswordRequest = z.object({ currentPassword: passwordField, newPassword: newPasswordField });
export type ChangePasswordRequest = z.input<typeof changePasswordRequest>;

export type UnitLoginRequest = z.input<typeof unitLoginRequest>;
export type AgentLoginRequest = z.input<typeof agentLoginRequest>;
export type ReviewerLoginRequest = z.input<typeof reviewerLoginRequest>;
export type PersonLoginRequest = z.input<typeof personLoginRequest>;
export type SelectUnitRequest = z.infer<typeof selectUnitRequest>;

export const unitSummary = z.object({ id: z.number().int(), name: z.string(), creditCode: z.string() });
export type UnitSummary = z.infer<typeof unitSummary>;

/**
 * Who is signed in. An agent bound to several units has `unit: null` until one is chosen from `units`.
 * `mustChangePassword`: the password was set by an administrator; until it is changed the API refuses
 * everything but `me`, sign-out and changing the password.
 */
export const sessionInfo = z.object({
  user: z.object({ id: z.number().int(), role: roleSchema, name: z.string(), login: z.string(), mustChangePassword: z.boolean() }),
  unit: unitSummary.nullable(),
  units: z.array(unitSummary),
  /** An agent's invitations to units waiting for an answer (GET /auth/invitations); 0 for other roles. */
  pendingInvitations: z.number().int(),
});
export type SessionInfo = z.infer<typeof sessionInfo>;
