/**
 * The public forms' one-time CAPTCHA (unit registration, person registration, a person's sign-in after
 * failures): self-hosted with svg-captcha; only hashes of its token and answer are kept, and answering
 * deletes it, so a used one fails on every instance.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import type { RegistrationCaptcha } from '@common/api/registration';
import type { Clock } from '../clock';
import { invalidFields } from '../http/errors';
import { CaptchaStore } from './captcha.store';

/** How long a CAPTCHA can be answered. */
export const CAPTCHA_TTL_MS = 10 * 60 * 1000;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const answerHash = (token: string, answer: string) => sha256(`${token}:${answer.trim().toLowerCase()}`);

export interface CaptchaOptions {
  /** Hands the CAPTCHA's answer out with it, for the e2e; config refuses it outside NODE_ENV=test. */
  captchaTestHook?: boolean;
}

export class CaptchaService {
  private readonly store: CaptchaStore;

  constructor(
    db: Knex,
    private readonly clock: Clock,
    private readonly options: CaptchaOptions = {},
  ) {
    this.store = new CaptchaStore(db);
  }

  /** A new CAPTCHA; only a hash of its token and of its answer is kept, until it is answered once or expires. */
  async create(): Promise<RegistrationCaptcha> {
    // Loaded on the first CAPTCHA: its font is 16 MB a server that nobody registers with never needs.
    const { default: svgCaptcha } = await import('svg-captcha');
    const { data, text } = svgCaptcha.create({ size: 5, noise: 2, ignoreChars: '0oO1ilI', background: '#ffffff' });
    const token = randomBytes(24).toString('base64url');
    const now = this.clock.now();
    await this.store.insert(sha256(token), answerHash(token, text), new Date(now.getTime() + CAPTCHA_TTL_MS).toISOString(), now.toISOString());
    return { token, svg: data, ...(this.options.captchaTestHook ? { testAnswer: text } : {}) };
  }

  /** Uses the CAPTCHA up, right or wrong; refuses on the `captchaAnswer` field unless it was right and in time. */
  async answer(token: string, answer: string): Promise<void> {
    const captcha = await this.store.take(sha256(token));
    if (!captcha || captcha.expires_at <= this.clock.now().toISOString()) throw invalidFields([{ field: 'captchaAnswer', code: 'CAPTCHA_EXPIRED' }]);
    if (captcha.answer_hash !== answerHash(token, answer)) throw invalidFields([{ field: 'captchaAnswer', code: 'CAPTCHA_WRONG' }]);
  }
}
