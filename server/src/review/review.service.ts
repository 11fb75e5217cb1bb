import type { Knex } from 'knex';
import type { z } from 'zod';
import {
  SUBMISSION_KINDS,
  type ReviewResult,
  type Submission,
  type SubmissionKind,
  type SubmissionPage,
  type reviewDecision,
  type reviewQuery,
} from '@common/api/submissions';
import { shanghaiDayStart } from '@common/fee-period';
import type { Clock } from '../clock';
import { AuditService, type AuditEntry } from '../audit/audit.service';
import { BaseDeclarationService } from '../base-declarations/base-declarations.service';
import { DeclarationService } from '../declarations/declarations.service';
import { invalidFields } from '../http/errors';
import type { Actor } from '../http/route';
import type { MaintenanceService } from '../maintenance/maintenance.service';
import type { RegistrationService } from '../registration/registration.service';
import type { ResidentService } from '../residents/residents.service';
import { MessageService, type NewMessage } from '../messages/messages.service';
import { AssessmentService } from '../payments/assessment.service';
import { SubmissionService, type AppliedChanges, type PendingOf, type PendingSubmission } from '../submissions/submissions.service';

type Decision = z.output<typeof reviewDecision>;

/** How an approval applies each kind of submission to the records: every kind names its own. */
const APPLY: { [K in SubmissionKind]: (review: ReviewService, pending: PendingOf<K>[], at: string) => Promise<AppliedChanges> } = {
  addition: (r, pending, at) => r.declarations.insured.applyAdditions(pending, at),
  reduction: (r, pending, at) => r.declarations.insured.applyReductions(pending, at),
  'base-declaration': (r, pending, at) => r.baseDeclarations.applyApproved(pending, at),
  'unit-info-change': (r, pending, at) => r.maintenance.applyChanges(pending, at),
  'bank-account-change': (r, pending, at) => r.maintenance.applyChanges(pending, at),
  'hukou-change': (r, pending, at) => r.maintenance.applyChanges(pending, at),
  'unit-registration': (r, pending, at) => r.registrations.applyRegistrations(pending, at),
  'resident-registration': (r, pending, at) => r.residents.applyRegistrations(pending, at),
};

/** The pending submissions of one kind, applied by that kind's handler; nothing when there are none. */
async function applyKind<K extends SubmissionKind>(
  kind: K,
  review: ReviewService,
  pending: PendingSubmission[],
  at: string,
): Promise<AppliedChanges> {
  const ofKind = pending.filter((d): d is PendingOf<K> => d.kind === kind);
  return ofKind.length > 0 ? APPLY[kind](review, ofKind, at) : new Map();
}

/** What the unit is told of a decision: one message for a submission, one for a whole batch. */
function decisionMessages(
  which: { id: number } | { batchId: number },
  decided: PendingSubmission[],
  approve: boolean,
  reason: string | null,
  at: string,
): NewMessage[] {
  // A unit registration has no unit to tell before it is approved: its applicant follows it on the status page.
  const ofUnits = decided.flatMap((d) => (d.unitId === null ? [] : [{ ...d, unitId: d.unitId }]));
  if (ofUnits.length === 0) return [];
  if ('batchId' in which) {
    const { batchId } = which;
    const count = ofUnits.length;
    const unitId = ofUnits[0].unitId;
    return [
      approve
        ? { unitId, at, kind: 'batch-approved', params: { batchId, count } }
        : { unitId, at, kind: 'batch-rejected', params: { batchId, count, reason: reason ?? '' } },
    ];
  }
  return ofUnits.map((d): NewMessage => {
    const about = { submissionId: d.id, submissionKind: d.kind, personName: d.personName };
    return approve
      ? { unitId: d.unitId, at, kind: 'submission-approved', params: about }
      : { unitId: d.unitId, at, kind: 'submission-rejected', params: { ...about, reason: reason ?? '' } };
  });
}

/**
 * The agency's review: reviewers see every unit's submissions and approve or reject them, never edit
 * them. An approval applies the submissions to the records in the same transaction, or nothing at all.
 */
export class ReviewService {
  /** Additions and reductions are applied through the insured service it wires. */
  readonly declarations: DeclarationService;
  readonly submissions: SubmissionService;
  /** Approved base declarations become contribution bases through it. */
  readonly baseDeclarations: BaseDeclarationService;
  private readonly assessments: AssessmentService;
  private readonly audit: AuditService;
  private readonly messages: MessageService;

  /**
   * The feature's wiring on a knex handle; the maintenance, registration and resident services apply approved
   * changes, unit registrations and resident registrations.
   */
  constructor(
    private readonly db: Knex,
    private readonly clock: Clock,
    readonly maintenance: MaintenanceService,
    readonly registrations: RegistrationService,
    readonly residents: ResidentService,
    /** Where the console's pages are read (Database.pages); `db` unless given. */
    pages: Knex = db,
  ) {
    this.declarations = new DeclarationService(db, clock, undefined, pages);
    this.submissions = this.declarations.submissions;
    this.baseDeclarations = new BaseDeclarationService(db, clock);
    this.assessments = new AssessmentService(db, clock);
    this.audit = new AuditService(db);
    this.messages = new MessageService(db, clock);
  }

  on(trx: Knex.Transaction): ReviewService {
    return new ReviewService(trx, this.clock, this.maintenance.on(trx), this.registrations.on(trx), this.residents.on(trx));
  }

  /** Pending ones oldest first, the order they are worked through; decided ones newest first. */
  list(query: z.output<typeof reviewQuery>): Promise<SubmissionPage> {
    return this.submissions.reviewPage(
      {
        statuses: [query.status],
        unitId: query.unitId,
        kind: query.kind,
        batchId: query.batchId,
        submittedFrom: query.from ? shanghaiDayStart(query.from).toISOString() : undefined,
        submittedBefore: query.to ? shanghaiDayStart(query.to, 1).toISOString() : undefined,
      },
      query.status === 'pending' ? 'oldest' : 'newest',
      query.page,
      query.pageSize,
    );
  }

  /**
   * An addition comes with its contribution base after clamping; a pending one of a known person with the
   * person as registered, to compare with what was submitted.
   */
  async find(id: number): Promise<Submission> {
    const found = await this.submissions.findForReview(id);
    if (found.kind !== 'addition') return found;
    const contributionBase = await this.assessments.contributionBase(found.payload.wageFen, found.effectiveMonth);
    if (found.status !== 'pending') return { ...found, contributionBase };
    return { ...found, contributionBase, registeredPerson: await this.declarations.insured.registered(found.idNumber) };
  }

  decide(actor: Actor, id: number, decision: Decision, requestId: string): Promise<ReviewResult> {
    return this.decideAll(actor, { id }, decision, requestId);
  }

  /** The whole batch's pending rows at once. */
  decideBatch(actor: Actor, batchId: number, decision: Decision, requestId: string): Promise<ReviewResult> {
    return this.decideAll(actor, { batchId }, decision, requestId);
  }

  private async decideAll(actor: Actor, which: { id: number } | { batchId: number }, decision: Decision, requestId: string): Promise<ReviewResult> {
    const reason = decision.reason || null;
    if (!decision.approve && !reason) throw invalidFields([{ field: 'reason', code: 'REASON_REQUIRED' }]);
    const at = this.clock.now().toISOString();
    return this.db.transaction(async (trx) => {
      const review = this.on(trx);
      const submissions = review.submissions;
      const status = decision.approve ? 'approved' : 'rejected';
      const pending = await submissions.closeForReview(which, status, { by: actor.userId, at, reason });
      const ids = pending.map((d) => d.id);
      const changes: AppliedChanges = new Map();
      if (decision.approve) {
        for (const kind of SUBMISSION_KINDS) {
          for (const [id, change] of await applyKind(kind, review, pending, at)) changes.set(id, change);
        }
        await submissions.linkPersons(ids);
        await review.markAssessmentsStale(pending);
      }
      // In the decision's transaction: the unit hears of it exactly when it happened.
      await review.messages.write(decisionMessages(which, pending, decision.approve, reason, at));
      await review.audit.recordAll(
        pending.map((d): AuditEntry => ({
          at,
          userId: actor.userId,
          unitId: d.unitId ?? changes.get(d.id)?.unitId ?? null,
          action: `submission_${status}`,
          entityType: 'submission',
          entityId: d.id,
          before: { status: 'pending', ...changes.get(d.id)?.before },
          after: { status, reason, ...changes.get(d.id)?.after },
          requestId,
        })),
      );
      return { approved: decision.approve ? ids.length : 0, rejected: decision.approve ? 0 : ids.length };
    });
  }

  /**
   * Approved declarations change coverage from their month on; those periods are assessed afresh. An
   * approved base is assessed at once in the months already assessed from its year's first: their unpaid
   * details take it now, paid ones stay as paid.
   */
  private async markAssessmentsStale(pending: PendingSubmission[]): Promise<void> {
    const from = new Map<number, string>();
    const rebased = new Map<number, string>();
    for (const d of pending) {
      // Changes and registrations move no month of coverage.
      if ((d.kind !== 'addition' && d.kind !== 'reduction' && d.kind !== 'base-declaration') || d.unitId === null) continue;
      const months = d.kind === 'base-declaration' ? rebased : from;
      const earliest = months.get(d.unitId);
      if (earliest === undefined || d.effectiveMonth < earliest) months.set(d.unitId, d.effectiveMonth);
    }
    for (const [unitId, month] of rebased) await this.assessments.reassessFrom(unitId, month);
    for (const [unitId, month] of from) await this.assessments.markStale(unitId, month);
  }
}
