import { FormControl, FormGroup } from '@angular/forms';
import type { HukouType } from '@common/api/declarations';
import type { ContactChangeInput, HukouChangeInput } from '@common/api/maintenance';
import type { InsuredPersonDetail } from '@common/api/payments';
import type { PayloadOf } from '@common/api/submissions';
import { maxLength, mobile, required } from '../shared/forms/field-validators';
import { optionalText, textControl } from '../shared/forms/form-fields';

/** The person's mobile and contact address as recorded, with the addition form's rules. */
export function contactForm(person: InsuredPersonDetail) {
  return new FormGroup({
    mobile: textControl([mobile], person.contact.mobile),
    contactAddress: textControl([maxLength('address')], person.contact.contactAddress),
  });
}

export function contactChange(form: ReturnType<typeof contactForm>): ContactChangeInput {
  const { mobile, contactAddress } = form.getRawValue();
  return { mobile: mobile.trim(), contactAddress: optionalText(contactAddress) };
}

/** The person's household registration as recorded, with the addition form's rules. */
export function hukouForm(person: InsuredPersonDetail, rejected?: PayloadOf<'hukou-change'>) {
  // A correction starts from what the rejected change asked for.
  const start = { ...person.basic, ...rejected?.after };
  return new FormGroup({
    hukouType: new FormControl<HukouType | ''>((start.hukouType as HukouType | null) ?? '', { nonNullable: true, validators: [required] }),
    hukouAddress: textControl([maxLength('address')], start.hukouAddress),
    ethnicity: textControl([maxLength('ethnicity')], start.ethnicity),
  });
}

export function hukouChange(form: ReturnType<typeof hukouForm>): HukouChangeInput {
  const { hukouType, hukouAddress, ethnicity } = form.getRawValue();
  return { hukouType: hukouType as HukouType, hukouAddress: optionalText(hukouAddress), ethnicity: optionalText(ethnicity) };
}
