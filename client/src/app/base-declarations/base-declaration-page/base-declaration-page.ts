import { Component, computed, effect, inject, untracked } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import { BASE_PERSON_STATUSES, basePersonQuery, type BasePerson, type BasePersonStatus } from '@common/api/base-declarations';
import { TranslatePipe } from '@ngx-translate/core';
import { correction, CorrectionNotice } from '../../shared/correction/correction';
import { FenPipe } from '../../shared/format/fen.pipe';
import { PeriodPipe } from '../../shared/format/period.pipe';
import { ListPage } from '../../shared/list-page/list-page';
import { FilterSelect, type ListFilter } from '../../shared/filter-select/filter-select';
import { listState, queryParam } from '../../shared/list-page/list-state';
import { LoadError } from '../../shared/load-error/load-error';
import { rowsOf, valueOf } from '../../shared/resource-value';
import { StatusChip } from '../../shared/status-chip/status-chip';
import { BASE_DECLARATION_EXPORT, BaseDeclarationsApi, basePersonPageResource, baseDeclarationStatusResource } from '../base-declarations-api';
import { openDeclareDialog } from '../declare-dialog/declare-dialog';

/** 年度缴费基数申报: the year and its window, who is not declared yet, and the declarations one by one or by batch. */
@Component({
  selector: 'app-base-declaration-page',
  imports: [
    MatButtonModule,
    MatCardModule,
    MatIconModule,
    MatTableModule,
    RouterLink,
    TranslatePipe,
    FenPipe,
    PeriodPipe,
    ListPage,
    FilterSelect,
    LoadError,
    StatusChip,
    CorrectionNotice,
  ],
  templateUrl: './base-declaration-page.html',
  styleUrl: './base-declaration-page.scss',
})
export class BaseDeclarationPage {
  private readonly dialog = inject(MatDialog);
  private readonly api = inject(BaseDeclarationsApi);

  protected readonly columns = ['name', 'idNumber', 'currentBase', 'status', 'wage', 'base', 'actions'];
  protected readonly statusFilter: ListFilter<BasePersonStatus> = {
    label: 'baseDeclaration.statusFilter',
    options: BASE_PERSON_STATUSES,
    optionLabels: 'baseDeclaration.status',
  };
  protected readonly exportUrl = BASE_DECLARATION_EXPORT;

  protected readonly status = baseDeclarationStatusResource();
  protected readonly current = computed(() => valueOf(this.status));

  /** Declaration status (undeclared unless chosen) and search in the URL. */
  protected readonly list = listState({
    status: queryParam(basePersonQuery.shape.status),
    q: queryParam(basePersonQuery.shape.q),
  });
  protected readonly search = this.list.searchBox('q');
  protected readonly filters = this.list.values;
  protected readonly paging = this.list.paging;
  protected readonly persons = basePersonPageResource(() => ({ ...this.filters(), ...this.paging.params() }));
  protected readonly rows = rowsOf(this.persons);

  /** A rejected base declaration named by `?corrects=`: its person's dialog opens on the rejected wage. */
  protected readonly correction = correction();
  private readonly correcting = computed(() => this.correction.of('base-declaration'));
  private openedFor: number | null = null;

  constructor() {
    effect(() => {
      const rejected = this.correcting();
      const year = this.current()?.open ? this.current()?.year : null;
      if (!rejected?.idNumber || !year || rejected.id === this.openedFor) return;
      this.openedFor = rejected.id;
      untracked(() =>
        this.api.declarable(rejected.idNumber).subscribe((person) => {
          if (person) this.declare(person, { wageFen: rejected.payload.wageFen, corrects: rejected.id });
        }),
      );
    });
  }

  protected declare(person: BasePerson, correcting?: { wageFen: number; corrects: number }): void {
    const year = this.current()?.year;
    if (!year) return;
    openDeclareDialog(this.dialog, { person, year, ...correcting }).subscribe(() => {
      this.persons.reload();
      // Corrected: the to-do is done.
      if (correcting) this.correction.done();
    });
  }
}
