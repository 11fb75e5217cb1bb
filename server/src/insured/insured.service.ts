import type { Knex } from 'knex';
import type { z } from 'zod';
import { TERMINATING_REASONS, type InsuredPage, type InsuredPerson, type insuredQuery, type RegisteredPerson } from '@common/api/declarations';
import type { InsuredPersonDetail } from '@common/api/payments';
import { pickFields, REGISTERED_FIELDS } from '@common/api/addition-fields';
import type { AdditionPayload, ChangeKind, Submission } from '@common/api/submissions';
import { residentSwitch } from '@common/month-rules';
import { checkIdNumberOfType } from '@common/validators/id-number';
import { additionStanding, isInsuredHere, registeredNameMatches } from '../declarations/declaration-rules';
import type { PendingAddition, PendingDeclaration, PendingReduction } from '../declarations/declarations.service';
import type { AppliedChanges } from '../submissions/submissions.service';
import type { ListCache } from '../cache/list-cache';
import { AppError, notFound, type FieldProblem } from '../http/errors';
import { InsuredStore, type NewEmployment, type PersonData, type PersonRecord } from './insured.store';

/**
 * What the insured list and detail show of the submissions waiting for review. The declarations feature
 * answers it: it builds this service, since its rules in turn read the persons' records here.
 */
export interface PendingSubmissions {
  pendingOf(unitId: number, idNumbers: readonly string[]): Promise<Map<string, PendingDeclaration>>;
  pendingChanges(unitId: number, kinds: readonly ChangeKind[], personId?: number): Promise<Submission[]>;
}

/**
 * The unit's insured list, and approved declarations applied to persons, employments and enrollments
 * (set-based, in the review's transaction); maintenance (maintenance/) changes the unit's records of them.
 */
export class InsuredService {
  private readonly store: InsuredStore;
  /** The list's pages, read through `pages` (Database.pages). */
  private readonly pages: InsuredStore;

  /** `pages`: where the list's pages are read; `db` unless given (a transaction reads its own writes). */
  constructor(
    db: Knex,
    private readonly submissions: PendingSubmissions,
    private readonly lists: ListCache,
    pages: Knex = db,
  ) {
    this.store = new InsuredStore(db);
    this.pages = new InsuredStore(pages);
  }

  async list(unitId: number, query: z.output<typeof insuredQuery>): Promise<InsuredPage> {
    const { items, total } = await this.lists.page(unitId, 'insured-persons', query, () =>
      this.pages.page(unitId, query, query.page, query.pageSize),
    );
    return { items, total, page: query.page, pageSize: query.pageSize };
  }

  async detail(unitId: number, personId: number): Promise<InsuredPersonDetail> {
    const found = await this.store.detail(unitId, personId);
    if (!found) throw notFound();
    return { ...found, pendingChanges: await this.submissions.pendingChanges(unitId, ['hukou-change'], personId) };
  }

  /** A person as registered (an approved addition's data), or null for an ID number the hall does not know. */
  registered(idNumber: string): Promise<RegisteredPerson | null> {
    return this.store.registeredByIdNumber(idNumber);
  }

  /** What the declaration rules read of each ID number's person: the name and the active employments. */
  recordsOf(idNumbers: readonly string[]): Promise<Map<string, PersonRecord>> {
    return this.store.recordsOf(idNumbers);
  }

  /** The insurance the persons hold without a unit (resident, flexible employment), which an addition ends. */
  activeIndividualEnrollments(personIds: number[]): Promise<Map<number, { insuranceType: string; startMonth: string }[]>> {
    return this.store.activeIndividualEnrollments(personIds);
  }

  async forExport(unitId: number, query: Omit<z.output<typeof insuredQuery>, 'page' | 'pageSize'>) {
    return { total: await this.store.count(unitId, query), pages: this.withPendingPages(unitId, this.store.keysetPages(unitId, query)) };
  }

  /** Each person's pending addition or reduction, as the list shows it. */
  private async withPending(unitId: number, persons: InsuredPerson[]): Promise<InsuredPerson[]> {
    const pending = await this.submissions.pendingOf(
      unitId,
      persons.map((p) => p.idNumber),
    );
    return persons.map((p) => ({ ...p, pendingDeclaration: pending.get(p.idNumber)?.kind ?? null }));
  }

  private async *withPendingPages(unitId: number, pages: AsyncGenerator<InsuredPerson[]>): AsyncGenerator<InsuredPerson[]> {
    for await (const page of pages) yield this.withPending(unitId, page);
  }

  /**
   * Upserts the persons, then, with their rows locked, checks nobody insures them now: a person added by
   * another unit meanwhile makes the approval impossible. Then employment, enrollments and the end of
   * any insurance the person held without a unit (rule 3).
   */
  async applyAdditions(declarations: PendingAddition[], at: string): Promise<AppliedChanges> {
    const changes: AppliedChanges = new Map();
    if (declarations.length === 0) return changes;
    const insured = this.store;
    const idNumbers = declarations.map((d) => d.idNumber);
    const persons = declarations.map((d) => personData(d.payload, new Date(at)));
    const known = await insured.recordsOf(idNumbers);
    // Submitted before the person was known, or under another name: never renamed by an approval.
    conflicts(
      declarations.map((d) =>
        registeredNameMatches(known.get(d.idNumber), d.personName) ? null : { declaration: d, code: 'REGISTERED_NAME_MISMATCH' as const },
      ),
    );
    const personsBefore = await insured.registered([...known.values()].map((r) => r.personId));
    const personIds = new Map<string, number>();
    for (const person of persons) {
      const record = known.get(person.idNumber);
      if (!record) continue;
      await insured.updateRegisteredData(record.personId, person, at);
      personIds.set(person.idNumber, record.personId);
    }
    const created = await insured.insertPersons(
      persons.filter((p) => !known.has(p.idNumber)),
      at,
    );
    for (const [idNumber, id] of created) personIds.set(idNumber, id);

    const records = await insured.recordsOf(idNumbers);
    conflicts(
      declarations.map((d) => {
        // Inserted by a concurrent approval: that one has employed the person.
        const code = personIds.has(d.idNumber) ? additionStanding(d.unitId, records.get(d.idNumber)) : 'INSURED_ELSEWHERE';
        return code ? { declaration: d, code } : null;
      }),
    );

    const individual = await insured.activeIndividualEnrollments([...personIds.values()]);
    const employments: NewEmployment[] = declarations.map((d) => ({
      unitId: d.unitId,
      personId: personIds.get(d.idNumber)!,
      idNumber: d.idNumber,
      // As registered: an approval never renames a person.
      personName: records.get(d.idNumber)!.name,
      startMonth: d.effectiveMonth,
      insuranceTypes: d.payload.insuranceTypes,
      declared: d.payload,
    }));
    await insured.insertEmployments(employments, at);
    for (const [month, group] of groupBy(employments, (e) => e.startMonth)) {
      await insured.endIndividualEnrollments(
        group.map((e) => e.personId),
        residentSwitch(month).residentEndMonth,
        at,
      );
    }
    for (const [i, d] of declarations.entries()) {
      const { personId, insuranceTypes } = employments[i];
      const { wageFen } = d.payload;
      const held = individual.get(personId) ?? [];
      const endMonth = residentSwitch(d.effectiveMonth).residentEndMonth;
      changes.set(d.id, {
        before: { person: personsBefore.get(personId) ?? null, individualInsurance: held.map((e) => ({ ...e, endMonth: null, status: 'active' })) },
        after: {
          person: persons[i],
          employment: { unitId: d.unitId, startMonth: d.effectiveMonth, endMonth: null, wageFen, status: 'active' },
          enrollments: insuranceTypes,
          individualInsurance: held.map((e) => ({ ...e, endMonth, status: 'terminated' })),
        },
      });
    }
    return changes;
  }

  /** Ends the unit's coverage with the declared month: suspended, or terminated on retirement or death. */
  async applyReductions(declarations: PendingReduction[], at: string): Promise<AppliedChanges> {
    const changes: AppliedChanges = new Map();
    if (declarations.length === 0) return changes;
    const insured = this.store;
    const records = await insured.recordsOf(declarations.map((d) => d.idNumber));
    conflicts(
      declarations.map((d) =>
        isInsuredHere(d.unitId, records.get(d.idNumber), d.effectiveMonth) ? null : { declaration: d, code: 'NOT_INSURED_HERE' },
      ),
    );
    const statusOf = (d: PendingReduction) => (TERMINATING_REASONS.includes(d.payload.reason) ? 'terminated' : 'suspended');
    for (const [, group] of groupBy(declarations, (d) => `${d.unitId}|${d.effectiveMonth}|${statusOf(d)}`)) {
      const { unitId, effectiveMonth } = group[0];
      const personIds = group.map((d) => records.get(d.idNumber)!.personId);
      await insured.endEmployments(unitId, personIds, effectiveMonth, statusOf(group[0]), at);
    }
    for (const d of declarations) {
      const employment = records.get(d.idNumber)!.activeEmployments.find((e) => e.unitId === d.unitId)!;
      changes.set(d.id, {
        before: { employment: { ...employment, endMonth: null, status: 'active' } },
        after: { employment: { ...employment, endMonth: d.effectiveMonth, status: statusOf(d) } },
      });
    }
    return changes;
  }
}

/** Nothing is written when any declaration can no longer be applied; each one is named with the reason. */
function conflicts(found: ({ declaration: PendingAddition | PendingReduction; code: FieldProblem['code'] } | null)[]): void {
  const fields: FieldProblem[] = found
    .filter((c) => c !== null)
    .map((c) => ({ field: `declarations.${c.declaration.id}`, code: c.code, params: { id: c.declaration.id, idNumber: c.declaration.idNumber } }));
  if (fields.length > 0) throw new AppError(409, 'APPROVAL_CONFLICT', {}, fields);
}

function personData(a: AdditionPayload, today: Date): PersonData {
  const id = checkIdNumberOfType(a.idType, a.idNumber, today);
  if (!id.ok) throw new Error(`declared ID number no longer valid: ${id.problem}`);
  return {
    ...id.facts,
    idType: a.idType,
    name: a.name,
    ...pickFields(a, REGISTERED_FIELDS),
  };
}

function groupBy<T, K>(items: T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}
