/**
 * Every error the API can answer with. The client translates `errors.<code>`; the server words its own
 * `message` from the same catalogue (client/public/i18n), so the three languages are kept in one place.
 */
export const ERROR_CODES = [
  'VALIDATION_FAILED',
  'UNAUTHENTICATED',
  'SESSION_EXPIRED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CSRF_INVALID',
  'LOGIN_FAILED',
  'LOGIN_THROTTLED',
  'LOGIN_LOCKED',
  'ACCOUNT_DISABLED',
  'UNIT_NOT_SELECTED',
  'AGENT_ALREADY_BOUND',
  'IDEMPOTENCY_KEY_REUSED',
  'PAYLOAD_TOO_LARGE',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Codes for a single field; a form shows `fieldErrors.<code>` under the field. */
export const FIELD_ERROR_CODES = [
  'REQUIRED',
  'TOO_LONG',
  'TOO_SHORT',
  'INVALID',
  'MOBILE_FORMAT',
  'PASSWORD_WEAK',
  'ID_NUMBER_REQUIRED',
  'ID_NUMBER_LEGACY_15',
  'ID_NUMBER_FORMAT',
  'ID_NUMBER_PROVINCE',
  'ID_NUMBER_BIRTH_DATE',
  'ID_NUMBER_CHECKSUM',
  'CREDIT_CODE_REQUIRED',
  'CREDIT_CODE_FORMAT',
  'CREDIT_CODE_CHECKSUM',
] as const;
export type FieldErrorCode = (typeof FIELD_ERROR_CODES)[number];

export interface FieldError {
  /** Dotted path of the field in the request, e.g. `mobile` or `rows.3.idNumber`. */
  field: string;
  code: FieldErrorCode;
  message: string;
}

/** The body of every error response. */
export interface ApiErrorBody {
  code: ErrorCode;
  message: string;
  details?: { fields?: FieldError[]; retryAfterSeconds?: number; requestId?: string };
}
