/**
 * Messages (消息) to a unit's users: review decisions, applied changes and coming deadlines. A message is
 * stored as its kind and parameters, never as text, and the client words it in the reader's language
 * (`messages.kinds.<kind>` in the catalogues). Each kind is defined once, below.
 */
import { z } from 'zod';
import { feePeriodField, isoDate } from './addition-fields';
import { pageOf, pageQuery } from './fields';
import { SUBMISSION_KINDS } from './submissions';

/**
 * The deadlines a message can announce: the monthly cut-off day of additions (its period the month), and
 * the end of the base declaration window (its period the contribution year's first month).
 */
export const DEADLINES = ['cutoff', 'base-declaration'] as const;
export type Deadline = (typeof DEADLINES)[number];

/** What is changed at once, without review, and announced to the unit's other users. */
export const APPLIED_CHANGES = ['contact-change'] as const;

const submissionKind = z.enum(SUBMISSION_KINDS);

/** The parameters of each kind of message, as stored (JSON) and as the client words them. */
export const MESSAGE_PARAMS = {
  /** A reviewer approved one submission; an approved change has been applied to the records. */
  'submission-approved': z.object({ submissionId: z.number().int(), submissionKind, personName: z.string().nullable() }),
  /** A reviewer rejected one submission, with the reason: a to-do for the unit. */
  'submission-rejected': z.object({
    submissionId: z.number().int(),
    submissionKind,
    personName: z.string().nullable(),
    reason: z.string(),
  }),
  /** A reviewer decided a whole batch at once. */
  'batch-approved': z.object({ batchId: z.number().int(), count: z.number().int() }),
  'batch-rejected': z.object({ batchId: z.number().int(), count: z.number().int(), reason: z.string() }),
  /** A change applied at once by one of the unit's users (a person's contact details). */
  'change-applied': z.object({ change: z.enum(APPLIED_CHANGES), personName: z.string().nullable(), by: z.string() }),
  /** A deadline coming: its last day (Asia/Shanghai) and the fee period it belongs to. */
  deadline: z.object({ deadline: z.enum(DEADLINES), date: isoDate, period: feePeriodField }),
} as const;

export type MessageKind = keyof typeof MESSAGE_PARAMS;
export type MessageParamsOf<K extends MessageKind> = z.output<(typeof MESSAGE_PARAMS)[K]>;
/** A kind of message with its parameters: what a feature hands over to be written. */
export type MessageContent = { [K in MessageKind]: { kind: K; params: MessageParamsOf<K> } }[MessageKind];

const messageFacts = z.object({
  id: z.number().int(),
  createdAt: z.string(),
  /** Read by the signed-in user (each user reads for themselves). */
  read: z.boolean(),
});
const messageKind = <K extends MessageKind>(kind: K) => messageFacts.extend({ kind: z.literal(kind), params: MESSAGE_PARAMS[kind] });

export const message = z.discriminatedUnion('kind', [
  messageKind('submission-approved'),
  messageKind('submission-rejected'),
  messageKind('batch-approved'),
  messageKind('batch-rejected'),
  messageKind('change-applied'),
  messageKind('deadline'),
]);
export type Message = z.output<typeof message>;
export const MESSAGE_KINDS: readonly MessageKind[] = message.options.map((option) => option.shape.kind.value);

export const messagePage = pageOf(message).extend({ unread: z.number().int() });
export type MessagePage = z.infer<typeof messagePage>;

export const messageQuery = pageQuery.extend({
  /** Only the messages the user has not read. */
  unread: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true'),
});
export type MessageQuery = z.input<typeof messageQuery>;

export const unreadCount = z.object({ unread: z.number().int() });
export type UnreadCount = z.infer<typeof unreadCount>;
