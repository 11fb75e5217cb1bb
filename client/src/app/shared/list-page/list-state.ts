import { computed, DestroyRef, inject, signal, type Signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormControl, type AbstractControl, type FormGroup } from '@angular/forms';
import type { PageEvent } from '@angular/material/paginator';
import type { Sort } from '@angular/material/sort';
import { ActivatedRoute, Router, type Params } from '@angular/router';
import { debounceTime, map } from 'rxjs';
import type { z } from 'zod';
import { DEFAULT_PAGE_SIZE, PAGE_SIZES, SEARCH_DEBOUNCE_MS, type ListPaging, type PageParams } from '../table/paging';

/** How one query parameter reads (anything it does not accept reads as its default) and writes (its default not at all). */
export interface UrlParam<T> {
  read(raw: string | null): T;
  write(value: T): string | null;
}

type ValuesOf<P> = { [K in keyof P]: P[K] extends UrlParam<infer T> ? T : never };

/**
 * A query parameter as the API's zod schema in common/ defines it (optional or with a default): a value the schema
 * rejects reads as the default, or as absent; the default stays out of the URL.
 */
export function queryParam<S extends z.ZodType>(schema: S): UrlParam<z.output<S>> {
  const fallback = schema.safeParse(undefined);
  const byDefault = fallback.success ? fallback.data : undefined;
  return {
    read: (raw) => {
      const parsed = schema.safeParse(raw ?? undefined);
      return parsed.success ? parsed.data : (byDefault as z.output<S>);
    },
    write: (value) => (value === undefined || value === null || value === '' || value === byDefault ? null : String(value)),
  };
}

// The first page and the default size stay out of the URL.
const pageParam: UrlParam<number> = {
  // The URL counts pages from 1, as the paginator shows them; the API from 0.
  read: (raw) => (raw !== null && /^[1-9]\d{0,5}$/.test(raw) ? Number(raw) - 1 : 0),
  write: (index) => (index > 0 ? String(index + 1) : null),
};

const sizeParam: UrlParam<number> = {
  read: (raw) => PAGE_SIZES.find((size) => String(size) === raw) ?? DEFAULT_PAGE_SIZE,
  write: (size) => (size === DEFAULT_PAGE_SIZE ? null : String(size)),
};

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * A list's filters, search and page kept in the URL's query parameters, so that back, refresh and a shared link
 * bring the same list back. The URL is the only state: the page reads `values()` and `paging`, and changes them
 * through `set` (a new history entry, as a click is) or its search box (typing replaces the entry). A change of
 * filters starts again at the first page. Values the URL holds wrongly read as their defaults.
 * Create in an injection context of a routed component.
 */
export class ListState<P extends Record<string, UrlParam<unknown>>> {
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly query = toSignal(this.route.queryParamMap, { requireSync: true });

  readonly values: Signal<ValuesOf<P>>;
  readonly paging: ListPaging;

  constructor(private readonly params: P) {
    this.values = computed(
      () => {
        const query = this.query();
        return Object.fromEntries(Object.entries(params).map(([key, param]) => [key, param.read(query.get(key))])) as ValuesOf<P>;
      },
      { equal: sameJson },
    );
    const index = computed(() => pageParam.read(this.query().get('page')));
    const size = computed(() => sizeParam.read(this.query().get('pageSize')));
    this.paging = {
      index,
      size,
      params: computed((): PageParams => ({ page: index(), pageSize: size() }), { equal: sameJson }),
      change: (event: PageEvent) => void this.navigate({ page: pageParam.write(event.pageIndex), pageSize: sizeParam.write(event.pageSize) }, false),
    };
  }

  /** Changes some filters (the others stay) and goes back to the first page, as a new history entry. */
  set(changes: Partial<ValuesOf<P>>, replaceUrl = false): Promise<boolean> {
    const query: Params = { page: null };
    for (const [key, value] of Object.entries(changes)) query[key] = this.params[key].write(value);
    return this.navigate(query, replaceUrl);
  }

  /** A sort header's change into `sort` and `direction`; a cleared sort goes back to the list's own order. */
  sortBy({ active, direction }: Sort): void {
    void this.set((direction ? { sort: active, direction } : { sort: undefined, direction: undefined }) as Partial<ValuesOf<P>>);
  }

  /**
   * A search box kept in step with the parameter `key`: what is typed goes into the URL once the typing pauses,
   * replacing the history entry; a URL changed by back or a link fills the box. Call in an injection context.
   */
  searchBox(key: keyof P & string): FormControl<string> {
    const current = () => (this.values()[key] as string | undefined) ?? '';
    const control = new FormControl(current(), { nonNullable: true });
    const typed = control.valueChanges
      .pipe(
        debounceTime(SEARCH_DEBOUNCE_MS),
        map((value) => value.trim()),
      )
      .subscribe((term) => {
        if (term !== current()) void this.set({ [key]: term } as Partial<ValuesOf<P>>, true);
      });
    const linked = this.route.queryParamMap.subscribe(() => {
      if (control.value.trim() !== current()) control.setValue(current(), { emitEvent: false });
    });
    inject(DestroyRef).onDestroy(() => {
      typed.unsubscribe();
      linked.unsubscribe();
    });
    return control;
  }

  /**
   * A form of filters kept in step with the parameters of the same names: a valid change goes into the URL (a new
   * history entry), '' as absent; a URL changed by back or a link fills the form. Answers whether the form is valid:
   * while it is not, the URL keeps the last valid filters and the page should ask nothing. Call in an injection context.
   */
  bindForm<K extends keyof P & string>(form: FormGroup<Record<K, FormControl<string>>>): Signal<boolean> {
    const fromUrl = () => Object.fromEntries(Object.keys(form.controls).map((key) => [key, String(this.values()[key as K] ?? '')]));
    const check = () => {
      // Validators that compare two fields see both as they are now.
      for (const control of Object.values<AbstractControl<string>>(form.controls))
        control.updateValueAndValidity({ onlySelf: true, emitEvent: false });
      form.updateValueAndValidity({ emitEvent: false });
      valid.set(form.valid);
    };
    const valid = signal(true);
    form.setValue(fromUrl() as never, { emitEvent: false });
    check();
    valid.set(form.valid);
    const changed = form.valueChanges.subscribe(() => {
      check();
      const value = form.getRawValue() as Record<string, string>;
      if (form.valid && !sameJson(value, fromUrl())) {
        // Valid again only once the URL holds the new filters: the old ones are not asked for on the way.
        valid.set(false);
        void this.set(Object.fromEntries(Object.entries(value).map(([key, v]) => [key, v || undefined])) as Partial<ValuesOf<P>>).then(() =>
          valid.set(form.valid),
        );
      } else {
        valid.set(form.valid);
      }
    });
    const linked = this.route.queryParamMap.subscribe(() => {
      if (!sameJson(form.getRawValue(), fromUrl())) {
        form.setValue(fromUrl() as never, { emitEvent: false });
        check();
        valid.set(form.valid);
      }
    });
    inject(DestroyRef).onDestroy(() => {
      changed.unsubscribe();
      linked.unsubscribe();
    });
    return valid.asReadonly();
  }

  private navigate(query: Params, replaceUrl: boolean): Promise<boolean> {
    return this.router.navigate([], { relativeTo: this.route, queryParams: query, queryParamsHandling: 'merge', replaceUrl });
  }
}

/** A list whose state lives in the URL; see `ListState`. */
export function listState<P extends Record<string, UrlParam<unknown>>>(params: P): ListState<P> {
  return new ListState(params);
}
