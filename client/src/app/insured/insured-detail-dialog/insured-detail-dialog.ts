import { Component, computed, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialog, MatDialogModule } from '@angular/material/dialog';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTabsModule } from '@angular/material/tabs';
import { fieldOf, INSURED_DETAIL_FIELDS, type InsuredDetailSection } from '@common/api/addition-fields';
import type { Submission } from '@common/api/submissions';
import type { InsuredPersonDetail } from '@common/api/payments';
import { TranslatePipe } from '@ngx-translate/core';
import { filter } from 'rxjs';
import { ChangeTable } from '../../shared/change-table/change-table';
import { Fact, Facts } from '../../shared/facts/facts';
import { FenPipe } from '../../shared/format/fen.pipe';
import { PeriodPipe } from '../../shared/format/period.pipe';
import { LoadError } from '../../shared/load-error/load-error';
import { Notice } from '../../shared/notice/notice';
import { StatusChip } from '../../shared/status-chip/status-chip';
import { Toast } from '../../shared/toast';
import { ContactDialog } from '../contact-dialog/contact-dialog';
import { HukouDialog, type HukouDialogData } from '../hukou-dialog/hukou-dialog';
import { insuredDetailResource } from '../insured-api';

/** A stored field as a tab shows it: a code as its catalogue key, a text as it is, a dash for none. */
interface StoredFact {
  field: string;
  label: string;
  code: string | null;
  text: string;
}

export interface InsuredDetailDialogData {
  personId: number;
}

/**
 * One insured person in three tabs: who they are (whole ID number), how to reach them, and their coverage. A person
 * the unit insures now can have their contact details changed at once and their household registration changed
 * by a reviewed submission.
 */
@Component({
  selector: 'app-insured-detail-dialog',
  imports: [
    MatButtonModule,
    MatDialogModule,
    MatProgressBarModule,
    MatTabsModule,
    TranslatePipe,
    ChangeTable,
    Fact,
    Facts,
    FenPipe,
    PeriodPipe,
    LoadError,
    Notice,
    StatusChip,
  ],
  templateUrl: './insured-detail-dialog.html',
  styleUrl: './insured-detail-dialog.scss',
})
export class InsuredDetailDialog {
  private readonly data = inject<InsuredDetailDialogData>(MAT_DIALOG_DATA);

  private readonly dialog = inject(MatDialog);
  private readonly toast = inject(Toast);

  protected readonly person = insuredDetailResource(() => this.data.personId);
  protected readonly maintainable = computed(() => this.person.value()?.employment.status === 'active');

  /** The registry's facts of a tab (addition-fields.ts), in its order. */
  protected factsOf(section: InsuredDetailSection, values: Readonly<Record<string, unknown>>): StoredFact[] {
    return INSURED_DETAIL_FIELDS[section].map((field): StoredFact => {
      const { label, codes } = fieldOf(field);
      // The registry's detail fields are text (or null); the section's other facts (the wage) show elsewhere.
      const stored = values[field];
      const value = typeof stored === 'string' ? stored : null;
      return { field, label, code: value !== null && codes ? `${codes.labels}.${value}` : null, text: value ?? '—' };
    });
  }

  protected editContact(person: InsuredPersonDetail): void {
    this.dialog
      .open<ContactDialog, InsuredPersonDetail, InsuredPersonDetail>(ContactDialog, { data: person, width: '520px', maxWidth: '95vw' })
      .afterClosed()
      .pipe(filter((updated) => updated !== undefined))
      .subscribe((updated) => {
        this.person.set(updated);
        this.toast.show('maintenance.contact.saved', { name: updated.basic.name });
      });
  }

  protected changeHukou(person: InsuredPersonDetail): void {
    this.dialog
      .open<HukouDialog, HukouDialogData, Submission>(HukouDialog, { data: { person }, width: '520px', maxWidth: '95vw' })
      .afterClosed()
      .pipe(filter((submitted) => submitted !== undefined))
      .subscribe(() => {
        this.toast.show('maintenance.submitted');
        this.person.reload();
      });
  }
}
