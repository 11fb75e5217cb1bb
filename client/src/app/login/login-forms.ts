import { FormControl, FormGroup } from '@angular/forms';
import { creditCode, mobile, required } from '../shared/forms/field-validators';

/** Unit administrator: unified social credit code + password. */
export function unitLoginForm() {
  return new FormGroup({
    creditCode: new FormControl('', { nonNullable: true, validators: [creditCode] }),
    password: new FormControl('', { nonNullable: true, validators: [required] }),
  });
}

/** Agent (经办人): mobile number + password. */
export function agentLoginForm() {
  return new FormGroup({
    mobile: new FormControl('', { nonNullable: true, validators: [mobile] }),
    password: new FormControl('', { nonNullable: true, validators: [required] }),
  });
}

/** Agency reviewer: username + password. */
export function reviewerLoginForm() {
  return new FormGroup({
    username: new FormControl('', { nonNullable: true, validators: [required] }),
    password: new FormControl('', { nonNullable: true, validators: [required] }),
  });
}
