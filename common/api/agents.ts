import { z } from 'zod';
import { mobileField, newPasswordField, requiredText } from './fields';

export const agent = z.object({
  id: z.number().int(),
  name: z.string(),
  mobile: z.string(),
  disabled: z.boolean(),
  boundAt: z.string(),
});
export type Agent = z.infer<typeof agent>;

export const agentList = z.object({ items: z.array(agent) });
export type AgentList = z.infer<typeof agentList>;

/** An agent whose mobile is already registered (bound to another unit) is bound as is; the password is then ignored. */
export const createAgentRequest = z.object({
  name: requiredText(50),
  mobile: mobileField,
  password: newPasswordField,
});
export type CreateAgentRequest = z.input<typeof createAgentRequest>;

/** The administrator sets a new password for an agent; the agent's sessions end at once. */
export const resetAgentPasswordRequest = z.object({ password: newPasswordField });
export type ResetAgentPasswordRequest = z.input<typeof resetAgentPasswordRequest>;
