import { Component, computed, input } from '@angular/core';
import { TranslatePipe } from '@ngx-translate/core';
import { FenPipe } from '../../shared/format/fen.pipe';
import { PeriodPipe } from '../../shared/format/period.pipe';
import { LoadError } from '../../shared/load-error/load-error';
import { valueOf } from '../../shared/resource-value';
import { statementResource } from '../print-api';
import { PrintSheet } from '../print-sheet/print-sheet';

/** The unit's payment statement for one fee period: due and paid per insurance type and side. */
@Component({
  selector: 'app-statement-print',
  imports: [TranslatePipe, FenPipe, PeriodPipe, LoadError, PrintSheet],
  templateUrl: './statement-print.html',
})
export class StatementPrint {
  readonly period = input.required<string>();

  protected readonly statement = statementResource(this.period);
  protected readonly value = computed(() => valueOf(this.statement));
}
