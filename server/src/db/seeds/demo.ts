/**
 * Demo data for an empty database: two units with an administrator and two agents each (one agent
 * serves both), a reviewer, insured persons with 12 months of payment details, and a few residents
 * insured under the urban-rural scheme (for the switch rule).
 */
import type { Knex } from 'knex';
import { addMonths, currentFeePeriod, type FeePeriod } from '@common/fee-period';
import { EMPLOYEE_INSURANCE_TYPES, INSURANCE_TYPES, contributionBaseFen, contributionFen } from '@common/insurance';
import { hashPassword } from '../../auth/password';
import { INSERT_CHUNK_ROWS } from '../dialect';
import { PersonGenerator, seededRandom } from './people';

export const DEMO_PASSWORDS = { unitAdmin: 'Admin2026', agent: 'Agent2026', reviewer: 'Review2026', person: 'Person2026' } as const;

export const DEMO_UNITS = [
  {
    creditCode: '91350100M000100Y43',
    name: '福州闽江软件科技有限公司',
    unitNumber: '35010000101',
    legalRep: '陈志明',
    address: '福建省福州市鼓楼区五四路158号',
    postcode: '350003',
    contact: '林晓燕',
    contactPhone: '0591-87654321',
    /** A branch of the bundled list (templates/bank-branches.json); the account is in the unit's name. */
    bank: { category: 'ICBC', branchCode: '102391000044', branchName: '中国工商银行福州华林支行', accountNumber: '1402024309100100101' },
    agents: [
      { name: '张敏', mobile: '13800000001' },
      { name: '李强', mobile: '13800000002' },
    ],
  },
  {
    creditCode: '91350200MA2Y8K3L1K',
    name: '厦门鹭岛物流有限公司',
    unitNumber: '35020000202',
    legalRep: '黄建国',
    address: '福建省厦门市思明区湖滨南路88号',
    postcode: '361004',
    contact: '王芳',
    contactPhone: '0592-5123456',
    bank: { category: 'ABC', branchCode: '103393000016', branchName: '中国农业银行厦门分行营业部', accountNumber: '4037100104000200202' },
    agents: [
      { name: '王芳', mobile: '13800000003' },
      { name: '李强', mobile: '13800000002' },
    ],
  },
] as const;

/**
 * Units on the agency's record that have no online account yet: registering one of these credit codes
 * is checked by a reviewer against the record (unit registration's known-unit path).
 */
export const DEMO_RECORDED_UNITS = [
  {
    creditCode: '91350500MA2XQ7RN4X',
    name: '泉州刺桐纺织有限公司',
    unitNumber: '35050000401',
    legalRep: '蔡文华',
    address: '福建省泉州市鲤城区温陵路66号',
    contact: '许丽娟',
    contactPhone: '13905950401',
  },
  {
    creditCode: '91350300MA31HK6T8N',
    name: '莆田木兰鞋业有限公司',
    unitNumber: '35030000402',
    legalRep: '林国栋',
    address: '福建省莆田市城厢区荔城中大道12号',
    contact: '郑秀英',
    contactPhone: '13905940402',
  },
  {
    creditCode: '91350900MA33WD5P29',
    name: '宁德三都澳水产有限公司',
    unitNumber: '35090000403',
    legalRep: '缪德明',
    address: '福建省宁德市蕉城区天湖东路9号',
    contact: '吴美玲',
    contactPhone: '13905930403',
  },
] as const;

/** Residents with a personal-hall account (sign in with the ID number); their records are fixed, not generated. */
export const DEMO_PERSONS = [
  { idNumber: '350102199003071285', name: '陈静', sex: 'female', birthDate: '1990-03-07', mobile: '13900000011' },
  { idNumber: '350203198805122133', name: '黄海', sex: 'male', birthDate: '1988-05-12', mobile: '13900000012' },
] as const;

export const DEMO_REVIEWER = { username: 'reviewer', name: '审核员 周静' } as const;

export interface SeedOptions {
  personsPerUnit: number;
  residents: number;
  now: Date;
}

/** Demo regional figures: average wage 8,000 yuan, floor 60 %, ceiling 300 %. */
export const DEMO_LIMITS = { averageWageFen: 800_000, floorFen: 480_000, ceilingFen: 2_400_000 } as const;
export const DEMO_CUTOFF_DAY = 25;
/** Resident contributions (domain.md): each year's standard amount, collected September 1 – December 31 of the year before. */
export const DEMO_RESIDENT_YEARS = [
  { year: 2026, standard_fen: 40_000, collection_from: '2025-09-01', collection_to: '2025-12-31' },
  { year: 2027, standard_fen: 42_000, collection_from: '2026-09-01', collection_to: '2026-12-31' },
] as const;
/** The share of the standard amount each assisted category pays (特困 0 %, 低保 30 %, others 100 %). */
export const DEMO_ASSISTED_PERCENT = { extreme_poverty: 0, subsistence: 30, relapse: 100, other: 100 } as const;
/** 黄海 is on the agency's list of assisted persons (低保) for both demo years: his special payment is 30 %. */
export const DEMO_ASSISTED = { person: DEMO_PERSONS[1], category: 'subsistence', years: [2026, 2027] } as const;
/** The contribution year runs July to June; its bases are declared July 1 – August 31 (domain.md); the undeclared keep theirs. */
export const DEMO_BASE_DECLARATION_RULE = {
  year_starts_month: 7,
  window_opens_month_offset: 0,
  window_opens_day: 1,
  window_closes_month_offset: 1,
  window_closes_day: 31,
  carry_over: 'keep',
} as const;

export async function seedDemo(knex: Knex, options: SeedOptions): Promise<void> {
  const at = options.now.toISOString();
  const current = currentFeePeriod(options.now);
  const generator = new PersonGenerator(seededRandom(20261124));
  const [adminHash, agentHash, reviewerHash, personHash] = await Promise.all([
    hashPassword(DEMO_PASSWORDS.unitAdmin),
    hashPassword(DEMO_PASSWORDS.agent),
    hashPassword(DEMO_PASSWORDS.reviewer),
    hashPassword(DEMO_PASSWORDS.person),
  ]);

  await knex.transaction(async (trx) => {
    await trx('settings').insert({ key: 'cutoff_day', value: String(DEMO_CUTOFF_DAY) });
    await trx('contribution_limits').insert({
      effective_from: '202001',
      effective_to: null,
      average_wage_fen: DEMO_LIMITS.averageWageFen,
      floor_fen: DEMO_LIMITS.floorFen,
      ceiling_fen: DEMO_LIMITS.ceilingFen,
    });
    await trx('base_declaration_rules').insert({ effective_from: '202001', effective_to: null, ...DEMO_BASE_DECLARATION_RULE });
    await trx('contribution_rates').insert(
      Object.entries(INSURANCE_TYPES).map(([type, rate]) => ({
        insurance_type: type,
        effective_from: '202001',
        effective_to: null,
        unit_rate_bp: rate.unitRateBp,
        person_rate_bp: rate.personRateBp,
      })),
    );
    await trx('users').insert({
      role: 'reviewer',
      login: DEMO_REVIEWER.username,
      name: DEMO_REVIEWER.name,
      password_hash: reviewerHash,
      disabled: false,
      created_at: at,
      updated_at: at,
    });

    const agentIds = new Map<string, number>();
    for (const [index, unit] of DEMO_UNITS.entries()) {
      const unitId = await insertUnit(trx, '201901', {
        credit_code: unit.creditCode,
        name: unit.name,
        unit_number: unit.unitNumber,
        unit_type: 'enterprise',
        industry: index === 0 ? 'software' : 'logistics',
        economic_type: 'limited_liability',
        legal_rep_name: unit.legalRep,
        legal_rep_phone: '1390000000' + (index + 1),
        address: unit.address,
        postcode: unit.postcode,
        contact_name: unit.contact,
        contact_phone: unit.contactPhone,
        contact_email: `hr${index + 1}@example.cn`,
        registration_date: '2019-01-15',
        agency: index === 0 ? '福州市医疗保障局鼓楼分中心' : '厦门市医疗保障局思明分中心',
        collection_mode: 'tax',
        bank_category: unit.bank.category,
        bank_branch_code: unit.bank.branchCode,
        bank_branch_name: unit.bank.branchName,
        bank_account_name: unit.name,
        bank_account_number: unit.bank.accountNumber,
        created_at: at,
        updated_at: at,
      });
      await trx('users').insert({
        role: 'unit_admin',
        login: unit.creditCode,
        name: `${unit.name}管理员`,
        password_hash: adminHash,
        disabled: false,
        unit_id: unitId,
        created_at: at,
        updated_at: at,
      });
      for (const agent of unit.agents) {
        let agentId = agentIds.get(agent.mobile);
        if (agentId === undefined) {
          [{ id: agentId }] = await trx('users')
            .insert({
              role: 'agent',
              login: agent.mobile,
              name: agent.name,
              password_hash: agentHash,
              disabled: false,
              created_at: at,
              updated_at: at,
            })
            .returning<{ id: number }[]>('id');
          agentIds.set(agent.mobile, agentId);
        }
        await trx('agent_units').insert({ agent_id: agentId, unit_id: unitId, disabled: false, bound_at: at });
      }
      await seedWorkforce(trx, generator, unitId, options.personsPerUnit, current, at, index === 1);
    }
    for (const unit of DEMO_RECORDED_UNITS) {
      await insertUnit(trx, '201506', {
        credit_code: unit.creditCode,
        name: unit.name,
        unit_number: unit.unitNumber,
        unit_type: 'enterprise',
        economic_type: 'private',
        legal_rep_name: unit.legalRep,
        address: unit.address,
        contact_name: unit.contact,
        contact_phone: unit.contactPhone,
        registration_date: '2015-06-01',
        collection_mode: 'tax',
        created_at: at,
        updated_at: at,
      });
    }
    await seedResidents(trx, generator, options.residents, at);
    await seedPersonAccounts(trx, personHash, at);
    await seedResidentConfig(trx, at);
  });
}

/** A unit registered for the employee insurance types since `startMonth`; answers its id. */
async function insertUnit(trx: Knex.Transaction, startMonth: string, row: Record<string, string | null>): Promise<number> {
  const [{ id }] = await trx('units').insert(row).returning<{ id: number }[]>('id');
  await trx('unit_insurance_types').insert(EMPLOYEE_INSURANCE_TYPES.map((type) => ({ unit_id: id, insurance_type: type, start_month: startMonth })));
  return id;
}

async function insertPersons(trx: Knex.Transaction, generator: PersonGenerator, count: number, at: string) {
  const people = Array.from({ length: count }, () => generator.next());
  const rows = people.map((p, i) => ({
    id_type: '01',
    id_number: p.idNumber,
    name: p.name,
    sex: p.sex,
    birth_date: p.birthDate,
    ethnicity: '汉族',
    hukou_type: i % 3 === 0 ? 'rural' : 'urban',
    mobile: p.mobile,
    created_at: at,
    updated_at: at,
  }));
  const persons: {
    id: number;
    identity: { id_number: string; person_name: string };
    personal: { ethnicity: string; hukou_type: string; mobile: string };
  }[] = [];
  for (let i = 0; i < rows.length; i += INSERT_CHUNK_ROWS) {
    const inserted = await trx('insured_persons')
      .insert(rows.slice(i, i + INSERT_CHUNK_ROWS))
      .returning<{ id: number }[]>('id');
    inserted.forEach((r: { id: number }, j: number) => {
      const { id_number, name, ethnicity, hukou_type, mobile } = rows[i + j];
      persons.push({ id: r.id, identity: { id_number, person_name: name }, personal: { ethnicity, hukou_type, mobile } });
    });
  }
  return persons;
}

async function seedWorkforce(
  trx: Knex.Transaction,
  generator: PersonGenerator,
  unitId: number,
  count: number,
  current: FeePeriod,
  at: string,
  lastMonthUnpaid: boolean,
): Promise<void> {
  const persons = await insertPersons(trx, generator, count, at);
  const firstDetailPeriod = addMonths(current, -11);
  const employments = [];
  const enrollments = [];
  const details = [];
  for (const { id: personId, identity, personal } of persons) {
    // Most staff joined years ago; some within the year, so the months of payment details vary.
    const startMonth = generator.int(0, 4) === 0 ? addMonths(current, -generator.int(0, 11)) : addMonths(current, -generator.int(12, 80));
    const leftMonth = generator.int(0, 19) === 0 ? addMonths(current, -generator.int(1, 6)) : null;
    const ended = leftMonth !== null && leftMonth >= startMonth;
    const wageFen = generator.int(30, 350) * 10_000;
    const status = ended ? 'suspended' : 'active';
    employments.push({
      unit_id: unitId,
      person_id: personId,
      ...identity,
      wage_fen: wageFen,
      personnel_category: 'in_service',
      employment_form: 'contract',
      work_start_date: `${startMonth.slice(0, 4)}-${startMonth.slice(4, 6)}-01`,
      status,
      start_month: startMonth,
      end_month: ended ? leftMonth : null,
      // The unit's own record of the person, as entered at its addition.
      ...personal,
      created_at: at,
      updated_at: at,
    });
    const baseFen = contributionBaseFen(wageFen, DEMO_LIMITS.floorFen, DEMO_LIMITS.ceilingFen);
    for (const type of EMPLOYEE_INSURANCE_TYPES) {
      enrollments.push({
        person_id: personId,
        unit_id: unitId,
        insurance_type: type,
        start_month: startMonth,
        end_month: ended ? leftMonth : null,
        status,
        created_at: at,
        updated_at: at,
      });
      const rate = INSURANCE_TYPES[type];
      for (let period = firstDetailPeriod; period <= current; period = addMonths(period, 1)) {
        if (period < startMonth || (ended && period > leftMonth)) continue;
        const unpaid = period === current || (lastMonthUnpaid && period === addMonths(current, -1));
        details.push({
          unit_id: unitId,
          person_id: personId,
          insurance_type: type,
          fee_period: period,
          base_fen: baseFen,
          unit_rate_bp: rate.unitRateBp,
          person_rate_bp: rate.personRateBp,
          unit_amount_fen: contributionFen(baseFen, rate.unitRateBp),
          person_amount_fen: contributionFen(baseFen, rate.personRateBp),
          paid_at: unpaid ? null : `${period.slice(0, 4)}-${period.slice(4, 6)}-15`,
          collection_serial: unpaid ? null : `ZS${period}${String(unitId).padStart(4, '0')}`,
          assessed_at: at,
        });
      }
    }
  }
  await trx.batchInsert('employments', employments, INSERT_CHUNK_ROWS);
  await trx.batchInsert('enrollments', enrollments, INSERT_CHUNK_ROWS);
  await trx.batchInsert('payment_details', details, INSERT_CHUNK_ROWS);
  // Each paid period was collected in one go: the collection record the unit's period list shows.
  const collected = new Map<string, { amount: number; serial: string; on: string }>();
  for (const d of details) {
    if (!d.paid_at) continue;
    const c = collected.get(d.fee_period) ?? { amount: 0, serial: d.collection_serial!, on: d.paid_at };
    c.amount += d.unit_amount_fen + d.person_amount_fen;
    collected.set(d.fee_period, c);
  }
  const reviewer = await trx('users').where({ role: 'reviewer' }).first<{ id: number }>('id');
  await trx.batchInsert(
    'collections',
    [...collected].map(([period, c]) => ({
      unit_id: unitId,
      fee_period: period,
      collected_on: c.on,
      serial: c.serial,
      amount_fen: c.amount,
      recorded_by: reviewer.id,
      recorded_at: at,
    })),
    INSERT_CHUNK_ROWS,
  );
  const assessed = [];
  for (let period = firstDetailPeriod; period <= current; period = addMonths(period, 1)) {
    assessed.push({ unit_id: unitId, fee_period: period, assessed_at: at, assessed_by: null });
  }
  await trx('assessments').insert(assessed);
}

/** Urban-rural resident insurance (390) in force since 2020: the seeded residents' and the demo persons' own. */
const residentEnrollment = (personId: number, at: string) => ({
  person_id: personId,
  unit_id: null,
  insurance_type: '390',
  start_month: '202001',
  end_month: null,
  status: 'active',
  created_at: at,
  updated_at: at,
});

async function seedResidents(trx: Knex.Transaction, generator: PersonGenerator, count: number, at: string): Promise<void> {
  const persons = await insertPersons(trx, generator, count, at);
  await trx.batchInsert(
    'enrollments',
    persons.map(({ id }) => residentEnrollment(id, at)),
    INSERT_CHUNK_ROWS,
  );
}

async function seedResidentConfig(trx: Knex.Transaction, at: string): Promise<void> {
  await trx('resident_years').insert([...DEMO_RESIDENT_YEARS]);
  await trx('assisted_categories').insert(Object.entries(DEMO_ASSISTED_PERCENT).map(([category, percent]) => ({ category, percent })));
  const reviewer = await trx('users').where({ role: 'reviewer' }).first<{ id: number }>('id');
  await trx('assisted_persons').insert(
    DEMO_ASSISTED.years.map((year) => ({
      id_number: DEMO_ASSISTED.person.idNumber,
      name: DEMO_ASSISTED.person.name,
      category: DEMO_ASSISTED.category,
      year,
      recorded_by: reviewer.id,
      recorded_at: at,
    })),
  );
}

async function seedPersonAccounts(trx: Knex.Transaction, passwordHash: string, at: string): Promise<void> {
  for (const p of DEMO_PERSONS) {
    const [{ id: personId }] = await trx('insured_persons')
      .insert({
        id_type: '01',
        id_number: p.idNumber,
        name: p.name,
        sex: p.sex,
        birth_date: p.birthDate,
        mobile: p.mobile,
        created_at: at,
        updated_at: at,
      })
      .returning<{ id: number }[]>('id');
    await trx('enrollments').insert(residentEnrollment(personId, at));
    await trx('users').insert({
      role: 'person',
      login: p.idNumber,
      name: p.name,
      password_hash: passwordHash,
      disabled: false,
      person_id: personId,
      mobile: p.mobile,
      created_at: at,
      updated_at: at,
    });
  }
}

/** Printed at start and listed in the README. */
export function demoCredentials(): string[] {
  return [
    ...DEMO_UNITS.map((u) => `unit administrator  ${u.name}: credit code ${u.creditCode} / ${DEMO_PASSWORDS.unitAdmin}`),
    ...[...new Map(DEMO_UNITS.flatMap((u) => u.agents.map((a) => [a.mobile, a] as const))).values()].map(
      (a) => `agent               ${a.name}: mobile ${a.mobile} / ${DEMO_PASSWORDS.agent}`,
    ),
    `reviewer            ${DEMO_REVIEWER.username} / ${DEMO_PASSWORDS.reviewer}`,
    ...DEMO_PERSONS.map((p) => `person (resident)   ${p.name}: ID number ${p.idNumber} / ${DEMO_PASSWORDS.person}`),
  ];
}
