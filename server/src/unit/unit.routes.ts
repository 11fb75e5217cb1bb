import type { Knex } from 'knex';
import { unitInfo, type UnitInfo } from '@common/api/payments';
import { DeclarationStore } from '../declarations/declarations.store';
import { notFound } from '../http/errors';
import { route, unitOf, UNIT_ROLES, type RouteDefinition } from '../http/route';

/** Shows only the last four digits of an account number. */
const maskAccount = (n: string | null) => (n ? '*'.repeat(Math.max(0, n.length - 4)) + n.slice(-4) : null);

export async function findUnitInfo(db: Knex, unitId: number): Promise<UnitInfo> {
  const unit = await db('units').where({ id: unitId }).first();
  if (!unit) throw notFound();
  const types = await db('unit_insurance_types').where({ unit_id: unitId }).orderBy('insurance_type');
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
    insuranceTypes: types.map((t) => ({ insuranceType: t.insurance_type, startMonth: t.start_month })),
    bank: {
      category: unit.bank_category,
      branchName: unit.bank_branch_name,
      accountName: unit.bank_account_name,
      accountNumberMasked: maskAccount(unit.bank_account_number),
    },
    pendingChanges: await new DeclarationStore(db).pendingChanges(unitId, ['unit-info-change', 'bank-account-change']),
  };
}

export function unitRoutes(db: Knex): RouteDefinition[] {
  return [
    route({
      method: 'get',
      path: '/unit',
      summary: "The unit's basic, contact, registration and bank information, and its changes pending review",
      tag: 'unit',
      access: UNIT_ROLES,
      response: unitInfo,
      handle: (ctx) => findUnitInfo(db, unitOf(ctx)),
    }),
  ];
}
