import type { Knex } from 'knex';
import type { ReviewUnitQuery, UnitInfo, UnitSummaryPage } from '@common/api/payments';
import { DeclarationStore } from '../declarations/declarations.store';
import { notFound } from '../http/errors';
import { UnitStore, type UnitName } from './unit.store';

/** Shows only the last four digits of an account number. */
const maskAccount = (n: string | null) => (n ? '*'.repeat(Math.max(0, n.length - 4)) + n.slice(-4) : null);

/** The unit's own information, as its users see it. */
export class UnitService {
  constructor(
    private readonly units: UnitStore,
    private readonly declarations: DeclarationStore,
  ) {}

  async nameOf(unitId: number): Promise<UnitName> {
    const name = await this.units.nameOf(unitId);
    if (!name) throw notFound();
    return name;
  }

  /** Every unit, for the agency's reviewers to pick one. */
  async search(query: ReviewUnitQuery & { page: number; pageSize: number }): Promise<UnitSummaryPage> {
    return { ...(await this.units.page(query.q, query.page, query.pageSize)), page: query.page, pageSize: query.pageSize };
  }

  async info(unitId: number): Promise<UnitInfo> {
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
        accountNumberMasked: maskAccount(unit.bank_account_number),
      },
      pendingChanges: await this.declarations.pendingChanges(unitId, ['unit-info-change', 'bank-account-change']),
    };
  }
}

/** The unit feature's wiring on a knex handle: the database, or a transaction. */
export function createUnitService(db: Knex): UnitService {
  return new UnitService(new UnitStore(db), new DeclarationStore(db));
}
