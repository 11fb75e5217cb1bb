/**
 * Maintenance (信息变更): the unit's contacts and legal representative, its bank account, and its insured
 * persons' contact and household registration. Changes of registered facts are submissions reviewed like
 * declarations; a person's contact details apply at once.
 */
import { z } from 'zod';
import { compactAccountNumber, isBankAccountNumber, isEmail, normalisePhone } from '../validators/contact';
import { additionInput } from './declarations';
import { fieldIssue, MAX_LENGTH, pageOf, pageQuery, personNameField, requiredText } from './fields';

/** The major banks, by the codes the hall stores: the big five, the postal bank and the national joint-stock banks. */
export const BANK_CATEGORIES = [
  'ICBC',
  'ABC',
  'BOC',
  'CCB',
  'BOCOM',
  'PSBC',
  'CMB',
  'CITIC',
  'CEB',
  'CMBC',
  'CIB',
  'SPDB',
  'PAB',
  'HXB',
  'CGB',
] as const;
export type BankCategory = (typeof BANK_CATEGORIES)[number];

/** A mobile or a landline (0591-87654321). */
export const phoneField = z.string().transform((raw, ctx) => {
  const phone = normalisePhone(raw);
  if (phone === null) {
    ctx.addIssue(fieldIssue(raw.trim() === '' ? 'REQUIRED' : 'PHONE_FORMAT'));
    return z.NEVER;
  }
  return phone;
});

const optionalEmail = z
  .string()
  .trim()
  .max(MAX_LENGTH.email)
  .refine((v) => v === '' || isEmail(v), fieldIssue('EMAIL_FORMAT'))
  .optional()
  .transform((v) => v || null);

/** The unit's contact person and legal representative, as the unit wants them registered. */
export const unitInfoChangeInput = z.object({
  contactName: personNameField,
  contactPhone: phoneField,
  contactEmail: optionalEmail,
  legalRepName: personNameField,
  legalRepPhone: phoneField,
});
export type UnitInfoChangeInput = z.input<typeof unitInfoChangeInput>;
export type UnitInfoChange = z.output<typeof unitInfoChangeInput>;

/** Digits only, 10 to 30 of them; spaces between groups are dropped. Luhn is advice shown by the form, never a rule. */
export const accountNumberField = z.string().transform((raw, ctx) => {
  const digits = compactAccountNumber(raw);
  if (!isBankAccountNumber(digits)) {
    ctx.addIssue(fieldIssue(digits === '' ? 'REQUIRED' : 'BANK_ACCOUNT_FORMAT'));
    return z.NEVER;
  }
  return digits;
});

/** An account number as an agent sees it: the last four digits; the whole is the unit's administrator's alone. */
export const maskAccountNumber = (digits: string) => '*'.repeat(Math.max(0, digits.length - 4)) + digits.slice(-4);

/** A new bank account: the branch from the bundled list, and an account in the unit's own name. */
export const bankAccountChangeInput = z.object({
  bankCategory: z.enum(BANK_CATEGORIES),
  branchCode: requiredText(20),
  accountName: requiredText(100),
  accountNumber: accountNumberField,
});
export type BankAccountChangeInput = z.input<typeof bankAccountChangeInput>;
export type BankAccountChange = z.output<typeof bankAccountChangeInput>;

/** A person's contact details: they apply at once, with the same rules as in an addition. */
export const contactChangeInput = additionInput.pick({ mobile: true, contactAddress: true });
export type ContactChangeInput = z.input<typeof contactChangeInput>;
export type ContactChange = z.output<typeof contactChangeInput>;

/** A person's household registration (户籍): reviewed before it applies. */
export const hukouChangeInput = additionInput.pick({ hukouType: true, hukouAddress: true, ethnicity: true });
export type HukouChangeInput = z.input<typeof hukouChangeInput>;
export type HukouChange = z.output<typeof hukouChangeInput>;

export const bankBranch = z.object({
  /** CNAPS-style 12-digit code (联行号). */
  code: z.string(),
  bankCategory: z.enum(BANK_CATEGORIES),
  name: z.string(),
  city: z.string(),
});
export type BankBranch = z.infer<typeof bankBranch>;

/** A keyword (五一), a short name (工行福州) or pinyin initials (gsfzwy); a short page for an autocomplete. */
export const bankBranchQuery = pageQuery.extend({
  q: z.string().trim().min(1).max(30),
  bankCategory: z.enum(BANK_CATEGORIES).optional(),
  pageSize: z.coerce.number().int().min(1).max(20).default(10),
});
export type BankBranchQuery = z.input<typeof bankBranchQuery>;

export const bankBranchPage = pageOf(bankBranch);
export type BankBranchPage = z.infer<typeof bankBranchPage>;
