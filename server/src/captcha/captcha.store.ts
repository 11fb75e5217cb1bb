import type { Knex } from 'knex';

/** A row of `registration_captchas` (named for the first form that used them; every public form shares it). */
interface CaptchaRow {
  token_hash: string;
  answer_hash: string;
  expires_at: string;
}

/** The CAPTCHAs handed out and not yet answered. */
export class CaptchaStore {
  constructor(private readonly db: Knex) {}

  async insert(tokenHash: string, answerHash: string, expiresAt: string, now: string): Promise<void> {
    // Unanswered ones past their time go as new ones come, so the table stays small without a sweep.
    await this.db<CaptchaRow>('registration_captchas').where('expires_at', '<=', now).delete();
    await this.db<CaptchaRow>('registration_captchas').insert({ token_hash: tokenHash, answer_hash: answerHash, expires_at: expiresAt });
  }

  /**
   * Uses a CAPTCHA up: deletes it and answers what it was, or undefined when it was never handed out or
   * is already used. Of two concurrent answers on any instances only the one whose delete removed the
   * row gets it (PostgreSQL's second delete waits for the first and then finds nothing).
   */
  async take(tokenHash: string): Promise<Pick<CaptchaRow, 'answer_hash' | 'expires_at'> | undefined> {
    const row = await this.db<CaptchaRow>('registration_captchas').where({ token_hash: tokenHash }).first('answer_hash', 'expires_at');
    if (!row) return undefined;
    const deleted = await this.db<CaptchaRow>('registration_captchas').where({ token_hash: tokenHash }).delete();
    return deleted === 1 ? row : undefined;
  }
}
