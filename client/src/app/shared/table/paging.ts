import { computed, linkedSignal, signal, type Signal, type WritableSignal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import type { AbstractControl } from '@angular/forms';
import type { PageEvent } from '@angular/material/paginator';
import { debounceTime, distinctUntilChanged, map } from 'rxjs';

/** How long a search box waits for the typing to stop before it asks the server. */
export const SEARCH_DEBOUNCE_MS = 300;

const typed = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

/**
 * What a search box holds, trimmed, once the typing has paused; '' while it holds something chosen rather than
 * typed (an autocomplete's option). Call in an injection context.
 */
export function searchTerm(control: AbstractControl<unknown>): Signal<string> {
  return toSignal(control.valueChanges.pipe(debounceTime(SEARCH_DEBOUNCE_MS), map(typed), distinctUntilChanged()), {
    initialValue: typed(control.value),
  });
}

/** The page sizes a paginator offers, and the one a list opens with. */
export const PAGE_SIZES = [10, 20, 50, 100] as const;
export const DEFAULT_PAGE_SIZE = 20;

/** Zod's coercing `pageQuery` types these loosely; requests carry numbers. */
export interface PageParams {
  page: number;
  pageSize: number;
}

/** The query of a paged list as a request sends it. */
export type PagedQuery<Query> = Omit<Query, keyof PageParams> & PageParams;

/** The page of a server-paged table, as its paginator reads and changes it. */
export interface ListPaging {
  readonly index: Signal<number>;
  readonly size: Signal<number>;
  /** `page` and `pageSize` as the API reads them. */
  readonly params: Signal<PageParams>;
  change(event: PageEvent): void;
}

/**
 * The page of a server-paged table outside the URL (a dialog's list); when the filters change it starts again at
 * the first page. A page's own list keeps it in the URL instead (`ListState`).
 */
export class Paging implements ListPaging {
  readonly index: WritableSignal<number>;
  readonly size = signal(DEFAULT_PAGE_SIZE);
  /** `page` and `pageSize` as the API reads them. */
  readonly params = computed((): PageParams => ({ page: this.index(), pageSize: this.size() }));

  constructor(filters: () => unknown) {
    this.index = linkedSignal({ source: filters, computation: () => 0 });
  }

  change(event: PageEvent): void {
    this.index.set(event.pageIndex);
    this.size.set(event.pageSize);
  }
}

/** Query parameters without the filters left empty. */
export function queryParams(values: Record<string, string | number | null | undefined>): Record<string, string | number> {
  return Object.fromEntries(
    Object.entries(values).filter((entry): entry is [string, string | number] => entry[1] !== undefined && entry[1] !== null && entry[1] !== ''),
  );
}
