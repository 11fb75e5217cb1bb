import { FormControl, FormGroup } from '@angular/forms';
import { mobile, personName } from '../shared/forms/field-validators';
import { newPassword } from '../shared/forms/password-validators';

/** A new agent: name, mobile (their login) and a first password. */
export function agentForm() {
  return new FormGroup({
    name: new FormControl('', { nonNullable: true, validators: [personName] }),
    mobile: new FormControl('', { nonNullable: true, validators: [mobile] }),
    password: new FormControl('', { nonNullable: true, validators: [newPassword] }),
  });
}
