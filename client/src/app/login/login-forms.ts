import { FormControl, FormGroup, type ValidatorFn } from '@angular/forms';
import { creditCode, mobile, required } from '../shared/forms/field-validators';

export type LoginRole = 'unit' | 'agent' | 'reviewer' | 'person';

/** How a role names its account on the sign-in form; `field` is the request's field, so server errors land on it. */
export interface LoginAccount<Field extends string = string> {
  field: Field;
  label: string;
  hint?: string;
  inputType: 'text' | 'tel';
  maxLength?: number;
  validator: ValidatorFn;
}

export const LOGIN_ACCOUNTS = {
  /** Unit administrator: unified social credit code. */
  unit: { field: 'creditCode', label: 'login.creditCode', hint: 'login.creditCodeHint', inputType: 'text', maxLength: 18, validator: creditCode },
  /** Agent (经办人): mobile number. */
  agent: { field: 'mobile', label: 'login.mobile', inputType: 'tel', validator: mobile },
  /** Agency reviewer: username. */
  reviewer: { field: 'username', label: 'login.username', inputType: 'text', validator: required },
  /** A person of the personal hall (个人): their ID number. */
  person: { field: 'idNumber', label: 'personal.login.idNumber', inputType: 'text', maxLength: 18, validator: required },
} as const satisfies Record<LoginRole, LoginAccount>;

type AccountField<Role extends LoginRole> = (typeof LOGIN_ACCOUNTS)[Role]['field'];

/** A role's sign-in form: its account field and the password. */
export function loginForm<Role extends LoginRole>(role: Role) {
  const account = LOGIN_ACCOUNTS[role];
  return new FormGroup({
    [account.field]: new FormControl('', { nonNullable: true, validators: [account.validator] }),
    password: new FormControl('', { nonNullable: true, validators: [required] }),
  } as Record<AccountField<Role> | 'password', FormControl<string>>);
}

export type LoginFormGroup = ReturnType<typeof loginForm>;
