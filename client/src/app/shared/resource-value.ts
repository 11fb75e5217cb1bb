import { computed, type Resource, type Signal } from '@angular/core';

/**
 * A resource's value, or undefined while it has none: before its first answer, and when it failed
 * (`value()` throws the error then, so a list that failed must not read it).
 */
export function valueOf<T>(resource: Resource<T | undefined>): T | undefined {
  return resource.hasValue() ? resource.value() : undefined;
}

/** A list's rows: none before its first answer and none when it failed (its list page says why then). */
export function rowsOf<Row>(resource: Resource<{ items: readonly Row[] } | undefined>): Signal<readonly Row[]> {
  return computed(() => valueOf(resource)?.items ?? []);
}
