import { FormControl, FormGroup, FormRecord, type ValidatorFn } from '@angular/forms';
import type { AdditionInput, AdditionOptions, EmploymentForm, HukouType, IdType, PersonnelCategory } from '@common/api/declarations';
import type { EmployeeInsuranceType } from '@common/insurance';
import { checkIdNumberOfType } from '@common/validators/id-number';
import { wageFenFromYuan } from '@common/validators/yuan';
import { maxLength, mobile, personName, required } from '../shared/forms/field-validators';
import { optionalText, textControl } from '../shared/forms/form-fields';

const wage: ValidatorFn = (control) => (wageFenFromYuan(String(control.value)) === null ? { AMOUNT_FORMAT: true } : null);

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
    name: textControl([personName]),
    idType: new FormControl<IdType>('01', { nonNullable: true }),
    idNumber: textControl([personId]),
    ethnicity: textControl([maxLength('ethnicity')]),
    hukouType: choice<HukouType>('', [required]),
    hukouAddress: textControl([maxLength('address')]),
    mobile: textControl([mobile]),
    contactAddress: textControl([maxLength('address')]),
    effectiveMonth: textControl([required], options.months[0] ?? ''),
    /** Yuan as typed; the request carries integer fen. */
    wage: textControl([required, wage]),
    personnelCategory: choice<PersonnelCategory>('in_service', [required]),
    employmentForm: choice<EmploymentForm>(''),
    workStartDate: textControl(),
    insuranceTypes: new FormRecord(Object.fromEntries(options.insuranceTypes.map((type) => [type, new FormControl(true, { nonNullable: true })])), {
      validators: atLeastOne,
    }),
    remark: textControl([maxLength('remark')]),
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
    wageFen: wageFenFromYuan(value.wage) ?? 0,
    personnelCategory: value.personnelCategory as PersonnelCategory,
    employmentForm: value.employmentForm || undefined,
    workStartDate: value.workStartDate || undefined,
    insuranceTypes: Object.entries(value.insuranceTypes)
      .filter(([, ticked]) => ticked)
      .map(([type]) => type as EmployeeInsuranceType),
    remark: optionalText(value.remark),
  };
}
