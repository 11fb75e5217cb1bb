import type { Knex } from 'knex';

/** One idempotency key of a user in a unit (unit 0: a reviewer, who acts for no unit). */
export interface IdempotencyKeyId {
  user_id: number;
  unit_id: number;
  key: string;
}

interface IdempotencyKeyRow extends IdempotencyKeyId {
  request_hash: string;
  created_at: string;
  response_status: number | null;
  response_body: string | null;
}

/** A key's claim: which request first used it, and its response once there is one. */
export interface KeyClaim {
  requestHash: string;
  response: { status: number; body: unknown } | null;
}

/** The `idempotency_keys` table; a claim is known by its key and the time it was claimed at. */
export class IdempotencyKeyStore {
  constructor(private readonly db: Knex) {}

  private key(id: IdempotencyKeyId) {
    return this.db<IdempotencyKeyRow>('idempotency_keys').where(id);
  }

  async forgetOlderThan(userId: number, before: string): Promise<void> {
    await this.db('idempotency_keys').where('user_id', userId).andWhere('created_at', '<', before).delete();
  }

  /** True when this request is the first with the key: the table's primary key decides. */
  async claim(id: IdempotencyKeyId, requestHash: string, at: string): Promise<boolean> {
    const claimed = await this.db('idempotency_keys')
      .insert({ ...id, request_hash: requestHash, created_at: at })
      .onConflict(['user_id', 'unit_id', 'key'])
      .ignore()
      .returning('key');
    return claimed.length > 0;
  }

  async find(id: IdempotencyKeyId): Promise<KeyClaim | undefined> {
    const row = await this.key(id).first();
    if (!row) return undefined;
    return {
      requestHash: row.request_hash,
      response: row.response_status === null ? null : { status: row.response_status, body: JSON.parse(row.response_body!) },
    };
  }

  /** Takes over a claim still unanswered since before `leaseEnd`; false when it is not (or no longer) such a claim. */
  async takeOver(id: IdempotencyKeyId, leaseEnd: string, at: string): Promise<boolean> {
    const taken = await this.key(id).whereNull('response_status').andWhere('created_at', '<', leaseEnd).update({ created_at: at });
    return taken === 1;
  }

  /** Gives the claim made at `claimedAt` up; nothing happens when a retry has taken it over. */
  async release(id: IdempotencyKeyId, claimedAt: string): Promise<void> {
    await this.key(id).where('created_at', claimedAt).delete();
  }

  /** Keeps the response of the claim made at `claimedAt`; nothing happens when a retry has taken it over. */
  async answer(id: IdempotencyKeyId, claimedAt: string, response: { status: number; body: unknown }): Promise<void> {
    await this.key(id)
      .where('created_at', claimedAt)
      .update({ response_status: response.status, response_body: JSON.stringify(response.body ?? null) });
  }
}
