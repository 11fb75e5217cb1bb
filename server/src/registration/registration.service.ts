import { createHash, randomInt } from 'node:crypto';
import type { Knex } from 'knex';
import {
  REGISTRATION_FIELDS,
  STATUS_CODE_ALPHABET,
  STATUS_CODE_LENGTH,
  type RegistrationCaptcha,
  type RegistrationField,
  type RegistrationReceipt,
  type RegistrationStatus,
  type UnitRegistration,
} from '@common/api/registration';
import type { PayloadOf } from '@common/api/submissions';
import { currentFeePeriod, shanghaiDateTime } from '@common/fee-period';
import { EMPLOYEE_INSURANCE_TYPES } from '@common/insurance';
import { checkIdNumber } from '@common/validators/id-number';
import type { Clock } from '../clock';
import type { Dialect } from '../db/dialect';
import { AuditService } from '../audit/audit.service';
import { hashPassword } from '../auth/password';
import { PendingSubmissionExists, SubmissionService, type AppliedChanges, type PendingOf } from '../submissions/submissions.service';
import { AppError, invalidFields, notFound, type FieldProblem } from '../http/errors';
import type { MaintenanceService } from '../maintenance/maintenance.service';
import type { UnitRow } from '../unit/unit.store';
import { RegistrationStore } from './registration.store';
import { RegistrationThrottle } from './registration-throttle';
import { CaptchaService, type CaptchaOptions } from '../captcha/captcha.service';

/** A new unit's number: the region's prefix for units registered online and the registration's number. */
const REGISTERED_UNIT_PREFIX = '3599';

type RegistrationPayload = PayloadOf<'unit-registration'>;
type Facts = RegistrationPayload['after'];

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const statusCodeHash = (creditCode: string, statusCode: string) => sha256(`${creditCode}:${statusCode}`);

/** The record's facts under the registration's field names: what the reviewer compares the registration with. */
const RECORD_COLUMNS: Record<RegistrationField, keyof UnitRow> = {
  creditCode: 'credit_code',
  unitName: 'name',
  unitType: 'unit_type',
  address: 'address',
  legalRepName: 'legal_rep_name',
  legalRepIdNumber: 'legal_rep_id_number',
  legalRepPhone: 'legal_rep_phone',
  contactName: 'contact_name',
  contactPhone: 'contact_phone',
  contactEmail: 'contact_email',
  bankCategory: 'bank_category',
  branchName: 'bank_branch_name',
  branchCode: 'bank_branch_code',
  accountName: 'bank_account_name',
  accountNumber: 'bank_account_number',
};
const factsOf = (record: UnitRow | undefined): Facts =>
  Object.fromEntries(
    REGISTRATION_FIELDS.map((field) => [field, record ? ((record[RECORD_COLUMNS[field]] as string | null) ?? null) : null]),
  ) as Facts;

/**
 * Unit registration: the public page's CAPTCHA, the registration as a submission for review, its public
 * status, and what an approval creates (the new unit, and either way the unit's administrator).
 */
export class RegistrationService {
  private readonly store: RegistrationStore;
  private readonly throttle: RegistrationThrottle;
  private readonly audit: AuditService;
  private readonly captchas: CaptchaService;

  /** The feature's wiring on a knex handle; the maintenance service knows the bank branches. */
  constructor(
    private readonly db: Knex,
    private readonly clock: Clock,
    private readonly dialect: Dialect,
    readonly maintenance: MaintenanceService,
    private readonly options: CaptchaOptions = {},
  ) {
    this.store = new RegistrationStore(db);
    this.throttle = new RegistrationThrottle(db, dialect);
    this.audit = new AuditService(db);
    this.captchas = new CaptchaService(db, clock, options);
  }

  on(trx: Knex.Transaction): RegistrationService {
    return new RegistrationService(trx, this.clock, this.dialect, this.maintenance.on(trx), this.options);
  }

  /** A new CAPTCHA; only a hash of its token and of its answer is kept, until it is answered once or expires. */
  async captcha(address: string): Promise<RegistrationCaptcha> {
    await this.throttle.consume('captcha', address);
    return this.captchas.create();
  }

  /**
   * A registration, answered with the code that shows its status. A credit code that already has an
   * online account or a pending registration is answered alike, after the same work: the page must not
   * tell anyone whether a unit has an account. Such a registration is stored as a duplicate that holds no
   * slot and cannot be approved; a reviewer rejects it, and its status page says so like any other's.
   */
  async submit(input: UnitRegistration, address: string, requestId: string): Promise<RegistrationReceipt> {
    await this.throttle.consume('registration', address);
    // Checked before the CAPTCHA is used up, so a mistyped branch or ID number costs no new picture.
    const branch = this.maintenance.branchProblem(input.branchCode, input.bankCategory);
    const legalRepId = checkIdNumber(input.legalRepIdNumber, this.clock.now());
    const problems: FieldProblem[] = [
      ...('field' in branch ? [branch] : []),
      ...(legalRepId.ok ? [] : [{ field: 'legalRepIdNumber', code: legalRepId.problem } as const]),
    ];
    if (problems.length > 0 || 'field' in branch) throw invalidFields(problems);
    await this.captchas.answer(input.captchaToken, input.captchaAnswer);

    const passwordHash = await hashPassword(input.password);
    const statusCode = Array.from({ length: STATUS_CODE_LENGTH }, () => STATUS_CODE_ALPHABET[randomInt(STATUS_CODE_ALPHABET.length)]).join('');
    const after: Facts = {
      creditCode: input.creditCode,
      unitName: input.unitName,
      unitType: input.unitType,
      address: input.address,
      legalRepName: input.legalRepName,
      legalRepIdNumber: input.legalRepIdNumber,
      legalRepPhone: input.legalRepPhone,
      contactName: input.contactName,
      contactPhone: input.contactPhone,
      contactEmail: input.contactEmail,
      bankCategory: input.bankCategory,
      branchName: branch.name,
      branchCode: input.branchCode,
      accountName: input.accountName,
      accountNumber: input.accountNumber,
    };
    await this.db.transaction(async (trx) => {
      const registration = this.on(trx);
      const record = await registration.store.lockRecord(input.creditCode);
      const taken =
        (await registration.store.hasOnlineAccount(input.creditCode, record?.id)) ||
        (await registration.store.hasPendingRegistration(input.creditCode));
      const payload = (duplicate: boolean): RegistrationPayload => ({ before: factsOf(record), after, onRecord: record !== undefined, duplicate });
      const submit = (duplicate: boolean) => (db: Knex.Transaction) =>
        new SubmissionService(db, this.clock).insertOne({
          kind: 'unit-registration',
          payload: payload(duplicate),
          unitId: null,
          idNumber: null,
          personName: null,
          effectiveMonth: null,
          batchId: null,
          rowNumber: null,
          submittedBy: null,
          submittedAt: this.clock.now().toISOString(),
          registeringCreditCode: duplicate ? null : input.creditCode,
        });
      // A concurrent registration of the credit code took the slot first (its savepoint keeps this transaction usable).
      const submission = taken
        ? await submit(true)(trx)
        : await trx.transaction(submit(false)).catch((error: unknown) => {
            if (error instanceof PendingSubmissionExists) return submit(true)(trx);
            throw error;
          });
      await registration.store.insertSecrets(submission.id, input.creditCode, statusCodeHash(input.creditCode, statusCode), passwordHash);
      await registration.audit.record({
        at: submission.submittedAt,
        userId: null,
        unitId: null,
        action: 'submission_submitted',
        entityType: 'submission',
        entityId: submission.id,
        after: submission,
        requestId,
      });
    });
    return { statusCode };
  }

  /** The status of the registration the credit code and status code name; nothing about anything else. */
  async status(creditCode: string, statusCode: string, address: string): Promise<RegistrationStatus> {
    await this.throttle.consume('status', address);
    const found = await this.store.statusOf(statusCodeHash(creditCode, statusCode));
    if (!found || found.status === 'withdrawn') throw notFound();
    return { status: found.status, reason: found.status === 'rejected' ? found.review_reason : null };
  }

  /**
   * Approved registrations, in the review's transaction: a unit on record gets its administrator; a new
   * unit is registered first, with its unit number and the registration date. A duplicate, or a credit
   * code that has meanwhile got an account, cannot be approved, and the whole decision is refused.
   */
  async applyRegistrations(pending: PendingOf<'unit-registration'>[], at: string): Promise<AppliedChanges> {
    const applied: AppliedChanges = new Map();
    for (const registration of pending) {
      const facts = registration.payload.after;
      const creditCode = facts.creditCode!;
      if (registration.payload.duplicate) throw new AppError(409, 'REGISTRATION_NOT_APPROVABLE');
      const record = await this.store.lockRecord(creditCode);
      if (await this.store.hasOnlineAccount(creditCode, record?.id)) throw new AppError(409, 'REGISTRATION_NOT_APPROVABLE');
      let unitId = record?.id;
      let registered: { unitNumber: string; registrationDate: string } | undefined;
      if (unitId === undefined) {
        registered = {
          unitNumber: REGISTERED_UNIT_PREFIX + String(registration.id).padStart(7, '0'),
          registrationDate: shanghaiDateTime(new Date(at)).slice(0, 10),
        };
        unitId = await this.store.insertUnit({
          creditCode,
          name: facts.unitName!,
          unitType: facts.unitType!,
          address: facts.address!,
          legalRepName: facts.legalRepName!,
          legalRepIdNumber: facts.legalRepIdNumber!,
          legalRepPhone: facts.legalRepPhone!,
          contactName: facts.contactName!,
          contactPhone: facts.contactPhone!,
          contactEmail: facts.contactEmail!,
          bankCategory: facts.bankCategory!,
          branchCode: facts.branchCode!,
          branchName: facts.branchName!,
          accountName: facts.accountName!,
          accountNumber: facts.accountNumber!,
          ...registered,
          insuranceTypes: EMPLOYEE_INSURANCE_TYPES,
          startMonth: currentFeePeriod(new Date(at)),
          at,
        });
      }
      const userId = await this.store.insertAdministrator(unitId, creditCode, facts.contactName!, await this.store.passwordHash(registration.id), at);
      await this.store.assign(registration.id, unitId, userId);
      applied.set(registration.id, {
        unitId,
        before: { unit: registered ? null : { unitNumber: record!.unit_number } },
        after: {
          unit: {
            unitNumber: registered?.unitNumber ?? record!.unit_number,
            registrationDate: registered?.registrationDate ?? record!.registration_date,
          },
          administrator: creditCode,
        },
      });
    }
    return applied;
  }
}
