/** 年度缴费基数申报 (the annual base declaration): one row per insured person, prefilled with the name, ID number and current base; the unit fills the wage. */
import type { BaseDeclarationRow } from '@common/api/base-declarations';
import { localised } from './catalogue';
import { ID_NUMBER_HEADER, NAME_HEADER } from './shared-columns';
import type { TemplateDefinition } from './template-definition';

const description = (key: keyof BaseDeclarationRow) => localised(`batch.workbook.baseDeclaration.descriptions.${key}`);

export const baseDeclarationTemplate: TemplateDefinition<keyof BaseDeclarationRow> = {
  id: 'unit-hall.base-declaration',
  version: 1,
  kind: 'base-declaration',
  maxRows: 20_000,
  sheetName: localised('batch.workbook.baseDeclaration.sheetName'),
  notes: [localised('batch.workbook.baseDeclaration.notes.prefilled'), localised('batch.workbook.baseDeclaration.notes.clamped')],
  columns: [
    { key: 'name', header: NAME_HEADER, required: true, kind: 'text', width: 12, description: description('name') },
    { key: 'idNumber', header: ID_NUMBER_HEADER, required: true, kind: 'id', width: 22, description: description('idNumber') },
    {
      key: 'currentBaseFen',
      header: localised('baseDeclaration.fields.currentBaseFen'),
      required: false,
      kind: 'amount',
      width: 14,
      description: description('currentBaseFen'),
    },
    {
      key: 'wageFen',
      header: localised('baseDeclaration.fields.wageFen'),
      required: true,
      kind: 'amount',
      width: 16,
      description: description('wageFen'),
    },
  ],
};
