import type { Knex } from 'knex';
import type { Certificate, CertificateVerification } from '@common/api/certificates';
import type { OwnCertificate } from '@common/api/personal';
import { normaliseVerificationCode } from '@common/api/verification';
import type { FeePeriod } from '@common/fee-period';
import { maskIdNumber } from '@common/validators/id-number';
import type { Clock } from '../clock';
import { AuditService } from '../audit/audit.service';
import type { Dialect } from '../db/dialect';
import { invalidFields, notFound } from '../http/errors';
import type { Actor } from '../http/route';
import { CodeVerifier, maskName, newVerificationCode } from '../verification/verification';
import { CertificateStore } from './certificates.store';

/** Payment certificates (缴费证明): issued by a unit for its employee, or by a person for themselves; verified by anyone holding the code. */
export class CertificateService {
  private readonly codes: CodeVerifier;
  private readonly store: CertificateStore;
  private readonly audit: AuditService;

  /** The feature's wiring on a knex handle: the database, or a transaction. */
  constructor(
    private readonly db: Knex,
    private readonly clock: Clock,
    private readonly dialect: Dialect,
  ) {
    this.store = new CertificateStore(db);
    this.audit = new AuditService(db);
    this.codes = new CodeVerifier(db, dialect);
  }

  private on(trx: Knex.Transaction): CertificateService {
    return new CertificateService(trx, this.clock, this.dialect);
  }

  async issue(
    actor: Actor & { unitId: number },
    input: { idNumber: string; from: FeePeriod; to: FeePeriod },
    requestId: string,
  ): Promise<Certificate> {
    const store = this.store;
    const person = await store.personOfUnit(actor.unitId, input.idNumber);
    if (!person) throw notFound();
    const items = await store.months(actor.unitId, person.id, input.from, input.to);
    if (items.length === 0) throw invalidFields([{ field: 'from', code: 'INVALID' }]);
    const code = await this.record(actor, actor.unitId, person.id, input, items.length, requestId);
    return this.find(actor.unitId, code);
  }

  /** A person's own certificate: their payment details in the range across every unit that paid them. */
  async issueOwn(actor: Actor, personId: number, input: { from: FeePeriod; to: FeePeriod }, requestId: string): Promise<OwnCertificate> {
    const items = await this.store.monthsOfPerson(personId, input.from, input.to);
    if (items.length === 0) throw invalidFields([{ field: 'from', code: 'INVALID' }]);
    const code = await this.record(actor, null, personId, input, new Set(items.map((m) => m.feePeriod)).size, requestId);
    return this.findOwn(personId, code);
  }

  /** The person's own certificate, to print again; another person's code is not found. */
  async findOwn(personId: number, rawCode: string): Promise<OwnCertificate> {
    const row = await this.store.ofPerson(personId, normaliseVerificationCode(rawCode));
    if (!row) throw notFound();
    const items = await this.store.monthsOfPerson(personId, row.from_period, row.to_period);
    return {
      code: row.code,
      name: row.name,
      idNumber: row.id_number,
      from: row.from_period,
      to: row.to_period,
      months: row.months,
      issuedAt: row.issued_at,
      items,
      unitAmountFen: items.reduce((n, m) => n + m.unitAmountFen, 0),
      personAmountFen: items.reduce((n, m) => n + m.personAmountFen, 0),
    };
  }

  /** Stores a new certificate and its audit entry in one transaction; answers its code. */
  private async record(
    actor: Actor,
    unitId: number | null,
    personId: number,
    input: { from: FeePeriod; to: FeePeriod },
    months: number,
    requestId: string,
  ): Promise<string> {
    const code = newVerificationCode();
    const issuedAt = this.clock.now().toISOString();
    await this.db.transaction(async (trx) => {
      const { store, audit } = this.on(trx);
      await store.insert({ code, unitId, personId, from: input.from, to: input.to, months, issuedBy: actor.userId, issuedAt });
      await audit.record({
        at: issuedAt,
        userId: actor.userId,
        unitId,
        action: 'certificate_issued',
        entityType: 'certificate',
        entityId: code,
        after: { personId, from: input.from, to: input.to, months },
        requestId,
      });
    });
    return code;
  }

  /** A certificate the unit issued, to print again; the amounts are those of its months now. */
  async find(unitId: number, rawCode: string): Promise<Certificate> {
    const store = this.store;
    const row = await store.ofUnit(unitId, normaliseVerificationCode(rawCode));
    if (!row) throw notFound();
    const items = await store.months(unitId, row.person_id, row.from_period, row.to_period);
    return {
      code: row.code,
      unitName: row.unit_name,
      unitCreditCode: row.credit_code,
      name: row.name,
      idNumber: row.id_number,
      from: row.from_period,
      to: row.to_period,
      months: row.months,
      issuedAt: row.issued_at,
      issuedBy: row.issuer,
      items,
      unitAmountFen: items.reduce((n, m) => n + m.unitAmountFen, 0),
      personAmountFen: items.reduce((n, m) => n + m.personAmountFen, 0),
    };
  }

  /** `caller` identifies who asks (their address): unknown codes count against it (CodeVerifier). */
  async verify(rawCode: string, caller: string): Promise<CertificateVerification> {
    const row = await this.codes.verify(rawCode, caller, (code) => this.store.byCode(code));
    return {
      genuine: true,
      nameMasked: maskName(row.name),
      idNumberMasked: maskIdNumber(row.id_number),
      from: row.from_period,
      to: row.to_period,
      months: row.months,
    };
  }
}
