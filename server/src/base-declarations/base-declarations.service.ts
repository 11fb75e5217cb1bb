import type { Knex } from 'knex';
import type { z } from 'zod';
import {
  BASE_DECLARATION_KIND,
  type BaseDeclarationInput,
  type BaseDeclarationRow,
  type BaseDeclarationStatus,
  type BasePersonPage,
  type basePersonQuery,
  type ContributionYear,
} from '@common/api/base-declarations';
import type { Submission } from '@common/api/submissions';
import { currentFeePeriod, displayPeriod, type FeePeriod } from '@common/fee-period';
import { contributionBaseFen } from '@common/insurance';
import { maskIdNumber } from '@common/validators/id-number';
import type { Clock } from '../clock';
import { AuditService } from '../audit/audit.service';
import { pendingProblem, type DeclarationRow, type RowProblem } from '../declarations/declaration-rules';
import { checkedAgainIfOvertaken, DeclarationService } from '../declarations/declarations.service';
import { AppError, invalidFields, notFound } from '../http/errors';
import type { Actor } from '../http/route';
import { AssessmentService } from '../payments/assessment.service';
import type { SubmissionService, AppliedChanges, NewSubmission, PendingOf } from '../submissions/submissions.service';
import { BaseDeclarationStore, type InsuredHereRow } from './base-declarations.store';
import { windowEnded, windowsOn, type YearWindow } from './contribution-years';

export type PendingBaseDeclaration = PendingOf<typeof BASE_DECLARATION_KIND>;

/** A contribution year with its window and its floor and ceiling. */
type Year = YearWindow & { floorFen: number; ceilingFen: number };

/** The facts of a batch row the rules look at; a row with other faults brings only those that read well. */
export type BaseRowFacts = Partial<Pick<BaseDeclarationRow, 'idNumber' | 'name'>>;

const shown = (year: Year): ContributionYear => ({
  firstMonth: year.firstMonth,
  lastMonth: year.lastMonth,
  opensOn: year.opensOn,
  closesOn: year.closesOn,
  floorFen: year.floorFen,
  ceilingFen: year.ceilingFen,
});

/**
 * The annual contribution base declaration: the window and contribution year from the configured rules
 * and the clock, declarations one at a time or from the prefilled template (a batch), the bases an
 * approval writes from the year's first month, and the record that the undeclared kept their base.
 */
export class BaseDeclarationService {
  private readonly store: BaseDeclarationStore;
  private readonly declarations: DeclarationService;
  private readonly submissions: SubmissionService;
  private readonly assessments: AssessmentService;
  private readonly audit: AuditService;

  /** The feature's wiring on a knex handle: the database, or a transaction. */
  constructor(
    private readonly db: Knex,
    private readonly clock: Clock,
  ) {
    this.store = new BaseDeclarationStore(db);
    this.declarations = new DeclarationService(db, clock);
    this.submissions = this.declarations.submissions;
    this.assessments = new AssessmentService(db, clock);
    this.audit = new AuditService(db);
  }

  on(trx: Knex.Transaction): BaseDeclarationService {
    return new BaseDeclarationService(trx, this.clock);
  }

  /** The current (or last) year and the next, each with the limits in force in its first month. */
  private async years(): Promise<{ current: Year | null; open: boolean; next: Year | null }> {
    const { current, open, next } = windowsOn(await this.store.rules(), this.clock.now());
    const withLimits = async (window: YearWindow | null): Promise<Year | null> => {
      if (!window) return null;
      const limits = await this.assessments.limitsIn(window.firstMonth);
      return limits ? { ...window, ...limits } : null;
    };
    return { current: await withLimits(current), open, next: await withLimits(next) };
  }

  /** The window open today, if any: without the year's limits, for what only announces it. */
  async openWindow(): Promise<YearWindow | null> {
    const { current, open } = windowsOn(await this.store.rules(), this.clock.now());
    return open ? current : null;
  }

  /** The year whose window is open today; outside every window, an error naming the window. */
  async openYear(): Promise<Year> {
    const { current, open, next } = await this.years();
    if (open && current) return current;
    const named = next ?? current;
    if (!named) throw new AppError(409, 'BASE_DECLARATION_NOT_CONFIGURED');
    throw new AppError(409, 'BASE_DECLARATION_CLOSED', {
      opensOn: named.opensOn,
      closesOn: named.closesOn,
      firstMonth: displayPeriod(named.firstMonth),
      lastMonth: displayPeriod(named.lastMonth),
    });
  }

  /** Once the window has closed, the unit's undeclared keep their base: recorded the first time anyone looks. */
  async status(unitId: number): Promise<BaseDeclarationStatus> {
    const { current, open, next } = await this.years();
    if (current && windowEnded(current, this.clock.now())) await this.recordCarryOver(unitId, current);
    return { year: current && shown(current), open, next: next && shown(next) };
  }

  /** The unit's persons for the current (or last) year: undeclared, pending or declared, with each one's base now. */
  async persons(unitId: number, query: z.output<typeof basePersonQuery>): Promise<BasePersonPage> {
    const { current } = await this.years();
    const empty = { items: [], total: 0, page: query.page, pageSize: query.pageSize };
    if (!current) return empty;
    const month = currentFeePeriod(this.clock.now());
    const { rows, total } = await this.store.yearPage(unitId, month, current.firstMonth, query, query.page, query.pageSize);
    const currentBase = await this.currentBases(month);
    return {
      items: rows.map((r) => {
        const pending = r.pending_payload ? (JSON.parse(r.pending_payload) as { wageFen: number; baseFen: number }) : null;
        return {
          personId: r.person_id,
          name: r.name,
          idNumberMasked: maskIdNumber(r.id_number),
          currentBaseFen: currentBase(r),
          status: pending ? 'pending' : r.year_base_fen !== null ? 'declared' : 'undeclared',
          wageFen: pending?.wageFen ?? r.year_wage_fen ?? null,
          baseFen: pending?.baseFen ?? r.year_base_fen ?? null,
        };
      }),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  /** A person's base in the month: the declared one in force, else the employment's wage clamped to the month's limits. */
  private async currentBases(month: FeePeriod): Promise<(row: InsuredHereRow) => number> {
    const limits = await this.assessments.limitsIn(month);
    return (row) => row.base_in_force ?? (limits ? contributionBaseFen(row.wage_fen, limits.floorFen, limits.ceilingFen) : row.wage_fen);
  }

  /** One person from the insured list; `correctsId` names the rejected base declaration it corrects. */
  submitOne(unitId: number, actor: Actor, input: BaseDeclarationInput, requestId: string, correctsId?: number): Promise<Submission> {
    return checkedAgainIfOvertaken(() =>
      this.db.transaction(async (trx) => {
        const self = this.on(trx);
        if (correctsId !== undefined) await self.submissions.checkCorrection(unitId, correctsId, BASE_DECLARATION_KIND);
        const month = currentFeePeriod(this.clock.now());
        // Another unit's person is not found before anything is said about the window.
        const person = await self.store.insuredPerson(unitId, month, input.personId);
        if (!person) throw notFound();
        const year = await self.openYear();
        if ((await self.store.pendingOf(unitId, year.firstMonth, [person.id_number])).size > 0) {
          throw new AppError(409, 'BASE_DECLARATION_PENDING', {
            firstMonth: displayPeriod(year.firstMonth),
            lastMonth: displayPeriod(year.lastMonth),
          });
        }
        const at = this.clock.now().toISOString();
        const currentBase = await self.currentBases(month);
        const [id] = await self.submissions.insert([
          {
            ...self.newSubmission(unitId, actor, year, person, currentBase(person), input.wageFen, { batchId: null, rowNumber: null }, at),
            correctsId: correctsId ?? null,
          },
        ]);
        const submission = await self.submissions.find(unitId, id, actor.role);
        await self.audit.record({
          at,
          userId: actor.userId,
          unitId,
          action: 'submission_submitted',
          entityType: 'submission',
          entityId: id,
          after: submission,
          requestId,
        });
        return submission;
      }),
    );
  }

  private newSubmission(
    unitId: number,
    actor: Actor,
    year: Year,
    person: InsuredHereRow,
    currentBaseFen: number,
    wageFen: number,
    from: { batchId: number | null; rowNumber: number | null },
    at: string,
  ): NewSubmission {
    return {
      kind: BASE_DECLARATION_KIND,
      unitId,
      idNumber: person.id_number,
      personName: person.name,
      effectiveMonth: year.firstMonth,
      ...from,
      submittedBy: actor.userId,
      submittedAt: at,
      payload: {
        currentBaseFen,
        wageFen,
        baseFen: contributionBaseFen(wageFen, year.floorFen, year.ceilingFen),
        floorFen: year.floorFen,
        ceilingFen: year.ceilingFen,
        lastMonth: year.lastMonth,
      },
    };
  }

  /** The rules of a batch's rows, each row's problems in the rows' order: insured here now, named as on record, nothing pending for the year. */
  async checkRows(unitId: number, rows: BaseRowFacts[]): Promise<RowProblem[][]> {
    const year = await this.openYear();
    const idNumbers = rows.flatMap((r) => (r.idNumber === undefined ? [] : [r.idNumber]));
    const month = currentFeePeriod(this.clock.now());
    const persons = await this.store.insuredByIdNumbers(unitId, month, idNumbers);
    const pending = await this.store.pendingOf(unitId, year.firstMonth, idNumbers);
    return rows.map((row) => {
      if (row.idNumber === undefined) return [];
      const person = persons.get(row.idNumber);
      if (!person) return [{ field: 'idNumber', code: 'NOT_INSURED_HERE' }];
      const waiting = pending.get(row.idNumber);
      if (waiting) return [pendingProblem(waiting)];
      return row.name === undefined || row.name === person.name ? [] : [{ field: 'name', code: 'NAME_MISMATCH' }];
    });
  }

  /**
   * A dry run's valid rows submitted as one batch, on this service's transaction, every rule checked
   * again; refused whole, naming the rows by the sheet's numbers, when any fails now.
   */
  async submitRows(
    unitId: number,
    actor: Actor,
    rows: DeclarationRow<BaseDeclarationRow>[],
    batch: { fileName: string },
    requestId: string,
  ): Promise<{ batchId: number; declarationIds: number[] }> {
    const year = await this.openYear();
    const problems = await this.checkRows(
      unitId,
      rows.map((r) => r.input),
    );
    const seen = new Map<string, number>();
    const fields = rows.flatMap(({ input, rowNumber }, i) => {
      const row = rowNumber ?? i + 1;
      const list = [...problems[i]];
      const first = seen.get(input.idNumber);
      if (first === undefined) seen.set(input.idNumber, row);
      else list.push({ field: 'idNumber', code: 'DUPLICATE_IN_FILE', params: { row: first } });
      return list.map((p) => ({ ...p, field: `rows.${row}.${p.field}` }));
    });
    if (fields.length > 0) throw invalidFields(fields);

    const at = this.clock.now().toISOString();
    const month = currentFeePeriod(this.clock.now());
    const persons = await this.store.insuredByIdNumbers(
      unitId,
      month,
      rows.map((r) => r.input.idNumber),
    );
    const currentBase = await this.currentBases(month);
    const batchId = await this.declarations.insertBatch({
      unitId,
      kind: BASE_DECLARATION_KIND,
      fileName: batch.fileName,
      rowCount: rows.length,
      submittedBy: actor.userId,
      at,
    });
    const declarationIds = await this.submissions.insert(
      rows.map(({ input, rowNumber }) => {
        const person = persons.get(input.idNumber)!;
        return this.newSubmission(unitId, actor, year, person, currentBase(person), input.wageFen, { batchId, rowNumber: rowNumber ?? null }, at);
      }),
    );
    await this.audit.record({
      at,
      userId: actor.userId,
      unitId,
      action: 'batch_submitted',
      entityType: 'batch',
      entityId: batchId,
      after: { kind: BASE_DECLARATION_KIND, fileName: batch.fileName, rows: rows.length },
      requestId,
    });
    return { batchId, declarationIds };
  }

  /** Approved declarations become the persons' bases from their year's first month (in the review's transaction). */
  async applyApproved(pending: PendingBaseDeclaration[], at: string): Promise<AppliedChanges> {
    const applied: AppliedChanges = new Map();
    const bases = [];
    for (const d of pending) {
      if (d.personId === null) throw new Error(`base declaration ${d.id} names no insured person`);
      const before = await this.store.baseOf(d.unitId, d.personId, d.effectiveMonth);
      bases.push({
        unitId: d.unitId,
        personId: d.personId,
        fromMonth: d.effectiveMonth,
        wageFen: d.payload.wageFen,
        baseFen: d.payload.baseFen,
        declarationId: d.id,
      });
      applied.set(d.id, {
        before: { baseFen: before ?? d.payload.currentBaseFen },
        after: { baseFen: d.payload.baseFen, fromMonth: d.effectiveMonth },
      });
    }
    await this.store.insertBases(bases, at);
    return applied;
  }

  /** The year's approved bases, keyset-paged, for the export. */
  async declaredForExport(unitId: number): Promise<{ year: ContributionYear | null; total: number; pages: AsyncIterable<DeclaredBase[]> }> {
    const { current } = await this.years();
    if (!current) return { year: null, total: 0, pages: noPages() };
    const store = this.store;
    return {
      year: shown(current),
      total: await store.countDeclared(unitId, current.firstMonth),
      pages: (async function* () {
        for await (const rows of store.declaredPages(unitId, current.firstMonth)) {
          yield rows.map((r) => ({ name: r.name, idNumber: r.id_number, fromMonth: r.from_month, wageFen: r.wage_fen, baseFen: r.base_fen }));
        }
      })(),
    };
  }

  /** Everyone the unit insures with the base in force now, for the prefilled template. */
  async *insuredForTemplate(unitId: number): AsyncGenerator<{ name: string; idNumber: string; currentBaseFen: number }[]> {
    const month = currentFeePeriod(this.clock.now());
    const currentBase = await this.currentBases(month);
    for await (const rows of this.store.insuredPages(unitId, month)) {
      yield rows.map((r) => ({ name: r.name, idNumber: r.id_number, currentBaseFen: currentBase(r) }));
    }
  }

  private async recordCarryOver(unitId: number, year: Year): Promise<void> {
    if (await this.store.carriedOver(unitId, year.firstMonth)) return;
    await this.db.transaction(async (trx) => {
      const self = this.on(trx);
      const persons = await self.store.countUndeclared(unitId, year.firstMonth);
      const at = this.clock.now().toISOString();
      // The key (unit, year) lets one instance record it; any other finds it recorded and writes nothing.
      if (!(await self.store.recordCarryOver(unitId, year.firstMonth, persons, at))) return;
      await self.audit.record({
        at,
        userId: null,
        unitId,
        action: 'base_carried_over',
        entityType: 'contribution_year',
        entityId: year.firstMonth,
        after: { persons, carryOver: year.carryOver, fromMonth: year.firstMonth, toMonth: year.lastMonth },
      });
    });
  }
}

export interface DeclaredBase {
  name: string;
  idNumber: string;
  fromMonth: string;
  wageFen: number;
  baseFen: number;
}

async function* noPages(): AsyncGenerator<DeclaredBase[]> {}
