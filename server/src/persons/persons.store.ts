import type { Knex } from 'knex';
import type { InsuredStatus } from '@common/api/declarations';
import { unitsThatEmployed } from '../db/person-search';
import type { OwnPaymentFilter } from '@common/api/personal';
import type { FeePeriod } from '@common/fee-period';
import type { InsuranceType } from '@common/insurance';

/** An insured person as registration reads it. */
interface PersonRow {
  id: number;
  name: string;
}

export interface NewPerson {
  idNumber: string;
  name: string;
  sex: 'male' | 'female';
  birthDate: string;
  mobile: string;
  at: string;
}

export interface NewPersonAccount {
  personId: number;
  idNumber: string;
  name: string;
  mobile: string;
  passwordHash: string;
  at: string;
}

/** An enrollment with the name of the unit that insures (or insured) the person. */
export interface EnrollmentRow {
  insurance_type: InsuranceType;
  status: InsuredStatus;
  start_month: string;
  end_month: string | null;
  unit_name: string | null;
}

export interface EmploymentRow {
  unit_name: string;
  start_month: string;
  end_month: string | null;
  status: InsuredStatus;
}

export interface OwnPaymentRow {
  id: number;
  fee_period: FeePeriod;
  insurance_type: InsuranceType;
  unit_name: string;
  base_fen: number;
  person_amount_fen: number;
  unit_amount_fen: number;
  paid_at: string | null;
}

type OwnPaymentFilters = Pick<OwnPaymentFilter, 'from' | 'to'>;
const SORT_COLUMNS = { feePeriod: 'd.fee_period', insuranceType: 'd.insurance_type', personAmountFen: 'd.person_amount_fen' } as const;

/** Person accounts and a person's own records; every read is by the person's own id. */
export class PersonStore {
  constructor(private readonly db: Knex) {}

  /** The insured person with this ID number, locked until the transaction ends (PostgreSQL). */
  async lockPerson(idNumber: string): Promise<PersonRow | undefined> {
    return this.db('insured_persons').where({ id_number: idNumber }).forUpdate().first<PersonRow | undefined>('id', 'name');
  }

  /**
   * A new insured person; a concurrent registration of the same ID number inserts nothing (the unique
   * index decides) and gets the person the other one created, whose account then collides on users.person_id.
   */
  async insertPerson(p: NewPerson): Promise<PersonRow> {
    await this.db('insured_persons')
      .insert({
        id_type: '01',
        id_number: p.idNumber,
        name: p.name,
        sex: p.sex,
        birth_date: p.birthDate,
        mobile: p.mobile,
        created_at: p.at,
        updated_at: p.at,
      })
      .onConflict('id_number')
      .ignore();
    return await this.db('insured_persons').where({ id_number: p.idNumber }).first<PersonRow>('id', 'name');
  }

  /** The person's account; the unique indexes on users.person_id and (role, login) refuse a second one. */
  async insertAccount(a: NewPersonAccount): Promise<number> {
    const [{ id }] = await this.db('users')
      .insert({
        role: 'person',
        login: a.idNumber,
        name: a.name,
        password_hash: a.passwordHash,
        disabled: false,
        person_id: a.personId,
        mobile: a.mobile,
        created_at: a.at,
        updated_at: a.at,
      })
      .returning<{ id: number }[]>('id');
    return id;
  }

  /** Every enrollment of the person, the latest first per type; a unit's name only from the person's own employment there. */
  async enrollments(personId: number): Promise<EnrollmentRow[]> {
    return this.db('enrollments as n')
      .leftJoin('units as u', function () {
        this.on('u.id', '=', 'n.unit_id').andOnExists(function () {
          this.select('e.id').from('employments as e').whereRaw('e.unit_id = n.unit_id').andWhereRaw('e.person_id = n.person_id');
        });
      })
      .where('n.person_id', personId)
      .orderBy([
        { column: 'n.insurance_type', order: 'asc' },
        { column: 'n.start_month', order: 'desc' },
        { column: 'n.id', order: 'desc' },
      ])
      .select<EnrollmentRow[]>('n.insurance_type', 'n.status', 'n.start_month', 'n.end_month', 'u.name as unit_name');
  }

  async employments(personId: number): Promise<EmploymentRow[]> {
    return this.db('employments as e')
      .join('units as u', 'u.id', 'e.unit_id')
      .where('e.person_id', personId)
      .orderBy([
        { column: 'e.start_month', order: 'desc' },
        { column: 'e.id', order: 'desc' },
      ])
      .select<EmploymentRow[]>('u.name as unit_name', 'e.start_month', 'e.end_month', 'e.status');
  }

  private payments(personId: number, f: OwnPaymentFilters) {
    const query = this.db('payment_details as d').whereIn('d.unit_id', unitsThatEmployed(this.db, personId)).where('d.person_id', personId);
    if (f.from) query.where('d.fee_period', '>=', f.from);
    if (f.to) query.where('d.fee_period', '<=', f.to);
    return query;
  }

  async paymentPage(personId: number, q: OwnPaymentFilter): Promise<{ rows: OwnPaymentRow[]; total: number; personAmountFen: number }> {
    const totals = await this.payments(personId, q).first<{ total: number | string; person_amount_fen: number | string | null }>(
      this.db.raw('count(*) as total'),
      this.db.raw('sum(d.person_amount_fen) as person_amount_fen'),
    );
    const rows = await this.payments(personId, q)
      .join('units as u', 'u.id', 'd.unit_id')
      .orderBy(SORT_COLUMNS[q.sort], q.direction)
      .orderBy('d.fee_period', q.direction)
      .orderBy('d.insurance_type', 'asc')
      .orderBy('d.id', 'asc')
      .limit(q.pageSize)
      .offset(q.page * q.pageSize)
      .select<OwnPaymentRow[]>(
        'd.id',
        'd.fee_period',
        'd.insurance_type',
        'u.name as unit_name',
        'd.base_fen',
        'd.person_amount_fen',
        'd.unit_amount_fen',
        'd.paid_at',
      );
    return { rows, total: Number(totals.total), personAmountFen: Number(totals.person_amount_fen ?? 0) };
  }
}
