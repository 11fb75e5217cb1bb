/**
 * A person's sign-in asks for a CAPTCHA after failures: once an ID number, or an address, has 2 failed
 * sign-ins, the next attempt must carry a valid one-time CAPTCHA, checked before the password. The counts
 * live in `login_limits` (rate-limiter-flexible), so every instance agrees. Nobody is locked out: a
 * CAPTCHA costs the owner one picture; the delays stay the login throttle's.
 */
import type { Knex } from 'knex';
import type { RateLimiterStoreAbstract } from 'rate-limiter-flexible';
import { databaseRateLimiter, type Dialect } from '../db/dialect';

/** Failed sign-ins answered without a CAPTCHA; from the next one on a CAPTCHA is required. */
export const FAILURES_BEFORE_CAPTCHA = 2;
/** A run of an ID number's failures is forgotten a day after it began, or at a sign-in. */
const ID_MEMORY_SECONDS = 24 * 60 * 60;
/** An address's failures across ID numbers count for 15 minutes; a sign-in does not end them (an attacker's own account would). */
const ADDRESS_MEMORY_SECONDS = 15 * 60;

export class SignInCaptcha {
  private readonly byIdNumber: RateLimiterStoreAbstract;
  private readonly byAddress: RateLimiterStoreAbstract;

  constructor(knex: Knex, dialect: Dialect) {
    this.byIdNumber = databaseRateLimiter(knex, dialect, { keyPrefix: 'person_captcha_id', points: 1_000_000, duration: ID_MEMORY_SECONDS });
    this.byAddress = databaseRateLimiter(knex, dialect, { keyPrefix: 'person_captcha_address', points: 1_000_000, duration: ADDRESS_MEMORY_SECONDS });
  }

  async required(idNumber: string, address: string): Promise<boolean> {
    const [id, from] = await Promise.all([this.byIdNumber.get(idNumber), this.byAddress.get(address)]);
    return Math.max(id?.consumedPoints ?? 0, from?.consumedPoints ?? 0) >= FAILURES_BEFORE_CAPTCHA;
  }

  /** Counts a failed sign-in; answers whether the next one needs a CAPTCHA. */
  async failed(idNumber: string, address: string): Promise<boolean> {
    const [id, from] = await Promise.all([this.byIdNumber.penalty(idNumber), this.byAddress.penalty(address)]);
    return Math.max(id.consumedPoints, from.consumedPoints) >= FAILURES_BEFORE_CAPTCHA;
  }

  async succeeded(idNumber: string): Promise<void> {
    await this.byIdNumber.delete(idNumber);
  }
}
