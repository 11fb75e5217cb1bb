import { HttpClient } from '@angular/common/http';
import { Component, computed, inject, resource } from '@angular/core';
import type { InsuredPerson } from '@common/api/declarations';
import { TranslatePipe } from '@ngx-translate/core';
import { FenPipe } from '../../shared/format/fen.pipe';
import { PeriodPipe } from '../../shared/format/period.pipe';
import { LoadError } from '../../shared/load-error/load-error';
import { valueOf } from '../../shared/resource-value';
import { allPages } from '../print-api';
import { PrintSheet } from '../print-sheet/print-sheet';

/** The unit's active insured persons, every page of the list read before printing. */
@Component({
  selector: 'app-insured-print',
  imports: [TranslatePipe, FenPipe, PeriodPipe, LoadError, PrintSheet],
  templateUrl: './insured-print.html',
})
export class InsuredPrint {
  private readonly http = inject(HttpClient);

  protected readonly persons = resource({
    loader: () => allPages<InsuredPerson>(this.http, '/api/insured-persons', { status: 'active', sort: 'name', direction: 'asc' }),
  });
  protected readonly rows = computed(() => valueOf(this.persons));
}
