import { Component, computed, input } from '@angular/core';
import type { WritableResource } from '@angular/core';
import { ReactiveFormsModule, type FormControl } from '@angular/forms';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { TranslatePipe } from '@ngx-translate/core';
import { ExportButton } from '../export/export-button';
import { valueOf } from '../resource-value';
import { PagedTable } from '../table/paged-table';
import type { ListPaging } from '../table/paging';

/** What a list exports: the endpoint, its filters as query parameters (null while not valid), the fallback name. */
export interface ListExport {
  url: string;
  params: Record<string, string | number> | null;
  fileName: string;
}

/**
 * A server-paged list page (after components-examples' table-http-example): the filter bar (search box, the
 * page's own filters in `[listFilters]`, the export, the page's actions in `[listActions]`), what the page says
 * about the list as filtered (`[listNotice]`), then the page's `mat-table` in the paged frame with its loading
 * bar, error with retry, paginator and empty state.
 * Test ids start with `testId`: `-filters`, `-search`, `-export`, `-empty`. A bar with nothing in it is not shown.
 */
@Component({
  selector: 'app-list-page',
  imports: [ReactiveFormsModule, MatFormFieldModule, MatIconModule, MatInputModule, TranslatePipe, ExportButton, PagedTable],
  templateUrl: './list-page.html',
  styleUrl: './list-page.scss',
})
export class ListPage {
  readonly testId = input.required<string>();
  readonly resource = input.required<WritableResource<{ items: readonly unknown[]; total?: number } | undefined>>();
  /** None for a list the server sends whole: no paginator then. */
  readonly paging = input<ListPaging>();
  /** The search box's control (`ListState.searchBox`, or read through `searchTerm`) and its label; no box without one. */
  readonly search = input<FormControl<string>>();
  readonly searchLabel = input('');
  /** Translation key of what the search box searches through, when the label does not say it all. */
  readonly searchHint = input<string>();
  readonly export = input<ListExport>();
  /** Translation key of the text shown when the list is empty … */
  readonly emptyText = input.required<string>();
  /** … or of why nothing was asked for (filters to correct first). */
  readonly emptyReason = input<string | null>(null);

  protected readonly empty = computed(() => !valueOf(this.resource())?.items.length);
}
