import type { AbstractControl } from '@angular/forms';
import { apiErrorOf } from '../../core/errors/api-error';

/**
 * Puts a VALIDATION_FAILED answer's field errors on the form's controls (by the field's dotted path), where
 * `mat-error` shows them like the form's own. True when every field error found its control; otherwise the
 * caller shows the error as a whole. `controlOf` names the control of a request field the form holds in
 * another shape (the wage typed in yuan for the request's `wageFen`).
 */
export function applyServerErrors(form: AbstractControl, error: unknown, controlOf: Readonly<Record<string, string>> = {}): boolean {
  const body = apiErrorOf(error);
  const fields = body?.code === 'VALIDATION_FAILED' ? (body.details?.fields ?? []) : [];
  let unplaced = fields.length === 0;
  for (const { field, code, message } of fields) {
    const control = form.get(controlOf[field] ?? field);
    if (control === null) {
      unplaced = true;
      continue;
    }
    control.setErrors({ ...control.errors, [code]: { server: message } });
    control.markAsTouched();
  }
  return !unplaced;
}
