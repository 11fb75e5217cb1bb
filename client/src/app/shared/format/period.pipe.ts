import { Pipe, type PipeTransform } from '@angular/core';
import { displayPeriod } from '@common/fee-period';

/** A fee period as people read it, `202611` → `2026-11`. */
@Pipe({ name: 'period' })
export class PeriodPipe implements PipeTransform {
  transform(period: string | null | undefined): string {
    return period ? displayPeriod(period) : '';
  }
}
