import { Component, computed, input } from '@angular/core';
import type { Certificate } from '@common/api/certificates';
import { shanghaiDateTime } from '@common/fee-period';
import { EMPLOYEE_INSURANCE_TYPES, type EmployeeInsuranceType } from '@common/insurance';
import { TranslatePipe } from '@ngx-translate/core';
import { FenPipe } from '../../shared/format/fen.pipe';
import { PeriodPipe } from '../../shared/format/period.pipe';
import { LoadError } from '../../shared/load-error/load-error';
import { valueOf } from '../../shared/resource-value';
import { certificateResource } from '../print-api';
import { PrintSeal, VERIFY_PAGE_URL } from '../print-seal/print-seal';
import { PrintSheet } from '../print-sheet/print-sheet';

/** An insurance type's columns: the unit's amount, and the person's where anyone paid a share of it. */
interface TypeColumn {
  insuranceType: EmployeeInsuranceType;
  personSide: boolean;
  unitTotalFen: number;
  personTotalFen: number;
}

/**
 * An employee's payment certificate (缴费证明): one line per month with a column per insurance type, so a year
 * fits one A4 page, one total at the end, and a QR code of the verification page anyone can check it on.
 */
@Component({
  selector: 'app-certificate-print',
  imports: [TranslatePipe, FenPipe, PeriodPipe, LoadError, PrintSeal, PrintSheet],
  templateUrl: './certificate-print.html',
  styleUrl: './certificate-print.scss',
})
export class CertificatePrint {
  readonly code = input.required<string>();

  protected readonly certificate = certificateResource(this.code);
  protected readonly value = computed(() => valueOf(this.certificate));
  protected readonly issuedAt = computed(() => {
    const at = this.value()?.issuedAt;
    return at ? shanghaiDateTime(new Date(at)) : '';
  });
  protected readonly columns = computed(() => typeColumns(this.value()?.items ?? []));
  protected readonly verifyUrl = VERIFY_PAGE_URL;

  /** The month's amount of one insurance type and side; undefined when the month has none of that type. */
  protected amount(month: Certificate['items'][number], insuranceType: EmployeeInsuranceType, side: 'unit' | 'person'): number | undefined {
    const found = month.amounts.find((a) => a.insuranceType === insuranceType);
    return found && (side === 'unit' ? found.unitAmountFen : found.personAmountFen);
  }
}

function typeColumns(items: Certificate['items']): TypeColumn[] {
  return EMPLOYEE_INSURANCE_TYPES.flatMap((insuranceType) => {
    const amounts = items.flatMap((m) => m.amounts.filter((a) => a.insuranceType === insuranceType));
    if (amounts.length === 0) return [];
    return [
      {
        insuranceType,
        personSide: amounts.some((a) => a.personAmountFen !== 0),
        unitTotalFen: amounts.reduce((n, a) => n + a.unitAmountFen, 0),
        personTotalFen: amounts.reduce((n, a) => n + a.personAmountFen, 0),
      },
    ];
  });
}
