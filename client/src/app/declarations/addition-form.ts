import { FormControl, FormGroup, FormRecord, type AbstractControl, type ValidatorFn } from '@angular/forms';
import { ADDITION_FIELD_LIST, type ADDITION_FIELDS, type AdditionField, type AdditionFieldKey } from '@common/api/addition-fields';
import type { AdditionInput, AdditionOptions, IdType } from '@common/api/declarations';
import type { AdditionPayload } from '@common/api/submissions';
import { personNameField } from '@common/api/fields';
import { checkIdNumberOfType } from '@common/validators/id-number';
import { wageFenFromYuan } from '@common/validators/yuan';
import { maxLength, mobile, personName, required } from '../shared/forms/field-validators';
import { optionalText, textControl } from '../shared/forms/form-fields';

const wage: ValidatorFn = (control) => (wageFenFromYuan(String(control.value)) === null ? { AMOUNT_FORMAT: true } : null);

/** The ID number, checked by the rules of the ID type chosen beside it. */
const personId: ValidatorFn = (control) => {
  const idType = (control.parent?.get('idType')?.value || '01') as IdType;
  const result = checkIdNumberOfType(idType, String(control.value), new Date());
  return result.ok ? null : { [result.problem]: true };
};

const atLeastOne: ValidatorFn = (control) =>
  Object.values((control as FormRecord<FormControl<boolean>>).value).some(Boolean) ? null : { REQUIRED: true };

type Fields = typeof ADDITION_FIELDS;
/** A field's control: its name is the key unless the registry names it (the wage, typed in yuan). */
export const controlName = (field: { key: string } & AdditionField) => field.form.name ?? field.key;
type ControlNameOf<K extends AdditionFieldKey> = Fields[K]['form'] extends { name: infer N extends string } ? N : K;
/** Codes of an enumeration (or empty: none chosen), ticks of a list of codes, text otherwise. */
type ControlOf<F> = F extends { control: 'enumList' }
  ? FormRecord<FormControl<boolean>>
  : F extends { codes: { values: readonly (infer C extends string)[] } }
    ? FormControl<C | ''>
    : FormControl<string>;
export type AdditionControls = { [K in AdditionFieldKey as ControlNameOf<K>]: ControlOf<Fields[K]> };

/** The checks of a field, from its facts in the registry (common/api/addition-fields.ts). */
function validatorsOf(field: AdditionField): ValidatorFn[] {
  // A name takes the one rule for persons' names (common/validators/person-name.ts), as its schema does.
  if (field.schema === personNameField) return [personName];
  const limit = field.maxLength === undefined ? [] : [maxLength(field.maxLength)];
  switch (field.control) {
    case 'id':
      return [personId];
    case 'mobile':
      return [mobile];
    case 'amount':
      return [required, wage];
    default:
      return [...(field.required ? [required] : []), ...limit];
  }
}

/**
 * The addition form (增员), a control per field of the registry, with the options the server allows now: its
 * months (the first chosen) and the unit's insurance types (all ticked). Resetting returns to these defaults.
 */
export function additionForm(options: AdditionOptions) {
  const controls: Record<string, AbstractControl> = {};
  for (const field of ADDITION_FIELD_LIST) {
    if (field.control === 'enumList') {
      const ticks = Object.fromEntries(options.insuranceTypes.map((type) => [type, new FormControl(true, { nonNullable: true })]));
      controls[controlName(field)] = new FormRecord(ticks, { validators: atLeastOne });
    } else {
      const initial = field.control === 'month' ? (options.months[0] ?? '') : (field.form.initial ?? '');
      controls[controlName(field)] = textControl(validatorsOf(field), initial);
    }
  }
  // Built from the registry, so the compiler cannot follow the loop: AdditionControls names what it builds.
  const form = new FormGroup(controls) as unknown as FormGroup<AdditionControls>;
  // The ID type decides which checks the number must pass.
  form.controls.idType.valueChanges.subscribe(() => form.controls.idNumber.updateValueAndValidity());
  return form;
}

export type AdditionForm = ReturnType<typeof additionForm>;

/** The request for a valid form: trimmed text, empty optional fields left out, the wage in fen. */
export function additionInput(form: AdditionForm): AdditionInput {
  const value: Readonly<Record<string, unknown>> = form.getRawValue();
  const input: Record<string, unknown> = {};
  for (const field of ADDITION_FIELD_LIST) {
    const typed = value[controlName(field)];
    const text = typeof typed === 'string' ? typed : '';
    switch (field.control) {
      case 'text':
        input[field.key] = field.required ? text.trim() : optionalText(text);
        break;
      case 'id':
        input[field.key] = text.trim().toUpperCase();
        break;
      case 'mobile':
        input[field.key] = text.trim();
        break;
      case 'amount':
        input[field.key] = wageFenFromYuan(text) ?? 0;
        break;
      case 'enumList':
        input[field.key] = Object.entries(typed as Record<string, boolean>)
          .filter(([, ticked]) => ticked)
          .map(([code]) => code);
        break;
      default:
        input[field.key] = text || undefined;
    }
  }
  // Each field as its control reads; the server parses the request with additionInput.
  return input as AdditionInput;
}

/**
 * Fills the form with a submitted addition, to correct it: the inverse of `additionInput`. A month no longer
 * offered (the addition was rejected after its cut-off) keeps the form's own.
 */
export function fillAddition(form: AdditionForm, submitted: AdditionPayload, months: readonly string[]): void {
  const stored: Readonly<Record<string, unknown>> = submitted;
  const controls: Record<string, AbstractControl> = form.controls;
  for (const field of ADDITION_FIELD_LIST) {
    const value = stored[field.key];
    const control = controls[controlName(field)];
    switch (field.control) {
      case 'enumList': {
        const ticked = Array.isArray(value) ? value : [];
        const ticks = control as FormRecord<FormControl<boolean>>;
        for (const [code, tick] of Object.entries(ticks.controls)) tick.setValue(ticked.includes(code));
        break;
      }
      case 'amount':
        control.setValue(typeof value === 'number' ? (value / 100).toFixed(2) : '');
        break;
      case 'month':
        if (typeof value === 'string' && months.includes(value)) control.setValue(value);
        break;
      default:
        control.setValue(typeof value === 'string' ? value : (field.form.initial ?? ''));
    }
  }
  form.markAsDirty();
}
