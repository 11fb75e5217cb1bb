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
import { recordAudits, type AuditEntry } from '../audit/audit.store';
import { DeclarationService, type AppliedChanges, type PendingOf, type PendingSubmission } from '../declarations/declarations.service';
import { invalidFields } from '../http/errors';
import type { Actor } from '../http/route';
import { InsuredService } from '../insured/insured.service';
import { applyChanges } from '../maintenance/maintenance.service';
import { AssessmentService } from '../payments/assessment.service';

type Decision = z.output<typeof reviewDecision>;

/** The features an approval writes through, built on its transaction. */
interface Features {
  trx: Knex.Transaction;
  insured: InsuredService;
}

/** How an approval applies each kind of submission to the records: every kind names its own. */
const APPLY: { [K in SubmissionKind]: (features: Features, pending: PendingOf<K>[], at: string) => Promise<AppliedChanges> } = {
  addition: (f, pending, at) => f.insured.applyAdditions(pending, at),
  reduction: (f, pending, at) => f.insured.applyReductions(pending, at),
  'unit-info-change': (f, pending, at) => applyChanges(f.trx, pending, at),
  'bank-account-change': (f, pending, at) => applyChanges(f.trx, pending, at),
  'hukou-change': (f, pending, at) => applyChanges(f.trx, pending, at),
};

/** The pending submissions of one kind, applied by that kind's handler; nothing when there are none. */
async function applyKind<K extends SubmissionKind>(kind: K, features: Features, pending: PendingSubmission[], at: string): Promise<AppliedChanges> {
  const ofKind = pending.filter((d): d is PendingOf<K> => d.kind === kind);
  return ofKind.length > 0 ? APPLY[kind](features, ofKind, at) : new Map();
}

/**
 * The agency's review: reviewers see every unit's submissions and approve or reject them, never edit
 * them. An approval applies the submissions to the records in the same transaction, or nothing at all.
 */
export class ReviewService {
  constructor(
    private readonly db: Knex,
    private readonly clock: Clock,
  ) {}

  /** Pending ones oldest first, the order they are worked through; decided ones newest first. */
  list(query: z.output<typeof reviewQuery>): Promise<SubmissionPage> {
    return new DeclarationService(this.db, this.clock).reviewPage(
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
    const found = await new DeclarationService(this.db, this.clock).findForReview(id);
    if (found.kind !== 'addition') return found;
    const contributionBase = await new AssessmentService(this.db, this.clock).contributionBase(found.payload.wageFen, found.effectiveMonth);
    if (found.status !== 'pending') return { ...found, contributionBase };
    return { ...found, contributionBase, registeredPerson: await new InsuredService(this.db).registered(found.idNumber) };
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
      const submissions = new DeclarationService(trx, this.clock);
      const status = decision.approve ? 'approved' : 'rejected';
      const pending = await submissions.closeForReview(which, status, { by: actor.userId, at, reason });
      const ids = pending.map((d) => d.id);
      const changes: AppliedChanges = new Map();
      if (decision.approve) {
        const features: Features = { trx, insured: new InsuredService(trx) };
        for (const kind of SUBMISSION_KINDS) {
          for (const [id, change] of await applyKind(kind, features, pending, at)) changes.set(id, change);
        }
        await submissions.linkPersons(ids);
        await markAssessmentsStale(trx, pending);
      }
      await recordAudits(
        trx,
        pending.map((d): AuditEntry => ({
          at,
          userId: actor.userId,
          unitId: d.unitId,
          action: `declaration_${status}`,
          entityType: 'declaration',
          entityId: d.id,
          before: { status: 'pending', ...changes.get(d.id)?.before },
          after: { status, reason, ...changes.get(d.id)?.after },
          requestId,
        })),
      );
      return { approved: decision.approve ? ids.length : 0, rejected: decision.approve ? 0 : ids.length };
    });
  }
}

/** Approved declarations change coverage from their month on; those periods are assessed afresh. */
async function markAssessmentsStale(trx: Knex.Transaction, pending: PendingSubmission[]): Promise<void> {
  const from = new Map<number, string>();
  for (const d of pending) {
    if (d.kind !== 'addition' && d.kind !== 'reduction') continue;
    const earliest = from.get(d.unitId);
    if (earliest === undefined || d.effectiveMonth < earliest) from.set(d.unitId, d.effectiveMonth);
  }
  for (const [unitId, month] of from) await AssessmentService.markStale(trx, unitId, month);
}
