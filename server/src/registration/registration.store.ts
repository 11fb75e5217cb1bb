import type { Knex } from 'knex';
import type { EmployeeInsuranceType } from '@common/insurance';
import type { SubmissionStatus } from '@common/api/submissions';
import type { UnitRow } from '../unit/unit.store';

/** What the public status page reads of a registration. */
interface StatusRow {
  status: SubmissionStatus;
  review_reason: string | null;
}

/** A registration's secrets, beside its submission. */
interface UnitRegistrationRow {
  declaration_id: number;
  credit_code: string;
  status_code_hash: string;
  password_hash: string;
}

/** A new unit as an approved registration writes it. */
export interface NewUnit {
  creditCode: string;
  name: string;
  unitNumber: string;
  unitType: string;
  address: string;
  legalRepName: string;
  legalRepIdNumber: string;
  legalRepPhone: string;
  contactName: string;
  contactPhone: string;
  contactEmail: string;
  registrationDate: string;
  bankCategory: string;
  branchCode: string;
  branchName: string;
  accountName: string;
  accountNumber: string;
  insuranceTypes: readonly EmployeeInsuranceType[];
  startMonth: string;
  at: string;
}

/** The registrations' secrets, and the units and accounts an approval creates. */
export class RegistrationStore {
  constructor(private readonly db: Knex) {}

  /** The agency's record of a credit code, locked until the transaction ends; undefined for a unit not on record. */
  async lockRecord(creditCode: string): Promise<UnitRow | undefined> {
    return this.db<UnitRow>('units').where({ credit_code: creditCode }).forUpdate().first();
  }

  /** Whether the credit code has a unit administrator's account: the login, or the recorded unit's administrator. */
  async hasOnlineAccount(creditCode: string, unitId: number | undefined): Promise<boolean> {
    const query = this.db('users').where({ role: 'unit_admin' });
    query.where((w) => {
      w.where({ login: creditCode });
      if (unitId !== undefined) w.orWhere({ unit_id: unitId });
    });
    return (await query.first('id')) !== undefined;
  }

  async hasPendingRegistration(creditCode: string): Promise<boolean> {
    const row = await this.db('declarations')
      .where({ type: 'unit-registration', status: 'pending', registering_credit_code: creditCode })
      .first<{ id: number } | undefined>('id');
    return row !== undefined;
  }

  async insertSecrets(declarationId: number, creditCode: string, statusCodeHash: string, passwordHash: string): Promise<void> {
    await this.db<UnitRegistrationRow>('unit_registrations').insert({
      declaration_id: declarationId,
      credit_code: creditCode,
      status_code_hash: statusCodeHash,
      password_hash: passwordHash,
    });
  }

  async passwordHash(declarationId: number): Promise<string> {
    const row = await this.db<UnitRegistrationRow>('unit_registrations').where({ declaration_id: declarationId }).first('password_hash');
    if (!row) throw new Error(`registration ${declarationId} has no secrets`);
    return row.password_hash;
  }

  async statusOf(statusCodeHash: string): Promise<StatusRow | undefined> {
    return this.db('unit_registrations as r')
      .join('declarations as d', 'd.id', 'r.declaration_id')
      .where('r.status_code_hash', statusCodeHash)
      .first<StatusRow | undefined>('d.status', 'd.review_reason');
  }

  /** A new unit and the employee insurance types it registers for; its unit number's uniqueness is the table's. */
  async insertUnit(unit: NewUnit): Promise<number> {
    const [{ id }] = await this.db('units')
      .insert({
        credit_code: unit.creditCode,
        name: unit.name,
        unit_number: unit.unitNumber,
        unit_type: unit.unitType,
        legal_rep_name: unit.legalRepName,
        legal_rep_id_number: unit.legalRepIdNumber,
        legal_rep_phone: unit.legalRepPhone,
        address: unit.address,
        contact_name: unit.contactName,
        contact_phone: unit.contactPhone,
        contact_email: unit.contactEmail,
        registration_date: unit.registrationDate,
        bank_category: unit.bankCategory,
        bank_branch_code: unit.branchCode,
        bank_branch_name: unit.branchName,
        bank_account_name: unit.accountName,
        bank_account_number: unit.accountNumber,
        created_at: unit.at,
        updated_at: unit.at,
      })
      .returning<{ id: number }[]>('id');
    await this.db('unit_insurance_types').insert(
      unit.insuranceTypes.map((type) => ({ unit_id: id, insurance_type: type, start_month: unit.startMonth })),
    );
    return id;
  }

  /** The unit's administrator; the (role, login) unique index refuses a second one for the credit code. */
  async insertAdministrator(unitId: number, creditCode: string, name: string, passwordHash: string, at: string): Promise<number> {
    const [{ id }] = await this.db('users')
      .insert({
        role: 'unit_admin',
        login: creditCode,
        name,
        password_hash: passwordHash,
        disabled: false,
        unit_id: unitId,
        created_at: at,
        updated_at: at,
      })
      .returning<{ id: number }[]>('id');
    return id;
  }

  /** The approved registration becomes the unit's, sent by its administrator: its queue and receipts show it. */
  async assign(declarationId: number, unitId: number, userId: number): Promise<void> {
    await this.db('declarations').where({ id: declarationId }).update({ unit_id: unitId, submitted_by: userId });
  }
}
