/**
 * One unit with 100,000 insured persons and 12 months of payment details, for benchmarks. The first
 * fifth of the people share the area code 350102, so `q=350102` selects exactly 20,000 of them.
 */
import type { Knex } from 'knex';
import { addMonths, currentFeePeriod } from '@common/fee-period';
import { EMPLOYEE_INSURANCE_TYPES, INSURANCE_TYPES, contributionBaseFen, contributionFen } from '@common/insurance';
import { idNumberCheckChar } from '@common/validators/id-number';
import { hashPassword } from '../../auth/password';
import { INSERT_CHUNK_ROWS } from '../dialect';
import { DEMO_LIMITS, DEMO_PASSWORDS } from './demo';
import { seededRandom } from './people';

export const LARGE_UNIT = {
  creditCode: '91350100MA8LARGE2B',
  name: '福州大型制造集团有限公司',
  persons: 100_000,
  markedArea: '350102',
  marked: 20_000,
} as const;
const OTHER_AREAS = ['350103', '350104', '350105', '350111', '350203', '350206', '110105', '310104', '440305'];
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超霞平刚俊婷宇鹏颖琳斌凯辉蕾倩瑶璐';

export async function seedLarge(knex: Knex, now: Date, log: (line: string) => void = () => {}): Promise<void> {
  const at = now.toISOString();
  const current = currentFeePeriod(now);
  const first = addMonths(current, -11);
  const random = seededRandom(100_000);
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));

  const [{ id: unitId }] = await knex('units')
    .insert({
      credit_code: LARGE_UNIT.creditCode,
      name: LARGE_UNIT.name,
      unit_number: '35010099999',
      unit_type: 'enterprise',
      collection_mode: 'tax',
      created_at: at,
      updated_at: at,
    })
    .returning<{ id: number }[]>('id');
  await knex('unit_insurance_types').insert(EMPLOYEE_INSURANCE_TYPES.map((t) => ({ unit_id: unitId, insurance_type: t, start_month: '201901' })));
  await knex('users').insert({
    role: 'unit_admin',
    login: LARGE_UNIT.creditCode,
    name: `${LARGE_UNIT.name}管理员`,
    password_hash: await hashPassword(DEMO_PASSWORDS.unitAdmin),
    disabled: false,
    unit_id: unitId,
    created_at: at,
    updated_at: at,
  });

  const CHUNK = 5_000;
  for (let start = 0; start < LARGE_UNIT.persons; start += CHUNK) {
    await knex.transaction(async (trx) => {
      const people = [];
      for (let i = start; i < Math.min(start + CHUNK, LARGE_UNIT.persons); i++) {
        const area = i < LARGE_UNIT.marked ? LARGE_UNIT.markedArea : OTHER_AREAS[i % OTHER_AREAS.length];
        // Index-derived birth date and sequence keep the 100,000 numbers distinct.
        const birth = `${1966 + (i % 38)}${String(1 + ((i >> 5) % 12)).padStart(2, '0')}${String(1 + ((i >> 9) % 28)).padStart(2, '0')}`;
        const first17 = `${area}${birth}${String(Math.floor(i / 38) % 1000).padStart(3, '0')}`;
        people.push({
          id_type: '01',
          id_number: first17 + idNumberCheckChar(first17),
          name: SURNAMES[int(0, SURNAMES.length - 1)] + GIVEN[int(0, GIVEN.length - 1)] + GIVEN[int(0, GIVEN.length - 1)],
          sex: Number(first17[16]) % 2 === 1 ? 'male' : 'female',
          birth_date: `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6)}`,
          hukou_type: 'urban',
          created_at: at,
          updated_at: at,
        });
      }
      const ids: number[] = [];
      for (let i = 0; i < people.length; i += INSERT_CHUNK_ROWS) {
        const rows = await trx('insured_persons')
          .insert(people.slice(i, i + INSERT_CHUNK_ROWS))
          .returning<{ id: number }[]>('id');
        ids.push(...rows.map((r: { id: number }) => r.id));
      }
      const employments = [];
      const enrollments = [];
      const details = [];
      for (const [k, personId] of ids.entries()) {
        const wageFen = int(30, 350) * 10_000;
        const base = contributionBaseFen(wageFen, DEMO_LIMITS.floorFen, DEMO_LIMITS.ceilingFen);
        employments.push({
          unit_id: unitId,
          person_id: personId,
          id_number: people[k].id_number,
          person_name: people[k].name,
          wage_fen: wageFen,
          personnel_category: 'in_service',
          hukou_type: 'urban',
          status: 'active',
          start_month: '202001',
          created_at: at,
          updated_at: at,
        });
        for (const type of EMPLOYEE_INSURANCE_TYPES) {
          const rate = INSURANCE_TYPES[type];
          enrollments.push({
            person_id: personId,
            unit_id: unitId,
            insurance_type: type,
            start_month: '202001',
            status: 'active',
            created_at: at,
            updated_at: at,
          });
          for (let period = first; period <= current; period = addMonths(period, 1)) {
            const paid = period < current;
            details.push({
              unit_id: unitId,
              person_id: personId,
              insurance_type: type,
              fee_period: period,
              base_fen: base,
              unit_rate_bp: rate.unitRateBp,
              person_rate_bp: rate.personRateBp,
              unit_amount_fen: contributionFen(base, rate.unitRateBp),
              person_amount_fen: contributionFen(base, rate.personRateBp),
              paid_at: paid ? `${period.slice(0, 4)}-${period.slice(4)}-15` : null,
              collection_serial: paid ? `ZS${period}L` : null,
              assessed_at: at,
            });
          }
        }
      }
      await trx.batchInsert('employments', employments, INSERT_CHUNK_ROWS);
      await trx.batchInsert('enrollments', enrollments, INSERT_CHUNK_ROWS);
      await trx.batchInsert('payment_details', details, INSERT_CHUNK_ROWS);
    });
    log(`  ${Math.min(start + CHUNK, LARGE_UNIT.persons).toLocaleString('en')} / ${LARGE_UNIT.persons.toLocaleString('en')} persons`);
  }
  const assessed = [];
  for (let period = first; period <= current; period = addMonths(period, 1)) {
    assessed.push({ unit_id: unitId, fee_period: period, assessed_at: at, assessed_by: null });
  }
  await knex('assessments').insert(assessed);
}
