/**
 * Codes printed on the documents anyone may check (payment certificates, submission receipts): the same
 * format, the same public page; the `document` query parameter says which kind of document a code is of.
 */
import { z } from 'zod';

/** 16 characters of RFC 4648 base32 in four groups: `ABCD-EFGH-JKLM-NPQR`. 80 random bits. */
export const VERIFICATION_CODE = /^[A-Z2-7]{4}(-[A-Z2-7]{4}){3}$/;

/** What a user types: case and spaces forgiven, hyphens optional. */
export function normaliseVerificationCode(raw: string): string {
  const compact = raw.toUpperCase().replace(/[\s-]/g, '');
  return compact.replace(/(.{4})(?=.)/g, '$1-');
}

export const codeParams = z.object({ code: z.string().max(40) });

/** `payment`: the electronic payment receipt (社保费电子缴款单) of a resident payment. */
export const VERIFIED_DOCUMENTS = ['certificate', 'receipt', 'payment'] as const;
export type VerifiedDocument = (typeof VERIFIED_DOCUMENTS)[number];

/**
 * The verification page with the code filled in: printed as a QR code, it checks the document when opened.
 * A certificate's link has no `document` (the first certificates were printed so).
 */
export function verificationPath(document: VerifiedDocument, code: string): string {
  const path = `/verify?code=${encodeURIComponent(code)}`;
  return document === 'certificate' ? path : `${path}&document=${document}`;
}
