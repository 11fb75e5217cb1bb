/** 减员 (reductions): one row per person whose coverage by the unit stops at the end of this month. */
import type { REDUCTION_REASONS, ReductionInput } from '@common/api/declarations';
import { ID_NUMBER_HEADER, NAME_HEADER, remarkColumn } from './shared-columns';
import { enumOptions, type Labels, type TemplateDefinition } from './template-definition';

const REASON_LABELS: Labels<typeof REDUCTION_REASONS> = {
  contract_ended: { 'zh-CN': '劳动合同终止', en: 'Contract ended', es: 'Fin de contrato' },
  resigned: { 'zh-CN': '辞职', en: 'Resigned', es: 'Dimisión' },
  dismissed: { 'zh-CN': '辞退', en: 'Dismissed', es: 'Despido' },
  enlisted: { 'zh-CN': '参军', en: 'Enlisted', es: 'Alistamiento' },
  retired: { 'zh-CN': '退休', en: 'Retired', es: 'Jubilación' },
  deceased: { 'zh-CN': '死亡', en: 'Deceased', es: 'Fallecimiento' },
};

export const reductionTemplate: TemplateDefinition<keyof ReductionInput> = {
  id: 'unit-hall.reduction',
  version: 1,
  kind: 'reduction',
  maxRows: 20_000,
  sheetName: { 'zh-CN': '减员', en: 'Reductions', es: 'Bajas' },
  notes: [
    {
      'zh-CN': '每行一名停保人员。停保月份固定为当月：当月底前的待遇不受影响，以后月份不再缴费。',
      en: 'One row per person. Coverage stops at the end of the current month: benefits last to then, and nothing is due for later months.',
      es: 'Una fila por persona. La cobertura termina al final del mes actual: las prestaciones duran hasta entonces y no se cotiza después.',
    },
    {
      'zh-CN': '劳动合同终止、辞职、辞退、参军为暂停参保（可再次增员）；退休、死亡为终止参保。',
      en: 'Contract ended, resigned, dismissed and enlisted suspend coverage (the person can be added again); retired and deceased terminate it.',
      es: 'Fin de contrato, dimisión, despido y alistamiento suspenden la cobertura (se puede volver a dar de alta); jubilación y fallecimiento la terminan.',
    },
  ],
  columns: [
    {
      key: 'idNumber',
      header: ID_NUMBER_HEADER,
      required: true,
      kind: 'id',
      width: 22,
      description: {
        'zh-CN': '本单位在保人员的证件号码。本列为文本格式，请勿改成数字',
        en: 'ID number of a person insured by the unit. The column is text: never let Excel turn it into a number',
        es: 'Número de una persona asegurada por la unidad. La columna es de texto: no deje que Excel lo convierta en número',
      },
    },
    {
      key: 'name',
      header: NAME_HEADER,
      required: true,
      kind: 'text',
      width: 12,
      description: { 'zh-CN': '须与证件号码对应', en: 'Must match the ID number', es: 'Debe corresponder al número de documento' },
    },
    {
      key: 'reason',
      header: { 'zh-CN': '减员原因', en: 'Reason', es: 'Motivo' },
      required: true,
      kind: 'enum',
      options: enumOptions(REASON_LABELS),
      width: 16,
      description: { 'zh-CN': '从下拉列表选择', en: 'Choose from the list', es: 'Elija de la lista' },
    },
    { ...remarkColumn, width: 24 },
  ],
};
