/**
 * The sandbox's signatures: HMAC-SHA256 with the shared secret (PAYMENT_NOTIFY_SECRET) over the raw body as
 * sent (for a GET, over its path), hex, in one header. Both directions sign: the hall's requests and the
 * sandbox's notifications.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'X-Sandbox-Signature';

export function signatureOf(secret: string, payload: string | Buffer): string {
  return createHmac('sha256', secret).update(payload).digest('hex');
}

/** Compared in constant time; a missing or malformed signature never verifies. */
export function signatureVerifies(secret: string, payload: string | Buffer, signature: string | string[] | undefined): boolean {
  if (typeof signature !== 'string' || !/^[0-9a-f]{64}$/.test(signature)) return false;
  return timingSafeEqual(Buffer.from(signatureOf(secret, payload), 'hex'), Buffer.from(signature, 'hex'));
}
