/**
 * The rules an addition or a reduction must pass before it is submitted, for the single forms and for
 * every row of a spreadsheet batch alike: the month rules, ID checks that need today, and the unit's
 * records. Set-based: a few queries per call, whatever the number of rows.
 */
import { additionInput, reductionInput, type Addition, type AdditionOptions, type DeclarationKind, type Reduction } from '@common/api/declarations';
import type { FieldErrorCode } from '@common/errors';
import { displayPeriod, isFeePeriod } from '@common/fee-period';
import { reductionMonth, additionMonths } from '@common/month-rules';
import { checkIdNumberOfType } from '@common/validators/id-number';
import type { Clock } from '../clock';
import type { AssessmentService } from '../payments/assessment.service';
import type { InsuredService } from '../insured/insured.service';
import type { PersonRecord } from '../insured/insured.store';
import type { UnitService } from '../unit/unit.service';
import type { DeclarationStore, PendingDeclaration } from './declarations.store';

export interface RowProblem {
  field: string;
  code: FieldErrorCode;
  params?: Record<string, string | number>;
}

export interface DeclarationRow<T> {
  input: T;
  /** The spreadsheet row a batch row came from. */
  rowNumber?: number;
}
/** Declarations of one kind, each input typed by it. */
export type DeclarationRows = { kind: 'addition'; rows: DeclarationRow<Addition>[] } | { kind: 'reduction'; rows: DeclarationRow<Reduction>[] };

/** Rows read back (a stored dry run, a worker's answer) are parsed again through their kind's schema, which types them. */
export function declarationRows(kind: DeclarationKind, rows: readonly DeclarationRow<unknown>[]): DeclarationRows {
  return kind === 'addition'
    ? { kind, rows: rows.map((r) => ({ input: additionInput.parse(r.input), rowNumber: r.rowNumber })) }
    : { kind, rows: rows.map((r) => ({ input: reductionInput.parse(r.input), rowNumber: r.rowNumber })) };
}

/** Why a person cannot be added by the unit now; the other unit is never named. */
export function additionStanding(unitId: number, record: PersonRecord | undefined): FieldErrorCode | null {
  const employments = record?.activeEmployments ?? [];
  if (employments.some((e) => e.unitId === unitId)) return 'ALREADY_INSURED_HERE';
  if (employments.length > 0) return 'INSURED_ELSEWHERE';
  return null;
}

/** A known ID number keeps its registered name: another unit's addition never renames a person. */
export function registeredNameMatches(record: PersonRecord | undefined, name: string): boolean {
  return !record || record.name === name;
}

/** A reduction in `month` needs coverage by the unit that has begun by then. */
export function isInsuredHere(unitId: number, record: PersonRecord | undefined, month: string): boolean {
  return (record?.activeEmployments ?? []).some((e) => e.unitId === unitId && e.startMonth <= month);
}

/**
 * The fields the rules look at. A batch row with other faults brings only the fields that read well, so
 * its rule errors come with its schema errors in one round; a missing field is a rule not checked.
 */
export type AdditionFacts = Partial<Pick<Addition, 'name' | 'idType' | 'idNumber' | 'effectiveMonth' | 'insuranceTypes'>>;
export type ReductionFacts = Partial<Pick<Reduction, 'idNumber' | 'name'>>;

/** The effective month and insurance types of an addition, against what the unit may choose now. */
export function offerProblems(offer: AdditionOptions, row: { effectiveMonth?: string; insuranceTypes?: readonly string[] }): RowProblem[] {
  const problems: RowProblem[] = [];
  if (row.effectiveMonth !== undefined && !offer.months.includes(row.effectiveMonth)) {
    problems.push({
      field: 'effectiveMonth',
      code: 'EFFECTIVE_MONTH_NOT_ALLOWED',
      params: { months: offer.months.filter(isFeePeriod).map(displayPeriod).join(', ') },
    });
  }
  if (row.insuranceTypes?.some((t) => !(offer.insuranceTypes as readonly string[]).includes(t))) {
    problems.push({ field: 'insuranceTypes', code: 'NOT_IN_LIST' });
  }
  return problems;
}

export class DeclarationRules {
  constructor(
    private readonly store: DeclarationStore,
    private readonly persons: InsuredService,
    private readonly units: UnitService,
    private readonly clock: Clock,
    /** The contribution limits a month needs before an addition into it can be quoted. */
    private readonly assessments: AssessmentService,
  ) {}

  /** The months (cut-off applied) and insurance types an addition may choose now. */
  async offer(unitId: number): Promise<AdditionOptions> {
    const store = this.store;
    const cutoffDay = await store.cutoffDay();
    return { months: additionMonths(this.clock.now(), cutoffDay), insuranceTypes: await this.units.insuranceTypes(unitId), cutoffDay };
  }

  /** Month rules, ID checks needing today, and the unit's records; rows already passed `additionInput`. Result index = row index; [] = fine. */
  /** Each row's problems, in the rows' order. */
  check(unitId: number, declared: DeclarationRows): Promise<RowProblem[][]> {
    return declared.kind === 'addition'
      ? this.checkAdditions(
          unitId,
          declared.rows.map((r) => r.input),
        )
      : this.checkReductions(
          unitId,
          declared.rows.map((r) => r.input),
        );
  }

  /** Rows whose other fields have faults: only the facts they bring are checked. */
  checkFacts(unitId: number, kind: DeclarationKind, rows: (AdditionFacts | ReductionFacts)[]): Promise<RowProblem[][]> {
    return kind === 'addition' ? this.checkAdditions(unitId, rows) : this.checkReductions(unitId, rows);
  }

  async checkAdditions(unitId: number, rows: AdditionFacts[]): Promise<RowProblem[][]> {
    const now = this.clock.now();
    const offer = await this.offer(unitId);
    const { records, pending } = await this.lookUp(unitId, rows);
    const offered = rows.flatMap((r) => (r.effectiveMonth !== undefined && offer.months.includes(r.effectiveMonth) ? [r.effectiveMonth] : []));
    const withLimits = await this.assessments.periodsWithLimits(offered);
    return rows.map((row) => {
      const problems = offerProblems(offer, row);
      // A month offered before the bureau has published its base limits: nothing to clamp the wage to.
      if (row.effectiveMonth !== undefined && offered.includes(row.effectiveMonth) && !withLimits.has(row.effectiveMonth)) {
        problems.push({ field: 'effectiveMonth', code: 'CONTRIBUTION_LIMITS_MISSING', params: { month: displayPeriod(row.effectiveMonth) } });
      }
      if (row.idNumber === undefined) return problems;
      const id = checkIdNumberOfType(row.idType ?? '01', row.idNumber, now);
      const waiting = pending.get(row.idNumber);
      const standing = id.ok ? (additionStanding(unitId, records.get(row.idNumber)) ?? (waiting ? 'DECLARATION_PENDING' : null)) : id.problem;
      if (standing === 'DECLARATION_PENDING') problems.unshift(pendingProblem(waiting!));
      else if (standing) problems.unshift({ field: 'idNumber', code: standing });
      else if (row.name !== undefined && !registeredNameMatches(records.get(row.idNumber), row.name))
        problems.unshift({ field: 'name', code: 'REGISTERED_NAME_MISMATCH' });
      return problems;
    });
  }

  /** A reduction stops the unit's coverage of a person it insures, named as on record, with nothing else pending. */
  async checkReductions(unitId: number, rows: ReductionFacts[]): Promise<RowProblem[][]> {
    const month = reductionMonth(this.clock.now());
    const { records, pending } = await this.lookUp(unitId, rows);
    return rows.map((row) => {
      if (row.idNumber === undefined) return [];
      const record = records.get(row.idNumber);
      const waiting = pending.get(row.idNumber);
      if (waiting?.kind === 'reduction') return [pendingProblem(waiting)];
      if (waiting?.kind === 'addition') return [{ field: 'idNumber', code: 'REDUCTION_ADDITION_PENDING' }];
      if (!isInsuredHere(unitId, record, month)) return [{ field: 'idNumber', code: 'NOT_INSURED_HERE' }];
      return row.name === undefined || record!.name === row.name ? [] : [{ field: 'name', code: 'NAME_MISMATCH' }];
    });
  }

  private async lookUp(unitId: number, rows: { idNumber?: string }[]) {
    const idNumbers = rows.flatMap((r) => (r.idNumber === undefined ? [] : [r.idNumber]));
    const records = await this.persons.recordsOf(idNumbers);
    const pending = await this.store.pendingOf(unitId, idNumbers);
    return { records, pending };
  }
}

/** A person with a submission waiting for review, with where it is, so a batch row can name it. */
export function pendingProblem(pending: Pick<PendingDeclaration, 'id' | 'batchId' | 'rowNumber'>): RowProblem {
  const params: Record<string, number> = { submission: pending.id };
  if (pending.batchId !== null) Object.assign(params, { batch: pending.batchId, row: pending.rowNumber ?? 0 });
  return { field: 'idNumber', code: 'DECLARATION_PENDING', params };
}
