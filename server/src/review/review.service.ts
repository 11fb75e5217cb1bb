import type { Knex } from 'knex';
import type { z } from 'zod';
import {
  TERMINATING_REASONS,
  type Addition,
  type Declaration,
  type DeclarationPage,
  type Reduction,
  type ReviewResult,
  type reviewDecision,
  type reviewQuery,
} from '@common/api/declarations';
import { shanghaiDayStart } from '@common/fee-period';
import { residentSwitch } from '@common/month-rules';
import { checkIdNumberOfType } from '@common/validators/id-number';
import type { Clock } from '../clock';
import { recordAudits, type AuditEntry } from '../audit/audit.store';
import { additionStanding, isInsuredHere, registeredNameMatches } from '../declarations/declaration-rules';
import { DeclarationStore, isChange, isPersonDeclaration, type PendingChange, type PendingDeclaration } from '../declarations/declarations.store';
import { AppError, invalidFields, notFound, type FieldProblem } from '../http/errors';
import type { Actor } from '../http/route';
import { InsuredStore, type NewEmployment, type PersonData } from '../insured/insured.store';
import { applyChanges, type AppliedChanges } from '../maintenance/maintenance.service';
import { AssessmentService } from '../payments/assessment.service';

type Decision = z.output<typeof reviewDecision>;

/**
 * The agency's review: reviewers see every unit's declarations and approve or reject them, never edit
 * them. An approval applies the declarations to the records in the same transaction, or nothing at all.
 */
export class ReviewService {
  constructor(
    private readonly db: Knex,
    private readonly clock: Clock,
  ) {}

  /** Pending ones oldest first, the order they are worked through; decided ones newest first. */
  async list(query: z.output<typeof reviewQuery>): Promise<DeclarationPage> {
    const { items, total } = await new DeclarationStore(this.db).page(
      {
        statuses: [query.status],
        unitId: query.unitId,
        type: query.type,
        batchId: query.batchId,
        submittedFrom: query.from ? shanghaiDayStart(query.from).toISOString() : undefined,
        submittedBefore: query.to ? shanghaiDayStart(query.to, 1).toISOString() : undefined,
      },
      query.status === 'pending' ? 'oldest' : 'newest',
      query.page,
      query.pageSize,
      true,
    );
    return { items, total, page: query.page, pageSize: query.pageSize };
  }

  /** A pending addition of a known person comes with the person as registered, to compare with what was submitted. */
  async find(id: number): Promise<Declaration> {
    const found = await new DeclarationStore(this.db).find(id);
    if (!found) throw notFound();
    if (found.type !== 'addition' || found.status !== 'pending' || !found.idNumber) return found;
    return { ...found, registeredPerson: await new InsuredStore(this.db).registeredByIdNumber(found.idNumber) };
  }

  async decide(actor: Actor, id: number, decision: Decision, requestId: string): Promise<ReviewResult> {
    return this.decideAll(actor, decision, requestId, async (store) => {
      if (!(await store.find(id))) throw notFound();
      return store.pending({ id });
    });
  }

  /** The whole batch's pending rows at once. */
  async decideBatch(actor: Actor, batchId: number, decision: Decision, requestId: string): Promise<ReviewResult> {
    return this.decideAll(actor, decision, requestId, async (store) => {
      if (!(await store.batchExists(batchId))) throw notFound();
      return store.pending({ batchId });
    });
  }

  private async decideAll(
    actor: Actor,
    decision: Decision,
    requestId: string,
    pendingOf: (store: DeclarationStore) => Promise<(PendingDeclaration | PendingChange)[]>,
  ): Promise<ReviewResult> {
    const reason = decision.reason || null;
    if (!decision.approve && !reason) throw invalidFields([{ field: 'reason', code: 'REASON_REQUIRED' }]);
    const at = this.clock.now().toISOString();
    return this.db.transaction(async (trx) => {
      const store = new DeclarationStore(trx);
      const declarations = await pendingOf(store);
      const ids = declarations.map((d) => d.id);
      const status = decision.approve ? 'approved' : 'rejected';
      if (ids.length === 0 || (await store.close(ids, status, { by: actor.userId, at, reason })) !== ids.length) {
        throw new AppError(409, 'DECLARATION_NOT_PENDING');
      }
      const changes: AppliedChanges = new Map();
      if (decision.approve) {
        const approval = new Approval(trx, at);
        const persons = declarations.filter(isPersonDeclaration);
        for (const [id, change] of await approval.additions(persons.filter((d) => d.type === 'addition'))) changes.set(id, change);
        for (const [id, change] of await approval.reductions(persons.filter((d) => d.type === 'reduction'))) changes.set(id, change);
        for (const [id, change] of await applyChanges(trx, declarations.filter(isChange), at)) changes.set(id, change);
        await store.linkPersons(ids);
        await approval.markAssessmentsStale(persons);
      }
      await recordAudits(
        trx,
        declarations.map(
          (d): AuditEntry => ({
            at,
            userId: actor.userId,
            unitId: d.unitId,
            action: `declaration_${status}`,
            entityType: 'declaration',
            entityId: d.id,
            before: { status: 'pending', ...changes.get(d.id)?.before },
            after: { status, reason, ...changes.get(d.id)?.after },
            requestId,
          }),
        ),
      );
      return { approved: decision.approve ? ids.length : 0, rejected: decision.approve ? 0 : ids.length };
    });
  }
}

/** Applies approved declarations to persons, employments and enrollments, set-based. */
class Approval {
  private readonly insured: InsuredStore;

  constructor(
    private readonly trx: Knex.Transaction,
    private readonly at: string,
  ) {
    this.insured = new InsuredStore(trx);
  }

  /**
   * Upserts the persons, then, with their rows locked, checks nobody insures them now: a person added by
   * another unit meanwhile makes the approval impossible. Then employment, enrollments and the end of
   * any insurance the person held without a unit (rule 3).
   */
  async additions(declarations: PendingDeclaration[]): Promise<AppliedChanges> {
    const changes: AppliedChanges = new Map();
    if (declarations.length === 0) return changes;
    const idNumbers = declarations.map((d) => d.idNumber);
    const persons = declarations.map((d) => personData(d.payload as Addition, new Date(this.at)));
    const known = await this.insured.recordsOf(idNumbers);
    // Submitted before the person was known, or under another name: never renamed by an approval.
    conflicts(
      declarations.map((d) =>
        registeredNameMatches(known.get(d.idNumber), d.personName) ? null : { declaration: d, code: 'REGISTERED_NAME_MISMATCH' as const },
      ),
    );
    const personsBefore = await this.insured.registered([...known.values()].map((r) => r.personId));
    const personIds = new Map<string, number>();
    for (const person of persons) {
      const record = known.get(person.idNumber);
      if (!record) continue;
      await this.insured.updateRegisteredData(record.personId, person, this.at);
      personIds.set(person.idNumber, record.personId);
    }
    const created = await this.insured.insertPersons(persons.filter((p) => !known.has(p.idNumber)), this.at);
    for (const [idNumber, id] of created) personIds.set(idNumber, id);

    const records = await this.insured.recordsOf(idNumbers);
    conflicts(
      declarations.map((d) => {
        // Inserted by a concurrent approval: that one has employed the person.
        const code = personIds.has(d.idNumber) ? additionStanding(d.unitId, records.get(d.idNumber)) : 'INSURED_ELSEWHERE';
        return code ? { declaration: d, code } : null;
      }),
    );

    const individual = await this.insured.activeIndividualEnrollments([...personIds.values()]);
    const employments: NewEmployment[] = declarations.map((d, i) => {
      const a = d.payload as Addition;
      return {
        unitId: d.unitId,
        personId: personIds.get(d.idNumber)!,
        wageFen: a.wageFen,
        personnelCategory: a.personnelCategory,
        employmentForm: a.employmentForm,
        workStartDate: a.workStartDate,
        startMonth: d.effectiveMonth,
        insuranceTypes: a.insuranceTypes!,
        personal: persons[i],
      };
    });
    await this.insured.insertEmployments(employments, this.at);
    for (const [month, group] of groupBy(employments, (e) => e.startMonth)) {
      await this.insured.endIndividualEnrollments(group.map((e) => e.personId), residentSwitch(month).residentEndMonth, this.at);
    }
    for (const [i, d] of declarations.entries()) {
      const { personId, insuranceTypes, wageFen } = employments[i];
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
  async reductions(declarations: PendingDeclaration[]): Promise<AppliedChanges> {
    const changes: AppliedChanges = new Map();
    if (declarations.length === 0) return changes;
    const records = await this.insured.recordsOf(declarations.map((d) => d.idNumber));
    conflicts(declarations.map((d) => (isInsuredHere(d.unitId, records.get(d.idNumber), d.effectiveMonth) ? null : { declaration: d, code: 'NOT_INSURED_HERE' })));
    const statusOf = (d: PendingDeclaration) => (TERMINATING_REASONS.includes((d.payload as Reduction).reason) ? 'terminated' : 'suspended');
    for (const [, group] of groupBy(declarations, (d) => `${d.unitId}|${d.effectiveMonth}|${statusOf(d)}`)) {
      const { unitId, effectiveMonth } = group[0];
      const personIds = group.map((d) => records.get(d.idNumber)!.personId);
      await this.insured.endEmployments(unitId, personIds, effectiveMonth, statusOf(group[0]), this.at);
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

  /** Approved declarations change coverage from their month on; those periods are assessed afresh. */
  async markAssessmentsStale(declarations: PendingDeclaration[]): Promise<void> {
    for (const [unitId, group] of groupBy(declarations, (d) => d.unitId)) {
      const from = group.map((d) => d.effectiveMonth).sort()[0];
      await AssessmentService.markStale(this.trx, unitId, from);
    }
  }
}

/** Nothing is written when any declaration can no longer be applied; each one is named with the reason. */
function conflicts(found: ({ declaration: PendingDeclaration; code: FieldProblem['code'] } | null)[]): void {
  const fields: FieldProblem[] = found
    .filter((c) => c !== null)
    .map((c) => ({ field: `declarations.${c.declaration.id}`, code: c.code, params: { id: c.declaration.id, idNumber: c.declaration.idNumber } }));
  if (fields.length > 0) throw new AppError(409, 'APPROVAL_CONFLICT', {}, fields);
}

function personData(a: Addition, today: Date): PersonData {
  const id = checkIdNumberOfType(a.idType, a.idNumber, today);
  if (!id.ok) throw new Error(`declared ID number no longer valid: ${id.problem}`);
  return {
    ...id.facts,
    idType: a.idType,
    name: a.name,
    ethnicity: a.ethnicity,
    hukouType: a.hukouType,
    hukouAddress: a.hukouAddress,
    mobile: a.mobile,
    contactAddress: a.contactAddress,
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
