import type { Knex } from 'knex';
import type { Role } from '@common/api/auth';
import { maskAccountNumber } from '@common/api/maintenance';
import type { ReviewUnitQuery, UnitInfo, UnitSummaryPage } from '@common/api/payments';
import type { EmployeeInsuranceType } from '@common/insurance';
import type { Clock } from '../clock';
import { asSeenBy, SubmissionService } from '../submissions/submissions.service';
import { notFound } from '../http/errors';
import { UnitStore, type UnitName, type UnitRow } from './unit.store';

/** The unit's own information, as its users see it. */
export class UnitService {
  private readonly units: UnitStore;
  private readonly submissions: SubmissionService;

  /** The feature's wiring on a knex handle: the database, or a transaction. */
  constructor(
    db: Knex,
    private readonly clock: Clock,
  ) {
    this.units = new UnitStore(db);
    this.submissions = new SubmissionService(db, clock);
  }

  on(trx: Knex.Transaction): UnitService {
    return new UnitService(trx, this.clock);
  }

  async nameOf(unitId: number): Promise<UnitName> {
    const name = await this.units.nameOf(unitId);
    if (!name) throw notFound();
    return name;
  }

  /**
   * The unit's row, locked until the transaction ends: what one unit submits, assesses or stores runs one
   * request after the other, on any number of instances.
   */
  async lock(unitId: number): Promise<UnitRow> {
    const unit = await this.units.lock(unitId);
    if (!unit) throw notFound();
    return unit;
  }

  /** The units locked, in id order, until the transaction ends; ids of those that exist. */
  lockAll(unitIds: readonly number[]): Promise<number[]> {
    return this.units.lockAll(unitIds);
  }

  /** Up to `limit` unit ids above `afterId`, ascending. */
  idsAfter(afterId: number, limit: number): Promise<number[]> {
    return this.units.idsAfter(afterId, limit);
  }

  /** How many units the hall serves. */
  count(): Promise<number> {
    return this.units.count();
  }

  /** Every unit, for the agency's reviewers to pick one. */
  async search(query: ReviewUnitQuery & { page: number; pageSize: number }): Promise<UnitSummaryPage> {
    return { ...(await this.units.page(query.q, query.page, query.pageSize)), page: query.page, pageSize: query.pageSize };
  }

  /** The insurance types the unit is registered for, in code order: what an addition covers unless it chooses. */
  async insuranceTypes(unitId: number): Promise<EmployeeInsuranceType[]> {
    return (await this.units.insuranceTypes(unitId)).map((t) => t.insuranceType);
  }

  /** The whole bank account number is the administrator's alone; an agent sees its last four digits. */
  async info(unitId: number, role: Role): Promise<UnitInfo> {
    const unit = await this.units.find(unitId);
    if (!unit) throw notFound();
    return {
      id: unit.id,
      name: unit.name,
      creditCode: unit.credit_code,
      unitNumber: unit.unit_number,
      unitType: unit.unit_type,
      industry: unit.industry,
      economicType: unit.economic_type,
      legalRepName: unit.legal_rep_name,
      legalRepPhone: unit.legal_rep_phone,
      address: unit.address,
      postcode: unit.postcode,
      contactName: unit.contact_name,
      contactPhone: unit.contact_phone,
      contactEmail: unit.contact_email,
      registrationDate: unit.registration_date,
      agency: unit.agency,
      collectionMode: unit.collection_mode,
      insuranceTypes: await this.units.insuranceTypes(unitId),
      bank: {
        category: unit.bank_category,
        branchName: unit.bank_branch_name,
        accountName: unit.bank_account_name,
        accountNumberMasked: unit.bank_account_number && maskAccountNumber(unit.bank_account_number),
        accountNumber: role === 'unit_admin' ? unit.bank_account_number : null,
      },
      pendingChanges: (await this.submissions.pendingChanges(unitId, ['unit-info-change', 'bank-account-change'])).map((s) => asSeenBy(role, s)),
    };
  }
}
