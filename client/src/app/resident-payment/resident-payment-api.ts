import { httpResource } from '@angular/common/http';
import type { FamilyMember, Payee, PaymentMode, QuoteRequest, ResidentPayee, ResidentQuote } from '@common/api/residents';

/** The person a payment is for, as the URL's `person` parameter writes it: `self`, `member-<id>`, or `other` (name and ID number kept off the URL). */
export type PersonChoice = { kind: 'self' } | { kind: 'member'; memberId: number } | { kind: 'other' };

export function readPersonChoice(raw: string | null): PersonChoice | null {
  if (raw === 'self' || raw === 'other') return { kind: raw };
  const member = /^member-([1-9]\d{0,9})$/.exec(raw ?? '');
  return member ? { kind: 'member', memberId: Number(member[1]) } : null;
}

export function writePersonChoice(choice: PersonChoice): string {
  return choice.kind === 'member' ? `member-${choice.memberId}` : choice.kind;
}

export const readMode = (raw: string | null): PaymentMode | null => (raw === 'daily' || raw === 'special' ? raw : null);

export const familyResource = () => httpResource<FamilyMember[]>(() => '/api/me/family');

/** The payee's registration, insurance types and open years; nothing until the payee is known. */
export function payeeResource(payee: () => Payee | null) {
  return httpResource<ResidentPayee>(() => {
    const person = payee();
    return person ? { url: '/api/me/resident-payments/payee', method: 'POST', body: { person } } : undefined;
  });
}

/** The amount and the day benefits start, computed by the server: the client never sends or edits an amount. */
export function quoteResource(request: () => QuoteRequest | null) {
  return httpResource<ResidentQuote>(() => {
    const body = request();
    return body ? { url: '/api/me/resident-payments/quote', method: 'POST', body } : undefined;
  });
}

/** The payment order (acquirer's route) is created from the same request the quote was; it answers the order's id. */
export const PAYMENT_ORDERS_URL = '/api/me/payment-orders';
