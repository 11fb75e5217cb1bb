/** 医疗救助对象 (assisted persons): one row per person and coverage year, for the agency's list of special payments. */
import { ASSISTED_IMPORT_KIND, type ASSISTED_CATEGORIES, type AssistedPersonInput } from '@common/api/residents';
import { localised } from './catalogue';
import { ID_NUMBER_HEADER, NAME_HEADER } from './shared-columns';
import { enumOptions, type Labels, type TemplateDefinition } from './template-definition';

const CATEGORY_LABELS: Labels<typeof ASSISTED_CATEGORIES> = {
  extreme_poverty: 'assisted.categories.extreme_poverty',
  subsistence: 'assisted.categories.subsistence',
  relapse: 'assisted.categories.relapse',
  other: 'assisted.categories.other',
};

const description = (key: keyof AssistedPersonInput) => localised(`assisted.workbook.descriptions.${key}`);

export const assistedPersonsTemplate: TemplateDefinition<keyof AssistedPersonInput> = {
  id: 'unit-hall.assisted-persons',
  version: 1,
  kind: ASSISTED_IMPORT_KIND,
  maxRows: 20_000,
  sheetName: localised('assisted.workbook.sheetName'),
  notes: [localised('assisted.workbook.notes.oneYear'), localised('assisted.workbook.notes.knownName')],
  columns: [
    { key: 'name', header: NAME_HEADER, required: true, kind: 'text', width: 12, description: description('name') },
    { key: 'idNumber', header: ID_NUMBER_HEADER, required: true, kind: 'id', width: 22, description: description('idNumber') },
    {
      key: 'category',
      header: localised('assisted.fields.category'),
      required: true,
      kind: 'enum',
      options: enumOptions(CATEGORY_LABELS),
      width: 16,
      description: description('category'),
    },
    { key: 'year', header: localised('assisted.fields.year'), required: true, kind: 'text', width: 10, description: description('year') },
  ],
};
