/** 减员 (reductions): one row per person whose coverage by the unit stops at the end of this month. */
import type { REDUCTION_REASONS, ReductionInput } from '@common/api/declarations';
import { localised } from './catalogue';
import { ID_NUMBER_HEADER, NAME_HEADER, remarkColumn } from './shared-columns';
import { enumOptions, type Labels, type TemplateDefinition } from './template-definition';

const REASON_LABELS: Labels<typeof REDUCTION_REASONS> = {
  contract_ended: 'batch.workbook.options.reductionReason.contract_ended',
  resigned: 'enums.reductionReason.resigned',
  dismissed: 'batch.workbook.options.reductionReason.dismissed',
  enlisted: 'batch.workbook.options.reductionReason.enlisted',
  retired: 'enums.reductionReason.retired',
  deceased: 'enums.reductionReason.deceased',
};

const description = (key: keyof ReductionInput) => localised(`batch.workbook.reduction.descriptions.${key}`);

export const reductionTemplate: TemplateDefinition<keyof ReductionInput> = {
  id: 'unit-hall.reduction',
  version: 1,
  kind: 'reduction',
  maxRows: 20_000,
  sheetName: localised('batch.workbook.reduction.sheetName'),
  notes: [localised('batch.workbook.reduction.notes.stopMonth'), localised('batch.workbook.reduction.notes.suspendOrTerminate')],
  columns: [
    {
      key: 'idNumber',
      header: ID_NUMBER_HEADER,
      required: true,
      kind: 'id',
      width: 22,
      description: description('idNumber'),
    },
    {
      key: 'name',
      header: NAME_HEADER,
      required: true,
      kind: 'text',
      width: 12,
      description: description('name'),
    },
    {
      key: 'reason',
      header: localised('batch.workbook.headers.reason'),
      required: true,
      kind: 'enum',
      options: enumOptions(REASON_LABELS),
      width: 16,
      description: description('reason'),
    },
    { ...remarkColumn, width: 24 },
  ],
};
