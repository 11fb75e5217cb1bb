import type { Knex } from 'knex';
import type { CertificateAmount, CertificateMonth } from '@common/api/certificates';
import type { FeePeriod } from '@common/fee-period';
import { unitsThatEmployed } from '../db/person-search';

export interface CertificateRow {
  code: string;
  /** Null for a person's own certificate, which covers every unit that paid for them. */
  unitId: number | null;
  personId: number;
  from: FeePeriod;
  to: FeePeriod;
  months: number;
  issuedBy: number;
  issuedAt: string;
}

/** What anyone may see of a certificate: its person and months, never amounts or the unit. */
export interface CertificateByCodeRow {
  from_period: FeePeriod;
  to_period: FeePeriod;
  months: number;
  name: string;
  id_number: string;
}

/** A certificate as its unit prints it again: with its person, unit and issuer. */
export interface CertificateOfUnitRow extends CertificateByCodeRow {
  code: string;
  person_id: number;
  issued_at: string;
  unit_name: string;
  credit_code: string;
  issuer: string;
}

/** A person's own certificate, as they print it again. */
export interface CertificateOfPersonRow extends CertificateByCodeRow {
  code: string;
  issued_at: string;
}

export type CertificateMonthOfUnit = CertificateMonth & { unitName: string };

interface CertifiedDetailRow {
  fee_period: FeePeriod;
  insurance_type: CertificateAmount['insuranceType'];
  base_fen: number;
  unit_amount_fen: number;
  person_amount_fen: number;
  paid_at: string | null;
}

/** Certificates and the payment details they certify; unit-scoped except the lookup by code. */
export class CertificateStore {
  constructor(private readonly db: Knex) {}

  /** The person with this ID number, if the unit has any payment detail of them. */
  async personOfUnit(unitId: number, idNumber: string): Promise<{ id: number; name: string; idNumber: string } | undefined> {
    const row = await this.db('insured_persons as p')
      .where('p.id_number', idNumber)
      .whereExists(this.db('payment_details as d').where('d.unit_id', unitId).whereRaw('d.person_id = p.id').select(this.db.raw('1')))
      .first<{ id: number; name: string; id_number: string } | undefined>('p.id', 'p.name', 'p.id_number');
    return row && { id: row.id, name: row.name, idNumber: row.id_number };
  }

  /** The person's payment details with this unit in the range, one entry per month with each insurance type's amounts. */
  async months(unitId: number, personId: number, from: FeePeriod, to: FeePeriod): Promise<CertificateMonth[]> {
    const rows = await this.db('payment_details')
      .where({ unit_id: unitId, person_id: personId })
      .whereBetween('fee_period', [from, to])
      .orderBy(['fee_period', 'insurance_type'])
      .select<CertifiedDetailRow[]>('fee_period', 'insurance_type', 'base_fen', 'unit_amount_fen', 'person_amount_fen', 'paid_at');
    return byMonth(rows, () => '').map(({ unitName: _, ...month }) => month);
  }

  /** The person's payment details with every unit in the range: one entry per month and unit, with the unit's name. */
  async monthsOfPerson(personId: number, from: FeePeriod, to: FeePeriod): Promise<CertificateMonthOfUnit[]> {
    const rows = await this.db('payment_details as d')
      .join('units as u', 'u.id', 'd.unit_id')
      .whereIn('d.unit_id', unitsThatEmployed(this.db, personId))
      .where('d.person_id', personId)
      .whereBetween('d.fee_period', [from, to])
      .orderBy(['d.fee_period', 'u.name', 'd.insurance_type'])
      .select<(CertifiedDetailRow & { unit_name: string })[]>(
        'd.fee_period',
        'd.insurance_type',
        'd.base_fen',
        'd.unit_amount_fen',
        'd.person_amount_fen',
        'd.paid_at',
        'u.name as unit_name',
      );
    return byMonth(rows, (r) => r.unit_name);
  }

  async insert(row: CertificateRow): Promise<void> {
    await this.db('certificates').insert({
      code: row.code,
      unit_id: row.unitId,
      person_id: row.personId,
      from_period: row.from,
      to_period: row.to,
      months: row.months,
      issued_by: row.issuedBy,
      issued_at: row.issuedAt,
    });
  }

  /** A certificate of this unit, with its person, unit and issuer. */
  async ofUnit(unitId: number, code: string): Promise<CertificateOfUnitRow | undefined> {
    return this.db('certificates as c')
      .join('insured_persons as p', 'p.id', 'c.person_id')
      .join('units as u', 'u.id', 'c.unit_id')
      .join('users as s', 's.id', 'c.issued_by')
      .where({ 'c.unit_id': unitId, 'c.code': code })
      .first<CertificateOfUnitRow | undefined>(
        'c.code',
        'c.person_id',
        'c.from_period',
        'c.to_period',
        'c.months',
        'c.issued_at',
        'p.name',
        'p.id_number',
        'u.name as unit_name',
        'u.credit_code',
        's.name as issuer',
      );
  }

  /** A certificate the person had issued for themselves (one of no unit). */
  async ofPerson(personId: number, code: string): Promise<CertificateOfPersonRow | undefined> {
    return this.db('certificates as c')
      .join('insured_persons as p', 'p.id', 'c.person_id')
      .where({ 'c.person_id': personId, 'c.code': code })
      .whereNull('c.unit_id')
      .first<CertificateOfPersonRow | undefined>('c.code', 'c.from_period', 'c.to_period', 'c.months', 'c.issued_at', 'p.name', 'p.id_number');
  }

  /** By the unique index on code: one indexed equality lookup, whatever the code. */
  async byCode(code: string): Promise<CertificateByCodeRow | undefined> {
    return this.db('certificates as c')
      .join('insured_persons as p', 'p.id', 'c.person_id')
      .where('c.code', code)
      .first<CertificateByCodeRow | undefined>('c.from_period', 'c.to_period', 'c.months', 'p.name', 'p.id_number');
  }
}

/** Rows ordered by fee period as one entry per month (and unit, for a person's certificate across units). */
function byMonth<R extends CertifiedDetailRow>(rows: R[], unitOf: (row: R) => string): CertificateMonthOfUnit[] {
  const months = new Map<string, CertificateMonthOfUnit>();
  for (const r of rows) {
    const key = `${r.fee_period}:${unitOf(r)}`;
    const month: CertificateMonthOfUnit = months.get(key) ?? {
      feePeriod: r.fee_period,
      unitName: unitOf(r),
      baseFen: r.base_fen,
      amounts: [],
      unitAmountFen: 0,
      personAmountFen: 0,
      paid: true,
    };
    month.amounts.push({ insuranceType: r.insurance_type, unitAmountFen: r.unit_amount_fen, personAmountFen: r.person_amount_fen });
    month.unitAmountFen += r.unit_amount_fen;
    month.personAmountFen += r.person_amount_fen;
    month.paid &&= r.paid_at != null;
    months.set(key, month);
  }
  return [...months.values()];
}
