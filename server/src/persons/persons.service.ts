import type { Knex } from 'knex';
import type {
  InsuranceStandings,
  OwnEmployments,
  OwnPaymentPage,
  OwnPaymentFilter,
  PersonRegistration,
  PersonRegistrationReceipt,
} from '@common/api/personal';
import { currentFeePeriod } from '@common/fee-period';
import { checkIdNumber } from '@common/validators/id-number';
import type { Clock } from '../clock';
import type { Dialect } from '../db/dialect';
import { isUniqueViolation } from '../db/dialect';
import { AuditService } from '../audit/audit.service';
import { hashPassword } from '../auth/password';
import { CaptchaService, type CaptchaOptions } from '../captcha/captcha.service';
import { AppError, invalidFields } from '../http/errors';
import { RegistrationThrottle } from '../registration/registration-throttle';
import { PersonStore } from './persons.store';

/**
 * The personal hall's persons: registration of an account (one per insured person), and the person's own
 * records. Every read takes the person's id from the session (personOf), never from the request.
 */
export class PersonService {
  private readonly store: PersonStore;
  private readonly audit: AuditService;
  private readonly captchas: CaptchaService;
  private readonly throttle: RegistrationThrottle;

  constructor(
    private readonly db: Knex,
    private readonly clock: Clock,
    private readonly dialect: Dialect,
    private readonly options: CaptchaOptions = {},
  ) {
    this.store = new PersonStore(db);
    this.audit = new AuditService(db);
    this.captchas = new CaptchaService(db, clock, options);
    this.throttle = new RegistrationThrottle(db, dialect);
  }

  private on(trx: Knex.Transaction): PersonService {
    return new PersonService(trx, this.clock, this.dialect, this.options);
  }

  /**
   * An account for the person with this ID number. A known ID number keeps its registered name (as an
   * addition does); an unknown one becomes an insured person, sex and birth date read from the number.
   * The unique indexes on users decide between two registrations of one person on any instances.
   */
  async register(input: PersonRegistration, address: string, requestId: string): Promise<PersonRegistrationReceipt> {
    await this.throttle.consume('person', address);
    const now = this.clock.now();
    // Checked before the CAPTCHA is used up, so a mistyped ID number costs no new picture.
    const id = checkIdNumber(input.idNumber, now);
    if (!id.ok) throw invalidFields([{ field: 'idNumber', code: id.problem }]);
    await this.captchas.answer(input.captchaToken, input.captchaAnswer);
    const passwordHash = await hashPassword(input.password);
    const at = now.toISOString();
    try {
      await this.db.transaction(async (trx) => {
        const { store, audit } = this.on(trx);
        const known = await store.lockPerson(id.facts.idNumber);
        if (known && known.name !== input.name) throw invalidFields([{ field: 'name', code: 'REGISTERED_NAME_MISMATCH' }]);
        const person =
          known ??
          (await store.insertPerson({
            idNumber: id.facts.idNumber,
            name: input.name,
            sex: id.facts.sex,
            birthDate: id.facts.birthDate,
            mobile: input.mobile,
            at,
          }));
        const userId = await store.insertAccount({
          personId: person.id,
          idNumber: id.facts.idNumber,
          name: person.name,
          mobile: input.mobile,
          passwordHash,
          at,
        });
        await audit.record({
          at,
          userId,
          unitId: null,
          action: 'person_registered',
          entityType: 'user',
          entityId: userId,
          after: { personId: person.id, newPerson: !known },
          requestId,
        });
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError(409, 'PERSON_ACCOUNT_EXISTS');
      throw error;
    }
    return { idNumber: id.facts.idNumber, name: input.name };
  }

  /** Each insurance type the person ever had, by its latest coverage. */
  async insurance(personId: number): Promise<InsuranceStandings> {
    const latest = new Map<string, InsuranceStandings['items'][number]>();
    for (const row of await this.store.enrollments(personId)) {
      if (latest.has(row.insurance_type)) continue;
      latest.set(row.insurance_type, {
        insuranceType: row.insurance_type,
        status: row.status,
        since: row.start_month,
        until: row.end_month,
        unitName: row.unit_name,
      });
    }
    return { items: [...latest.values()] };
  }

  async employments(personId: number): Promise<OwnEmployments> {
    const rows = await this.store.employments(personId);
    return { items: rows.map((r) => ({ unitName: r.unit_name, startMonth: r.start_month, endMonth: r.end_month, status: r.status })) };
  }

  async paymentDetails(personId: number, query: OwnPaymentFilter): Promise<OwnPaymentPage> {
    const current = currentFeePeriod(this.clock.now());
    const { rows, total, personAmountFen } = await this.store.paymentPage(personId, query);
    return {
      items: rows.map((r) => ({
        id: r.id,
        feePeriod: r.fee_period,
        insuranceType: r.insurance_type,
        unitName: r.unit_name,
        baseFen: r.base_fen,
        personAmountFen: r.person_amount_fen,
        unitAmountFen: r.unit_amount_fen,
        status: r.paid_at ? 'paid' : r.fee_period < current ? 'overdue' : 'due',
        paidAt: r.paid_at,
      })),
      total,
      page: query.page,
      pageSize: query.pageSize,
      personAmountFen,
    };
  }
}
