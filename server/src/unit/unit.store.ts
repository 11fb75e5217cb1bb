import type { Knex } from 'knex';
import type { UnitSummary } from '@common/api/payments';
import type { EmployeeInsuranceType } from '@common/insurance';
import { chunks, escapeLike, IN_LIST_CHUNK } from '../db/dialect';

/** A row of `units`, as the database gives it. */
export interface UnitRow {
  id: number;
  credit_code: string;
  name: string;
  unit_number: string;
  unit_type: string | null;
  industry: string | null;
  economic_type: string | null;
  legal_rep_name: string | null;
  legal_rep_id_number: string | null;
  legal_rep_phone: string | null;
  address: string | null;
  postcode: string | null;
  contact_name: string | null;
  contact_phone: string | null;
  contact_email: string | null;
  registration_date: string | null;
  agency: string | null;
  collection_mode: string;
  bank_category: string | null;
  bank_branch_code: string | null;
  bank_branch_name: string | null;
  bank_account_name: string | null;
  bank_account_number: string | null;
  data_version: number;
  created_at: string;
  updated_at: string;
}

interface UnitInsuranceTypeRow {
  unit_id: number;
  /** A unit registers for employee insurance only (migrations check it). */
  insurance_type: EmployeeInsuranceType;
  start_month: string;
}

/** The unit as its own records and exports name it. */
export interface UnitName {
  name: string;
  creditCode: string;
}

export interface UnitInsuranceType {
  insuranceType: EmployeeInsuranceType;
  startMonth: string;
}

/** The `units` table and the insurance types each unit is registered for. */
export class UnitStore {
  constructor(private readonly db: Knex) {}

  async find(unitId: number): Promise<UnitRow | undefined> {
    return this.db<UnitRow>('units').where({ id: unitId }).first();
  }

  async nameOf(unitId: number): Promise<UnitName | undefined> {
    const row = await this.db<UnitRow>('units').where({ id: unitId }).first('name', 'credit_code');
    return row && { name: row.name, creditCode: row.credit_code };
  }

  /** The unit's row, locked until the transaction ends; undefined when there is no such unit. */
  async lock(unitId: number): Promise<UnitRow | undefined> {
    return this.db<UnitRow>('units').where({ id: unitId }).forUpdate().first();
  }

  /** The units' rows locked until the transaction ends, in id order (every writer's order): ids of those that exist. */
  async lockAll(unitIds: readonly number[]): Promise<number[]> {
    const locked: number[] = [];
    for (const chunk of chunks(
      [...unitIds].sort((a, b) => a - b),
      IN_LIST_CHUNK,
    )) {
      locked.push(...(await this.db('units').whereIn('id', chunk).orderBy('id').forUpdate().pluck<number[]>('id')));
    }
    return locked;
  }

  /** Up to `limit` unit ids above `afterId`, ascending: a city-wide job's next chunk. */
  idsAfter(afterId: number, limit: number): Promise<number[]> {
    return this.db('units').where('id', '>', afterId).orderBy('id').limit(limit).pluck('id');
  }

  /** Units whose name contains `q` or whose credit code starts with it, by name: a page and how many match. */
  async page(q: string | undefined, page: number, pageSize: number): Promise<{ items: UnitSummary[]; total: number }> {
    const matching = this.db<UnitRow>('units').where((w) => {
      if (!q) return;
      // Lower-cased on both engines: SQLite's like ignores ASCII case, PostgreSQL's does not.
      w.whereRaw("lower(name) like ? escape '\\'", [`%${escapeLike(q.toLowerCase())}%`]);
      w.orWhereRaw("upper(credit_code) like ? escape '\\'", [`${escapeLike(q.toUpperCase())}%`]);
    });
    const [counted, rows] = await Promise.all([
      matching.clone().count({ n: '*' }).first<{ n: number | string } | undefined>(),
      matching
        .clone()
        .orderBy([{ column: 'name' }, { column: 'id' }])
        .offset(page * pageSize)
        .limit(pageSize)
        .select<Pick<UnitRow, 'id' | 'name' | 'credit_code'>[]>('id', 'name', 'credit_code'),
    ]);
    return { items: rows.map((r) => ({ id: r.id, name: r.name, creditCode: r.credit_code })), total: Number(counted?.n ?? 0) };
  }

  async count(): Promise<number> {
    const row = await this.db('units').count({ n: '*' }).first();
    return Number(row?.n ?? 0);
  }

  async insuranceTypes(unitId: number): Promise<UnitInsuranceType[]> {
    const rows = await this.db<UnitInsuranceTypeRow>('unit_insurance_types').where({ unit_id: unitId }).orderBy('insurance_type');
    return rows.map((t) => ({ insuranceType: t.insurance_type, startMonth: t.start_month }));
  }

  /** Moves the units' data versions on, in the order given. */
  async bumpDataVersions(unitIds: readonly number[]): Promise<void> {
    for (const chunk of chunks(unitIds, IN_LIST_CHUNK)) await this.db('units').whereIn('id', chunk).increment('data_version', 1);
  }

  async dataVersion(unitId: number): Promise<number | null> {
    const row = await this.db<UnitRow>('units').where('id', unitId).first('data_version');
    return row ? Number(row.data_version) : null;
  }
}
