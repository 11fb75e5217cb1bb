import { HttpHeaders } from '@angular/common/http';

/**
 * A fresh Idempotency-Key. `crypto.randomUUID` exists only in secure contexts (https, localhost); a hall
 * served over plain http on an intranet address still needs a key, so random bytes stand in there.
 */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function idempotencyHeaders(key: string): HttpHeaders {
  return new HttpHeaders({ 'Idempotency-Key': key });
}

/**
 * The key of one submission: a retry or a double click of the same request sends the same key, so the server
 * creates it once; a changed request, or the next one after a success, gets a new key.
 */
export class SubmissionKey {
  private last: { request: string; key: string } | null = null;

  for(request: unknown): string {
    const body = JSON.stringify(request);
    if (this.last?.request !== body) this.last = { request: body, key: newIdempotencyKey() };
    return this.last.key;
  }

  /** The server has the submission: sending the same content again is a new submission. */
  done(): void {
    this.last = null;
  }
}
