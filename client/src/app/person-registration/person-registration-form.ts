import { FormControl, FormGroup } from '@angular/forms';
import type { PersonRegistrationInput } from '@common/api/personal';
import { maxLength, mobile, personName, required } from '../shared/forms/field-validators';
import { confirmationOf, textControl } from '../shared/forms/form-fields';
import { newPasswordOf } from '../shared/forms/password-validators';

/** A person's registration: name, ID number, mobile, the password (twice) and the CAPTCHA's answer. */
export function personRegistrationForm() {
  const password = new FormControl('', { nonNullable: true });
  const form = new FormGroup({
    name: textControl([personName]),
    idNumber: textControl([required, maxLength('idNumber')]),
    mobile: textControl([mobile]),
    password,
    confirmation: confirmationOf(password),
    captchaAnswer: textControl([required]),
  });
  // The password must not contain the ID number (the login) or the mobile number.
  password.setValidators(newPasswordOf(() => [form.controls.idNumber.value.trim().toUpperCase(), form.controls.mobile.value.trim()]));
  return form;
}
export type PersonRegistrationForm = ReturnType<typeof personRegistrationForm>;

export function personRegistration(form: PersonRegistrationForm, captchaToken: string): PersonRegistrationInput {
  const { confirmation: _, ...v } = form.getRawValue();
  return { ...v, captchaToken };
}
