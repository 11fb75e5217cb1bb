/**
 * Sign-in throttling, counted in the database with rate-limiter-flexible so that concurrent guesses and
 * several instances cannot lose a count:
 * - per account and source address: one password check at a time, and after the second failure in a
 *   row each further one waits 5 s, then 10 s, 20 s … up to 15 minutes. Nobody elsewhere is slowed
 *   down, so guessing from one address never locks the owner out;
 * - per source address, across accounts: 20 failures per 15 minutes, 100 per day.
 * The source address is Express's `req.ip`: X-Forwarded-For counts only from the proxies in TRUST_PROXY.
 */
import type { Knex } from 'knex';
import { RateLimiterRes, RateLimiterUnion, type RateLimiterStoreAbstract } from 'rate-limiter-flexible';
import { databaseRateLimiter, type Dialect } from '../db/dialect';
import { AppError } from '../http/errors';

/** Failures in a row answered at once; the next one starts the delays. */
export const FREE_FAILURES = 2;
export const FIRST_DELAY_SECONDS = 5;
export const LONGEST_DELAY_SECONDS = 15 * 60;
/** A run of failures of one account from one address is forgotten a day after it began, or at a sign-in. */
const FAILURE_MEMORY_SECONDS = 24 * 60 * 60;
/** Longest a password check may hold its account and address; it normally lets go at once. */
const CHECK_HOLD_SECONDS = 10;
export const ADDRESS_FAILURES = [
  { points: 20, duration: 15 * 60 },
  { points: 100, duration: 24 * 60 * 60 },
] as const;

/** The delay after the n-th failure in a row. */
export function delayAfterFailures(failures: number): number {
  if (failures <= FREE_FAILURES) return 0;
  return Math.min(FIRST_DELAY_SECONDS * 2 ** (failures - FREE_FAILURES - 1), LONGEST_DELAY_SECONDS);
}

interface SignInAttempt {
  accountKey: string;
  address: string;
}

const waitError = (seconds: number) => {
  const whole = Math.max(1, Math.ceil(seconds));
  return new AppError(429, whole >= LONGEST_DELAY_SECONDS ? 'LOGIN_LOCKED' : 'LOGIN_THROTTLED', {
    seconds: whole,
    minutes: Math.ceil(whole / 60),
  });
};

export class LoginThrottle {
  /** Held (1 point) while a password is checked, then blocked for the delay the failures earned. */
  private readonly checks: RateLimiterStoreAbstract;
  private readonly failures: RateLimiterStoreAbstract;
  private readonly addressTiers: RateLimiterStoreAbstract[];
  private readonly addresses: RateLimiterUnion;

  constructor(knex: Knex, dialect: Dialect) {
    this.checks = databaseRateLimiter(knex, dialect, { keyPrefix: 'login_check', points: 1, duration: CHECK_HOLD_SECONDS });
    this.failures = databaseRateLimiter(knex, dialect, { keyPrefix: 'login_failures', points: 1_000_000, duration: FAILURE_MEMORY_SECONDS });
    this.addressTiers = ADDRESS_FAILURES.map((tier, i) => databaseRateLimiter(knex, dialect, { keyPrefix: `login_address_${i}`, ...tier }));
    this.addresses = new RateLimiterUnion(...this.addressTiers);
  }

  /**
   * Runs a password check as one attempt: refused with 429 while this account and address (or the
   * address) must wait; `verify` answers what it found, or null when wrong, which is counted and answered
   * with `wrong()` (or with the wait it earned). A right answer ends the run of failures.
   */
  async check<T>(role: string, login: string, address: string, verify: () => Promise<T | null>, wrong: () => Error): Promise<T> {
    const attempt = await this.begin(role, login, address);
    let found: T | null;
    try {
      found = await verify();
    } catch (error) {
      await this.abandon(attempt);
      throw error;
    }
    if (found === null) {
      const delay = await this.failed(attempt);
      throw delay > 0 ? waitError(delay) : wrong();
    }
    await this.succeeded(attempt);
    return found;
  }

  /**
   * Reserves a password check, or refuses with 429. An attempt is counted against its address before
   * it is checked (given back if it succeeds), so concurrent guesses cannot all slip under the limit.
   */
  private async begin(role: string, login: string, address: string): Promise<SignInAttempt> {
    const attempt = { accountKey: `${role}:${login}@${address}`, address };
    try {
      await this.addresses.consume(address);
    } catch (rejection) {
      throw waitError(msBeforeNextOf(rejection) / 1000);
    }
    try {
      await this.checks.consume(attempt.accountKey);
    } catch (rejection) {
      await this.giveBackAddress(address);
      throw waitError(msBeforeNextOf(rejection) / 1000);
    }
    return attempt;
  }

  /** A wrong password or unknown login: counted, and the next check of this account from this address waits. */
  private async failed(attempt: SignInAttempt): Promise<number> {
    const { consumedPoints } = await this.failures.penalty(attempt.accountKey);
    const delay = delayAfterFailures(consumedPoints);
    if (delay > 0) await this.checks.block(attempt.accountKey, delay);
    else await this.checks.delete(attempt.accountKey);
    return delay;
  }

  /** Signed in: the account's run of failures from this address is over, and the attempt was no failure. */
  private async succeeded(attempt: SignInAttempt): Promise<void> {
    await Promise.all([this.checks.delete(attempt.accountKey), this.failures.delete(attempt.accountKey), this.giveBackAddress(attempt.address)]);
  }

  /** The check could not finish (an error of ours): let go without counting it. */
  private async abandon(attempt: SignInAttempt): Promise<void> {
    await Promise.all([this.checks.delete(attempt.accountKey), this.giveBackAddress(attempt.address)]);
  }

  private async giveBackAddress(address: string): Promise<void> {
    await Promise.all(this.addressTiers.map((tier) => tier.reward(address)));
  }
}

/** How long a rejection asks to wait: a RateLimiterRes, or the union's rejected limiters by key prefix. */
function msBeforeNextOf(rejection: unknown): number {
  if (rejection instanceof Error) throw rejection;
  if (rejection instanceof RateLimiterRes) return rejection.msBeforeNext;
  const results = Object.values(rejection as Record<string, RateLimiterRes | Error>);
  // The union rejects with each limiter's own rejection: a store that failed (database busy) is no wait.
  const failed = results.find((r) => r instanceof Error);
  if (failed) throw failed;
  return Math.max(0, ...results.map((r) => (r as RateLimiterRes).msBeforeNext));
}
