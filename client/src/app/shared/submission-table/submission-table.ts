import { DatePipe } from '@angular/common';
import type { HttpResourceRef } from '@angular/common/http';
import { booleanAttribute, Component, computed, contentChildren, input, output, viewChild, type AfterContentInit } from '@angular/core';
import { MatColumnDef, MatTable, MatTableModule } from '@angular/material/table';
import { SUBMISSION_KINDS, type Submission, type SubmissionPage } from '@common/api/submissions';
import { TranslatePipe } from '@ngx-translate/core';
import type { ListFilter } from '../filter-select/filter-select';
import { PeriodPipe } from '../format/period.pipe';
import { valueOf } from '../resource-value';
import { StatusChip } from '../status-chip/status-chip';

/** The kind of submission, as the unit's queues and the reviewer's console filter it. */
export const SUBMISSION_KIND_FILTER: ListFilter<(typeof SUBMISSION_KINDS)[number]> = {
  label: 'submissions.kind',
  options: SUBMISSION_KINDS,
  optionLabels: 'enums.submissionKind',
  allLabel: 'submissions.allKinds',
};

/**
 * A page of submissions, as the unit's queues and the reviewer's console show them (masked ID numbers), for the
 * list page's paged frame (shared/list-page). The page adds its own `actions` column as a `matColumnDef` inside
 * the element.
 */
@Component({
  selector: 'app-submission-table',
  imports: [DatePipe, MatTableModule, TranslatePipe, PeriodPipe, StatusChip],
  templateUrl: './submission-table.html',
  styles: `
    :host {
      display: block;
    }
    table {
      width: 100%;
    }
    .nowrap {
      white-space: nowrap;
    }
    /* A name read across two lines is misread: the names keep to one line, the other columns give way. */
    .unit,
    .person {
      white-space: nowrap;
    }
    /* The unit and the batch narrow the list: links in look, buttons for the keyboard. */
    .narrow {
      padding: 0;
      border: none;
      background: none;
      color: var(--mat-sys-primary);
      font: inherit;
      text-align: left;
      text-decoration: underline;
      cursor: pointer;
    }
  `,
})
export class SubmissionTable implements AfterContentInit {
  readonly submissions = input.required<HttpResourceRef<SubmissionPage | undefined>>();
  readonly columns = input.required<readonly string[]>();
  /** Test id of each row, e.g. `queue-row`; its cells' buttons are `<prefix>-unit` and `<prefix>-batch`. */
  readonly testIdPrefix = input.required<string>();
  /** The unit's name and the batch become buttons that narrow the list to them. */
  readonly narrowable = input(false, { transform: booleanAttribute });
  readonly unitChosen = output<Submission>();
  readonly batchChosen = output<number>();

  private readonly table = viewChild.required(MatTable);
  private readonly columnDefs = contentChildren(MatColumnDef);
  /** Read by the table even while the frame shows why the page did not load. */
  protected readonly rows = computed(() => valueOf(this.submissions())?.items ?? []);

  ngAfterContentInit(): void {
    for (const columnDef of this.columnDefs()) this.table().addColumnDef(columnDef);
  }
}
