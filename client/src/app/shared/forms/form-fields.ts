import { FormControl, type ValidatorFn } from '@angular/forms';

/** A text field, empty or starting from what is recorded (nothing recorded: empty). */
export const textControl = (validators: ValidatorFn[] = [], value: string | null = '') =>
  new FormControl(value ?? '', { nonNullable: true, validators });

/** An optional text field as a request carries it: trimmed, and left out when empty. */
export const optionalText = (value: string) => value.trim() || undefined;
