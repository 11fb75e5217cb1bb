import type { Knex } from 'knex';
import type { ChangeKind, PayloadOf } from '@common/api/submissions';
import type { EmploymentRow, PersonRow } from '../insured/insured.store';
import type { UnitRow } from '../unit/unit.store';

/** A group of registered fields and the columns that hold them. */
type Columns = Readonly<Record<string, string>>;
/** The columns of the fields a kind of change is about: every field of its payload, no other. */
type ColumnsOf<K extends ChangeKind> = Readonly<Record<keyof PayloadOf<K>['after'], string>>;

export const UNIT_INFO_COLUMNS = {
  contactName: 'contact_name',
  contactPhone: 'contact_phone',
  contactEmail: 'contact_email',
  legalRepName: 'legal_rep_name',
  legalRepPhone: 'legal_rep_phone',
} as const satisfies ColumnsOf<'unit-info-change'>;

export const BANK_ACCOUNT_COLUMNS = {
  bankCategory: 'bank_category',
  branchCode: 'bank_branch_code',
  branchName: 'bank_branch_name',
  accountName: 'bank_account_name',
  accountNumber: 'bank_account_number',
} as const satisfies ColumnsOf<'bank-account-change'>;

export const CONTACT_COLUMNS = { mobile: 'mobile', contactAddress: 'contact_address' } as const;

export const HUKOU_COLUMNS = {
  hukouType: 'hukou_type',
  hukouAddress: 'hukou_address',
  ethnicity: 'ethnicity',
} as const satisfies ColumnsOf<'hukou-change'>;

export type Fields<C extends Columns> = { [K in keyof C]: string | null };

/** A row holding the columns of the group. */
export type RowWith<C extends Columns> = { readonly [K in C[keyof C]]: unknown };

export const fieldsOf = <C extends Columns>(row: RowWith<C>, columns: C): Fields<C> =>
  Object.fromEntries(Object.entries(columns).map(([field, column]) => [field, (row[column as C[keyof C]] as string | null) ?? null])) as Fields<C>;

const columnsOf = (values: Record<string, unknown>, columns: Columns) =>
  Object.fromEntries(Object.entries(columns).map(([field, column]) => [column, values[field] ?? null]));

/** A person the unit insures now, with the unit's own record of them (its employment) that maintenance changes. */
export interface InsuredHere {
  personId: number;
  idNumber: string;
  name: string;
  employmentId: number;
  row: EmploymentRow;
}

/** Where maintenance writes: the unit's row, or a unit's employment holding its record of a person. */
export type MaintainedTable = 'units' | 'employments';
type MaintainedRow = UnitRow | EmploymentRow;

/** The registered facts of units and persons that maintenance reads and changes, group by group. */
export class MaintenanceStore {
  constructor(private readonly db: Knex) {}

  /** A person the unit actively insures, with the unit's employment locked; undefined for anyone else. */
  async lockInsuredHere(unitId: number, personId: number): Promise<InsuredHere | undefined> {
    const employment = await this.db<EmploymentRow>('employments')
      .where({ unit_id: unitId, person_id: personId, status: 'active' })
      .forUpdate()
      .first();
    if (!employment) return undefined;
    const person = await this.db<PersonRow>('insured_persons').where({ id: personId }).first('id_number', 'name');
    if (!person) return undefined;
    return { personId, idNumber: person.id_number, name: person.name, employmentId: employment.id, row: employment };
  }

  /** The unit's latest employment of the person: its record a change approved for the unit applies to. */
  async latestEmploymentId(unitId: number, personId: number): Promise<number | undefined> {
    const row = await this.db<EmploymentRow>('employments').where({ unit_id: unitId, person_id: personId }).orderBy('id', 'desc').first('id');
    return row?.id;
  }

  async read<C extends Columns>(table: MaintainedTable, id: number, columns: C): Promise<Fields<C>> {
    const row = await this.db<MaintainedRow>(table).where({ id }).first();
    if (!row) throw new Error(`no ${table} row ${id}`);
    return fieldsOf(row as RowWith<C>, columns);
  }

  /**
   * Every write is of the unit's own records and audited for that unit, which moves its data version;
   * no other unit sees them.
   */
  async write(table: MaintainedTable, id: number, columns: Columns, values: Record<string, unknown>, at: string): Promise<void> {
    await this.db(table)
      .where({ id })
      .update({ ...columnsOf(values, columns), updated_at: at });
  }
}
