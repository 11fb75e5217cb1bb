import type { Knex } from 'knex';
import { ASSISTED_CATEGORIES, type AssistedCategory, type AssistedPerson, type RegistrationStatus } from '@common/api/residents';
import type { ResidentYear } from '@common/resident-rules';
import { isUniqueViolation } from '../db/dialect';
import { whereIdNumberOrNameStarts } from '../db/person-search';

/** A person as the residents' rules read them. */
export interface ResidentPersonRow {
  id: number;
  id_number: string;
  name: string;
  birth_date: string;
}

interface ResidentYearRow {
  year: number;
  standard_fen: number;
  collection_from: string;
  collection_to: string;
}

interface AssistedPersonRow {
  id: number;
  id_number: string;
  name: string;
  category: string;
  year: number;
  recorded_by_name: string;
  recorded_at: string;
}

interface FamilyMemberRow {
  id: number;
  member_person_id: number;
  created_at: string;
}

interface EnrollmentYearsRow {
  start_month: string;
  end_month: string | null;
}

export interface NewAssistedPerson {
  idNumber: string;
  name: string;
  category: AssistedCategory;
  year: number;
  recordedBy: number;
  recordedAt: string;
}

export interface AssistedFilters {
  year?: number;
  category?: AssistedCategory;
  q?: string;
}

/** A second (payer, member) pair: the unique index of migration 019 refused it. */
export class FamilyMemberExists extends Error {}
/** A second entry of an ID number for the same year on the assisted list. */
export class AssistedPersonExists extends Error {}

const ASSISTED_SORT_COLUMNS = { recordedAt: 'a.recorded_at', idNumber: 'a.id_number', name: 'a.name' } as const;

const toAssisted = (row: AssistedPersonRow): AssistedPerson => ({
  id: row.id,
  idNumber: row.id_number,
  name: row.name,
  category: row.category as AssistedCategory,
  year: Number(row.year),
  recordedBy: row.recorded_by_name,
  recordedAt: row.recorded_at,
});

/** Resident configuration, the assisted list, family members and what the residents' rules read of a person's records. */
export class ResidentStore {
  constructor(private readonly db: Knex) {}

  async years(): Promise<ResidentYear[]> {
    const rows = await this.db<ResidentYearRow>('resident_years').orderBy('year');
    return rows.map((r) => ({
      year: Number(r.year),
      standardFen: Number(r.standard_fen),
      collectionFrom: r.collection_from,
      collectionTo: r.collection_to,
    }));
  }

  async categoryPercents(): Promise<Map<AssistedCategory, number>> {
    const rows = await this.db<{ category: string; percent: number }>('assisted_categories').select('category', 'percent');
    return new Map(
      rows
        .filter((r) => (ASSISTED_CATEGORIES as readonly string[]).includes(r.category))
        .map((r) => [r.category as AssistedCategory, Number(r.percent)]),
    );
  }

  async person(id: number): Promise<ResidentPersonRow | undefined> {
    return this.db<ResidentPersonRow>('insured_persons').where({ id }).first('id', 'id_number', 'name', 'birth_date');
  }

  async personByIdNumber(idNumber: string): Promise<ResidentPersonRow | undefined> {
    return this.db<ResidentPersonRow>('insured_persons').where({ id_number: idNumber }).first('id', 'id_number', 'name', 'birth_date');
  }

  /** Inserts a person not yet known (as an addition would); the id of whoever holds the ID number afterwards. */
  async insertPerson(person: { idNumber: string; name: string; sex: string; birthDate: string }, at: string): Promise<number> {
    await this.db('insured_persons')
      .insert({
        id_type: '01',
        id_number: person.idNumber,
        name: person.name,
        sex: person.sex,
        birth_date: person.birthDate,
        created_at: at,
        updated_at: at,
      })
      .onConflict('id_number')
      .ignore();
    return (await this.personByIdNumber(person.idNumber))!.id;
  }

  /** The insurance types the person has in force now (active enrollments), sorted. */
  async activeInsuranceTypes(personId: number): Promise<string[]> {
    const rows = await this.db('enrollments').where({ person_id: personId, status: 'active' }).distinct('insurance_type').orderBy('insurance_type');
    return rows.map((r: { insurance_type: string }) => r.insurance_type);
  }

  /** Every enrollment's months, of any insurance type: the years a person was covered. */
  async enrollmentMonths(personId: number): Promise<{ startMonth: string; endMonth: string | null }[]> {
    const rows = await this.db('enrollments').where({ person_id: personId }).select<EnrollmentYearsRow[]>('start_month', 'end_month');
    return rows.map((r) => ({ startMonth: r.start_month, endMonth: r.end_month }));
  }

  /** The status of the person's latest resident registration, or `none`. */
  async registrationStatus(idNumber: string): Promise<RegistrationStatus> {
    const row = await this.db('declarations')
      .where({ type: 'resident-registration', id_number: idNumber })
      .whereNot('status', 'withdrawn')
      .orderBy('id', 'desc')
      .first<{ status: RegistrationStatus } | undefined>('status');
    return row?.status ?? 'none';
  }

  /** The registrations the payer sent, newest first, with the person each is about. */
  async registrationsSentBy(userId: number): Promise<
    {
      id: number;
      id_number: string;
      person_name: string;
      status: string;
      payload: string;
      submitted_at: string;
      reviewed_at: string | null;
      review_reason: string | null;
    }[]
  > {
    return this.db('declarations')
      .where({ type: 'resident-registration', submitted_by: userId })
      .orderBy('id', 'desc')
      .limit(50)
      .select('id', 'id_number', 'person_name', 'status', 'payload', 'submitted_at', 'reviewed_at', 'review_reason');
  }

  async insertResidentEnrollment(personId: number, startMonth: string, at: string): Promise<void> {
    await this.db('enrollments').insert({
      person_id: personId,
      unit_id: null,
      insurance_type: '390',
      start_month: startMonth,
      end_month: null,
      status: 'active',
      created_at: at,
      updated_at: at,
    });
  }

  // Assisted persons.

  async assistedCategory(idNumber: string, year: number): Promise<AssistedCategory | null> {
    const row = await this.db('assisted_persons').where({ id_number: idNumber, year }).first<{ category: string } | undefined>('category');
    return (row?.category as AssistedCategory | undefined) ?? null;
  }

  private assistedSelect(f: AssistedFilters) {
    const query = this.db('assisted_persons as a').join('users as u', 'u.id', 'a.recorded_by');
    if (f.year !== undefined) query.where('a.year', f.year);
    if (f.category) query.where('a.category', f.category);
    if (f.q) whereIdNumberOrNameStarts(query, f.q, 'a.id_number', 'a.name');
    return query;
  }

  async assistedPage(
    f: AssistedFilters,
    sort: keyof typeof ASSISTED_SORT_COLUMNS,
    direction: 'asc' | 'desc',
    page: number,
    pageSize: number,
  ): Promise<{ items: AssistedPerson[]; total: number }> {
    const [count, rows] = await Promise.all([
      this.assistedSelect(f).count({ n: '*' }).first(),
      this.assistedSelect(f)
        .orderBy(ASSISTED_SORT_COLUMNS[sort], direction)
        .orderBy('a.id', direction)
        .limit(pageSize)
        .offset(page * pageSize)
        .select<AssistedPersonRow[]>('a.id', 'a.id_number', 'a.name', 'a.category', 'a.year', 'u.name as recorded_by_name', 'a.recorded_at'),
    ]);
    return { items: rows.map(toAssisted), total: Number(count?.n ?? 0) };
  }

  async findAssisted(id: number): Promise<AssistedPerson | undefined> {
    const row = await this.assistedSelect({})
      .where('a.id', id)
      .first<AssistedPersonRow | undefined>('a.id', 'a.id_number', 'a.name', 'a.category', 'a.year', 'u.name as recorded_by_name', 'a.recorded_at');
    return row ? toAssisted(row) : undefined;
  }

  /** Inserts entries in the given order; AssistedPersonExists when an ID number is already listed for the year. */
  async insertAssisted(entries: NewAssistedPerson[]): Promise<number[]> {
    const ids: number[] = [];
    for (const e of entries) {
      const [row] = await this.db('assisted_persons')
        .insert({ id_number: e.idNumber, name: e.name, category: e.category, year: e.year, recorded_by: e.recordedBy, recorded_at: e.recordedAt })
        .returning<{ id: number }[]>('id')
        .catch((error: unknown) => {
          throw isUniqueViolation(error) ? new AssistedPersonExists() : error;
        });
      ids.push(row.id);
    }
    return ids;
  }

  /** Which of these (ID number, year) pairs are already listed, as `idNumber/year`. */
  async listedPairs(pairs: { idNumber: string; year: number }[]): Promise<Set<string>> {
    const listed = new Set<string>();
    const idNumbers = [...new Set(pairs.map((p) => p.idNumber))];
    for (let i = 0; i < idNumbers.length; i += 500) {
      const rows = await this.db('assisted_persons')
        .whereIn('id_number', idNumbers.slice(i, i + 500))
        .select<{ id_number: string; year: number }[]>('id_number', 'year');
      for (const row of rows) listed.add(`${row.id_number}/${Number(row.year)}`);
    }
    return listed;
  }

  /** The registered names of these ID numbers, for those the hall knows. */
  async registeredNames(idNumbers: string[]): Promise<Map<string, string>> {
    const names = new Map<string, string>();
    const unique = [...new Set(idNumbers)];
    for (let i = 0; i < unique.length; i += 500) {
      const rows = await this.db('insured_persons')
        .whereIn('id_number', unique.slice(i, i + 500))
        .select<{ id_number: string; name: string }[]>('id_number', 'name');
      for (const row of rows) names.set(row.id_number, row.name);
    }
    return names;
  }

  async deleteAssisted(id: number): Promise<number> {
    return this.db('assisted_persons').where({ id }).delete();
  }

  // Family members.

  async familyMembers(payerPersonId: number): Promise<FamilyMemberRow[]> {
    return this.db('family_members')
      .where({ payer_person_id: payerPersonId })
      .orderBy('id')
      .select<FamilyMemberRow[]>('id', 'member_person_id', 'created_at');
  }

  /** The payer's member `id`; another payer's is not found. */
  async familyMember(payerPersonId: number, id: number): Promise<FamilyMemberRow | undefined> {
    return this.db('family_members')
      .where({ payer_person_id: payerPersonId, id })
      .first<FamilyMemberRow | undefined>('id', 'member_person_id', 'created_at');
  }

  async insertFamilyMember(payerPersonId: number, memberPersonId: number, at: string): Promise<number> {
    const [row] = await this.db('family_members')
      .insert({ payer_person_id: payerPersonId, member_person_id: memberPersonId, created_at: at })
      .returning<{ id: number }[]>('id')
      .catch((error: unknown) => {
        throw isUniqueViolation(error) ? new FamilyMemberExists() : error;
      });
    return row.id;
  }

  async deleteFamilyMember(payerPersonId: number, id: number): Promise<number> {
    return this.db('family_members').where({ payer_person_id: payerPersonId, id }).delete();
  }
}
