/**
 * What the documents anyone may check share (payment certificates, submission receipts): their codes, how a
 * person is masked, and one count of a caller's misses across every kind, so guessing gains nothing by
 * switching between them.
 */
import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import type { RateLimiterStoreAbstract } from 'rate-limiter-flexible';
import { normaliseVerificationCode, VERIFICATION_CODE } from '@common/api/verification';
import { databaseRateLimiter, type Dialect } from '../db/dialect';
import { AppError, notFound } from '../http/errors';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** Guessing is hopeless at 80 bits; still, a caller who misses this often in the window waits out the block. */
export const VERIFY_MISSES_ALLOWED = 20;
export const VERIFY_WINDOW_MS = 15 * 60 * 1000;

/** 16 base32 characters from 10 random bytes (80 bits), grouped by four. */
export function newVerificationCode(): string {
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
  return normaliseVerificationCode(out);
}

/** `张三丰` → `张**`: the family name and one star per remaining character. */
export function maskName(name: string): string {
  const chars = [...name];
  return chars[0] + '*'.repeat(Math.max(chars.length - 1, 1));
}

/** The public lookup of a code: unknown codes count against the caller, atomically across instances. */
export class CodeVerifier {
  /** Unknown codes per caller, counted in the database (login_limits) so every instance counts together. */
  private readonly misses: RateLimiterStoreAbstract;

  constructor(db: Knex, dialect: Dialect) {
    const windowSeconds = VERIFY_WINDOW_MS / 1000;
    this.misses = databaseRateLimiter(db, dialect, { keyPrefix: 'verify_misses', points: VERIFY_MISSES_ALLOWED, duration: windowSeconds });
  }

  /** `caller` identifies who asks (their address); `find` looks a well-formed code up. Unknown codes: 404. */
  async verify<T>(rawCode: string, caller: string, find: (code: string) => Promise<T | undefined>): Promise<T> {
    const misses = await this.misses.get(caller);
    if (misses && misses.consumedPoints >= VERIFY_MISSES_ALLOWED) {
      const seconds = Math.max(1, Math.ceil(misses.msBeforeNext / 1000));
      throw new AppError(429, 'VERIFY_THROTTLED', { seconds, minutes: Math.ceil(seconds / 60) });
    }
    const code = normaliseVerificationCode(rawCode);
    const found = VERIFICATION_CODE.test(code) ? await find(code) : undefined;
    if (found === undefined) {
      // A miss past the allowance is refused by the limiter; it is a miss all the same.
      await this.misses.consume(caller).catch((rejection: unknown) => {
        if (rejection instanceof Error) throw rejection;
      });
      throw notFound();
    }
    return found;
  }
}
