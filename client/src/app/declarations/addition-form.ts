import { FormControl, FormGroup, FormRecord, type ValidatorFn } from '@angular/forms';
import type {
  AdditionInput,
  AdditionOptions,
  EMPLOYMENT_FORMS,
  HUKOU_TYPES,
  IdType,
  PERSONNEL_CATEGORIES,
} from '@common/api/declarations';
import type { EMPLOYEE_INSURANCE_TYPES } from '@common/insurance';
import { checkIdNumberOfType } from '@common/validators/id-number';
import { maxLength, mobile, required } from '../shared/forms/field-validators';
import { optionalText, textControl } from '../shared/forms/form-fields';

type HukouType = (typeof HUKOU_TYPES)[number];
type PersonnelCategory = (typeof PERSONNEL_CATEGORIES)[number];
type EmploymentForm = (typeof EMPLOYMENT_FORMS)[number];
type EmployeeInsuranceType = (typeof EMPLOYEE_INSURANCE_TYPES)[number];

/** The most a declared wage may be: 10 million yuan, as the server's `wageFenField`. */
const MAX_WAGE_FEN = 1_000_000_000;

/**
 * Yuan as typed, `8000.5` → `800050` fen, read digit by digit so no float ever holds money;
 * null for anything that is not an amount with at most two decimals.
 */
export function parseYuan(text: string): number | null {
  const match = /^(\d{1,10})(?:\.(\d{1,2}))?$/.exec(text.trim().replace(/,/g, ''));
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

const wage: ValidatorFn = (control) => {
  const fen = parseYuan(String(control.value));
  return fen === null || fen === 0 || fen > MAX_WAGE_FEN ? { AMOUNT_FORMAT: true } : null;
};

/** The ID number, checked by the rules of the ID type chosen beside it. */
const personId: ValidatorFn = (control) => {
  const idType = (control.parent?.get('idType')?.value ?? '01') as IdType;
  const result = checkIdNumberOfType(idType, String(control.value), new Date());
  return result.ok ? null : { [result.problem]: true };
};

const atLeastOne: ValidatorFn = (control) =>
  Object.values((control as FormRecord<FormControl<boolean>>).value).some(Boolean) ? null : { REQUIRED: true };

function choice<T extends string>(value: T | '', validators: ValidatorFn[] = []) {
  return new FormControl<T | ''>(value, { nonNullable: true, validators });
}

/**
 * The addition form (增员), with the options the server allows now: its months (the first chosen) and
 * the unit's insurance types (all ticked). Resetting returns to these defaults.
 */
export function additionForm(options: AdditionOptions) {
  const form = new FormGroup({
    name: textControl([required, maxLength(50)]),
    idType: new FormControl<IdType>('01', { nonNullable: true }),
    idNumber: textControl([personId]),
    ethnicity: textControl([maxLength(20)]),
    hukouType: choice<HukouType>('', [required]),
    hukouAddress: textControl([maxLength(200)]),
    mobile: textControl([mobile]),
    contactAddress: textControl([maxLength(200)]),
    effectiveMonth: textControl([required], options.months[0] ?? ''),
    /** Yuan as typed; the request carries integer fen. */
    wage: textControl([required, wage]),
    personnelCategory: choice<PersonnelCategory>('in_service', [required]),
    employmentForm: choice<EmploymentForm>(''),
    workStartDate: textControl(),
    insuranceTypes: new FormRecord(
      Object.fromEntries(options.insuranceTypes.map((type) => [type, new FormControl(true, { nonNullable: true })])),
      { validators: atLeastOne },
    ),
    remark: textControl([maxLength(200)]),
  });
  // The ID type decides which checks the number must pass.
  form.controls.idType.valueChanges.subscribe(() => form.controls.idNumber.updateValueAndValidity());
  return form;
}

export type AdditionForm = ReturnType<typeof additionForm>;

/** The request for a valid form: trimmed text, empty optional fields left out, the wage in fen. */
export function additionInput(form: AdditionForm): AdditionInput {
  const value = form.getRawValue();
  return {
    name: value.name.trim(),
    idType: value.idType,
    idNumber: value.idNumber.trim().toUpperCase(),
    ethnicity: optionalText(value.ethnicity),
    hukouType: value.hukouType as HukouType,
    hukouAddress: optionalText(value.hukouAddress),
    mobile: value.mobile.trim(),
    contactAddress: optionalText(value.contactAddress),
    effectiveMonth: value.effectiveMonth,
    wageFen: parseYuan(value.wage) ?? 0,
    personnelCategory: value.personnelCategory as PersonnelCategory,
    employmentForm: value.employmentForm || undefined,
    workStartDate: value.workStartDate || undefined,
    insuranceTypes: Object.entries(value.insuranceTypes)
      .filter(([, ticked]) => ticked)
      .map(([type]) => type as EmployeeInsuranceType),
    remark: optionalText(value.remark),
  };
}
