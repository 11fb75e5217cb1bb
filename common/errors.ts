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
  'PASSWORD_CHANGE_REQUIRED',
  'AGENT_ALREADY_BOUND',
  'AGENT_BOUND_ELSEWHERE',
  'IDEMPOTENCY_KEY_REUSED',
  'IDEMPOTENCY_IN_PROGRESS',
  'SUBMISSION_NOT_PENDING',
  'APPROVAL_CONFLICT',
  'UPLOAD_NOT_XLSX',
  'UPLOAD_TOO_LARGE',
  'UPLOAD_ZIP_BOMB',
  'UPLOAD_MACROS',
  'UPLOAD_TOO_MANY_ROWS',
  'UPLOAD_TOO_MANY_ROWS_BAD_HEADER',
  'UPLOAD_SHEET_TOO_WIDE',
  'UPLOAD_WRONG_TEMPLATE',
  'BATCH_VALIDATION_EXPIRED',
  'BATCH_VALIDATION_STALE',
  'BATCH_ALREADY_SUBMITTED',
  'BATCH_NOTHING_VALID',
  'BATCH_DRY_RUNS_TOO_MANY',
  'BATCH_DRY_RUNS_TOO_LARGE',
  'PAYLOAD_TOO_LARGE',
  'BODY_ENCODING_INVALID',
  'VERIFY_THROTTLED',
  'CHANGE_PENDING',
  'NOTHING_CHANGED',
  'REGISTRATION_THROTTLED',
  'REGISTRATION_NOT_APPROVABLE',
  'DATABASE_UNAVAILABLE',
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
  'PASSWORD_COMMON',
  'PASSWORD_CONTAINS_LOGIN',
  'PASSWORD_WRONG',
  'ID_NUMBER_REQUIRED',
  'ID_NUMBER_LEGACY_15',
  'ID_NUMBER_FORMAT',
  'ID_NUMBER_PROVINCE',
  'ID_NUMBER_BIRTH_DATE',
  'ID_NUMBER_CHECKSUM',
  'CREDIT_CODE_REQUIRED',
  'CREDIT_CODE_FORMAT',
  'CREDIT_CODE_CHECKSUM',
  'ID_NUMBER_EXCEL_NUMBER',
  'ID_NUMBER_INVISIBLE_CHARACTER',
  'FORMULA_NO_VALUE',
  'EFFECTIVE_MONTH_NOT_ALLOWED',
  'CONTRIBUTION_LIMITS_MISSING',
  'DUPLICATE_IN_FILE',
  'ALREADY_INSURED_HERE',
  'INSURED_ELSEWHERE',
  'DECLARATION_PENDING',
  'PENDING_AS_SUBMISSION',
  'ALREADY_SUBMITTED_IN_BATCH',
  'NOT_INSURED_HERE',
  'NAME_FORMAT',
  'NAME_INVISIBLE_CHARACTER',
  'NAME_MISMATCH',
  'REGISTERED_NAME_MISMATCH',
  'REDUCTION_ADDITION_PENDING',
  'NOT_IN_LIST',
  'AMOUNT_FORMAT',
  'AMOUNT_NOT_POSITIVE',
  'COLLECTION_AMOUNT_MISMATCH',
  'DATE_FORMAT',
  'MONTH_FORMAT',
  'HEADER_MISSING',
  'HEADER_UNEXPECTED',
  'REASON_REQUIRED',
  'PHONE_FORMAT',
  'EMAIL_FORMAT',
  'BANK_ACCOUNT_FORMAT',
  'ACCOUNT_NAME_MISMATCH',
  'BANK_BRANCH_UNKNOWN',
  'BANK_BRANCH_OTHER_BANK',
  'CAPTCHA_WRONG',
  'CAPTCHA_EXPIRED',
] as const;
export type FieldErrorCode = (typeof FIELD_ERROR_CODES)[number];

export interface FieldError {
  /** Dotted path of the field in the request, e.g. `mobile` or `rows.3.idNumber`. */
  field: string;
  code: FieldErrorCode;
  message: string;
  /** Values the message refers to, e.g. `{row: 7}` for a duplicate. */
  params?: Record<string, string | number>;
}

/** The body of every error response. */
export interface ApiErrorBody {
  code: ErrorCode;
  message: string;
  details?: { fields?: FieldError[]; retryAfterSeconds?: number; requestId?: string };
}
