import { FormControl, FormGroup } from '@angular/forms';
import type { InsuredPerson, ReductionInput, ReductionReason } from '@common/api/declarations';
import { maxLength, required } from '../shared/forms/field-validators';
import { optionalText } from '../shared/forms/form-fields';

/** A reduction (减员): the person picked from the unit's list (ID number and name), a reason and a remark. */
export function reductionForm() {
  return new FormGroup({
    idNumber: new FormControl('', { nonNullable: true, validators: [required] }),
    name: new FormControl('', { nonNullable: true, validators: [required] }),
    reason: new FormControl<ReductionReason | ''>('', { nonNullable: true, validators: [required] }),
    remark: new FormControl('', { nonNullable: true, validators: [maxLength('remark')] }),
  });
}

export type ReductionForm = ReturnType<typeof reductionForm>;

export function pick(form: ReductionForm, person: InsuredPerson): void {
  form.patchValue({ idNumber: person.idNumber, name: person.name });
}

export function reductionInput(form: ReductionForm): ReductionInput {
  const { idNumber, name, reason, remark } = form.getRawValue();
  return { idNumber, name, reason: reason as ReductionReason, remark: optionalText(remark) };
}
