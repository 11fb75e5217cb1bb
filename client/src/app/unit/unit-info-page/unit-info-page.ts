import { DatePipe } from '@angular/common';
import { Component, computed, effect, inject, untracked } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import type { ChangeKind, Submission } from '@common/api/submissions';
import type { UnitInfo } from '@common/api/payments';
import { TranslatePipe } from '@ngx-translate/core';
import { filter } from 'rxjs';
import { AuthService } from '../../core/auth/auth.service';
import { ChangeTable } from '../../shared/change-table/change-table';
import { correction, CorrectionNotice } from '../../shared/correction/correction';
import { Fact, Facts } from '../../shared/facts/facts';
import { PeriodPipe } from '../../shared/format/period.pipe';
import { LoadError } from '../../shared/load-error/load-error';
import { Toast } from '../../shared/toast';
import { BankAccountDialog } from '../bank-account-dialog/bank-account-dialog';
import { UnitInfoChangeDialog, type ChangeDialogData } from '../unit-info-change-dialog/unit-info-change-dialog';
import { unitInfoResource } from '../unit-api';
import { CodeLabel } from './code-label';
import { InfoSection } from './info-section';

/**
 * 单位信息: what the agency has registered about the unit. The contacts and legal representative, and (for the
 * administrator) the bank account, are changed by a submission the agency reviews; one of each kind at a time.
 */
@Component({
  selector: 'app-unit-info-page',
  imports: [
    DatePipe,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    RouterLink,
    TranslatePipe,
    ChangeTable,
    Fact,
    Facts,
    PeriodPipe,
    LoadError,
    CodeLabel,
    InfoSection,
    CorrectionNotice,
  ],
  templateUrl: './unit-info-page.html',
  styleUrl: './unit-info-page.scss',
})
export class UnitInfoPage {
  private readonly dialog = inject(MatDialog);
  private readonly toast = inject(Toast);
  private readonly auth = inject(AuthService);

  protected readonly unitInfo = unitInfoResource();
  /** Agents see the bank account but never change it. */
  protected readonly mayChangeBank = computed(() => this.auth.user()?.role === 'unit_admin');
  private readonly pending = computed(() => new Map((this.unitInfo.value()?.pendingChanges ?? []).map((d) => [d.kind, d])));
  /** A rejected change named by `?corrects=`: its dialog opens on what it asked for. */
  protected readonly correction = correction();
  private readonly correcting = computed(() => this.correction.of('unit-info-change', 'bank-account-change'));
  private openedFor: number | null = null;

  constructor() {
    effect(() => {
      const rejected = this.correcting();
      const unit = this.unitInfo.hasValue() ? this.unitInfo.value() : undefined;
      if (!rejected || !unit || rejected.id === this.openedFor) return;
      this.openedFor = rejected.id;
      untracked(() => {
        if (rejected.kind === 'unit-info-change') this.open(UnitInfoChangeDialog, { unit, rejected });
        else this.open(BankAccountDialog, { unit, rejected });
      });
    });
  }

  protected pendingOf(kind: ChangeKind): Submission | undefined {
    return this.pending().get(kind);
  }

  protected changeInfo(unit: UnitInfo): void {
    this.open(UnitInfoChangeDialog, { unit });
  }

  protected changeBank(unit: UnitInfo): void {
    this.open(BankAccountDialog, { unit });
  }

  private open(
    dialog: typeof UnitInfoChangeDialog | typeof BankAccountDialog,
    data: ChangeDialogData<'unit-info-change'> | ChangeDialogData<'bank-account-change'>,
  ): void {
    this.dialog
      .open<unknown, typeof data, Submission>(dialog, { data, width: '560px', maxWidth: '95vw' })
      .afterClosed()
      .pipe(filter((submitted) => submitted !== undefined))
      .subscribe((submitted) => {
        this.toast.show('maintenance.submitted');
        this.unitInfo.reload();
        // Corrected: the to-do is done.
        if (submitted.correctsId !== null) this.correction.done();
      });
  }
}
