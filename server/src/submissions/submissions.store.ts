import type { Knex } from 'knex';
import { z } from 'zod';
import { submission, type ChangeKind, type PayloadOf, type Submission, type SubmissionKind, type SubmissionStatus } from '@common/api/submissions';
import type { FeePeriod } from '@common/fee-period';
import { maskIdNumber } from '@common/validators/id-number';
import {
  chunks,
  EXPORT_PAGE_ROWS,
  IN_LIST_CHUNK,
  INSERT_CHUNK_ROWS,
  isUniqueViolation,
  PAGE_SIZE_LITERAL,
  pageTotal,
  sqlLiterals,
} from '../db/dialect';
import { whereIdNumberOrNameStarts } from '../db/person-search';

/** A kind of submission with the payload of that kind. */
type KindAndPayload = { [K in SubmissionKind]: { kind: K; payload: PayloadOf<K> } }[SubmissionKind];

export type NewSubmission = KindAndPayload & {
  /** Null for a unit's registration, which belongs to no unit until approved. */
  unitId: number | null;
  /** The person it is about; null for a change of the unit's own records. */
  idNumber: string | null;
  personName: string | null;
  effectiveMonth: FeePeriod | null;
  batchId: number | null;
  rowNumber: number | null;
  /** Null for a unit's registration, sent by nobody signed in. */
  submittedBy: number | null;
  submittedAt: string;
  /** A registration's hold on its credit code's one pending slot (migration 013); null for every other kind. */
  registeringCreditCode?: string | null;
  /** The rejected submission this one corrects. */
  correctsId?: number | null;
};

/** A pending submission as a decision reads it, with the insured person it names once one is known. */
export type PendingSubmission = Submission & { personId: number | null };

export interface SubmissionFilters {
  unitId?: number;
  statuses?: SubmissionStatus[];
  kind?: SubmissionKind;
  q?: string;
  batchId?: number;
  /** Submitted at or after / before these instants (ISO). */
  submittedFrom?: string;
  submittedBefore?: string;
  /** Decided at or after this instant (ISO). */
  reviewedFrom?: string;
  /** Not (or no longer) corrected by another submission: a rejected one is then still a to-do. */
  uncorrected?: boolean;
}

/** A `declarations` row joined with the names of its unit, submitter and reviewer; its `type` column holds the kind. */
interface SubmissionRow {
  id: number;
  unit_id: number | null;
  type: string;
  status: string;
  person_id: number | null;
  id_number: string | null;
  person_name: string | null;
  payload: string;
  effective_month: string | null;
  batch_id: number | null;
  row_number: number | null;
  submitted_at: string;
  reviewed_at: string | null;
  review_reason: string | null;
  corrects_id: number | null;
  corrected_by_id: number | null;
  unit_name: string | null;
  submitted_by_name: string | null;
  reviewed_by_name: string | null;
}

/** A registration not yet approved has no unit and no user: it names the unit and the contact it registers. */
const applicant = z.object({ after: z.object({ unitName: z.string(), contactName: z.string() }) });
const registered = (row: SubmissionRow) => applicant.parse(JSON.parse(row.payload)).after;

/** The stored payload is parsed through its kind's schema: a row that does not fit its kind fails loudly here. */
const toSubmission = (row: SubmissionRow, withUnitName: boolean): Submission =>
  submission.parse({
    id: row.id,
    kind: row.type,
    status: row.status,
    unitId: row.unit_id ?? null,
    // A resident registration is no unit's, ever; a unit registration names the unit it registers.
    ...(withUnitName && row.type !== 'resident-registration' ? { unitName: row.unit_name ?? registered(row).unitName } : {}),
    idNumber: row.id_number ?? null,
    idNumberMasked: row.id_number ? maskIdNumber(row.id_number) : null,
    personName: row.person_name ?? null,
    effectiveMonth: row.effective_month ?? null,
    batchId: row.batch_id ?? null,
    rowNumber: row.row_number ?? null,
    submittedBy: row.submitted_by_name ?? registered(row).contactName,
    submittedAt: row.submitted_at,
    reviewedBy: row.reviewed_by_name ?? null,
    reviewedAt: row.reviewed_at ?? null,
    reviewReason: row.review_reason ?? null,
    correctsId: row.corrects_id ?? null,
    correctedById: row.corrected_by_id ?? null,
    payload: JSON.parse(row.payload) as unknown,
  });

/**
 * A pending submission of the same unit, person and kind already exists: the partial unique indexes of
 * migration 010_one_pending refused the insert (or 015_messages's, a second correction of a rejected one). On PostgreSQL the refusal comes once the other writer
 * has committed, so checking again now sees that submission.
 */
export class PendingSubmissionExists extends Error {
  constructor() {
    super('a pending submission of the same unit, person and kind exists');
  }
}

/** Submissions of every kind in the `declarations` table; lists for units always start from the unit, so no other unit's row can appear. */
export class SubmissionStore {
  constructor(private readonly db: Knex) {}

  /**
   * Inserts pending submissions, linked to the person when the ID number is known; ids in the given
   * order. Throws PendingSubmissionExists when one would be a second pending one of its kind.
   */
  async insert(submissions: NewSubmission[]): Promise<number[]> {
    const ids: number[] = [];
    for (const chunk of chunks(submissions, INSERT_CHUNK_ROWS)) {
      const rows = await this.db('declarations')
        .insert(
          chunk.map((d) => ({
            unit_id: d.unitId,
            type: d.kind,
            status: 'pending',
            id_number: d.idNumber,
            person_name: d.personName,
            payload: JSON.stringify(d.payload),
            effective_month: d.effectiveMonth,
            batch_id: d.batchId,
            row_number: d.rowNumber,
            submitted_by: d.submittedBy,
            submitted_at: d.submittedAt,
            registering_credit_code: d.registeringCreditCode ?? null,
            corrects_id: d.correctsId ?? null,
          })),
        )
        .returning<{ id: number }[]>('id')
        .catch((error: unknown) => {
          throw isUniqueViolation(error) ? new PendingSubmissionExists() : error;
        });
      ids.push(...rows.map((r: { id: number }) => r.id));
    }
    await this.linkPersons(ids);
    return ids;
  }

  /** Points submissions at their insured person, once one exists with the ID number. */
  async linkPersons(ids: number[]): Promise<void> {
    for (const chunk of chunks(ids, IN_LIST_CHUNK)) {
      await this.db('declarations')
        .whereIn('id', chunk)
        .whereNull('person_id')
        .update({ person_id: this.db('insured_persons').select('id').whereRaw('insured_persons.id_number = declarations.id_number') });
    }
  }

  /** The submissions the filters match, with the names and the correction a row shows; `counting` joins only what filters need. */
  private select(f: SubmissionFilters, counting = false) {
    const query = this.db('declarations as d');
    if (!counting)
      query
        .leftJoin('units as u', 'u.id', 'd.unit_id')
        .leftJoin('users as s', 's.id', 'd.submitted_by')
        .leftJoin('users as r', 'r.id', 'd.reviewed_by');
    // At most one correction that is not withdrawn (the index of migration 015_messages).
    if (!counting || f.uncorrected)
      // A literal, as the index's predicate is: a generic plan (Database.pages) then uses the index.
      query.leftJoin('declarations as c', (on) => on.on('c.corrects_id', 'd.id').andOn(this.db.raw(`c.status <> ${sqlLiterals(['withdrawn'])}`)));
    if (f.unitId !== undefined) query.where('d.unit_id', f.unitId);
    // Literals: the partial index of the audited statuses (022_unit_lists) serves a generic plan (Database.pages).
    if (f.statuses) query.whereRaw(`d.status in (${sqlLiterals(f.statuses)})`);
    if (f.kind) query.where('d.type', f.kind);
    if (f.batchId !== undefined) query.where('d.batch_id', f.batchId);
    if (f.q) whereIdNumberOrNameStarts(query, f.q, 'd.id_number', 'd.person_name');
    if (f.submittedFrom) query.where('d.submitted_at', '>=', f.submittedFrom);
    if (f.submittedBefore) query.where('d.submitted_at', '<', f.submittedBefore);
    if (f.reviewedFrom) query.where('d.reviewed_at', '>=', f.reviewedFrom);
    if (f.uncorrected) query.whereNull('c.id');
    return query;
  }

  private static readonly COLUMNS = [
    'd.*',
    'c.id as corrected_by_id',
    'u.name as unit_name',
    's.name as submitted_by_name',
    'r.name as reviewed_by_name',
  ];

  async page(
    f: SubmissionFilters,
    order: 'newest' | 'oldest',
    page: number,
    pageSize: number,
    withUnitName: boolean,
  ): Promise<{ items: Submission[]; total: number }> {
    const direction = order === 'newest' ? 'desc' : 'asc';
    // Within a day range, in the order submitted, then by id: the range is read along the index of migration 025,
    // a page's worth however many or few submissions it holds.
    const byDay = f.submittedFrom !== undefined || f.submittedBefore !== undefined;
    const ordered = (query: Knex.QueryBuilder) => (byDay ? query.orderBy('d.submitted_at', direction) : query).orderBy('d.id', direction);
    // The page's ids first, walking an index in the list's order (a deep page skips index entries); names and
    // corrections are joined to those rows only.
    const pageIds = ordered(this.select(f, true))
      .limit(pageSize, PAGE_SIZE_LITERAL)
      .offset(page * pageSize)
      .select('d.id');
    // The filters' total beside each row: a page is one statement.
    const rows = await ordered(this.select({}).whereIn('d.id', pageIds)).select<(SubmissionRow & { total: number | string })[]>([
      ...SubmissionStore.COLUMNS,
      this.select(f, true).count('*').as('total'),
    ]);
    return { items: rows.map((r) => toSubmission(r, withUnitName)), total: await pageTotal(rows, page, () => this.count(f)) };
  }

  /** How many submissions the filters match: an export's row count. */
  async count(f: SubmissionFilters): Promise<number> {
    const row = await this.select(f, true).count({ n: '*' }).first();
    return Number(row?.n ?? 0);
  }

  /** Keyset pages newest first, as the list orders them, for exports: memory stays flat however many match. */
  async *keysetPages(f: SubmissionFilters, size = EXPORT_PAGE_ROWS): AsyncGenerator<Submission[]> {
    let before: number | null = null;
    for (;;) {
      const query = this.select(f);
      if (before !== null) query.where('d.id', '<', before);
      const rows = await query.orderBy('d.id', 'desc').limit(size).select<SubmissionRow[]>(SubmissionStore.COLUMNS);
      if (rows.length === 0) return;
      before = rows[rows.length - 1].id;
      yield rows.map((r) => toSubmission(r, false));
      if (rows.length < size) return;
    }
  }

  /** One submission; with `unitId`, only if it is that unit's. */
  async find(id: number, unitId?: number): Promise<Submission | null> {
    const row = await this.select({ unitId }).where('d.id', id).first<SubmissionRow | undefined>(SubmissionStore.COLUMNS);
    return row ? toSubmission(row, unitId === undefined) : null;
  }

  /** The unit's pending changes of these kinds, of one person when `personId` is given; oldest first. */
  async pendingChanges(unitId: number, kinds: readonly ChangeKind[], personId?: number): Promise<Submission[]> {
    const query = this.select({ unitId, statuses: ['pending'] }).whereIn('d.type', kinds);
    if (personId !== undefined) query.where('d.person_id', personId);
    const rows = await query.orderBy('d.id').select<SubmissionRow[]>(SubmissionStore.COLUMNS);
    return rows.map((r) => toSubmission(r, false));
  }

  async batchExists(batchId: number): Promise<boolean> {
    return (await this.db('batches').where({ id: batchId }).first('id')) !== undefined;
  }

  /** The pending submissions of one id or one batch, in submission order. */
  async pending(which: { id: number } | { batchId: number }): Promise<PendingSubmission[]> {
    const rows: SubmissionRow[] = await this.select({ statuses: ['pending'] })
      .where('id' in which ? { 'd.id': which.id } : { 'd.batch_id': which.batchId })
      .orderBy('d.id')
      .select(SubmissionStore.COLUMNS);
    return rows.map((row) => ({ ...toSubmission(row, true), personId: row.person_id ?? null }));
  }

  /**
   * Moves pending submissions to `status`; answers how many were still pending. The condition on the
   * status makes a concurrent decision or withdrawal wait for this one and then change nothing.
   */
  async close(
    ids: number[],
    status: Exclude<SubmissionStatus, 'pending'>,
    review?: { by: number; at: string; reason: string | null },
  ): Promise<number> {
    let changed = 0;
    const change = review ? { status, reviewed_by: review.by, reviewed_at: review.at, review_reason: review.reason } : { status };
    for (const chunk of chunks(ids, IN_LIST_CHUNK)) {
      changed += await this.db('declarations').whereIn('id', chunk).where('status', 'pending').update(change);
    }
    return changed;
  }
}
