/** 增员 (additions): one row per person to be insured by the unit from the effective month. */
import type {
  AdditionInput,
  EMPLOYMENT_FORMS,
  HUKOU_TYPES,
  ID_TYPES,
  PERSONNEL_CATEGORIES,
} from '@common/api/declarations';
import type { EMPLOYEE_INSURANCE_TYPES } from '@common/insurance';
import { AT_MOST_200, ID_NUMBER_HEADER, NAME_HEADER, remarkColumn } from './shared-columns';
import { enumOptions, type Labels, type TemplateDefinition } from './template-definition';

const ID_TYPE_LABELS: Labels<typeof ID_TYPES> = {
  '01': { 'zh-CN': '居民身份证', en: 'Resident ID card', es: 'Documento de identidad de residente' },
  '06': { 'zh-CN': '港澳台居民居住证', en: 'HK/Macao/Taiwan residence permit', es: 'Permiso de residencia de HK/Macao/Taiwán' },
  '07': { 'zh-CN': '外国人永久居留身份证', en: 'Foreigner permanent residence ID', es: 'Documento de residencia permanente de extranjero' },
};

const HUKOU_LABELS: Labels<typeof HUKOU_TYPES> = {
  urban: { 'zh-CN': '城镇', en: 'Urban', es: 'Urbano' },
  rural: { 'zh-CN': '农村', en: 'Rural', es: 'Rural' },
};

const PERSONNEL_LABELS: Labels<typeof PERSONNEL_CATEGORIES> = {
  in_service: { 'zh-CN': '在职', en: 'In service', es: 'En activo' },
  reemployed_retiree: { 'zh-CN': '退休返聘', en: 'Re-employed retiree', es: 'Jubilado reincorporado' },
};

const EMPLOYMENT_LABELS: Labels<typeof EMPLOYMENT_FORMS> = {
  contract: { 'zh-CN': '劳动合同', en: 'Contract', es: 'Contrato' },
  dispatched: { 'zh-CN': '劳务派遣', en: 'Dispatched', es: 'Cesión por ETT' },
  other: { 'zh-CN': '其他', en: 'Other', es: 'Otra' },
};

const INSURANCE_LABELS: Labels<typeof EMPLOYEE_INSURANCE_TYPES> = {
  '310': { 'zh-CN': '职工基本医疗保险', en: 'Employee basic medical insurance', es: 'Seguro médico básico de empleados' },
  '330': { 'zh-CN': '大额医疗费用补助', en: 'Large-amount medical subsidy', es: 'Subsidio de gastos médicos elevados' },
  '510': { 'zh-CN': '生育保险', en: 'Maternity insurance', es: 'Seguro de maternidad' },
};

export const additionTemplate: TemplateDefinition<keyof AdditionInput> = {
  id: 'unit-hall.addition',
  version: 1,
  kind: 'addition',
  maxRows: 20_000,
  sheetName: { 'zh-CN': '增员', en: 'Additions', es: 'Altas' },
  notes: [
    {
      'zh-CN': '每行一名新参保职工。性别和出生日期由身份证号码自动得出，无需填写。',
      en: 'One row per employee to be insured. Sex and birth date are derived from the ID number and are not entered.',
      es: 'Una fila por empleado que se da de alta. El sexo y la fecha de nacimiento se deducen del número de identidad.',
    },
    {
      'zh-CN': '参保月份只能是当月或下月；每月截止日之后只能选下月。',
      en: 'The effective month may be this month or next; after the monthly cut-off day only next month.',
      es: 'El mes de efecto puede ser el actual o el siguiente; tras el día de cierre mensual, solo el siguiente.',
    },
  ],
  columns: [
    {
      key: 'name',
      header: NAME_HEADER,
      required: true,
      kind: 'text',
      width: 12,
      description: { 'zh-CN': '与证件一致，最多 50 个字', en: 'As on the ID document, at most 50 characters', es: 'Como en el documento, 50 caracteres como máximo' },
    },
    {
      key: 'idType',
      header: { 'zh-CN': '证件类型', en: 'ID type', es: 'Tipo de documento' },
      required: false,
      kind: 'enum',
      options: enumOptions(ID_TYPE_LABELS),
      width: 20,
      description: { 'zh-CN': '不填即为居民身份证', en: 'Blank means resident ID card', es: 'En blanco: documento de identidad de residente' },
    },
    {
      key: 'idNumber',
      header: ID_NUMBER_HEADER,
      required: true,
      kind: 'id',
      width: 22,
      description: {
        'zh-CN': '18 位，末位可为 X。本列为文本格式，请勿改成数字或科学计数法',
        en: '18 characters, the last may be X. The column is text: never let Excel turn it into a number',
        es: '18 caracteres, el último puede ser X. La columna es de texto: no deje que Excel lo convierta en número',
      },
    },
    {
      key: 'ethnicity',
      header: { 'zh-CN': '民族', en: 'Ethnicity', es: 'Etnia' },
      required: false,
      kind: 'text',
      width: 10,
      description: { 'zh-CN': '如 汉族', en: 'E.g. Han', es: 'P. ej. han' },
    },
    {
      key: 'hukouType',
      header: { 'zh-CN': '户口性质', en: 'Household registration type', es: 'Tipo de registro de hogar' },
      required: true,
      kind: 'enum',
      options: enumOptions(HUKOU_LABELS),
      width: 14,
      description: { 'zh-CN': '城镇或农村', en: 'Urban or rural', es: 'Urbano o rural' },
    },
    {
      key: 'hukouAddress',
      header: { 'zh-CN': '户籍地址', en: 'Household registration address', es: 'Dirección del registro de hogar' },
      required: false,
      kind: 'text',
      width: 28,
      description: AT_MOST_200,
    },
    {
      key: 'mobile',
      header: { 'zh-CN': '手机号码', en: 'Mobile', es: 'Móvil' },
      required: true,
      kind: 'mobile',
      width: 14,
      description: { 'zh-CN': '11 位，可带 +86', en: '11 digits, +86 allowed', es: '11 dígitos; se admite +86' },
    },
    {
      key: 'contactAddress',
      header: { 'zh-CN': '联系地址', en: 'Contact address', es: 'Dirección de contacto' },
      required: false,
      kind: 'text',
      width: 28,
      description: AT_MOST_200,
    },
    {
      key: 'effectiveMonth',
      header: { 'zh-CN': '参保月份', en: 'Effective month', es: 'Mes de efecto' },
      required: true,
      kind: 'month',
      width: 12,
      description: { 'zh-CN': '当月或下月，如 2026-11', en: 'This month or next, e.g. 2026-11', es: 'El mes actual o el siguiente, p. ej. 2026-11' },
    },
    {
      key: 'wageFen',
      header: { 'zh-CN': '月工资（元）', en: 'Monthly wage (yuan)', es: 'Salario mensual (yuanes)' },
      required: true,
      kind: 'amount',
      width: 14,
      description: {
        'zh-CN': '申报的月工资，缴费基数按当年上下限自动调整',
        en: 'The declared monthly wage; the contribution base is held within the year’s floor and ceiling',
        es: 'El salario mensual declarado; la base de cotización se ajusta a los límites del año',
      },
    },
    {
      key: 'personnelCategory',
      header: { 'zh-CN': '人员类别', en: 'Personnel category', es: 'Categoría de personal' },
      required: true,
      kind: 'enum',
      options: enumOptions(PERSONNEL_LABELS),
      width: 14,
      description: { 'zh-CN': '在职或退休返聘', en: 'In service or re-employed retiree', es: 'En activo o jubilado reincorporado' },
    },
    {
      key: 'employmentForm',
      header: { 'zh-CN': '用工形式', en: 'Employment form', es: 'Forma de empleo' },
      required: false,
      kind: 'enum',
      options: enumOptions(EMPLOYMENT_LABELS),
      width: 12,
      description: { 'zh-CN': '劳动合同、劳务派遣或其他', en: 'Contract, dispatched or other', es: 'Contrato, cesión por ETT u otra' },
    },
    {
      key: 'workStartDate',
      header: { 'zh-CN': '参加工作日期', en: 'Work start date', es: 'Fecha de inicio laboral' },
      required: false,
      kind: 'date',
      width: 14,
      description: { 'zh-CN': '如 2020-07-01', en: 'E.g. 2020-07-01', es: 'P. ej. 2020-07-01' },
    },
    {
      key: 'insuranceTypes',
      header: { 'zh-CN': '参保险种', en: 'Insurance types', es: 'Seguros' },
      required: false,
      kind: 'enumList',
      options: enumOptions(INSURANCE_LABELS),
      width: 30,
      description: {
        'zh-CN': '不填即为本单位的全部职工险种',
        en: 'Blank means every employee insurance type of the unit',
        es: 'En blanco: todos los seguros de empleados de la unidad',
      },
    },
    remarkColumn,
  ],
};
