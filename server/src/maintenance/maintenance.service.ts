import type { Knex } from 'knex';
import type { z } from 'zod';
import type { ChangeKind, PayloadOf, Submission } from '@common/api/submissions';
import type { BankAccountChange, BankBranchPage, bankBranchQuery, ContactChange, HukouChange, UnitInfoChange } from '@common/api/maintenance';
import type { InsuredPersonDetail } from '@common/api/payments';
import type { Clock } from '../clock';
import { AuditService } from '../audit/audit.service';
import { DeclarationService } from '../declarations/declarations.service';
import { AppError, invalidFields, notFound, type FieldProblem } from '../http/errors';
import type { Actor } from '../http/route';
import { PendingSubmissionExists, SubmissionService, type AppliedChanges, type PendingOf } from '../submissions/submissions.service';
import { UnitService } from '../unit/unit.service';
import type { BankBranchDirectory } from './bank-branches';
import {
  BANK_ACCOUNT_COLUMNS,
  CONTACT_COLUMNS,
  fieldsOf,
  HUKOU_COLUMNS,
  MaintenanceStore,
  UNIT_INFO_COLUMNS,
  type InsuredHere,
  type MaintainedTable,
} from './maintenance.store';

type Values = Record<string, unknown>;

/** Where each kind of change applies: the table, its fields, and the name the audit gives the record. */
const TARGETS = {
  'unit-info-change': { table: 'units', columns: UNIT_INFO_COLUMNS, record: 'unit' },
  'bank-account-change': { table: 'units', columns: BANK_ACCOUNT_COLUMNS, record: 'unit' },
  // The unit's own record of the person: another unit's view keeps what that unit registered.
  'hukou-change': { table: 'employments', columns: HUKOU_COLUMNS, record: 'person' },
} as const satisfies Record<ChangeKind, { table: MaintainedTable; columns: Record<string, string>; record: string }>;

const unchanged = (before: Values, after: Values) => Object.keys(after).every((field) => (before[field] ?? null) === (after[field] ?? null));

/** A change of one kind with its registered facts before and after. */
type KindAndChange = { [K in ChangeKind]: { kind: K; payload: PayloadOf<K> } }[ChangeKind];
type ChangeRequest = KindAndChange & {
  unitId: number;
  actor: Actor;
  /** The person a change is about; none for the unit's own records. */
  person: InsuredHere | null;
  requestId: string;
};
/** A pending change as an approval applies it. */
export type PendingChange = PendingOf<ChangeKind>;

/**
 * Maintenance of registered facts. The unit's information, its bank account and a person's household
 * registration are submissions a reviewer approves (applied by `applyChanges`); a person's contact details
 * apply at once. One pending change of each kind per unit or person.
 */
export class MaintenanceService {
  private readonly store: MaintenanceStore;
  /** Built for the insured service it wires: the detail a contact change answers with. */
  private readonly declarations: DeclarationService;
  private readonly submissions: SubmissionService;
  private readonly units: UnitService;
  private readonly audit: AuditService;

  /** The feature's wiring on a knex handle: the database, or a transaction. */
  constructor(
    private readonly db: Knex,
    private readonly clock: Clock,
    private readonly branches: BankBranchDirectory,
  ) {
    this.store = new MaintenanceStore(db);
    this.declarations = new DeclarationService(db, clock);
    this.submissions = this.declarations.submissions;
    this.units = new UnitService(db, clock);
    this.audit = new AuditService(db);
  }

  on(trx: Knex.Transaction): MaintenanceService {
    return new MaintenanceService(trx, this.clock, this.branches);
  }

  searchBranches(query: z.output<typeof bankBranchQuery>): BankBranchPage {
    const { items, total } = this.branches.search(query.q, query.bankCategory, query.page, query.pageSize);
    return { items, total, page: query.page, pageSize: query.pageSize };
  }

  submitUnitInfoChange(unitId: number, actor: Actor, input: UnitInfoChange, requestId: string): Promise<Submission> {
    return this.db.transaction(async (trx) => {
      const maintenance = this.on(trx);
      const unit = await maintenance.units.lock(unitId);
      const before = fieldsOf(unit, UNIT_INFO_COLUMNS);
      return maintenance.submit({ unitId, actor, kind: 'unit-info-change', person: null, payload: { before, after: input }, requestId });
    });
  }

  /** The branch must be in the bundled list and of the chosen bank; the account must be in the unit's own name. */
  submitBankAccountChange(unitId: number, actor: Actor, input: BankAccountChange, requestId: string): Promise<Submission> {
    return this.db.transaction(async (trx) => {
      const maintenance = this.on(trx);
      const unit = await maintenance.units.lock(unitId);
      const branch = this.branches.find(input.branchCode);
      const problems: FieldProblem[] = [];
      if (!branch) problems.push({ field: 'branchCode', code: 'BANK_BRANCH_UNKNOWN' });
      else if (branch.bankCategory !== input.bankCategory) problems.push({ field: 'branchCode', code: 'BANK_BRANCH_OTHER_BANK' });
      if (input.accountName !== unit.name) problems.push({ field: 'accountName', code: 'ACCOUNT_NAME_MISMATCH' });
      if (problems.length > 0) throw invalidFields(problems);
      const after = {
        bankCategory: input.bankCategory,
        branchCode: input.branchCode,
        branchName: branch!.name,
        accountName: input.accountName,
        accountNumber: input.accountNumber,
      };
      const before = fieldsOf(unit, BANK_ACCOUNT_COLUMNS);
      return maintenance.submit({ unitId, actor, kind: 'bank-account-change', person: null, payload: { before, after }, requestId });
    });
  }

  submitHukouChange(unitId: number, actor: Actor, personId: number, input: HukouChange, requestId: string): Promise<Submission> {
    return this.db.transaction(async (trx) => {
      const maintenance = this.on(trx);
      const person = await maintenance.insuredHere(unitId, personId);
      const after = { hukouType: input.hukouType, hukouAddress: input.hukouAddress ?? null, ethnicity: input.ethnicity ?? null };
      const before = fieldsOf(person.row, HUKOU_COLUMNS);
      return maintenance.submit({ unitId, actor, kind: 'hukou-change', person, payload: { before, after }, requestId });
    });
  }

  /** Contact details apply at once to the unit's own record of the person, audited with before and after. */
  changeContact(unitId: number, actor: Actor, personId: number, input: ContactChange, requestId: string): Promise<InsuredPersonDetail> {
    return this.db.transaction(async (trx) => {
      const maintenance = this.on(trx);
      const person = await maintenance.insuredHere(unitId, personId);
      const before = fieldsOf(person.row, CONTACT_COLUMNS);
      const after = { mobile: input.mobile, contactAddress: input.contactAddress ?? null };
      if (unchanged(before, after)) throw new AppError(400, 'NOTHING_CHANGED');
      const at = this.clock.now().toISOString();
      await maintenance.store.write('employments', person.employmentId, CONTACT_COLUMNS, after, at);
      await maintenance.audit.record({
        at,
        userId: actor.userId,
        unitId,
        action: 'insured_contact_changed',
        entityType: 'insured_person',
        entityId: personId,
        before,
        after,
        requestId,
      });
      return maintenance.declarations.insured.detail(unitId, personId);
    });
  }

  /** Only persons the unit insures now are maintained; anyone else is not found. */
  private async insuredHere(unitId: number, personId: number): Promise<InsuredHere> {
    const person = await this.store.lockInsuredHere(unitId, personId);
    if (!person) throw notFound();
    return person;
  }

  /** On this service's transaction, with the unit or the person locked. */
  private async submit(s: ChangeRequest): Promise<Submission> {
    if ((await this.submissions.pendingChanges(s.unitId, [s.kind], s.person?.personId)).length > 0) throw new AppError(409, 'CHANGE_PENDING');
    if (unchanged(s.payload.before, s.payload.after)) throw new AppError(400, 'NOTHING_CHANGED');
    const at = this.clock.now().toISOString();
    const submission = await this.submissions
      .insertOne({
        ...s,
        idNumber: s.person?.idNumber ?? null,
        personName: s.person?.name ?? null,
        effectiveMonth: null,
        batchId: null,
        rowNumber: null,
        submittedBy: s.actor.userId,
        submittedAt: at,
      })
      .catch((error: unknown) => {
        // A concurrent submission of the same kind was written first.
        throw error instanceof PendingSubmissionExists ? new AppError(409, 'CHANGE_PENDING') : error;
      });
    await this.audit.record({
      at,
      userId: s.actor.userId,
      unitId: s.unitId,
      action: 'submission_submitted',
      entityType: 'submission',
      entityId: submission.id,
      after: submission,
      requestId: s.requestId,
    });
    return submission;
  }

  /** Approved changes written to the unit's or the person's record, in the review's transaction. */
  async applyChanges(changes: PendingChange[], at: string): Promise<AppliedChanges> {
    const store = this.store;
    const applied: AppliedChanges = new Map();
    for (const change of changes) {
      const { table, columns, record } = TARGETS[change.kind];
      const id =
        table === 'units' ? change.unitId : change.personId !== null ? await store.latestEmploymentId(change.unitId, change.personId) : undefined;
      if (id === undefined) throw new Error(`change ${change.id} names no person the unit employed`);
      const before = await store.read(table, id, columns);
      await store.write(table, id, columns, change.payload.after, at);
      applied.set(change.id, { before: { [record]: before }, after: { [record]: change.payload.after } });
    }
    return applied;
  }
}
