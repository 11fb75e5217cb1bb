import type { PaymentDetail, UnitPaymentPeriod } from '@common/api/payments';
import type { Translate } from '../exports/list-export';
import type { ExportColumn } from '../exports/xlsx-stream';

/**
 * The columns of the payment exports, in the order and words of their screens (the whole ID number, and
 * the collection serial the screen keeps for the detail, last); shared by the routes and the benchmark's baseline.
 */
export const paymentDetailColumns = (t: Translate): ExportColumn<PaymentDetail>[] => [
  { header: t('payments.fields.feePeriod'), width: 10, kind: 'period', value: (r) => r.feePeriod },
  { header: t('insured.fields.name'), width: 12, value: (r) => r.name },
  { header: t('insured.fields.idNumber'), width: 22, value: (r) => r.idNumber },
  { header: t('payments.fields.insuranceType'), width: 26, value: (r) => t(`enums.insuranceType.${r.insuranceType}`) },
  { header: t('payments.fields.base'), kind: 'money', value: (r) => r.baseFen },
  { header: t('payments.fields.unitAmount'), kind: 'money', value: (r) => r.unitAmountFen },
  { header: t('payments.fields.personAmount'), kind: 'money', value: (r) => r.personAmountFen },
  { header: t('payments.fields.status'), width: 10, value: (r) => t(`payments.status.${r.status}`) },
  { header: t('payments.fields.paidAt'), width: 12, value: (r) => r.paidAt },
  { header: t('payments.fields.collectionSerial'), width: 20, value: (r) => r.collectionSerial },
];
export const unitPaymentColumns = (t: Translate): ExportColumn<UnitPaymentPeriod>[] => [
  { header: t('payments.fields.feePeriod'), width: 10, kind: 'period', value: (r) => r.feePeriod },
  { header: t('payments.fields.persons'), kind: 'int', value: (r) => r.persons },
  { header: t('payments.fields.unitAmount'), kind: 'money', value: (r) => r.unitAmountFen },
  { header: t('payments.fields.personAmount'), kind: 'money', value: (r) => r.personAmountFen },
  { header: t('payments.fields.due'), kind: 'money', value: (r) => r.dueFen },
  { header: t('payments.fields.paid'), kind: 'money', value: (r) => r.paidFen },
  { header: t('payments.fields.overdue'), kind: 'money', value: (r) => r.overdueFen },
  { header: t('payments.fields.collectedOn'), width: 12, value: (r) => r.collectedOn },
  { header: t('payments.fields.collectionSerial'), width: 20, value: (r) => r.collectionSerial },
];
