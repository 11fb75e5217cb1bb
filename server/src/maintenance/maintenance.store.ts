import type { Knex } from 'knex';
import { personsChanged } from '../cache/unit-data-version';

/** A group of registered fields and the columns that hold them. */
type Columns = Readonly<Record<string, string>>;

export const UNIT_INFO_COLUMNS = {
  contactName: 'contact_name',
  contactPhone: 'contact_phone',
  contactEmail: 'contact_email',
  legalRepName: 'legal_rep_name',
  legalRepPhone: 'legal_rep_phone',
} as const;

export const BANK_ACCOUNT_COLUMNS = {
  bankCategory: 'bank_category',
  branchCode: 'bank_branch_code',
  branchName: 'bank_branch_name',
  accountName: 'bank_account_name',
  accountNumber: 'bank_account_number',
} as const;

export const CONTACT_COLUMNS = { mobile: 'mobile', contactAddress: 'contact_address' } as const;

export const HUKOU_COLUMNS = { hukouType: 'hukou_type', hukouAddress: 'hukou_address', ethnicity: 'ethnicity' } as const;

export type Fields<C extends Columns> = { [K in keyof C]: string | null };

export const fieldsOf = <C extends Columns>(row: Record<string, unknown>, columns: C): Fields<C> =>
  Object.fromEntries(Object.entries(columns).map(([field, column]) => [field, (row[column] as string | null) ?? null])) as Fields<C>;

const columnsOf = (values: Record<string, unknown>, columns: Columns) =>
  Object.fromEntries(Object.entries(columns).map(([field, column]) => [column, values[field] ?? null]));

/** A person the unit insures now, with the fields maintenance changes. */
export interface InsuredHere {
  personId: number;
  idNumber: string;
  name: string;
  row: Record<string, unknown>;
}

/** The registered facts of units and persons that maintenance reads and changes, group by group. */
export class MaintenanceStore {
  constructor(private readonly db: Knex) {}

  /** The unit's row, locked until the transaction ends so two submissions of one unit run one after the other. */
  async lockUnit(unitId: number): Promise<Record<string, unknown> | undefined> {
    return this.db('units').where({ id: unitId }).forUpdate().first();
  }

  /** A person the unit actively insures, locked; undefined for anyone else. */
  async lockInsuredHere(unitId: number, personId: number): Promise<InsuredHere | undefined> {
    const row = await this.db('insured_persons as p')
      .where('p.id', personId)
      .whereExists((q) => q.from('employments as e').whereRaw('e.person_id = p.id').where({ 'e.unit_id': unitId, 'e.status': 'active' }))
      .forUpdate()
      .first('p.*');
    return row ? { personId: row.id, idNumber: row.id_number, name: row.name, row } : undefined;
  }

  async read<C extends Columns>(table: 'units' | 'insured_persons', id: number, columns: C): Promise<Fields<C>> {
    return fieldsOf(await this.db(table).where({ id }).first(), columns);
  }

  /**
   * Every write is audited for the unit making it, which moves that unit's data version; a person's
   * details also show in the lists of the other units that employed them.
   */
  async write(table: 'units' | 'insured_persons', id: number, columns: Columns, values: Record<string, unknown>, at: string): Promise<void> {
    await this.db(table).where({ id }).update({ ...columnsOf(values, columns), updated_at: at });
    if (table === 'insured_persons') await personsChanged(this.db, [id]);
  }
}
