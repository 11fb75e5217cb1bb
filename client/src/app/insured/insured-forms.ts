import { FormControl, FormGroup, type ValidatorFn } from '@angular/forms';
import type { HUKOU_TYPES } from '@common/api/declarations';
import type { ContactChangeInput, HukouChangeInput } from '@common/api/maintenance';
import type { InsuredPersonDetail } from '@common/api/payments';
import { maxLength, mobile, required } from '../shared/forms/field-validators';

type HukouType = (typeof HUKOU_TYPES)[number];

const text = (value: string | null, validators: ValidatorFn[]) => new FormControl(value ?? '', { nonNullable: true, validators });
const optional = (value: string) => value.trim() || undefined;

/** The person's mobile and contact address as recorded, with the addition form's rules. */
export function contactForm(person: InsuredPersonDetail) {
  return new FormGroup({
    mobile: text(person.contact.mobile, [mobile]),
    contactAddress: text(person.contact.contactAddress, [maxLength(200)]),
  });
}

export function contactChange(form: ReturnType<typeof contactForm>): ContactChangeInput {
  const { mobile, contactAddress } = form.getRawValue();
  return { mobile: mobile.trim(), contactAddress: optional(contactAddress) };
}

/** The person's household registration as recorded, with the addition form's rules. */
export function hukouForm(person: InsuredPersonDetail) {
  return new FormGroup({
    hukouType: new FormControl<HukouType | ''>((person.basic.hukouType as HukouType | null) ?? '', { nonNullable: true, validators: [required] }),
    hukouAddress: text(person.basic.hukouAddress, [maxLength(200)]),
    ethnicity: text(person.basic.ethnicity, [maxLength(20)]),
  });
}

export function hukouChange(form: ReturnType<typeof hukouForm>): HukouChangeInput {
  const { hukouType, hukouAddress, ethnicity } = form.getRawValue();
  return { hukouType: hukouType as HukouType, hukouAddress: optional(hukouAddress), ethnicity: optional(ethnicity) };
}
