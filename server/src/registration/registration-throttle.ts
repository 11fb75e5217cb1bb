/**
 * The public registration's throttling per source address (Express's `req.ip`), counted in the database
 * with rate-limiter-flexible as sign-in is, so every instance counts together: CAPTCHAs handed out,
 * registrations sent and status look-ups each have their own allowance.
 */
import type { Knex } from 'knex';
import { RateLimiterRes, type RateLimiterStoreAbstract } from 'rate-limiter-flexible';
import { databaseRateLimiter, type Dialect } from '../db/dialect';
import { AppError } from '../http/errors';

export const REGISTRATION_ALLOWANCES = {
  captcha: { points: 60, duration: 15 * 60 },
  registration: { points: 10, duration: 60 * 60 },
  status: { points: 20, duration: 15 * 60 },
  /** A person's account (persons/): as many as a unit's registrations. */
  person: { points: 10, duration: 60 * 60 },
} as const;
export type RegistrationAction = keyof typeof REGISTRATION_ALLOWANCES;

export class RegistrationThrottle {
  private readonly limiters: Record<RegistrationAction, RateLimiterStoreAbstract>;

  constructor(knex: Knex, dialect: Dialect) {
    const limiter = (action: RegistrationAction) =>
      databaseRateLimiter(knex, dialect, { keyPrefix: `registration_${action}`, ...REGISTRATION_ALLOWANCES[action] });
    this.limiters = { captcha: limiter('captcha'), registration: limiter('registration'), status: limiter('status'), person: limiter('person') };
  }

  /** Counts one `action` from `address`, or refuses with 429 and the wait once its allowance is spent. */
  async consume(action: RegistrationAction, address: string): Promise<void> {
    try {
      await this.limiters[action].consume(address);
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      const seconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      throw new AppError(429, 'REGISTRATION_THROTTLED', { seconds, minutes: Math.ceil(seconds / 60) });
    }
  }
}
