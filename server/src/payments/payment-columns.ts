import type { PaymentDetail, UnitPaymentPeriod } from '@common/api/payments';
import type { Translate } from '../exports/list-export';
import type { ExportColumn } from '../exports/xlsx-stream';

/** The columns of the payment exports; shared by the routes and the benchmark's baseline. */
export const paymentDetailColumns = (t: Translate): ExportColumn<PaymentDetail>[] => [
  { header: t('idNumber'), width: 22, value: (r) => r.idNumber },
  { header: t('name'), width: 12, value: (r) => r.name },
  { header: t('feePeriod'), width: 10, kind: 'period', value: (r) => r.feePeriod },
  { header: t('insuranceType'), width: 26, value: (r) => t(`insuranceType${r.insuranceType}`) },
  { header: t('base'), kind: 'money', value: (r) => r.baseFen },
  { header: t('unitAmount'), kind: 'money', value: (r) => r.unitAmountFen },
  { header: t('personAmount'), kind: 'money', value: (r) => r.personAmountFen },
  { header: t('status'), width: 10, value: (r) => t(`status_${r.status}`) },
  { header: t('paidAt'), width: 12, value: (r) => r.paidAt },
  { header: t('collectionSerial'), width: 20, value: (r) => r.collectionSerial },
];
export const unitPaymentColumns = (t: Translate): ExportColumn<UnitPaymentPeriod>[] => [
  { header: t('feePeriod'), width: 10, kind: 'period', value: (r) => r.feePeriod },
  { header: t('persons'), kind: 'int', value: (r) => r.persons },
  { header: t('unitAmount'), kind: 'money', value: (r) => r.unitAmountFen },
  { header: t('personAmount'), kind: 'money', value: (r) => r.personAmountFen },
  { header: t('due'), kind: 'money', value: (r) => r.dueFen },
  { header: t('paid'), kind: 'money', value: (r) => r.paidFen },
  { header: t('overdue'), kind: 'money', value: (r) => r.overdueFen },
  { header: t('paidAt'), width: 12, value: (r) => r.collectedOn },
  { header: t('collectionSerial'), width: 20, value: (r) => r.collectionSerial },
];
