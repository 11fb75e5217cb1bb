import type { Knex } from 'knex';
import type { BasePersonStatus } from '@common/api/base-declarations';
import type { FeePeriod } from '@common/fee-period';
import { chunks, EXPORT_PAGE_ROWS, IN_LIST_CHUNK, INSERT_CHUNK_ROWS } from '../db/dialect';
import { whereIdNumberOrNameStarts } from '../db/person-search';
import type { BaseDeclarationRule } from './contribution-years';

interface RuleRow {
  effective_from: string;
  effective_to: string | null;
  year_starts_month: number;
  window_opens_month_offset: number;
  window_opens_day: number;
  window_closes_month_offset: number;
  window_closes_day: number;
  carry_over: string;
}

/** A person the unit insures, with the wage of the employment and the declared base in force in the month asked about. */
export interface InsuredHereRow {
  person_id: number;
  name: string;
  id_number: string;
  wage_fen: number;
  /** Null when no base was ever declared: the employment's wage, clamped, is the base. */
  base_in_force: number | null;
}

/** The same, with the person's declaration for a contribution year: pending, approved, or none. */
export interface YearPersonRow extends InsuredHereRow {
  year_wage_fen: number | null;
  year_base_fen: number | null;
  pending_payload: string | null;
}

/** A declared base of the year, for the export. */
export interface DeclaredBaseRow {
  person_id: number;
  name: string;
  id_number: string;
  from_month: string;
  wage_fen: number;
  base_fen: number;
}

export interface NewBase {
  unitId: number;
  personId: number;
  fromMonth: FeePeriod;
  wageFen: number;
  baseFen: number;
  declarationId: number;
}

export interface PendingBase {
  id: number;
  batchId: number | null;
  rowNumber: number | null;
}

const KIND = 'base-declaration';

/** How many rows a query matches. */
async function counted(query: Knex.QueryBuilder): Promise<number> {
  const row = await query.count<{ n: number | string }[]>({ n: '*' });
  return Number(row[0]?.n ?? 0);
}

/** The rules, the contribution bases by month, and each unit's persons as the year's declaration sees them. */
export class BaseDeclarationStore {
  constructor(private readonly db: Knex) {}

  async rules(): Promise<BaseDeclarationRule[]> {
    const rows = await this.db('base_declaration_rules').orderBy('effective_from').select<RuleRow[]>('*');
    return rows.map((r) => ({
      effectiveFrom: r.effective_from,
      effectiveTo: r.effective_to ?? null,
      yearStartsMonth: r.year_starts_month,
      opens: { monthOffset: r.window_opens_month_offset, day: r.window_opens_day },
      closes: { monthOffset: r.window_closes_month_offset, day: r.window_closes_day },
      carryOver: 'keep',
    }));
  }

  /** The declared base of each employment's person in force in the month: the latest from that month or before. */
  private baseInForce(month: FeePeriod) {
    return this.db('contribution_bases as cb')
      .select('cb.base_fen')
      .whereRaw('cb.unit_id = e.unit_id and cb.person_id = e.person_id')
      .where('cb.from_month', '<=', month)
      .orderBy('cb.from_month', 'desc')
      .limit(1);
  }

  /** The unit's active employments with their persons. */
  private insuredHere(unitId: number) {
    return this.db('employments as e').join('insured_persons as p', 'p.id', 'e.person_id').where({ 'e.unit_id': unitId, 'e.status': 'active' });
  }

  private insuredColumns(month: FeePeriod) {
    return ['e.person_id', 'p.name', 'p.id_number', 'e.wage_fen', this.baseInForce(month).as('base_in_force')];
  }

  /** The persons the unit insures, by ID number (for a batch) or by id (the single declaration). */
  async insuredByIdNumbers(unitId: number, month: FeePeriod, idNumbers: readonly string[]): Promise<Map<string, InsuredHereRow>> {
    const found = new Map<string, InsuredHereRow>();
    for (const chunk of chunks([...new Set(idNumbers)], IN_LIST_CHUNK)) {
      const rows = await this.insuredHere(unitId).whereIn('p.id_number', chunk).select<InsuredHereRow[]>(this.insuredColumns(month));
      for (const row of rows) found.set(row.id_number, row);
    }
    return found;
  }

  async insuredPerson(unitId: number, month: FeePeriod, personId: number): Promise<InsuredHereRow | undefined> {
    return this.insuredHere(unitId).where('e.person_id', personId).first<InsuredHereRow | undefined>(this.insuredColumns(month));
  }

  /** Keyset pages of everyone the unit insures, for the prefilled template. */
  async *insuredPages(unitId: number, month: FeePeriod): AsyncGenerator<InsuredHereRow[]> {
    let after = 0;
    for (;;) {
      const rows = await this.insuredHere(unitId)
        .where('e.id', '>', after)
        .orderBy('e.id')
        .limit(EXPORT_PAGE_ROWS)
        .select<(InsuredHereRow & { employment_id: number })[]>([...this.insuredColumns(month), 'e.id as employment_id']);
      if (rows.length === 0) return;
      after = rows[rows.length - 1].employment_id;
      yield rows;
    }
  }

  private pendingFor(firstMonth: FeePeriod) {
    return this.db('declarations as d')
      .whereRaw('d.unit_id = e.unit_id and d.id_number = p.id_number')
      .where({ 'd.type': KIND, 'd.status': 'pending', 'd.effective_month': firstMonth });
  }

  private approvedFor(firstMonth: FeePeriod) {
    return this.db('contribution_bases as y').whereRaw('y.unit_id = e.unit_id and y.person_id = e.person_id').where('y.from_month', firstMonth);
  }

  /** The unit's persons for the year's declaration: a pending one shows as pending, an approved one as declared. */
  private yearPersons(unitId: number, firstMonth: FeePeriod, status: BasePersonStatus, q: string | undefined) {
    const query = this.insuredHere(unitId);
    if (q) whereIdNumberOrNameStarts(query, q, 'p.id_number', 'p.name');
    if (status === 'pending') query.whereExists(this.pendingFor(firstMonth));
    else query.whereNotExists(this.pendingFor(firstMonth));
    if (status === 'declared') query.whereExists(this.approvedFor(firstMonth));
    if (status === 'undeclared') query.whereNotExists(this.approvedFor(firstMonth));
    return query;
  }

  async yearPage(
    unitId: number,
    month: FeePeriod,
    firstMonth: FeePeriod,
    filters: { status: BasePersonStatus; q?: string },
    page: number,
    pageSize: number,
  ): Promise<{ rows: YearPersonRow[]; total: number }> {
    const list = () => this.yearPersons(unitId, firstMonth, filters.status, filters.q);
    const [total, rows] = await Promise.all([
      counted(list()),
      list()
        .orderBy('p.name')
        .orderBy('e.person_id')
        .limit(pageSize)
        .offset(page * pageSize)
        .select<YearPersonRow[]>([
          ...this.insuredColumns(month),
          this.approvedFor(firstMonth).select('y.wage_fen').as('year_wage_fen'),
          this.approvedFor(firstMonth).select('y.base_fen').as('year_base_fen'),
          this.pendingFor(firstMonth).select('d.payload').limit(1).as('pending_payload'),
        ]),
    ]);
    return { rows, total };
  }

  countUndeclared(unitId: number, firstMonth: FeePeriod): Promise<number> {
    return counted(this.yearPersons(unitId, firstMonth, 'undeclared', undefined));
  }

  /** The pending base declaration of the year of each ID number in the unit (at most one, by the index). */
  async pendingOf(unitId: number, firstMonth: FeePeriod, idNumbers: readonly string[]): Promise<Map<string, PendingBase>> {
    const pending = new Map<string, PendingBase>();
    for (const chunk of chunks([...new Set(idNumbers)], IN_LIST_CHUNK)) {
      const rows = await this.db('declarations')
        .where({ unit_id: unitId, type: KIND, status: 'pending', effective_month: firstMonth })
        .whereIn('id_number', chunk)
        .select<{ id_number: string; id: number; batch_id: number | null; row_number: number | null }[]>('id_number', 'id', 'batch_id', 'row_number');
      for (const r of rows) pending.set(r.id_number, { id: r.id, batchId: r.batch_id, rowNumber: r.row_number });
    }
    return pending;
  }

  /** The base in force for the person in the month, before an approval replaces it; null when none was declared. */
  async baseOf(unitId: number, personId: number, month: FeePeriod): Promise<number | null> {
    const row = await this.db('contribution_bases')
      .where({ unit_id: unitId, person_id: personId })
      .where('from_month', '<=', month)
      .orderBy('from_month', 'desc')
      .first<{ base_fen: number } | undefined>('base_fen');
    return row?.base_fen ?? null;
  }

  /** An approved declaration replaces any earlier approval of the same year. */
  async insertBases(bases: NewBase[], at: string): Promise<void> {
    for (const chunk of chunks(bases, INSERT_CHUNK_ROWS)) {
      await this.db('contribution_bases')
        .insert(
          chunk.map((b) => ({
            unit_id: b.unitId,
            person_id: b.personId,
            from_month: b.fromMonth,
            wage_fen: b.wageFen,
            base_fen: b.baseFen,
            declaration_id: b.declarationId,
            created_at: at,
          })),
        )
        .onConflict(['unit_id', 'person_id', 'from_month'])
        .merge();
    }
  }

  private declared(unitId: number, firstMonth: FeePeriod) {
    return this.db('contribution_bases as cb')
      .join('insured_persons as p', 'p.id', 'cb.person_id')
      .where({ 'cb.unit_id': unitId, 'cb.from_month': firstMonth });
  }

  countDeclared(unitId: number, firstMonth: FeePeriod): Promise<number> {
    return counted(this.declared(unitId, firstMonth));
  }

  /** The year's approved bases by person, keyset-paged for the export. */
  async *declaredPages(unitId: number, firstMonth: FeePeriod): AsyncGenerator<DeclaredBaseRow[]> {
    let after = 0;
    for (;;) {
      const rows = await this.declared(unitId, firstMonth)
        .where('cb.person_id', '>', after)
        .orderBy('cb.person_id')
        .limit(EXPORT_PAGE_ROWS)
        .select<DeclaredBaseRow[]>('cb.person_id', 'p.name', 'p.id_number', 'cb.from_month', 'cb.wage_fen', 'cb.base_fen');
      if (rows.length === 0) return;
      after = rows[rows.length - 1].person_id;
      yield rows;
    }
  }

  /** Records that the year's window closed for the unit; false when it was recorded already (by any instance). */
  async recordCarryOver(unitId: number, firstMonth: FeePeriod, persons: number, at: string): Promise<boolean> {
    const inserted = await this.db('base_carry_overs')
      .insert({ unit_id: unitId, first_month: firstMonth, persons, recorded_at: at })
      .onConflict(['unit_id', 'first_month'])
      .ignore()
      .returning<{ unit_id: number }[]>('unit_id');
    return inserted.length > 0;
  }

  async carriedOver(unitId: number, firstMonth: FeePeriod): Promise<boolean> {
    return (await this.db('base_carry_overs').where({ unit_id: unitId, first_month: firstMonth }).first('unit_id')) !== undefined;
  }
}
