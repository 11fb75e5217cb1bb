import { Pipe, type PipeTransform } from '@angular/core';
import type { AbstractControl } from '@angular/forms';

/**
 * The translation key of a control's first error, `fieldErrors.<code>`; use as
 * `{{ form.controls.mobile | fieldError | translate }}` inside `mat-error`.
 * Impure because a control's errors change without the control itself changing.
 */
@Pipe({ name: 'fieldError', pure: false })
export class FieldErrorPipe implements PipeTransform {
  transform(control: AbstractControl): string {
    const errors = control.errors ?? {};
    // Text a datepicker could not read leaves its control empty: say the text is wrong, not missing.
    if ('matDatepickerParse' in errors) return 'fieldErrors.INVALID';
    const code = Object.keys(errors)[0];
    return code === undefined ? '' : `fieldErrors.${code}`;
  }
}
