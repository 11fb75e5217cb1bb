/**
 * Idempotency keys: a client sends `Idempotency-Key` with a submission and sends the same key when it
 * retries. The first request's status and body are kept per user and unit and replayed to a retry with
 * the same body; the table's primary key decides which request is first, across any number of instances.
 */
import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import type { Clock } from '../clock';
import { AppError, invalidFields } from './errors';
import { IdempotencyKeyStore } from './idempotency.store';

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
/** After a day a key is forgotten, and the table does not grow without end. */
const KEPT_MS = 24 * 60 * 60 * 1000;
/**
 * A claim still unanswered after this long belongs to a request whose process died (a restart, a crash):
 * a retry takes the claim over and runs. Should the first request still be running after all, the
 * database's own rules (one pending per person, a dry run submitted once) refuse its double.
 */
const LEASE_MS = 30 * 1000;
const KEY_PATTERN = /^[\x21-\x7e]{1,100}$/;

/** Whose key it is: a user acting for a unit (null: a reviewer). */
export interface KeyOwner {
  userId: number;
  unitId: number | null;
}

export interface StoredResponse {
  status: number;
  body: unknown;
}

/** What makes two requests the same: method, path and body. */
export function requestHash(method: string, path: string, body: unknown): string {
  return createHash('sha256')
    .update(`${method} ${path}\n${JSON.stringify(body ?? null)}`)
    .digest('hex');
}

export class IdempotencyKeys {
  private readonly store: IdempotencyKeyStore;

  constructor(
    db: Knex,
    private readonly clock: Clock,
  ) {
    this.store = new IdempotencyKeyStore(db);
  }

  /**
   * Runs `handle` once per user, unit and key. A retry with the same request gets the stored response;
   * with another request 422; while the first is still running 409, until its lease has run out. A
   * failed first run leaves no trace, so its retry runs again (nothing was written: the use case's
   * transaction rolled back).
   */
  async once(owner: KeyOwner, key: string, hash: string, handle: () => Promise<StoredResponse>): Promise<StoredResponse & { replayed: boolean }> {
    if (!KEY_PATTERN.test(key)) throw invalidFields([{ field: IDEMPOTENCY_HEADER, code: 'INVALID' }]);
    const now = this.clock.now();
    const claimedAt = now.toISOString();
    const store = this.store;
    const id = { user_id: owner.userId, unit_id: owner.unitId ?? 0, key };
    await store.forgetOlderThan(owner.userId, new Date(now.getTime() - KEPT_MS).toISOString());

    if (!(await store.claim(id, hash, claimedAt))) {
      const first = await store.find(id);
      if (first && first.requestHash !== hash) throw new AppError(422, 'IDEMPOTENCY_KEY_REUSED');
      if (first?.response) return { ...first.response, replayed: true };
      // The condition on the claim's time lets one retry, of any number at once, take an orphaned claim.
      if (!(await store.takeOver(id, new Date(now.getTime() - LEASE_MS).toISOString(), claimedAt))) {
        throw new AppError(409, 'IDEMPOTENCY_IN_PROGRESS');
      }
    }

    let response: StoredResponse;
    try {
      response = await handle();
    } catch (error) {
      // Only while the claim is still this request's: a retry may have taken it over.
      await store.release(id, claimedAt);
      throw error;
    }
    await store.answer(id, claimedAt, response);
    return { ...response, replayed: false };
  }
}
