import { Component, computed, input } from '@angular/core';
import { shanghaiDateTime } from '@common/fee-period';
import { TranslatePipe } from '@ngx-translate/core';
import { FenPipe } from '../../shared/format/fen.pipe';
import { PeriodPipe } from '../../shared/format/period.pipe';
import { LoadError } from '../../shared/load-error/load-error';
import { valueOf } from '../../shared/resource-value';
import { certificateResource } from '../print-api';
import { PrintSheet } from '../print-sheet/print-sheet';

/** An employee's payment certificate (缴费证明), with the code anyone can check on the verification page. */
@Component({
  selector: 'app-certificate-print',
  imports: [TranslatePipe, FenPipe, PeriodPipe, LoadError, PrintSheet],
  templateUrl: './certificate-print.html',
})
export class CertificatePrint {
  readonly code = input.required<string>();

  protected readonly certificate = certificateResource(this.code);
  protected readonly value = computed(() => valueOf(this.certificate));
  protected readonly issuedAt = computed(() => {
    const at = this.value()?.issuedAt;
    return at ? shanghaiDateTime(new Date(at)) : '';
  });
  protected readonly verifyUrl = `${location.origin}/verify`;
}
