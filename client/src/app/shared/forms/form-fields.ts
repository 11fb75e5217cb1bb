import { FormControl, type AbstractControl, type ValidationErrors, type ValidatorFn } from '@angular/forms';

/** A text field, empty or starting from what is recorded (nothing recorded: empty). */
export const textControl = (validators: ValidatorFn[] = [], value: string | null = '') =>
  new FormControl(value ?? '', { nonNullable: true, validators });

/** An optional text field as a request carries it: trimmed, and left out when empty. */
export const optionalText = (value: string) => value.trim() || undefined;

/** A new password typed a second time: `mismatch` until it equals `password`, re-checked as that changes. */
export function confirmationOf(password: FormControl<string>): FormControl<string> {
  const sameAsPassword = (control: AbstractControl<string>): ValidationErrors | null =>
    control.value === password.value ? null : { mismatch: true };
  const confirmation = new FormControl('', { nonNullable: true, validators: [sameAsPassword] });
  password.valueChanges.subscribe(() => confirmation.updateValueAndValidity({ emitEvent: false }));
  return confirmation;
}
