/** 增员 (additions): one row per person to be insured by the unit from the effective month. */
import type { AdditionInput, EMPLOYMENT_FORMS, HUKOU_TYPES, ID_TYPES, PERSONNEL_CATEGORIES } from '@common/api/declarations';
import type { EMPLOYEE_INSURANCE_TYPES } from '@common/insurance';
import { localised } from './catalogue';
import { AT_MOST_200, ID_NUMBER_HEADER, NAME_HEADER, remarkColumn } from './shared-columns';
import { enumOptions, type Labels, type TemplateDefinition } from './template-definition';

const ID_TYPE_LABELS: Labels<typeof ID_TYPES> = {
  '01': 'enums.idType.01',
  '06': 'batch.workbook.options.idType.06',
  '07': 'batch.workbook.options.idType.07',
};

const HUKOU_LABELS: Labels<typeof HUKOU_TYPES> = { urban: 'enums.hukouType.urban', rural: 'enums.hukouType.rural' };

const PERSONNEL_LABELS: Labels<typeof PERSONNEL_CATEGORIES> = {
  in_service: 'enums.personnelCategory.in_service',
  reemployed_retiree: 'batch.workbook.options.personnelCategory.reemployed_retiree',
};

const EMPLOYMENT_LABELS: Labels<typeof EMPLOYMENT_FORMS> = {
  contract: 'batch.workbook.options.employmentForm.contract',
  dispatched: 'batch.workbook.options.employmentForm.dispatched',
  other: 'enums.employmentForm.other',
};

const INSURANCE_LABELS: Labels<typeof EMPLOYEE_INSURANCE_TYPES> = {
  '310': 'enums.insuranceType.310',
  '330': 'batch.workbook.options.insuranceType.330',
  '510': 'enums.insuranceType.510',
};

const description = (key: keyof AdditionInput) => localised(`batch.workbook.addition.descriptions.${key}`);

export const additionTemplate: TemplateDefinition<keyof AdditionInput> = {
  id: 'unit-hall.addition',
  version: 1,
  kind: 'addition',
  maxRows: 20_000,
  sheetName: localised('batch.workbook.addition.sheetName'),
  notes: [localised('batch.workbook.addition.notes.derivedFromId'), localised('batch.workbook.addition.notes.months')],
  columns: [
    {
      key: 'name',
      header: NAME_HEADER,
      required: true,
      kind: 'text',
      width: 12,
      description: description('name'),
    },
    {
      key: 'idType',
      header: localised('insured.fields.idType'),
      required: false,
      kind: 'enum',
      options: enumOptions(ID_TYPE_LABELS),
      width: 20,
      description: description('idType'),
    },
    {
      key: 'idNumber',
      header: ID_NUMBER_HEADER,
      required: true,
      kind: 'id',
      width: 22,
      description: description('idNumber'),
    },
    {
      key: 'ethnicity',
      header: localised('insured.fields.ethnicity'),
      required: false,
      kind: 'text',
      width: 10,
      description: description('ethnicity'),
    },
    {
      key: 'hukouType',
      header: localised('insured.fields.hukouType'),
      required: true,
      kind: 'enum',
      options: enumOptions(HUKOU_LABELS),
      width: 14,
      description: description('hukouType'),
    },
    {
      key: 'hukouAddress',
      header: localised('insured.fields.hukouAddress'),
      required: false,
      kind: 'text',
      width: 28,
      description: AT_MOST_200,
    },
    {
      key: 'mobile',
      header: localised('batch.workbook.headers.mobile'),
      required: true,
      kind: 'mobile',
      width: 14,
      description: description('mobile'),
    },
    {
      key: 'contactAddress',
      header: localised('insured.fields.contactAddress'),
      required: false,
      kind: 'text',
      width: 28,
      description: AT_MOST_200,
    },
    {
      key: 'effectiveMonth',
      header: localised('insured.fields.effectiveMonth'),
      required: true,
      kind: 'month',
      width: 12,
      description: description('effectiveMonth'),
    },
    {
      key: 'wageFen',
      header: localised('batch.workbook.headers.wageFen'),
      required: true,
      kind: 'amount',
      width: 14,
      description: description('wageFen'),
    },
    {
      key: 'personnelCategory',
      header: localised('insured.fields.personnelCategory'),
      required: true,
      kind: 'enum',
      options: enumOptions(PERSONNEL_LABELS),
      width: 14,
      description: description('personnelCategory'),
    },
    {
      key: 'employmentForm',
      header: localised('insured.fields.employmentForm'),
      required: false,
      kind: 'enum',
      options: enumOptions(EMPLOYMENT_LABELS),
      width: 12,
      description: description('employmentForm'),
    },
    {
      key: 'workStartDate',
      header: localised('insured.fields.workStartDate'),
      required: false,
      kind: 'date',
      width: 14,
      description: description('workStartDate'),
    },
    {
      key: 'insuranceTypes',
      header: localised('batch.workbook.headers.insuranceTypes'),
      required: false,
      kind: 'enumList',
      options: enumOptions(INSURANCE_LABELS),
      width: 30,
      description: description('insuranceTypes'),
    },
    remarkColumn,
  ],
};
