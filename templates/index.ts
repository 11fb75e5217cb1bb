import type { DeclarationKind } from '@common/api/declarations';
import { additionTemplate } from './addition.template';
import { reductionTemplate } from './reduction.template';
import type { TemplateDefinition } from './template-definition';

export const TEMPLATES: Readonly<Record<DeclarationKind, TemplateDefinition>> = {
  addition: additionTemplate,
  reduction: reductionTemplate,
};
