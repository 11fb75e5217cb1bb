/** 增员 (additions): one row per person to be insured by the unit from the effective month. */
import { ADDITION_FIELD_LIST, ADDITION_TEMPLATE_VERSION, type AdditionFieldKey } from '@common/api/addition-fields';
import { localised } from './catalogue';
import { enumOptions, type TemplateColumn, type TemplateDefinition } from './template-definition';

/** A column per field of the registry that has one (common/api/addition-fields.ts), in its order. */
const columns: TemplateColumn<AdditionFieldKey>[] = ADDITION_FIELD_LIST.flatMap(({ key, label, control, required, codes, template }) =>
  template
    ? [
        {
          key,
          header: localised(template.header ?? label),
          required,
          kind: control,
          ...(codes
            ? { options: enumOptions(Object.fromEntries(codes.values.map((code) => [code, template.options?.[code] ?? `${codes.labels}.${code}`]))) }
            : {}),
          width: template.width,
          description: localised(template.description),
        },
      ]
    : [],
);

export const additionTemplate: TemplateDefinition<AdditionFieldKey> = {
  id: 'unit-hall.addition',
  version: ADDITION_TEMPLATE_VERSION,
  kind: 'addition',
  maxRows: 20_000,
  sheetName: localised('batch.workbook.addition.sheetName'),
  notes: [localised('batch.workbook.addition.notes.derivedFromId'), localised('batch.workbook.addition.notes.months')],
  columns,
};
