import { Component, computed, inject, signal } from '@angular/core';
import { FormControl } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatSelectModule } from '@angular/material/select';
import { MatSortModule, type Sort } from '@angular/material/sort';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import { fieldOf, LISTED_FIELDS } from '@common/api/addition-fields';
import { INSURED_STATUSES, type InsuredPerson, type InsuredQuery, type InsuredStatus } from '@common/api/declarations';
import type { SortDirection } from '@common/api/fields';
import { TranslatePipe } from '@ngx-translate/core';
import { FenPipe } from '../../shared/format/fen.pipe';
import { PeriodPipe } from '../../shared/format/period.pipe';
import { ListPage } from '../../shared/list-page/list-page';
import { StatusChip } from '../../shared/status-chip/status-chip';
import { Paging, searchTerm } from '../../shared/table/paging';
import { InsuredDetailDialog, type InsuredDetailDialogData } from '../insured-detail-dialog/insured-detail-dialog';
import { INSURED_EXPORT, insuredPageResource, insuredParams, type InsuredFilters } from '../insured-api';
import { rowsOf } from '../../shared/resource-value';

type InsuredSort = NonNullable<InsuredQuery['sort']>;

/** The order the list opens in (the server's default): by name. */
const DEFAULT_SORT = { active: 'name', direction: 'asc' } as const satisfies Sort;

/** 参保人员: the persons the unit insures or once insured, with their coverage. */
@Component({
  selector: 'app-insured-list-page',
  imports: [
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatSelectModule,
    MatSortModule,
    MatTableModule,
    RouterLink,
    TranslatePipe,
    FenPipe,
    PeriodPipe,
    ListPage,
    StatusChip,
  ],
  templateUrl: './insured-list-page.html',
  styleUrl: './insured-list-page.scss',
})
export class InsuredListPage {
  private readonly dialog = inject(MatDialog);

  /** The registry's listed fields (addition-fields.ts) follow the list's own columns. */
  protected readonly listedFields = LISTED_FIELDS.map((key) => ({ key, label: fieldOf(key).label }));
  protected readonly columns = [
    ...['name', 'idNumber', 'sex', 'birthDate', 'status', 'startMonth', 'endMonth', 'wage', 'insuranceTypes'],
    ...LISTED_FIELDS,
    'actions',
  ];
  protected readonly statuses = INSURED_STATUSES;
  protected readonly exportUrl = INSURED_EXPORT;

  protected readonly search = new FormControl('', { nonNullable: true });
  private readonly term = searchTerm(this.search);
  protected readonly status = signal<InsuredStatus | ''>('');
  protected readonly sort = signal<Sort>(DEFAULT_SORT);

  private readonly filters = computed((): InsuredFilters => {
    const { active, direction } = this.sort();
    return {
      q: this.term() || undefined,
      status: this.status() || undefined,
      sort: active as InsuredSort,
      direction: direction as SortDirection,
    };
  });
  protected readonly paging = new Paging(this.filters);
  protected readonly persons = insuredPageResource(() => ({ ...this.filters(), ...this.paging.params() }));
  protected readonly rows = rowsOf(this.persons);
  protected readonly exportParams = computed(() => insuredParams(this.filters()));

  protected showDetail(person: InsuredPerson): void {
    this.dialog.open<InsuredDetailDialog, InsuredDetailDialogData>(InsuredDetailDialog, {
      data: { personId: person.personId },
      width: '760px',
    });
  }
}
