/**
 * Field limits, without zod: the client's first-loaded validators read them, and importing the schemas
 * (fields.ts) would pull zod into the login page's bundle.
 */
import { PERSON_NAME_MAX_LENGTH } from '../validators/person-name';

/** The longest text each kind of field takes: the schemas and the client's forms both read these. */
export const MAX_LENGTH = {
  personName: PERSON_NAME_MAX_LENGTH,
  idNumber: 18,
  ethnicity: 20,
  address: 200,
  remark: 200,
  reviewReason: 500,
  email: 100,
  collectionSerial: 40,
} as const;

/** The most a declared monthly wage may be: 10 million yuan, in fen. */
export const MAX_WAGE_FEN = 1_000_000_000;
