/** Columns and texts that the addition and reduction templates share. */
import type { Localised, TemplateColumn } from './template-definition';

export const AT_MOST_200: Localised = { 'zh-CN': '最多 200 个字', en: 'At most 200 characters', es: '200 caracteres como máximo' };

export const NAME_HEADER: Localised = { 'zh-CN': '姓名', en: 'Name', es: 'Nombre' };
export const ID_NUMBER_HEADER: Localised = { 'zh-CN': '证件号码', en: 'ID number', es: 'Número de documento' };

export const remarkColumn: TemplateColumn<'remark'> = {
  key: 'remark',
  header: { 'zh-CN': '备注', en: 'Remark', es: 'Observaciones' },
  required: false,
  kind: 'text',
  width: 20,
  description: AT_MOST_200,
};
