import type { Knex } from 'knex';
import type { z } from 'zod';
import {
  REDUCTION_REASONS,
  type Addition,
  type AdditionOptions,
  type Quote,
  type quoteRequest,
  type Reduction,
  type ReductionOptions,
} from '@common/api/declarations';
import type { ChangeKind, Submission } from '@common/api/submissions';
import { reductionMonth } from '@common/month-rules';
import { contributionBaseFen, contributionFen } from '@common/insurance';
import type { Clock } from '../clock';
import { AuditService } from '../audit/audit.service';
import { invalidFields, type FieldProblem } from '../http/errors';
import type { Actor } from '../http/route';
import { AssessmentService, type ContributionConfig } from '../payments/assessment.service';
import { ListCache } from '../cache/list-cache';
import { InsuredService, type PendingSubmissions } from '../insured/insured.service';
import { UnitService } from '../unit/unit.service';
import { PendingSubmissionExists, SubmissionService, type NewSubmission, type PendingOf } from '../submissions/submissions.service';
import { DeclarationRules, type DeclarationRow, type DeclarationRows, type RowProblem } from './declaration-rules';
import { DeclarationStore, type PendingDeclaration } from './declarations.store';

export type { PendingDeclaration };
export type PendingAddition = PendingOf<'addition'>;
export type PendingReduction = PendingOf<'reduction'>;
/** What an addition's outcome depends on; a quote without a person has no ID number. */
type AdditionOutcomeFacts = Pick<Addition, 'effectiveMonth' | 'wageFen' | 'insuranceTypes'> & { idNumber?: string };

function quoteOf(
  config: ContributionConfig,
  effectiveMonth: string,
  wageFen: number,
  insuranceTypes: readonly string[],
): Omit<Quote, 'residentInsuranceEndsWith'> {
  const baseFen = contributionBaseFen(wageFen, config.floorFen, config.ceilingFen);
  const lines = insuranceTypes.map((insuranceType) => {
    const rate = config.rates.get(insuranceType);
    if (!rate) throw new Error(`no contribution rate in force for ${insuranceType} in ${effectiveMonth}`);
    return {
      insuranceType: insuranceType as Quote['lines'][number]['insuranceType'],
      unitRateBp: rate.unitRateBp,
      personRateBp: rate.personRateBp,
      unitFen: contributionFen(baseFen, rate.unitRateBp),
      personFen: contributionFen(baseFen, rate.personRateBp),
    };
  });
  return {
    effectiveMonth,
    wageFen,
    baseFen,
    floorFen: config.floorFen,
    ceilingFen: config.ceilingFen,
    lines,
    totalUnitFen: lines.reduce((sum, l) => sum + l.unitFen, 0),
    totalPersonFen: lines.reduce((sum, l) => sum + l.personFen, 0),
  };
}

/**
 * Additions and reductions as a unit submits them, from the form or a batch; the queues, withdrawal and
 * review of them, as of every submission, are the submissions feature's.
 */
export class DeclarationService implements PendingSubmissions {
  private readonly store: DeclarationStore;
  private readonly audit: AuditService;
  /** Where additions and reductions are stored and read back, as every submission. */
  readonly submissions: SubmissionService;
  /** The contribution limits and rates an addition's quote applies. */
  private readonly assessments: AssessmentService;
  /** The unit's insurance types: what an addition covers unless it chooses. */
  private readonly units: UnitService;
  /** The insured persons declarations are about: the rules read their records, their list shows what waits here. */
  readonly insured: InsuredService;
  readonly rules: DeclarationRules;

  /** The feature's wiring on a knex handle; `lists` is the instance's cache of list pages. */
  constructor(
    private readonly db: Knex,
    private readonly clock: Clock,
    lists = new ListCache(db),
    /** Where list pages are read (Database.pages); `db` unless given. */
    pages: Knex = db,
  ) {
    this.store = new DeclarationStore(db);
    this.audit = new AuditService(db);
    this.submissions = new SubmissionService(db, clock, pages);
    this.assessments = new AssessmentService(db, clock);
    this.units = new UnitService(db, clock);
    this.insured = new InsuredService(db, this, lists, pages);
    this.rules = new DeclarationRules(this.store, this.insured, this.units, clock, this.assessments);
  }

  /** The same wiring on a transaction: what a use case spanning features runs in one. */
  on(trx: Knex.Transaction): DeclarationService {
    return new DeclarationService(trx, this.clock);
  }

  additionOptions(unitId: number): Promise<AdditionOptions> {
    return this.rules.offer(unitId);
  }

  /** The day of the month after which an addition can no longer take effect in the current month. */
  cutoffDay(): Promise<number> {
    return this.store.cutoffDay();
  }

  reductionOptions(): ReductionOptions {
    return { stopMonth: reductionMonth(this.clock.now()), reasons: [...REDUCTION_REASONS] };
  }

  /**
   * The confirmation step: the declared wage held between the floor and ceiling in force for the month,
   * and the amounts. With a person, first the rules the submit applies to them, and when their own
   * insurance ends, as a batch's dry run tells it.
   */
  async quote(unitId: number, request: z.output<typeof quoteRequest>): Promise<Quote> {
    const [problems] = await this.rules.checkAdditions(unitId, [request]);
    if (problems.length > 0) throw invalidFields(problems);
    const [outcome] = await this.outcomes(unitId, [request]);
    return outcome;
  }

  /**
   * What each addition will become, as its confirmation shows it: the quote, with the month with which
   * the person's own insurance (resident, flexible employment) ends. A few queries, whatever the rows.
   */
  async outcomes(unitId: number, rows: AdditionOutcomeFacts[]): Promise<Quote[]> {
    const unitTypes = await this.units.insuranceTypes(unitId);
    const configs = new Map<string, ContributionConfig>();
    for (const month of new Set(rows.map((r) => r.effectiveMonth))) configs.set(month, await this.assessments.contributionConfig(month));
    const insured = this.insured;
    const records = await insured.recordsOf(rows.flatMap((r) => (r.idNumber === undefined ? [] : [r.idNumber])));
    const individual = await insured.activeIndividualEnrollments([...records.values()].map((r) => r.personId));
    return rows.map((row) => {
      const personId = row.idNumber === undefined ? undefined : records.get(row.idNumber)?.personId;
      const ends = personId !== undefined && (individual.get(personId)?.length ?? 0) > 0;
      return {
        ...quoteOf(configs.get(row.effectiveMonth)!, row.effectiveMonth, row.wageFen, row.insuranceTypes ?? unitTypes),
        residentInsuranceEndsWith: ends ? row.effectiveMonth : null,
      };
    });
  }

  /** One addition or reduction from the form; `correctsId` names the rejected one it corrects. */
  async submitOne(
    unitId: number,
    actor: Actor,
    declared: { kind: 'addition'; input: Addition } | { kind: 'reduction'; input: Reduction },
    requestId: string,
    correctsId?: number,
  ): Promise<Submission> {
    const rows: DeclarationRows =
      declared.kind === 'addition'
        ? { kind: 'addition', rows: [{ input: declared.input }] }
        : { kind: 'reduction', rows: [{ input: declared.input }] };
    const { declarationIds } = await this.submit(unitId, actor, rows, null, requestId, undefined, correctsId);
    return this.submissions.find(unitId, declarationIds[0], actor.role);
  }

  /**
   * Submits declarations for review in one transaction, re-checking every rule first. A batch is one
   * submission: one `batches` row, one audit entry. The effective month is fixed here.
   */
  async submit(
    unitId: number,
    actor: Actor,
    declared: DeclarationRows,
    batch: { fileName: string } | null,
    requestId: string,
    trx?: Knex.Transaction,
    correctsId?: number,
  ): Promise<{ batchId: number | null; declarationIds: number[] }> {
    const run = async (db: Knex.Transaction) => {
      const now = this.clock.now();
      const at = now.toISOString();
      const { kind, rows } = declared;
      const { rules, store, audit, submissions: stored, units } = this.on(db);
      if (correctsId !== undefined) await stored.checkCorrection(unitId, correctsId, kind);
      const problems = await rules.check(unitId, declared);
      refuseProblems(rows, withDuplicates(rows, problems), batch !== null);

      const batchId = batch
        ? await store.insertBatch({ unitId, kind, fileName: batch.fileName, rowCount: rows.length, submittedBy: actor.userId, at })
        : null;
      const facts = ({ input, rowNumber }: DeclarationRow<Addition | Reduction>) => ({
        unitId,
        idNumber: input.idNumber,
        personName: input.name,
        batchId,
        rowNumber: rowNumber ?? null,
        submittedBy: actor.userId,
        submittedAt: at,
        correctsId: correctsId ?? null,
      });
      let submissions: NewSubmission[];
      if (declared.kind === 'addition') {
        const unitTypes = await units.insuranceTypes(unitId);
        submissions = declared.rows.map((row) => ({
          ...facts(row),
          kind: 'addition',
          effectiveMonth: row.input.effectiveMonth,
          payload: { ...row.input, insuranceTypes: row.input.insuranceTypes ?? unitTypes },
        }));
      } else {
        const stopMonth = reductionMonth(now);
        submissions = declared.rows.map((row) => ({ ...facts(row), kind: 'reduction', effectiveMonth: stopMonth, payload: row.input }));
      }
      const declarationIds = await stored.insert(submissions);
      await audit.record({
        at,
        userId: actor.userId,
        unitId,
        ...(batch
          ? { action: 'batch_submitted', entityType: 'batch', entityId: batchId, after: { kind, fileName: batch.fileName, rows: rows.length } }
          : {
              action: 'submission_submitted',
              entityType: 'submission',
              entityId: declarationIds[0],
              after: await stored.find(unitId, declarationIds[0], actor.role),
            }),
        requestId,
      });
      return { batchId, declarationIds };
    };
    return trx ? run(trx) : checkedAgainIfOvertaken(() => this.db.transaction(run));
  }

  /** The pending addition or reduction of each ID number in the unit (at most one can be pending). */
  pendingOf(unitId: number, idNumbers: readonly string[]): Promise<Map<string, PendingDeclaration>> {
    return this.store.pendingOf(unitId, idNumbers);
  }

  /** The unit's pending changes of these kinds, or of one person's, for the insured list and detail. */
  pendingChanges(unitId: number, kinds: readonly ChangeKind[], personId?: number): Promise<Submission[]> {
    return this.submissions.pendingChanges(unitId, kinds, personId);
  }

  /** The `batches` row of a spreadsheet batch of any kind (the annual base declaration's too). */
  insertBatch(batch: Parameters<DeclarationStore['insertBatch']>[0]): Promise<number> {
    return this.store.insertBatch(batch);
  }
}

/**
 * Runs a submission's transaction again when a concurrent submission of the same person reached the
 * database first (the one-pending indexes refused this one): the checks then see it, and refuse the
 * way they refuse any later request, naming the rows. A person overtaken on every try is named alone.
 */
export async function checkedAgainIfOvertaken<T>(submit: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await submit();
    } catch (error) {
      if (!(error instanceof PendingSubmissionExists)) throw error;
      if (attempt === 3) throw invalidFields([{ field: 'idNumber', code: 'DECLARATION_PENDING' }]);
    }
  }
}

/** The same person twice in one submission: the later row is refused, naming the first. */
function withDuplicates(rows: DeclarationRow<Addition | Reduction>[], problems: RowProblem[][]): RowProblem[][] {
  const first = new Map<string, number>();
  return rows.map(({ input }, i) => {
    const earlier = first.get(input.idNumber);
    if (earlier === undefined) {
      first.set(input.idNumber, i);
      return problems[i];
    }
    return [...problems[i], { field: 'idNumber', code: 'DUPLICATE_IN_FILE', params: { row: rows[earlier].rowNumber ?? earlier + 1 } }];
  });
}

/**
 * Refuses the whole submission. A batch names its fields by the sheet's row, as the user finds it in
 * Excel: `rows.<row>.<field>`.
 */
function refuseProblems(rows: DeclarationRow<Addition | Reduction>[], problems: RowProblem[][], isBatch: boolean): void {
  const fields: FieldProblem[] = problems.flatMap((list, i) => {
    if (!isBatch) return list;
    const row = rows[i].rowNumber ?? i + 1;
    return list.map((p) => ({ ...p, field: `rows.${row}.${p.field}` }));
  });
  if (fields.length > 0) throw invalidFields(fields);
}
