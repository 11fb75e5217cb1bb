import { z } from 'zod';
import { passwordProblem } from '../validators/password';
import { fieldIssue, mobileField, newPasswordField, personNameField } from './fields';

/** `invited`: an existing account asked to join; it is bound only once the agent accepts. */
export const AGENT_STATUSES = ['active', 'invited'] as const;

export const agent = z.object({
  id: z.number().int(),
  /** For an invited agent, the name as the administrator typed it. */
  name: z.string(),
  mobile: z.string(),
  disabled: z.boolean(),
  status: z.enum(AGENT_STATUSES),
  /** When bound, or for an invited agent when invited. */
  boundAt: z.string(),
});
export type Agent = z.infer<typeof agent>;

export const agentList = z.object({ items: z.array(agent) });
export type AgentList = z.infer<typeof agentList>;

/**
 * A new mobile creates an account with this initial password, to be changed at first sign-in. A mobile
 * already registered is only invited: the account is bound once its agent accepts, and the password is ignored.
 */
export const createAgentRequest = z
  .object({
    name: personNameField,
    mobile: mobileField,
    password: newPasswordField,
  })
  .superRefine((value, ctx) => {
    if (passwordProblem(value.password, [value.mobile]) === 'PASSWORD_CONTAINS_LOGIN') {
      ctx.addIssue({ ...fieldIssue('PASSWORD_CONTAINS_LOGIN'), path: ['password'] });
    }
  });
export type CreateAgentRequest = z.input<typeof createAgentRequest>;

/** The administrator sets a new password for an agent; the agent's sessions end at once. */
export const resetAgentPasswordRequest = z.object({ password: newPasswordField });
export type ResetAgentPasswordRequest = z.input<typeof resetAgentPasswordRequest>;

/** An invitation waiting for the signed-in agent's answer. */
export const agentInvitation = z.object({ unitId: z.number().int(), unitName: z.string(), invitedAt: z.string() });
export type AgentInvitation = z.infer<typeof agentInvitation>;
export const agentInvitationList = z.object({ items: z.array(agentInvitation) });
export type AgentInvitationList = z.infer<typeof agentInvitationList>;
