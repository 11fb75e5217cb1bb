import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import type { RateLimiterStoreAbstract } from 'rate-limiter-flexible';
import { CERTIFICATE_CODE, normaliseCertificateCode, type Certificate, type CertificateVerification } from '@common/api/certificates';
import type { FeePeriod } from '@common/fee-period';
import { maskIdNumber } from '@common/validators/id-number';
import type { Clock } from '../clock';
import { AuditService } from '../audit/audit.service';
import { databaseRateLimiter, type Dialect } from '../db/dialect';
import { AppError, invalidFields, notFound } from '../http/errors';
import type { Actor } from '../http/route';
import { CertificateStore } from './certificates.store';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** Guessing is hopeless at 80 bits; still, a caller who misses this often in the window waits out the block. */
export const VERIFY_MISSES_ALLOWED = 20;
export const VERIFY_WINDOW_MS = 15 * 60 * 1000;

/** 16 base32 characters from 10 random bytes (80 bits), grouped by four. */
export function newCertificateCode(): string {
  const bytes = randomBytes(10);
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return normaliseCertificateCode(out);
}

/** `张三丰` → `张**`: the family name and one star per remaining character. */
export function maskName(name: string): string {
  const chars = [...name];
  return chars[0] + '*'.repeat(Math.max(chars.length - 1, 1));
}

/** Payment certificates (缴费证明): issued by a unit for its employee; verified by anyone holding the code. */
export class CertificateService {
  /** Unknown codes per caller, counted in the database (login_limits) so every instance counts together. */
  private readonly misses: RateLimiterStoreAbstract;
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
    const windowSeconds = VERIFY_WINDOW_MS / 1000;
    this.misses = databaseRateLimiter(db, dialect, { keyPrefix: 'verify_misses', points: VERIFY_MISSES_ALLOWED, duration: windowSeconds });
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
    const code = newCertificateCode();
    const issuedAt = this.clock.now().toISOString();
    await this.db.transaction(async (trx) => {
      const { store, audit } = this.on(trx);
      await store.insert({
        code,
        unitId: actor.unitId,
        personId: person.id,
        from: input.from,
        to: input.to,
        months: items.length,
        issuedBy: actor.userId,
        issuedAt,
      });
      await audit.record({
        at: issuedAt,
        userId: actor.userId,
        unitId: actor.unitId,
        action: 'certificate_issued',
        entityType: 'certificate',
        entityId: code,
        after: { personId: person.id, from: input.from, to: input.to, months: items.length },
        requestId,
      });
    });
    return this.find(actor.unitId, code);
  }

  /** A certificate the unit issued, to print again; the amounts are those of its months now. */
  async find(unitId: number, rawCode: string): Promise<Certificate> {
    const store = this.store;
    const row = await store.ofUnit(unitId, normaliseCertificateCode(rawCode));
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

  /** `caller` identifies who asks (their address): unknown codes count against it, atomically across instances. */
  async verify(rawCode: string, caller: string): Promise<CertificateVerification> {
    const misses = await this.misses.get(caller);
    if (misses && misses.consumedPoints >= VERIFY_MISSES_ALLOWED) {
      const seconds = Math.max(1, Math.ceil(misses.msBeforeNext / 1000));
      throw new AppError(429, 'VERIFY_THROTTLED', { seconds, minutes: Math.ceil(seconds / 60) });
    }
    const code = normaliseCertificateCode(rawCode);
    const row = CERTIFICATE_CODE.test(code) ? await this.store.byCode(code) : undefined;
    if (!row) {
      // A miss past the allowance is refused by the limiter; it is a miss all the same.
      await this.misses.consume(caller).catch((rejection: unknown) => {
        if (rejection instanceof Error) throw rejection;
      });
      throw notFound();
    }
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
