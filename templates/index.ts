import type { DeclarationType } from '@common/api/declarations';
import { additionTemplate } from './addition.template';
import { reductionTemplate } from './reduction.template';
import type { TemplateDefinition } from './template-definition';

export const TEMPLATES: Readonly<Record<DeclarationType, TemplateDefinition>> = {
  addition: additionTemplate,
  reduction: reductionTemplate,
};
