import { Injectable, inject, type Provider } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatPaginatorIntl } from '@angular/material/paginator';
import { TranslateService } from '@ngx-translate/core';

/** The paginator's labels from the catalogues, following the language switcher. */
@Injectable()
export class TranslatedPaginatorIntl extends MatPaginatorIntl {
  private readonly translate = inject(TranslateService);

  constructor() {
    super();
    this.translate
      .stream('paginator')
      .pipe(takeUntilDestroyed())
      .subscribe(() => {
        this.itemsPerPageLabel = this.translate.instant('paginator.itemsPerPage');
        this.nextPageLabel = this.translate.instant('paginator.next');
        this.previousPageLabel = this.translate.instant('paginator.previous');
        this.firstPageLabel = this.translate.instant('paginator.first');
        this.lastPageLabel = this.translate.instant('paginator.last');
        this.changes.next();
      });
  }

  override getRangeLabel = (page: number, pageSize: number, length: number): string => {
    if (length === 0) return this.translate.instant('paginator.empty') as string;
    const start = page * pageSize + 1;
    return this.translate.instant('paginator.range', { start, end: Math.min(start + pageSize - 1, length), total: length });
  };
}

/**
 * For the components that show a paginator, not the root nor the shell: the paginator module brings select,
 * tooltip and overlay with it, which the sign-in page and the home pages would otherwise download first.
 */
export const translatedPaginator: Provider = { provide: MatPaginatorIntl, useClass: TranslatedPaginatorIntl };
