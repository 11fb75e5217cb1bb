import type { ErrorCode, FieldErrorCode } from '@common/errors';

/** Error bodies and statuses as the API answers them, for `TestRequest.flush`. */
export const apiError = (code: ErrorCode) => ({ code, message: '' });

export const validationFailed = (...fields: [field: string, code: FieldErrorCode][]) => ({
  code: 'VALIDATION_FAILED',
  message: '',
  details: { fields: fields.map(([field, code]) => ({ field, code, message: '' })) },
});

export const CREATED = { status: 201, statusText: 'Created' };
export const BAD_REQUEST = { status: 400, statusText: 'Bad Request' };
export const CONFLICT = { status: 409, statusText: 'Conflict' };
export const SERVER_ERROR = { status: 500, statusText: 'Error' };
