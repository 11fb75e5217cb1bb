import { Component, computed, inject, resource } from '@angular/core';
import { TranslatePipe } from '@ngx-translate/core';
import { FenPipe } from '../../shared/format/fen.pipe';
import { PeriodPipe } from '../../shared/format/period.pipe';
import { LoadError } from '../../shared/load-error/load-error';
import { valueOf } from '../../shared/resource-value';
import { PrintApi } from '../print-api';
import { PrintSheet } from '../print-sheet/print-sheet';

/** The unit's active insured persons, every page of the list read before printing. */
@Component({
  selector: 'app-insured-print',
  imports: [TranslatePipe, FenPipe, PeriodPipe, LoadError, PrintSheet],
  templateUrl: './insured-print.html',
})
export class InsuredPrint {
  private readonly api = inject(PrintApi);

  protected readonly persons = resource({ loader: () => this.api.activeInsuredPersons() });
  protected readonly rows = computed(() => valueOf(this.persons));
}
