/** Test data for declarations: valid additions of people nobody insures, batches, and who is who in the seed. */
import type { AdditionInput, ReductionInput } from '@common/api/declarations';
import { idNumberCheckChar } from '@common/validators/id-number';
import { declarationRows } from '../src/declarations/declaration-rules';
import { DeclarationService } from '../src/declarations/declarations.service';
import { DEMO_UNITS } from '../src/db/seeds/demo';
import { bundledBankBranches } from '../src/maintenance/bank-branches';
import { createTestHall, SEED_INSTANT, type HallClient, type TestHall } from './harness';

/** A refusal's bad fields as `field:CODE`, in the order the server names them. */
export const fieldsOf = (res: { body: { details?: { fields?: { field: string; code: string }[] } } }) =>
  (res.body.details?.fields ?? []).map((f) => `${f.field}:${f.code}`);

/** The entries of one action on one entity in the unit's audit trail, as its administrator sees them. */
export async function auditEntriesOf(admin: HallClient, action: string, entityId: number | string) {
  const trail = await admin.get(`/api/audit?type=${action}&pageSize=200`);
  // The records before and after are whatever the action wrote: the test names what it expects in them.
  return (trail.body.items as { entityId: string | null; before: any; after: any }[]).filter((e) => e.entityId === String(entityId));
}

/** A valid ID number no seeded person has (the seed's birth years are 1966–2004). */
export function newIdNumber(sequence: number): string {
  const first17 = `35010219650101${String(sequence).padStart(3, '0')}`;
  return first17 + idNumberCheckChar(first17);
}

export function addition(idNumber: string, overrides: Partial<AdditionInput> = {}): AdditionInput {
  return {
    name: '陈新员',
    idType: '01',
    idNumber,
    hukouType: 'urban',
    mobile: '13912345678',
    effectiveMonth: '202611',
    wageFen: 600_000,
    personnelCategory: 'in_service',
    ...overrides,
  };
}

/** A change of the first demo unit's contact person and legal representative. */
export const unitInfoChange = {
  contactName: '郑丽华',
  contactPhone: '0591-83330001',
  contactEmail: 'hr@minjiang.example.cn',
  legalRepName: '陈志明',
  legalRepPhone: '13900000009',
};

/** 中国工商银行福州五一支行, as the bank dialog finds it. */
export const wuyiBranch = bundledBankBranches().search('工行福州五一', undefined, 0, 1).items[0];

/** A bank account change of the first demo unit, to an account in its own name. */
export const bankAccountChange = (overrides: object = {}) => ({
  bankCategory: 'ICBC',
  branchCode: wuyiBranch.code,
  accountName: DEMO_UNITS[0].name,
  accountNumber: '1402 0233 0920 0123 456',
  ...overrides,
});

export async function unitIdOf(hall: TestHall, unitIndex: 0 | 1): Promise<number> {
  return (await hall.db.knex('units').where({ credit_code: DEMO_UNITS[unitIndex].creditCode }).first('id')).id;
}

/** Persons with active resident insurance (390, held without a unit). */
export async function residents(hall: TestHall): Promise<{ personId: number; idNumber: string; name: string }[]> {
  const rows = await hall.db
    .knex('enrollments as e')
    .join('insured_persons as p', 'p.id', 'e.person_id')
    .whereNull('e.unit_id')
    .where({ 'e.insurance_type': '390', 'e.status': 'active' })
    .orderBy('p.id')
    .select('p.id', 'p.id_number', 'p.name');
  return rows.map((r) => ({ personId: r.id, idNumber: r.id_number, name: r.name }));
}

/** Persons the unit insures now, from before the current month. */
export async function activeEmployees(hall: TestHall, unitIndex: 0 | 1): Promise<{ personId: number; idNumber: string; name: string }[]> {
  const rows = await hall.db
    .knex('employments as e')
    .join('insured_persons as p', 'p.id', 'e.person_id')
    .where({ 'e.unit_id': await unitIdOf(hall, unitIndex), 'e.status': 'active' })
    .where('e.start_month', '<', '202611')
    .orderBy('p.id')
    .select('p.id', 'p.id_number', 'p.name');
  return rows.map((r) => ({ personId: r.id, idNumber: r.id_number, name: r.name }));
}

/** Submits a spreadsheet batch the way the batch importer does, as the unit's administrator. */
export async function submitBatch(
  hall: TestHall,
  unitIndex: 0 | 1,
  rows: (AdditionInput | ReductionInput)[],
  kind: 'addition' | 'reduction' = 'addition',
) {
  const unitId = await unitIdOf(hall, unitIndex);
  const admin = await hall.db.knex('users').where({ role: 'unit_admin', unit_id: unitId }).first();
  const actor = {
    sessionId: 'test',
    userId: admin.id,
    role: 'unit_admin' as const,
    name: admin.name,
    login: admin.login,
    unitId,
    personId: null,
    mustChangePassword: false,
  };
  return new DeclarationService(hall.db.knex, hall.clock).submit(
    unitId,
    actor,
    declarationRows(
      kind,
      rows.map((input, i) => ({ input, rowNumber: i + 2 })),
    ),
    { fileName: `${kind}s.xlsx` },
    'test-request',
  );
}

export interface UnitHall {
  hall: TestHall;
  /** The unit's administrator, signed in. */
  unit: HallClient;
  /** Moves the clock and signs in afresh (a session does not outlive a jump of days); answers the new `unit`. */
  signInAt(instant: string): Promise<HallClient>;
}

/** A fresh hall for each spec of the calling `describe`, with a unit's administrator signed in. */
export function unitHallPerSpec(unitIndex: 0 | 1 = 0): UnitHall {
  const context = {} as UnitHall;
  beforeEach(async () => {
    context.hall = await createTestHall();
    context.signInAt = async (instant) => {
      context.hall.clock.set(instant);
      context.unit = await context.hall.client('en');
      await context.unit.signInUnitAdmin(unitIndex);
      return context.unit;
    };
    await context.signInAt(SEED_INSTANT);
  });
  afterEach(() => context.hall.close());
  return context;
}

export interface ReviewedUnit {
  hall: TestHall;
  /** The first demo unit's administrator, signed in. */
  unit: HallClient;
  /** The agency's reviewer, signed in. */
  reviewer: HallClient;
}

/** A fresh hall for each spec of the calling `describe`, with the first unit's administrator and a reviewer signed in (English). */
export function reviewedUnitPerSpec(): ReviewedUnit {
  const context = {} as ReviewedUnit;
  beforeEach(async () => {
    context.hall = await createTestHall();
    context.unit = await context.hall.client('en');
    await context.unit.signInUnitAdmin(0);
    context.reviewer = await context.hall.client('en');
    await context.reviewer.signInReviewer();
  });
  afterEach(() => context.hall.close());
  return context;
}
