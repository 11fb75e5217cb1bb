import type { Knex } from 'knex';
import type { z } from 'zod';
import type { Role } from '@common/api/auth';
import { maskAccountNumber } from '@common/api/maintenance';
import type { ChangeKind, Submission, SubmissionKind, SubmissionPage, SubmissionStatus, submissionQuery } from '@common/api/submissions';
import type { Clock } from '../clock';
import { AuditService } from '../audit/audit.service';
import { AppError, notFound } from '../http/errors';
import type { Actor } from '../http/route';
import { PendingSubmissionExists, SubmissionStore, type NewSubmission, type PendingSubmission, type SubmissionFilters } from './submissions.store';

export { PendingSubmissionExists };
export type { NewSubmission, PendingSubmission, SubmissionFilters };
/** A pending submission of one kind, as an approval applies it. */
export type PendingOf<K extends SubmissionKind> = Extract<PendingSubmission, { kind: K }>;
type Values = Record<string, unknown>;
/** What an approval changed, per submission id, for the audit log; `unitId` names the unit a registration became. */
export type AppliedChanges = Map<number, { before: Values; after: Values; unitId?: number }>;

/** A submission as a unit user may see it: an agent sees only the last four digits of a bank account number, as on the unit page. */
export function asSeenBy(role: Role, found: Submission): Submission {
  if (role === 'unit_admin' || found.kind !== 'bank-account-change') return found;
  const masked = <T extends Record<string, string | null>>(side: T): T => ({
    ...side,
    accountNumber: side.accountNumber ? maskAccountNumber(side.accountNumber) : null,
  });
  return { ...found, payload: { before: masked(found.payload.before), after: masked(found.payload.after) } };
}

export type SubmissionExportQuery = Omit<z.output<typeof submissionQuery>, 'page' | 'pageSize'>;

/** A queue of the unit's, filtered: pending ones, or audited ones (approved or rejected). */
function queueFilters(unitId: number, query: SubmissionExportQuery): SubmissionFilters {
  const statuses: SubmissionStatus[] = query.queue === 'pending' ? ['pending'] : ['approved', 'rejected'];
  return { unitId, statuses, kind: query.kind, q: query.q, batchId: query.batchId };
}

/**
 * Submissions of every kind (additions, reductions, changes): the unit's queues of them, its withdrawal of
 * a pending one, and the agency's review reading and closing them. Each kind's feature stores its own.
 */
export class SubmissionService {
  private readonly store: SubmissionStore;
  /** The queues' and the review's pages, read through `pages` (Database.pages). */
  private readonly pages: SubmissionStore;
  private readonly audit: AuditService;

  /** `pages`: where list pages are read; `db` unless given (a transaction reads its own writes). */
  constructor(
    private readonly db: Knex,
    private readonly clock: Clock,
    pages: Knex = db,
  ) {
    this.store = new SubmissionStore(db);
    this.pages = new SubmissionStore(pages);
    this.audit = new AuditService(db);
  }

  /** The same wiring on a transaction. */
  on(trx: Knex.Transaction): SubmissionService {
    return new SubmissionService(trx, this.clock);
  }

  async list(unitId: number, role: Role, query: z.output<typeof submissionQuery>): Promise<SubmissionPage> {
    const { items, total } = await this.pages.page(queueFilters(unitId, query), 'newest', query.page, query.pageSize, false);
    return { items: items.map((s) => asSeenBy(role, s)), total, page: query.page, pageSize: query.pageSize };
  }

  /** The queue as the list filters it, whole, newest first: how many, and its pages. */
  async forExport(unitId: number, role: Role, query: SubmissionExportQuery): Promise<{ total: number; pages: AsyncIterable<Submission[]> }> {
    const filters = queueFilters(unitId, query);
    const pages = this.store.keysetPages(filters);
    return {
      total: await this.store.count(filters),
      pages: (async function* () {
        for await (const page of pages) yield page.map((s) => asSeenBy(role, s));
      })(),
    };
  }

  /**
   * The unit's to-dos: its submissions rejected since the instant and not corrected yet, newest first; the
   * first `limit` and how many in all.
   */
  toDos(unitId: number, since: Date, limit: number): Promise<{ items: Submission[]; total: number }> {
    return this.store.page({ unitId, statuses: ['rejected'], reviewedFrom: since.toISOString(), uncorrected: true }, 'newest', 0, limit, false);
  }

  /**
   * A correction is of a rejected submission of the unit, of the same kind, not corrected yet (another
   * unit's is not found). On the correction's transaction; the index of 015_messages keeps it to one even
   * when two corrections race, and the loser, checked again, is told it was corrected.
   */
  async checkCorrection(unitId: number, correctsId: number, kind: SubmissionKind): Promise<void> {
    const rejected = await this.store.find(correctsId, unitId);
    if (!rejected) throw notFound();
    if (rejected.status !== 'rejected') throw new AppError(409, 'SUBMISSION_NOT_REJECTED');
    if (rejected.kind !== kind) throw new AppError(409, 'CORRECTION_OTHER_KIND');
    if (rejected.correctedById !== null) throw new AppError(409, 'SUBMISSION_ALREADY_CORRECTED');
  }

  async find(unitId: number, id: number, role: Role): Promise<Submission> {
    const found = await this.store.find(id, unitId);
    if (!found) throw notFound();
    return asSeenBy(role, found);
  }

  /** Every unit's submissions, with the unit's name, for the agency's review. */
  async reviewPage(filters: SubmissionFilters, order: 'newest' | 'oldest', page: number, pageSize: number): Promise<SubmissionPage> {
    const { items, total } = await this.pages.page(filters, order, page, pageSize, true);
    return { items, total, page, pageSize };
  }

  /** Any unit's submission, for the agency's review. */
  async findForReview(id: number): Promise<Submission> {
    const found = await this.store.find(id);
    if (!found) throw notFound();
    return found;
  }

  /**
   * Closes the pending submissions of one id or one batch with a reviewer's decision and answers them; none
   * at all (already decided or withdrawn, here or by a concurrent request) is `SUBMISSION_NOT_PENDING`.
   */
  async closeForReview(
    which: { id: number } | { batchId: number },
    status: Exclude<SubmissionStatus, 'pending' | 'withdrawn'>,
    review: { by: number; at: string; reason: string | null },
  ): Promise<PendingSubmission[]> {
    const store = this.store;
    if ('id' in which ? !(await store.find(which.id)) : !(await store.batchExists(which.batchId))) throw notFound();
    const pending = await store.pending(which);
    const ids = pending.map((d) => d.id);
    if (ids.length === 0 || (await store.close(ids, status, review)) !== ids.length) throw new AppError(409, 'SUBMISSION_NOT_PENDING');
    return pending;
  }

  /** Points approved submissions at their insured person, once the approval has made one. */
  linkPersons(ids: number[]): Promise<void> {
    return this.store.linkPersons(ids);
  }

  /** The unit's pending changes of these kinds, or of one person's. */
  pendingChanges(unitId: number, kinds: readonly ChangeKind[], personId?: number): Promise<Submission[]> {
    return this.store.pendingChanges(unitId, kinds, personId);
  }

  /**
   * Stores submissions as pending, ids in the given order; `PendingSubmissionExists` when one would be a
   * second pending one of its kind for the same unit and person.
   */
  insert(submissions: NewSubmission[]): Promise<number[]> {
    return this.store.insert(submissions);
  }

  /** Stores one submission and answers it as stored; `PendingSubmissionExists` as `insert`. */
  async insertOne(submission: NewSubmission): Promise<Submission> {
    const [id] = await this.store.insert([submission]);
    return (await this.store.find(id, submission.unitId ?? undefined))!;
  }

  /** A pending submission can be taken back by its unit before review. */
  async withdraw(unitId: number, actor: Actor, id: number, requestId: string): Promise<Submission> {
    return this.db.transaction(async (trx) => {
      const { store, audit } = this.on(trx);
      const before = await store.find(id, unitId);
      if (!before) throw notFound();
      if ((await store.close([id], 'withdrawn')) === 0) throw new AppError(409, 'SUBMISSION_NOT_PENDING');
      const after = (await store.find(id, unitId))!;
      await audit.record({
        at: this.clock.now().toISOString(),
        userId: actor.userId,
        unitId,
        action: 'submission_withdrawn',
        entityType: 'submission',
        entityId: id,
        before: { status: before.status },
        after: { status: after.status },
        requestId,
      });
      return after;
    });
  }
}
