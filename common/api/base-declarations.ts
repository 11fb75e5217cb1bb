/**
 * The annual contribution base declaration (年度缴费基数申报): once a year, in its window, a unit declares
 * for each insured employee last year's average monthly wage; clamped to the contribution year's floor
 * and ceiling it becomes the person's base from the first month of that year, once a reviewer approves.
 * Money in integer fen, months as `YYYYMM`, days as `YYYY-MM-DD` in Asia/Shanghai.
 */
import { z } from 'zod';
import { feePeriodField, isoDate, wageFenField } from './addition-fields';
import { idNumberField, pageOf, pageQuery, personNameField } from './fields';

export const BASE_DECLARATION_KIND = 'base-declaration';

/** A contribution year and its declaration window, as configured for it (base_declaration_rules). */
export const contributionYear = z.object({
  /** The first and last month the declared bases are for. */
  firstMonth: z.string(),
  lastMonth: z.string(),
  /** The window, both days included. */
  opensOn: isoDate,
  closesOn: isoDate,
  /** The year's floor and ceiling (60 % and 300 % of its average wage in the demo). */
  floorFen: z.number().int(),
  ceilingFen: z.number().int(),
});
export type ContributionYear = z.infer<typeof contributionYear>;

/** The unit's view of the declaration: the year it is about, and whether its window is open today. */
export const baseDeclarationStatus = z.object({
  /** The latest year whose window has opened; null when none is configured. */
  year: contributionYear.nullable(),
  open: z.boolean(),
  /** The next window, when the current one is closed and another is configured. */
  next: contributionYear.nullable(),
});
export type BaseDeclarationStatus = z.infer<typeof baseDeclarationStatus>;

/** One declaration from the insured list. */
export const baseDeclarationInput = z.object({
  personId: z.number().int().positive(),
  wageFen: wageFenField,
});
export type BaseDeclarationInput = z.input<typeof baseDeclarationInput>;

/** A row of the batch template: the current base is prefilled for reference and not read back as a declaration. */
export const baseDeclarationRow = z.object({
  name: personNameField,
  idNumber: idNumberField,
  currentBaseFen: z.number().int().nonnegative().optional(),
  wageFen: wageFenField,
});
export type BaseDeclarationRow = z.output<typeof baseDeclarationRow>;

/** What a base declaration carries for review: the base it replaces, the wage declared and the base it becomes. */
export const baseDeclarationPayload = z.object({
  currentBaseFen: z.number().int(),
  wageFen: z.number().int(),
  baseFen: z.number().int(),
  floorFen: z.number().int(),
  ceilingFen: z.number().int(),
  lastMonth: feePeriodField,
});
export type BaseDeclarationPayload = z.output<typeof baseDeclarationPayload>;

/** Undeclared: neither pending nor approved for the year; declared: an approved base from the year's first month. */
export const BASE_PERSON_STATUSES = ['undeclared', 'pending', 'declared'] as const;
export type BasePersonStatus = (typeof BASE_PERSON_STATUSES)[number];

export const basePerson = z.object({
  personId: z.number().int(),
  name: z.string(),
  idNumberMasked: z.string(),
  currentBaseFen: z.number().int(),
  status: z.enum(BASE_PERSON_STATUSES),
  /** The approved (or pending) declaration of the year. */
  wageFen: z.number().int().nullable(),
  baseFen: z.number().int().nullable(),
});
export type BasePerson = z.infer<typeof basePerson>;

export const basePersonQuery = pageQuery.extend({
  status: z.enum(BASE_PERSON_STATUSES).default('undeclared'),
  /** ID number or name, or the start of either. */
  q: z.string().trim().max(50).optional(),
});
export type BasePersonQuery = z.input<typeof basePersonQuery>;

export const basePersonPage = pageOf(basePerson);
export type BasePersonPage = z.infer<typeof basePersonPage>;
