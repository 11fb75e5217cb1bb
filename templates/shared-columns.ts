/** Columns and texts that the addition and reduction templates share. */
import { localised } from './catalogue';
import type { TemplateColumn } from './template-definition';

export const AT_MOST_200 = localised('batch.workbook.atMost200');

export const NAME_HEADER = localised('insured.fields.name');
export const ID_NUMBER_HEADER = localised('insured.fields.idNumber');

export const remarkColumn: TemplateColumn<'remark'> = {
  key: 'remark',
  header: localised('insured.fields.remark'),
  required: false,
  kind: 'text',
  width: 20,
  description: AT_MOST_200,
};
