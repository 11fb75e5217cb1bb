import type { Knex } from 'knex';
import type { z } from 'zod';
import {
  RESIDENT_REGISTRATION_KIND,
  residentRegistrationPayload,
  type AssistedCategory,
  type AssistedPerson,
  type AssistedPersonPage,
  type FamilyMember,
  type Payee,
  type ResidentPayee,
  type ResidentQuote,
  type ResidentRegistrationStatus,
  type assistedPersonInput,
  type assistedPersonQuery,
  type familyMemberInput,
  type payee,
  type quoteRequest,
  type residentRegistrationInput,
} from '@common/api/residents';
import { currentFeePeriod, shanghaiParts } from '@common/fee-period';
import { EMPLOYEE_INSURANCE_TYPES, RESIDENT_INSURANCE_TYPE } from '@common/insurance';
import { collectionOpen, isNewborn, openYears, residentAmountFen, waitingPeriod, type ResidentYear } from '@common/resident-rules';
import { checkIdNumber, maskIdNumber } from '@common/validators/id-number';
import type { Clock } from '../clock';
import { AuditService } from '../audit/audit.service';
import { AppError, invalidFields, notFound } from '../http/errors';
import type { Actor } from '../http/route';
import { PendingSubmissionExists, SubmissionService, type AppliedChanges, type PendingOf } from '../submissions/submissions.service';
import { maskName } from '../verification/verification';
import { AssistedPersonExists, FamilyMemberExists, ResidentStore, type ResidentPersonRow } from './residents.store';

type PayeeInput = z.output<typeof payee>;
/** How far back a break in coverage is counted: beyond it the waiting period no longer grows in practice. */
const BREAK_LOOKBACK_YEARS = 10;

const notRegistered = () => new AppError(409, 'RESIDENT_NOT_REGISTERED');

/** A person with employee insurance in force can neither register nor pay as a resident. */
function refuseEmployeeInsured(insuranceTypes: string[]): void {
  if (insuranceTypes.some((t) => (EMPLOYEE_INSURANCE_TYPES as readonly string[]).includes(t))) throw new AppError(409, 'RESIDENT_EMPLOYEE_INSURED');
}

/**
 * Residents in the personal hall: a payer's family members, resident registration (a submission the agency
 * reviews), the agency's assisted persons, and the quote of a resident contribution. A payer sees of anyone
 * else only the payment-related view: masked name and ID number, insurance types, registration status.
 */
export class ResidentService {
  private readonly store: ResidentStore;
  private readonly submissions: SubmissionService;
  private readonly audit: AuditService;

  constructor(
    private readonly db: Knex,
    private readonly clock: Clock,
  ) {
    this.store = new ResidentStore(db);
    this.submissions = new SubmissionService(db, clock);
    this.audit = new AuditService(db);
  }

  on(trx: Knex.Transaction): ResidentService {
    return new ResidentService(trx, this.clock);
  }

  // The quote and the payment flow.

  /**
   * What paying `request.year` for the person costs and when benefits start. Refused when the person is not
   * registered as a resident, has employee insurance in force, the year is not open for payment, or a special
   * payment is asked for a person not on the assisted list for that year.
   */
  async quote(payerPersonId: number, request: z.output<typeof quoteRequest>): Promise<ResidentQuote> {
    const now = this.clock.now();
    const person = await this.resolve(payerPersonId, request.person);
    const insuranceTypes = await this.store.activeInsuranceTypes(person.id);
    refuseEmployeeInsured(insuranceTypes);
    if (!insuranceTypes.includes(RESIDENT_INSURANCE_TYPE)) throw notRegistered();
    const years = await this.store.years();
    const configured = years.find((y) => y.year === request.year);
    if (!configured || !openYears(now, years).includes(request.year)) throw new AppError(409, 'RESIDENT_YEAR_NOT_OPEN', { year: request.year });
    const category = await this.store.assistedCategory(person.id_number, request.year);
    if (request.mode === 'special' && category === null) throw new AppError(409, 'RESIDENT_NOT_ASSISTED', { year: request.year });
    const percent = request.mode === 'special' ? await this.percentOf(category!) : null;
    const inCollectionPeriod = collectionOpen(request.year, now, years);
    const newborn = isNewborn(person.birth_date, now);
    const waiting = waitingPeriod({
      paidAt: now,
      year: request.year,
      inCollectionPeriod,
      breakYears: await this.breakYears(person.id, request.year),
      newborn,
      birthDate: person.birth_date,
      assisted: category !== null,
    });
    return {
      personId: person.id,
      maskedName: maskName(person.name),
      idNumberMasked: maskIdNumber(person.id_number),
      year: request.year,
      mode: request.mode,
      standardFen: configured.standardFen,
      amountFen: residentAmountFen(configured.standardFen, percent === null ? null : { percent }),
      assistedCategory: request.mode === 'special' ? category : null,
      benefitStart: waiting.benefitStart,
      waitingMonths: waiting.waitingMonths,
      inCollectionPeriod,
    };
  }

  /** The flow's second step: the payee's registration and insurance types, and the years open to them today. */
  async payee(payerPersonId: number, person: PayeeInput): Promise<ResidentPayee> {
    const found = await this.resolve(payerPersonId, person);
    const years = await this.store.years();
    const open = openYears(this.clock.now(), years);
    return {
      personId: found.id,
      ...(await this.paymentFacts(found)),
      openYears: await Promise.all(
        years
          .filter((y) => open.includes(y.year))
          .map(async (y) => ({
            year: y.year,
            standardFen: y.standardFen,
            assistedCategory: await this.store.assistedCategory(found.id_number, y.year),
          })),
      ),
    };
  }

  /** The years a payment can be made for today, with their configuration. */
  async openYears(): Promise<ResidentYear[]> {
    const years = await this.store.years();
    const open = openYears(this.clock.now(), years);
    return years.filter((y) => open.includes(y.year));
  }

  // Family members.

  async family(payerPersonId: number): Promise<FamilyMember[]> {
    const rows = await this.store.familyMembers(payerPersonId);
    return Promise.all(
      rows.map(async (row) => ({
        id: row.id,
        addedAt: row.created_at,
        ...(await this.paymentFacts((await this.store.person(row.member_person_id))!)),
      })),
    );
  }

  /**
   * Adds a member by name and ID number: a known ID number must carry its registered name; an unknown one
   * becomes an insured person (sex and birth date from the number), as an addition's would.
   */
  async addMember(actor: Actor, payerPersonId: number, input: z.output<typeof familyMemberInput>, requestId: string): Promise<FamilyMember> {
    const at = this.clock.now().toISOString();
    const checked = checkIdNumber(input.idNumber, this.clock.now());
    if (!checked.ok) throw invalidFields([{ field: 'idNumber', code: checked.problem }]);
    return this.db.transaction(async (trx) => {
      const residents = this.on(trx);
      const known = await residents.store.personByIdNumber(checked.facts.idNumber);
      if (known && known.name !== input.name) throw invalidFields([{ field: 'name', code: 'REGISTERED_NAME_MISMATCH' }]);
      const personId = known?.id ?? (await residents.store.insertPerson({ ...checked.facts, name: input.name }, at));
      if (personId === payerPersonId) throw new AppError(409, 'FAMILY_MEMBER_SELF');
      const id = await residents.store.insertFamilyMember(payerPersonId, personId, at).catch((error: unknown) => {
        throw error instanceof FamilyMemberExists ? new AppError(409, 'FAMILY_MEMBER_EXISTS') : error;
      });
      await residents.audit.record({
        at,
        userId: actor.userId,
        unitId: null,
        action: 'family_member_added',
        entityType: 'family_member',
        entityId: id,
        after: { payerPersonId, memberPersonId: personId },
        requestId,
      });
      return { id, addedAt: at, ...(await residents.paymentFacts((await residents.store.person(personId))!)) };
    });
  }

  async removeMember(actor: Actor, payerPersonId: number, id: number, requestId: string): Promise<void> {
    await this.db.transaction(async (trx) => {
      const residents = this.on(trx);
      const member = await residents.store.familyMember(payerPersonId, id);
      if (!member || (await residents.store.deleteFamilyMember(payerPersonId, id)) === 0) throw notFound();
      await residents.audit.record({
        at: this.clock.now().toISOString(),
        userId: actor.userId,
        unitId: null,
        action: 'family_member_removed',
        entityType: 'family_member',
        entityId: id,
        before: { payerPersonId, memberPersonId: member.member_person_id },
        requestId,
      });
    });
  }

  // Resident registration.

  /**
   * The payer registers self or a family member. A newborn (within 90 days of birth) is registered from the
   * birth month, anyone else from the month of the registration. Refused with employee insurance or resident
   * insurance in force; a second pending registration of the person is refused by the database.
   */
  async register(
    actor: Actor,
    payerPersonId: number,
    input: z.output<typeof residentRegistrationInput>,
    requestId: string,
  ): Promise<ResidentRegistrationStatus> {
    const now = this.clock.now();
    const person = await this.resolve(payerPersonId, input.person);
    const insuranceTypes = await this.store.activeInsuranceTypes(person.id);
    refuseEmployeeInsured(insuranceTypes);
    if (insuranceTypes.includes(RESIDENT_INSURANCE_TYPE)) throw new AppError(409, 'RESIDENT_ALREADY_REGISTERED');
    const newborn = isNewborn(person.birth_date, now);
    const payload = residentRegistrationPayload.parse({
      hukouAddress: input.hukouAddress,
      region: input.region,
      category: input.category,
      mobile: input.mobile,
      newbornBirthDate: newborn ? person.birth_date : null,
      startMonth: newborn ? person.birth_date.slice(0, 7).replace('-', '') : currentFeePeriod(now),
    });
    const submission = await this.db
      .transaction(async (trx) => {
        const residents = this.on(trx);
        const stored = await residents.submissions.insertOne({
          kind: RESIDENT_REGISTRATION_KIND,
          payload,
          unitId: null,
          idNumber: person.id_number,
          personName: person.name,
          effectiveMonth: payload.startMonth,
          batchId: null,
          rowNumber: null,
          submittedBy: actor.userId,
          submittedAt: now.toISOString(),
        });
        await residents.audit.record({
          at: stored.submittedAt,
          userId: actor.userId,
          unitId: null,
          action: 'submission_submitted',
          entityType: 'submission',
          entityId: stored.id,
          after: stored,
          requestId,
        });
        return stored;
      })
      .catch((error: unknown) => {
        throw error instanceof PendingSubmissionExists ? new AppError(409, 'RESIDENT_REGISTRATION_PENDING') : error;
      });
    return {
      id: submission.id,
      maskedName: maskName(person.name),
      idNumberMasked: maskIdNumber(person.id_number),
      status: 'pending',
      category: payload.category,
      region: payload.region,
      submittedAt: submission.submittedAt,
      reviewedAt: null,
      reviewReason: null,
    };
  }

  /** The registrations the payer sent, newest first, with their status and the reason of a rejection. */
  async registrations(actor: Actor): Promise<ResidentRegistrationStatus[]> {
    const rows = await this.store.registrationsSentBy(actor.userId);
    return rows.map((row) => {
      const payload = residentRegistrationPayload.parse(JSON.parse(row.payload));
      return {
        id: row.id,
        maskedName: maskName(row.person_name),
        idNumberMasked: maskIdNumber(row.id_number),
        status: row.status as ResidentRegistrationStatus['status'],
        category: payload.category,
        region: payload.region,
        submittedAt: row.submitted_at,
        reviewedAt: row.reviewed_at,
        reviewReason: row.review_reason,
      };
    });
  }

  /**
   * Approved registrations, in the review's transaction: each person gets a resident enrollment (390) from the
   * registration's start month. A person insured meanwhile (by a unit, or registered otherwise) cannot be
   * approved, and the whole decision is refused.
   */
  async applyRegistrations(pending: PendingOf<typeof RESIDENT_REGISTRATION_KIND>[], at: string): Promise<AppliedChanges> {
    const applied: AppliedChanges = new Map();
    for (const registration of pending) {
      const person = await this.store.personByIdNumber(registration.idNumber);
      if (!person) throw notFound();
      const insuranceTypes = await this.store.activeInsuranceTypes(person.id);
      refuseEmployeeInsured(insuranceTypes);
      if (insuranceTypes.includes(RESIDENT_INSURANCE_TYPE)) throw new AppError(409, 'RESIDENT_ALREADY_REGISTERED');
      await this.store.insertResidentEnrollment(person.id, registration.payload.startMonth, at);
      applied.set(registration.id, {
        before: { insuranceTypes },
        after: { enrollment: { insuranceType: RESIDENT_INSURANCE_TYPE, startMonth: registration.payload.startMonth } },
      });
    }
    return applied;
  }

  // Assisted persons (the agency's list).

  async assistedPersons(query: z.output<typeof assistedPersonQuery>): Promise<AssistedPersonPage> {
    const { items, total } = await this.store.assistedPage(
      { year: query.year, category: query.category, q: query.q },
      query.sort,
      query.direction,
      query.page,
      query.pageSize,
    );
    return { items, total, page: query.page, pageSize: query.pageSize };
  }

  /** Adds one person to the list; a known ID number must carry its registered name. */
  async addAssisted(actor: Actor, input: z.output<typeof assistedPersonInput>, requestId: string): Promise<AssistedPerson> {
    const problems = await this.assistedProblems([input]);
    if (problems[0].length > 0) throw invalidFields(problems[0]);
    const [id] = await this.insertAssisted(actor, [input], requestId);
    return (await this.store.findAssisted(id))!;
  }

  /** Field problems of list entries against the records and the list itself: one list per entry. */
  async assistedProblems(
    entries: { idNumber: string; name: string; year: number }[],
  ): Promise<{ field: 'idNumber' | 'name'; code: 'REGISTERED_NAME_MISMATCH' | 'ASSISTED_ALREADY_LISTED' | 'ID_NUMBER_FORMAT' }[][]> {
    const names = await this.store.registeredNames(entries.map((e) => e.idNumber));
    const listed = await this.store.listedPairs(entries);
    const today = this.clock.now();
    return entries.map((e) => {
      const problems: { field: 'idNumber' | 'name'; code: 'REGISTERED_NAME_MISMATCH' | 'ASSISTED_ALREADY_LISTED' | 'ID_NUMBER_FORMAT' }[] = [];
      const checked = checkIdNumber(e.idNumber, today);
      if (!checked.ok) problems.push({ field: 'idNumber', code: 'ID_NUMBER_FORMAT' });
      else if (listed.has(`${e.idNumber}/${e.year}`)) problems.push({ field: 'idNumber', code: 'ASSISTED_ALREADY_LISTED' });
      const registered = names.get(e.idNumber);
      if (registered !== undefined && registered !== e.name) problems.push({ field: 'name', code: 'REGISTERED_NAME_MISMATCH' });
      return problems;
    });
  }

  /** Inserts entries in one transaction: all of them, or none when one is already listed meanwhile. */
  async insertAssisted(actor: Actor, entries: z.output<typeof assistedPersonInput>[], requestId: string): Promise<number[]> {
    const at = this.clock.now().toISOString();
    return this.db
      .transaction(async (trx) => {
        const residents = this.on(trx);
        const ids = await residents.store.insertAssisted(entries.map((e) => ({ ...e, recordedBy: actor.userId, recordedAt: at })));
        await residents.audit.recordAll(
          ids.map((id, i) => ({
            at,
            userId: actor.userId,
            unitId: null,
            action: 'assisted_person_added',
            entityType: 'assisted_person',
            entityId: id,
            after: entries[i],
            requestId,
          })),
        );
        return ids;
      })
      .catch((error: unknown) => {
        throw error instanceof AssistedPersonExists ? new AppError(409, 'ASSISTED_PERSON_EXISTS') : error;
      });
  }

  async removeAssisted(actor: Actor, id: number, requestId: string): Promise<void> {
    await this.db.transaction(async (trx) => {
      const residents = this.on(trx);
      const before = await residents.store.findAssisted(id);
      if (!before || (await residents.store.deleteAssisted(id)) === 0) throw notFound();
      await residents.audit.record({
        at: this.clock.now().toISOString(),
        userId: actor.userId,
        unitId: null,
        action: 'assisted_person_removed',
        entityType: 'assisted_person',
        entityId: id,
        before,
        requestId,
      });
    });
  }

  // Shared steps.

  /**
   * The person a payment or registration is for: the payer, one of the payer's own members (another payer's
   * is not found), or someone the hall knows by ID number under their registered name.
   */
  private async resolve(payerPersonId: number, person: PayeeInput | Payee): Promise<ResidentPersonRow> {
    if (person.kind === 'self') return (await this.store.person(payerPersonId))!;
    if (person.kind === 'member') {
      const member = await this.store.familyMember(payerPersonId, Number(person.memberId));
      if (!member) throw notFound();
      return (await this.store.person(member.member_person_id))!;
    }
    const found = await this.store.personByIdNumber(person.idNumber.trim().toUpperCase());
    if (!found) throw notRegistered();
    if (found.name !== person.name) throw invalidFields([{ field: 'person.name', code: 'REGISTERED_NAME_MISMATCH' }]);
    return found;
  }

  private async paymentFacts(person: ResidentPersonRow) {
    const insuranceTypes = await this.store.activeInsuranceTypes(person.id);
    const status = await this.store.registrationStatus(person.id_number);
    return {
      maskedName: maskName(person.name),
      idNumberMasked: maskIdNumber(person.id_number),
      insuranceTypes,
      // A resident enrolled before the hall kept registrations is registered all the same.
      registration: insuranceTypes.includes(RESIDENT_INSURANCE_TYPE) ? ('approved' as const) : status,
    };
  }

  private async percentOf(category: AssistedCategory): Promise<number> {
    const percent = (await this.store.categoryPercents()).get(category);
    if (percent === undefined) throw new AppError(409, 'RESIDENT_NOT_ASSISTED');
    return percent;
  }

  /**
   * Whole years without any coverage right before `year`, counted back to the last covered one (any insurance
   * type's enrollment in force in some month of it); a person never covered before has no break.
   */
  private async breakYears(personId: number, year: number): Promise<number> {
    const current = shanghaiParts(this.clock.now()).year;
    const covered = new Set<number>();
    for (const e of await this.store.enrollmentMonths(personId)) {
      const last = e.endMonth ? Number(e.endMonth.slice(0, 4)) : current;
      for (let y = Number(e.startMonth.slice(0, 4)); y <= last; y++) covered.add(y);
    }
    for (let gap = 0; gap < BREAK_LOOKBACK_YEARS; gap++) {
      if (covered.has(year - 1 - gap)) return gap;
    }
    return covered.size === 0 || [...covered].every((y) => y >= year) ? 0 : BREAK_LOOKBACK_YEARS;
  }
}
