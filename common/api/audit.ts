/** The unit's audit trail (操作日志): who changed what, when, with the record before and after. */
import { z } from 'zod';
import { fieldIssue, pageOf, pageQuery } from './fields';
import { SUBMISSION_KINDS } from './submissions';

/** The actions the hall records, for the filter's choices; the filter itself accepts any action name. */
export const AUDIT_ACTIONS = [
  'login',
  'select_unit',
  'logout',
  'password_changed',
  'agent_bound',
  'agent_invited',
  'agent_invitation_accepted',
  'agent_invitation_declined',
  'agent_invitation_withdrawn',
  'agent_bound_elsewhere',
  'agent_disabled',
  'agent_enabled',
  'agent_password_reset',
  'submission_submitted',
  'batch_submitted',
  'submission_withdrawn',
  'submission_approved',
  'submission_rejected',
  'assessment',
  'collection_recorded',
  'certificate_issued',
  'insured_contact_changed',
  'base_carried_over',
] as const;

/** The kinds of entity the trail records, for their names in the catalogues. */
export const AUDIT_ENTITY_TYPES = [
  'agent',
  'batch',
  'certificate',
  'contribution_year',
  'fee_period',
  'insured_person',
  'session',
  'submission',
  'user',
] as const;

/** A calendar day `YYYY-MM-DD` in Asia/Shanghai. */
const auditDate = z.string().superRefine((value, ctx) => {
  if (!/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/.test(value)) ctx.addIssue(fieldIssue('DATE_FORMAT'));
});

export const auditFilters = z.object({
  /** The user who acted (an agent or the administrator of the unit). */
  user: z.coerce.number().int().positive().optional(),
  /** The action, e.g. `agent_disabled`. */
  type: z
    .string()
    .trim()
    .regex(/^[a-z_]{1,40}$/)
    .optional(),
  /** On or after / on or before, `YYYY-MM-DD` in Asia/Shanghai. */
  from: auditDate.optional(),
  to: auditDate.optional(),
  /** Part of the entity's id, the user's name or the recorded before/after. */
  q: z.string().trim().max(50).optional(),
});
export type AuditFilters = z.input<typeof auditFilters>;

export const auditQuery = pageQuery.extend(auditFilters.shape);
export type AuditQuery = z.input<typeof auditQuery>;

export const auditEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  user: z.object({ id: z.number().int(), name: z.string(), role: z.string() }).nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  /** The entity as users know it: a person's name and masked ID number, an agent's name; null when it has none. */
  entityName: z.string().nullable(),
  /** A submission's kind, which names it with its number (增员 #123); null for any other entity. */
  entityKind: z.enum(SUBMISSION_KINDS).nullable(),
  before: z.unknown(),
  after: z.unknown(),
});
export type AuditEntry = z.infer<typeof auditEntry>;

export const auditPage = pageOf(auditEntry);
export type AuditPage = z.infer<typeof auditPage>;
export type AuditFilterValues = z.infer<typeof auditFilters>;
