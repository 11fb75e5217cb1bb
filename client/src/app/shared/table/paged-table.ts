import { Component, input } from '@angular/core';
import type { WritableResource } from '@angular/core';
import { MatPaginatorModule } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { translatedPaginator } from '../../core/language/paginator-intl';
import { LoadError } from '../load-error/load-error';
import { PAGE_SIZES, type ListPaging } from './paging';

/**
 * The frame of a server-paged list: its table (projected), a bar while a page loads, the paginator driving
 * `paging` (none for a list the server sends whole), and the reason with a retry when the page did not load.
 */
@Component({
  selector: 'app-paged-table',
  imports: [MatPaginatorModule, MatProgressBarModule, LoadError],
  providers: [translatedPaginator],
  template: `
    @if (resource().error(); as error) {
      <app-load-error [error]="error" (retry)="resource().reload()" />
    } @else {
      <div class="table-frame">
        @if (resource().isLoading()) {
          <mat-progress-bar mode="indeterminate" />
        }
        <ng-content />
        @if (paging(); as paging) {
          <mat-paginator
            [length]="resource().value()?.total ?? 0"
            [pageIndex]="paging.index()"
            [pageSize]="paging.size()"
            [pageSizeOptions]="pageSizes"
            (page)="paging.change($event)"
          />
        }
      </div>
    }
  `,
  styles: `
    .table-frame {
      overflow-x: auto;
    }
  `,
})
export class PagedTable {
  readonly resource = input.required<WritableResource<{ total?: number } | undefined>>();
  readonly paging = input<ListPaging>();

  protected readonly pageSizes = [...PAGE_SIZES];
}
