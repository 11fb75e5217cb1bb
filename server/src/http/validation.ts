import type { ZodError, ZodType } from 'zod';
import { FIELD_ERROR_CODES, type FieldErrorCode } from '@common/errors';
import { invalidFields, type FieldProblem } from './errors';

const KNOWN_CODES = new Set<string>(FIELD_ERROR_CODES);

/** Maps zod's issues onto our field error codes, so every message names its field and can be translated. */
export function fieldErrorsOf(error: ZodError, prefix = ''): FieldProblem[] {
  return error.issues.map((issue) => {
    const field = [prefix, ...issue.path.map(String)].filter(Boolean).join('.') || '(body)';
    const custom = (issue as { params?: { fieldErrorCode?: string } }).params?.fieldErrorCode;
    if (custom && KNOWN_CODES.has(custom)) return { field, code: custom as FieldErrorCode };
    switch (issue.code) {
      case 'invalid_type':
        return { field, code: issue.input === undefined || issue.input === null ? 'REQUIRED' : 'INVALID' };
      case 'too_small':
        return { field, code: issue.origin === 'string' && issue.minimum === 1 ? 'REQUIRED' : 'TOO_SHORT' };
      case 'too_big':
        return { field, code: 'TOO_LONG' };
      default:
        return { field, code: 'INVALID' };
    }
  });
}

export function parseOrThrow<T>(schema: ZodType<T>, input: unknown, prefix = ''): T {
  const result = schema.safeParse(input);
  if (!result.success) throw invalidFields(fieldErrorsOf(result.error, prefix));
  return result.data;
}
