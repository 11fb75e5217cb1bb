import type { Knex } from 'knex';
import {
  columnOf,
  EMPLOYMENT_FIELDS,
  INSURED_DETAIL_FIELDS,
  LISTED_FIELDS,
  REGISTERED_FIELDS,
  type AdditionFieldKey,
  type KeysWhere,
} from '@common/api/addition-fields';
import { DECLARATION_KINDS, type DeclarationKind, type InsuredPerson, type InsuredQuery, type RegisteredPerson } from '@common/api/declarations';
import type { AdditionPayload } from '@common/api/submissions';
import type { InsuredPersonDetail } from '@common/api/payments';
import type { FeePeriod } from '@common/fee-period';
import { maskIdNumber, type IdNumberFacts } from '@common/validators/id-number';
import { chunks, commaJoined, EXPORT_PAGE_ROWS, IN_LIST_CHUNK, INSERT_CHUNK_ROWS, PAGE_SIZE_LITERAL, pageTotal, sqlLiterals } from '../db/dialect';
import { whereIdNumberOrNameStarts } from '../db/person-search';

/** What the rules need to know about a person, found by ID number. */
export interface PersonRecord {
  personId: number;
  name: string;
  /** Normally one; the unit and first month of each employment that is active. */
  activeEmployments: { unitId: number; startMonth: FeePeriod }[];
}

/**
 * Contact and household data as a unit enters it (the registry's `person and employment` fields): the
 * person's latest, and kept per employment too, so each unit sees its own.
 */
export type PersonalData = Pick<AdditionPayload, KeysWhere<{ stored: 'person and employment' }>>;

/** The person's own data as an addition declares it. */
export interface PersonData extends IdNumberFacts, PersonalData {
  idType: string;
  name: string;
}

/** What an approved addition stores on the employment: every field the registry stores there. */
export type EmploymentData = Pick<AdditionPayload, KeysWhere<{ stored: 'employment' | 'person and employment' }>>;

export interface NewEmployment {
  unitId: number;
  personId: number;
  /** The person's identity as registered, copied onto the employment for the unit's lists. */
  idNumber: string;
  personName: string;
  startMonth: FeePeriod;
  insuranceTypes: string[];
  declared: EmploymentData;
}

type ListFilters = Pick<InsuredQuery, 'q' | 'status' | 'sort' | 'direction'>;

/**
 * The person's pending addition or reduction with the unit, joined to the list's employment `e`: one at most, by
 * the partial unique index of migration 010_one_pending, whose predicate the literals match.
 */
const PENDING_DECLARATION = `d.unit_id = e.unit_id and d.id_number = e.id_number and d.status = 'pending' and d.type in (${sqlLiterals(DECLARATION_KINDS)})`;

/** Each sort walks its own partial index of the unit's latest employments (migration 022_unit_lists). */
const SORT_COLUMNS = { name: 'e.person_name', idNumber: 'e.id_number', startMonth: 'e.start_month' } as const;
const LIST_COLUMNS = [
  'p.id',
  'e.id_number',
  'e.person_name as name',
  'p.sex',
  'p.birth_date',
  'e.status',
  'e.start_month',
  'e.end_month',
  'e.wage_fen',
  ...LISTED_FIELDS.map((key) => `e.${columnOf(key)}`),
];

/** The columns of these fields (addition-fields.ts), from the values by key; no value stores null. */
const storedColumns = (keys: readonly AdditionFieldKey[], values: Readonly<Partial<Record<AdditionFieldKey, unknown>>>) =>
  Object.fromEntries(keys.map((key) => [columnOf(key), values[key] ?? null]));

/** The stored texts of these fields, by key, from a row holding their columns. */
function storedTexts<K extends AdditionFieldKey>(keys: readonly K[], row: Readonly<Record<string, unknown>>): Record<K, string | null> {
  const texts = {} as Record<K, string | null>;
  for (const key of keys) {
    const value = row[columnOf(key)];
    texts[key] = typeof value === 'string' || typeof value === 'number' ? String(value) : null;
  }
  return texts;
}

const personalColumns = (p: PersonalData) => storedColumns(REGISTERED_FIELDS, p);

const personColumns = (p: PersonData, at: string) => ({
  id_type: p.idType,
  name: p.name,
  sex: p.sex,
  birth_date: p.birthDate,
  ...personalColumns(p),
  updated_at: at,
});

/** The columns of `insured_persons` a registered person is shown with: the identity and the registered fields' columns. */
interface RegisteredPersonRow {
  [registeredField: string]: unknown;
  id: number;
  id_number: string;
  name: string;
}

/** A row of `insured_persons`: the identity, and the latest registered contact and household data. */
export interface PersonRow extends RegisteredPersonRow {
  id_type: string;
  sex: 'male' | 'female';
  birth_date: string;
  created_at: string;
  updated_at: string;
}

/** A row of `employments`, with the stored fields' columns (the contact and household data as the unit entered them). */
export interface EmploymentRow {
  [storedField: string]: unknown;
  id: number;
  unit_id: number;
  person_id: number;
  /** The stored fields the unit's changes of household and contact data read and write (maintenance/). */
  ethnicity: string | null;
  hukou_type: string | null;
  hukou_address: string | null;
  mobile: string | null;
  contact_address: string | null;
  wage_fen: number;
  personnel_category: string;
  employment_form: string | null;
  work_start_date: string | null;
  status: string;
  start_month: FeePeriod;
  end_month: FeePeriod | null;
  created_at: string;
  updated_at: string;
}

/** A row of `enrollments`: one insurance type of a person, with a unit or (resident insurance) without. */
interface EnrollmentRow {
  id: number;
  person_id: number;
  unit_id: number | null;
  insurance_type: string;
  start_month: FeePeriod;
  end_month: FeePeriod | null;
  status: string;
}

/** A person beside the unit's employment of them: a row of the insured list (LIST_COLUMNS, the listed fields' columns too). */
interface InsuredListRow {
  [listedField: string]: unknown;
  id: number;
  id_number: string;
  name: string;
  sex: InsuredPerson['sex'];
  birth_date: string;
  status: InsuredPerson['status'];
  start_month: FeePeriod;
  end_month: FeePeriod | null;
  wage_fen: number;
}

/** A row of the list with its employment's insurance types; no pending declaration yet. */
function toInsuredPerson(r: InsuredListRow, insuranceTypes: string[]): InsuredPerson {
  return {
    personId: r.id,
    idNumber: r.id_number,
    idNumberMasked: maskIdNumber(r.id_number),
    name: r.name,
    sex: r.sex,
    birthDate: r.birth_date,
    status: r.status,
    startMonth: r.start_month,
    endMonth: r.end_month ?? null,
    wageFen: r.wage_fen,
    ...storedTexts(LISTED_FIELDS, r),
    insuranceTypes: [...new Set(insuranceTypes)].sort(),
    pendingDeclaration: null,
  };
}

/** A row of a list page's statement: the person's row with the insurance types, the pending declaration and the total. */
type ListPageRow = InsuredListRow & { insurance_types: string | null; pending_declaration: DeclarationKind | null; total: number };

const toRegisteredPerson = (row: RegisteredPersonRow): RegisteredPerson => ({ name: row.name, ...storedTexts(REGISTERED_FIELDS, row) });

/** Insured persons, their employments with units and their enrollments per insurance type. */
export class InsuredStore {
  constructor(private readonly db: Knex) {}

  /** One query per 500 ID numbers, however many rows a batch has. */
  async recordsOf(idNumbers: readonly string[]): Promise<Map<string, PersonRecord>> {
    const records = new Map<string, PersonRecord>();
    for (const chunk of chunks([...new Set(idNumbers)], IN_LIST_CHUNK)) {
      const rows = await this.db('insured_persons as p')
        .leftJoin('employments as e', (j) => j.on('e.person_id', 'p.id').andOnVal('e.status', 'active'))
        .whereIn('p.id_number', chunk)
        .select<{ id: number; id_number: string; name: string; unit_id: number | null; start_month: FeePeriod | null }[]>(
          'p.id',
          'p.id_number',
          'p.name',
          'e.unit_id',
          'e.start_month',
        );
      for (const row of rows) {
        let record = records.get(row.id_number);
        if (!record) records.set(row.id_number, (record = { personId: row.id, name: row.name, activeEmployments: [] }));
        if (row.unit_id !== null && row.start_month !== null) record.activeEmployments.push({ unitId: row.unit_id, startMonth: row.start_month });
      }
    }
    return records;
  }

  /** Persons as registered, by id: what a reviewer compares an addition with, and an approval audits. */
  async registered(personIds: number[]): Promise<Map<number, RegisteredPerson>> {
    const found = new Map<number, RegisteredPerson>();
    for (const chunk of chunks(personIds, IN_LIST_CHUNK)) {
      for (const row of await this.db<RegisteredPersonRow>('insured_persons').whereIn('id', chunk)) found.set(row.id, toRegisteredPerson(row));
    }
    return found;
  }

  async registeredByIdNumber(idNumber: string): Promise<RegisteredPerson | null> {
    const row = await this.db<RegisteredPersonRow>('insured_persons').where({ id_number: idNumber }).first();
    return row ? toRegisteredPerson(row) : null;
  }

  /**
   * Records the latest personal data an approved addition brought; the identity stays as registered. No
   * unit's view reads these columns (each reads its own employment's), so no other unit's lists change.
   */
  async updateRegisteredData(personId: number, person: PersonalData, at: string): Promise<void> {
    await this.db('insured_persons')
      .where({ id: personId })
      .update({ ...personalColumns(person), updated_at: at });
  }

  /** Inserts persons not yet known; returns their ids by ID number, without those someone else inserted meanwhile. */
  async insertPersons(persons: PersonData[], at: string): Promise<Map<string, number>> {
    const ids = new Map<string, number>();
    for (const chunk of chunks(persons, INSERT_CHUNK_ROWS)) {
      const rows = await this.db('insured_persons')
        .insert(chunk.map((p) => ({ ...personColumns(p, at), id_number: p.idNumber, created_at: at })))
        .onConflict('id_number')
        .ignore()
        .returning<{ id: number; id_number: string }[]>(['id', 'id_number']);
      for (const row of rows) ids.set(row.id_number, row.id);
    }
    return ids;
  }

  /**
   * An active employment and an active enrollment per insurance type, all from the start month. Each new
   * employment is its unit's latest of the person: an earlier one with the unit stops being it first.
   */
  async insertEmployments(employments: NewEmployment[], at: string): Promise<void> {
    const stamps = { status: 'active', end_month: null, created_at: at, updated_at: at };
    const personsByUnit = new Map<number, number[]>();
    for (const e of employments) {
      if (!personsByUnit.has(e.unitId)) personsByUnit.set(e.unitId, []);
      personsByUnit.get(e.unitId)!.push(e.personId);
    }
    for (const [unitId, personIds] of personsByUnit) {
      for (const chunk of chunks(personIds, IN_LIST_CHUNK)) {
        await this.db('employments').where({ unit_id: unitId, latest: true }).whereIn('person_id', chunk).update({ latest: false });
      }
    }
    await this.db.batchInsert(
      'employments',
      employments.map((e) => ({
        unit_id: e.unitId,
        person_id: e.personId,
        id_number: e.idNumber,
        person_name: e.personName,
        latest: true,
        start_month: e.startMonth,
        ...storedColumns(EMPLOYMENT_FIELDS, e.declared),
        ...stamps,
      })),
      INSERT_CHUNK_ROWS,
    );
    await this.db.batchInsert(
      'enrollments',
      employments.flatMap((e) =>
        e.insuranceTypes.map((type) => ({
          person_id: e.personId,
          unit_id: e.unitId,
          insurance_type: type,
          start_month: e.startMonth,
          ...stamps,
        })),
      ),
      INSERT_CHUNK_ROWS,
    );
  }

  /** Active insurance held without a unit (resident 390, flexible employment): what an employee addition replaces. */
  async activeIndividualEnrollments(personIds: number[]): Promise<Map<number, { insuranceType: string; startMonth: string }[]>> {
    const found = new Map<number, { insuranceType: string; startMonth: string }[]>();
    for (const chunk of chunks(personIds, IN_LIST_CHUNK)) {
      const rows = await this.db<EnrollmentRow>('enrollments').whereNull('unit_id').where('status', 'active').whereIn('person_id', chunk);
      for (const row of rows) {
        if (!found.has(row.person_id)) found.set(row.person_id, []);
        found.get(row.person_id)!.push({ insuranceType: row.insurance_type, startMonth: row.start_month });
      }
    }
    return found;
  }

  async endIndividualEnrollments(personIds: number[], endMonth: FeePeriod, at: string): Promise<void> {
    for (const chunk of chunks(personIds, IN_LIST_CHUNK)) {
      await this.db('enrollments')
        .whereNull('unit_id')
        .where('status', 'active')
        .whereIn('person_id', chunk)
        .update({ end_month: endMonth, status: 'terminated', updated_at: at });
    }
  }

  /** Ends the unit's active employment and enrollments of these persons with `endMonth`. */
  async endEmployments(unitId: number, personIds: number[], endMonth: FeePeriod, status: 'suspended' | 'terminated', at: string): Promise<void> {
    const change = { end_month: endMonth, status, updated_at: at };
    for (const chunk of chunks(personIds, IN_LIST_CHUNK)) {
      await this.db('employments').where({ unit_id: unitId, status: 'active' }).whereIn('person_id', chunk).update(change);
      await this.db('enrollments').where({ unit_id: unitId, status: 'active' }).whereIn('person_id', chunk).update(change);
    }
  }

  /**
   * Each person's latest employment with the unit, filtered: the insured list. The search reads the copied
   * identity, so it walks the unit's own index entries, never the city's persons.
   */
  private latestEmployments(unitId: number, f: ListFilters) {
    const query = this.db('employments as e').where('e.unit_id', unitId).whereRaw('e.latest');
    if (f.q) whereIdNumberOrNameStarts(query, f.q, 'e.id_number', 'e.person_name');
    if (f.status) query.where('e.status', f.status);
    return query;
  }

  /**
   * The list's rows, in full, of the persons a key query selects (a page of them): the keys come first
   * from the unit's index alone, and only their rows are read and joined to their persons.
   */
  private listRowsOf(unitId: number, persons: Knex.QueryBuilder) {
    return this.latestEmployments(unitId, {}).join('insured_persons as p', 'p.id', 'e.person_id').whereIn('e.person_id', persons);
  }

  /**
   * A page of the list in one statement: the rows, each with its insurance types, its pending declaration and the
   * filters' total. Only a page past the last asks for the total apart.
   */
  async page(unitId: number, f: ListFilters, page: number, pageSize: number): Promise<{ items: InsuredPerson[]; total: number }> {
    const direction = f.direction ?? 'asc';
    const sorted = (query: Knex.QueryBuilder) => query.orderBy(SORT_COLUMNS[f.sort ?? 'name'], direction).orderBy('e.person_id', direction);
    // A deep page skips index entries only (an index-only scan on PostgreSQL).
    const pagePersons = sorted(this.latestEmployments(unitId, f))
      .limit(pageSize, PAGE_SIZE_LITERAL)
      .offset(page * pageSize)
      .select('e.person_id');
    const rows: ListPageRow[] = await sorted(
      this.listRowsOf(unitId, pagePersons).leftJoin('declarations as d', (on) => on.on(this.db.raw(PENDING_DECLARATION))),
    ).select([
      ...LIST_COLUMNS,
      'd.type as pending_declaration',
      // The enrollments of this employment, not those of an earlier one with the unit.
      this.db.raw(
        `(select ${commaJoined(this.db, 'en.insurance_type')} from enrollments en
            where en.unit_id = e.unit_id and en.person_id = e.person_id and en.start_month >= e.start_month) as insurance_types`,
      ),
      this.latestEmployments(unitId, f).count('*').as('total'),
    ]);
    return {
      total: await pageTotal(rows, page, () => this.count(unitId, f)),
      items: rows.map((row) => ({
        ...toInsuredPerson(row, row.insurance_types ? row.insurance_types.split(',') : []),
        pendingDeclaration: row.pending_declaration ?? null,
      })),
    };
  }

  /** How many persons the filters match: the list's total and an export's row count. */
  async count(unitId: number, f: ListFilters): Promise<number> {
    const row = await this.latestEmployments(unitId, f).count({ n: '*' }).first();
    return Number(row?.n ?? 0);
  }

  /** Keyset pages by person id (the unit's index of its latest employments) for exports: memory stays flat however many persons match. */
  async *keysetPages(unitId: number, f: ListFilters, size = EXPORT_PAGE_ROWS): AsyncGenerator<InsuredPerson[]> {
    let after = 0;
    for (;;) {
      const persons = this.latestEmployments(unitId, f).where('e.person_id', '>', after).orderBy('e.person_id').limit(size).select('e.person_id');
      const rows = await this.listRowsOf(unitId, persons).orderBy('e.person_id').select<InsuredListRow[]>(LIST_COLUMNS);
      if (rows.length === 0) return;
      after = rows[rows.length - 1].id;
      yield this.withInsurance(unitId, rows);
    }
  }

  /** A person the unit insures or insured, in full; null for anyone the unit never employed. */
  async detail(unitId: number, personId: number): Promise<Omit<InsuredPersonDetail, 'pendingChanges'> | null> {
    const employment = await this.db<EmploymentRow>('employments').where({ unit_id: unitId, person_id: personId }).orderBy('id', 'desc').first();
    if (!employment) return null;
    const [person, enrollments] = await Promise.all([
      this.db<PersonRow>('insured_persons').where({ id: personId }).first(),
      this.db<EnrollmentRow>('enrollments').where({ unit_id: unitId, person_id: personId }).orderBy(['insurance_type', 'start_month']),
    ]);
    // The employment refers to the person: the row is there.
    if (!person) throw new Error(`no insured person ${personId}`);
    return {
      personId,
      // Identity from the person; household and contact as this unit entered them, never a later employer's.
      basic: {
        name: person.name,
        idType: person.id_type,
        idNumber: person.id_number,
        sex: person.sex,
        birthDate: person.birth_date,
        ...storedTexts(INSURED_DETAIL_FIELDS.basic, employment),
      },
      contact: storedTexts(INSURED_DETAIL_FIELDS.contact, employment),
      employment: {
        status: employment.status,
        startMonth: employment.start_month,
        endMonth: employment.end_month ?? null,
        wageFen: employment.wage_fen,
        ...storedTexts(INSURED_DETAIL_FIELDS.employment, employment),
      },
      insurance: enrollments.map((e) => ({
        insuranceType: e.insurance_type,
        startMonth: e.start_month,
        endMonth: e.end_month ?? null,
        status: e.status,
      })),
    };
  }

  /** The list rows with their insurance types; the service adds each person's pending declaration. */
  private async withInsurance(unitId: number, rows: InsuredListRow[]): Promise<InsuredPerson[]> {
    const enrollments = await this.db('enrollments')
      .where('unit_id', unitId)
      .whereIn(
        'person_id',
        rows.map((r) => r.id),
      )
      .select<{ person_id: number; insurance_type: string; start_month: FeePeriod }[]>('person_id', 'insurance_type', 'start_month');
    return rows.map((r) =>
      // The enrollments of this employment, not those of an earlier one with the unit.
      toInsuredPerson(
        r,
        enrollments.filter((e) => e.person_id === r.id && e.start_month >= r.start_month).map((e) => e.insurance_type),
      ),
    );
  }
}
