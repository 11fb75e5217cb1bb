import { Component, computed, effect, inject, untracked } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatSortModule } from '@angular/material/sort';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import type { ContributionYear } from '@common/api/base-declarations';
import type { InsuredPersonDetail } from '@common/api/payments';
import type { Submission, SubmissionOf } from '@common/api/submissions';
import { fieldOf, LISTED_FIELDS } from '@common/api/addition-fields';
import { INSURED_STATUSES, insuredQuery, type InsuredPerson, type InsuredStatus } from '@common/api/declarations';
import { TranslatePipe } from '@ngx-translate/core';
import { filter } from 'rxjs';
import { BaseDeclarationsApi, baseDeclarationStatusResource } from '../../base-declarations/base-declarations-api';
import { openDeclareDialog } from '../../base-declarations/declare-dialog/declare-dialog';
import { correction, CorrectionNotice } from '../../shared/correction/correction';
import { FenPipe } from '../../shared/format/fen.pipe';
import { PeriodPipe } from '../../shared/format/period.pipe';
import { ListPage } from '../../shared/list-page/list-page';
import { FilterSelect, type ListFilter } from '../../shared/filter-select/filter-select';
import { StatusChip } from '../../shared/status-chip/status-chip';
import { listState, queryParam } from '../../shared/list-page/list-state';
import { HukouDialog, type HukouDialogData } from '../hukou-dialog/hukou-dialog';
import { InsuredDetailDialog, type InsuredDetailDialogData } from '../insured-detail-dialog/insured-detail-dialog';
import { INSURED_EXPORT, InsuredApi, insuredPageResource, insuredParams } from '../insured-api';
import { rowsOf } from '../../shared/resource-value';
import { Toast } from '../../shared/toast';

/** 参保人员: the persons the unit insures or once insured, with their coverage. */
@Component({
  selector: 'app-insured-list-page',
  imports: [
    MatButtonModule,
    MatIconModule,
    MatSortModule,
    MatTableModule,
    RouterLink,
    TranslatePipe,
    FenPipe,
    PeriodPipe,
    ListPage,
    FilterSelect,
    StatusChip,
    CorrectionNotice,
  ],
  templateUrl: './insured-list-page.html',
  styleUrl: './insured-list-page.scss',
})
export class InsuredListPage {
  private readonly dialog = inject(MatDialog);
  private readonly baseDeclarations = inject(BaseDeclarationsApi);
  private readonly toast = inject(Toast);
  private readonly insured = inject(InsuredApi);

  /** The registry's listed fields (addition-fields.ts) follow the list's own columns. */
  protected readonly listedFields = LISTED_FIELDS.map((key) => ({ key, label: fieldOf(key).label }));
  protected readonly columns = [
    ...['name', 'idNumber', 'sex', 'birthDate', 'status', 'startMonth', 'endMonth', 'wage', 'insuranceTypes'],
    ...LISTED_FIELDS,
    'actions',
  ];
  protected readonly statusFilter: ListFilter<InsuredStatus> = {
    label: 'insured.fields.status',
    options: INSURED_STATUSES,
    optionLabels: 'enums.insuredStatus',
    allLabel: 'insuredList.allStatuses',
  };
  protected readonly exportUrl = INSURED_EXPORT;

  /** Search, status and order (by name unless a header is clicked) in the URL. */
  protected readonly list = listState({
    q: queryParam(insuredQuery.shape.q),
    status: queryParam(insuredQuery.shape.status),
    sort: queryParam(insuredQuery.shape.sort),
    direction: queryParam(insuredQuery.shape.direction),
  });
  protected readonly search = this.list.searchBox('q');
  protected readonly filters = this.list.values;
  protected readonly paging = this.list.paging;
  protected readonly persons = insuredPageResource(() => ({ ...this.filters(), ...this.paging.params() }));
  protected readonly rows = rowsOf(this.persons);
  protected readonly exportParams = computed(() => insuredParams(this.filters()));
  private readonly baseStatus = baseDeclarationStatusResource();
  /** The contribution year whose base declaration window is open today; null outside every window. */
  protected readonly declarableYear = computed<ContributionYear | null>(() => {
    const status = this.baseStatus.hasValue() ? this.baseStatus.value() : undefined;
    return status?.open ? status.year : null;
  });

  /** A rejected household registration change named by `?corrects=`: its person's dialog opens on what it asked for. */
  protected readonly correction = correction();
  private readonly correcting = computed(() => this.correction.of('hukou-change'));
  private openedFor: number | null = null;

  constructor() {
    effect(() => {
      const rejected = this.correcting();
      if (!rejected?.idNumber || rejected.id === this.openedFor) return;
      this.openedFor = rejected.id;
      untracked(() =>
        this.insured.personWith(rejected.idNumber!).subscribe((person) => {
          if (person) this.correctHukou(person, rejected);
        }),
      );
    });
  }

  private correctHukou(person: InsuredPersonDetail, rejected: SubmissionOf<'hukou-change'>): void {
    this.dialog
      .open<HukouDialog, HukouDialogData, Submission>(HukouDialog, { data: { person, rejected }, width: '520px', maxWidth: '95vw' })
      .afterClosed()
      .pipe(filter((submitted) => submitted !== undefined))
      .subscribe(() => {
        this.toast.show('maintenance.submitted');
        // Corrected: the to-do is done.
        this.correction.done();
      });
  }

  protected showDetail(person: InsuredPerson): void {
    this.dialog.open<InsuredDetailDialog, InsuredDetailDialogData>(InsuredDetailDialog, {
      data: { personId: person.personId },
      width: '760px',
    });
  }

  /** One person's base declaration, as on the base declaration page, the wage prefilled with their base now. */
  protected declareBase(row: InsuredPerson): void {
    const year = this.declarableYear();
    if (!year) return;
    this.baseDeclarations.declarable(row.idNumber, row.personId).subscribe((person) => {
      if (!person) return this.toast.show('insuredList.basePending');
      // The dialog says it was submitted.
      openDeclareDialog(this.dialog, { person, year, wageFen: person.currentBaseFen }).subscribe();
    });
  }
}
