/**
 * Unit registration (单位注册 / 参保登记): a unit without an online account registers on a public page,
 * behind a one-time CAPTCHA, and its administrator can sign in once a reviewer has approved it. A unit
 * already on the agency's record is checked against the record; a new unit is an insurance registration
 * that receives its unit number and registration date on approval.
 */
import { z } from 'zod';
import { compactAccountNumber, isEmail } from '../validators/contact';
import { passwordProblem } from '../validators/password';
import { UNIT_TYPES } from './unit-codes';
import { accountNumberField, BANK_CATEGORIES } from './maintenance';
import { creditCodeField, fieldIssue, idNumberField, MAX_LENGTH, mobileField, newPasswordField, personNameField, requiredText } from './fields';

/** A CAPTCHA to answer once: the image and the token the answer is sent back with. */
export const registrationCaptcha = z.object({
  token: z.string(),
  svg: z.string(),
  /** Only from a server started with CAPTCHA_TEST_HOOK (refused outside NODE_ENV=test): the answer, for the e2e. */
  testAnswer: z.string().optional(),
});
export type RegistrationCaptcha = z.infer<typeof registrationCaptcha>;

const requiredEmail = z
  .string()
  .trim()
  .max(MAX_LENGTH.email)
  .superRefine((v, ctx) => {
    if (!isEmail(v)) ctx.addIssue(fieldIssue(v === '' ? 'REQUIRED' : 'EMAIL_FORMAT'));
  });

/** The unit's facts as the applicant registers them: what the reviewer compares with the record. */
export const unitRegistrationFacts = z.object({
  creditCode: creditCodeField,
  unitName: requiredText(100),
  unitType: z.enum(UNIT_TYPES),
  address: requiredText(200),
  legalRepName: personNameField,
  legalRepIdNumber: idNumberField,
  legalRepPhone: mobileField,
  contactName: personNameField,
  contactPhone: mobileField,
  contactEmail: requiredEmail,
  bankCategory: z.enum(BANK_CATEGORIES),
  branchCode: requiredText(20),
  accountName: requiredText(100),
  accountNumber: accountNumberField,
});

/** The registration form: the unit's facts, the administrator's password and the CAPTCHA's answer. */
export const unitRegistrationInput = unitRegistrationFacts
  .extend({
    password: newPasswordField,
    captchaToken: requiredText(200),
    captchaAnswer: requiredText(10),
  })
  .superRefine((value, ctx) => {
    // The account name must be the unit's own; the branch is checked against the bundled list on the server.
    if (value.accountName !== value.unitName) ctx.addIssue({ ...fieldIssue('ACCOUNT_NAME_MISMATCH'), path: ['accountName'] });
    if (passwordProblem(value.password, [value.creditCode]) === 'PASSWORD_CONTAINS_LOGIN') {
      ctx.addIssue({ ...fieldIssue('PASSWORD_CONTAINS_LOGIN'), path: ['password'] });
    }
  });
export type UnitRegistrationInput = z.input<typeof unitRegistrationInput>;
export type UnitRegistration = z.output<typeof unitRegistrationInput>;

/** The registered facts a registration is about, every one a string (null when the record lacks it). */
export const REGISTRATION_FIELDS = [
  'creditCode',
  'unitName',
  'unitType',
  'address',
  'legalRepName',
  'legalRepIdNumber',
  'legalRepPhone',
  'contactName',
  'contactPhone',
  'contactEmail',
  'bankCategory',
  'branchName',
  'branchCode',
  'accountName',
  'accountNumber',
] as const;
export type RegistrationField = (typeof REGISTRATION_FIELDS)[number];

/** Answered at submission: the code that, with the credit code, shows the registration's status. */
export const registrationReceipt = z.object({ statusCode: z.string() });
export type RegistrationReceipt = z.infer<typeof registrationReceipt>;

/** Eight characters without look-alikes (no 0/O, 1/I/L). */
export const STATUS_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const STATUS_CODE_LENGTH = 8;

export const registrationStatusQuery = z.object({
  creditCode: creditCodeField,
  statusCode: z
    .string()
    .transform((v) => compactAccountNumber(v).toUpperCase())
    .pipe(z.string().length(STATUS_CODE_LENGTH)),
});
export type RegistrationStatusQuery = z.input<typeof registrationStatusQuery>;

/** What the public status page tells: the status, and the reviewer's reason once rejected; nothing else. */
export const registrationStatus = z.object({
  status: z.enum(['pending', 'approved', 'rejected']),
  reason: z.string().nullable(),
});
export type RegistrationStatus = z.infer<typeof registrationStatus>;
