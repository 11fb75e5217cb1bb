import type { BatchKind } from '@common/api/declarations';
import { baseDeclarationTemplate } from './base-declaration.template';
import { additionTemplate } from './addition.template';
import { reductionTemplate } from './reduction.template';
import { assistedPersonsTemplate } from './assisted-persons.template';
import type { TemplateDefinition, TemplateKind } from './template-definition';

export const TEMPLATES: Readonly<Record<BatchKind, TemplateDefinition>> = {
  addition: additionTemplate,
  reduction: reductionTemplate,
  'base-declaration': baseDeclarationTemplate,
};

/** Every template by what it imports, for the importer. */
export const TEMPLATE_OF: Readonly<Record<TemplateKind, TemplateDefinition>> = { ...TEMPLATES, 'assisted-persons': assistedPersonsTemplate };
