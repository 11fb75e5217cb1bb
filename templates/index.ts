import type { BatchKind } from '@common/api/declarations';
import { baseDeclarationTemplate } from './base-declaration.template';
import { additionTemplate } from './addition.template';
import { reductionTemplate } from './reduction.template';
import type { TemplateDefinition } from './template-definition';

export const TEMPLATES: Readonly<Record<BatchKind, TemplateDefinition>> = {
  addition: additionTemplate,
  reduction: reductionTemplate,
  'base-declaration': baseDeclarationTemplate,
};
