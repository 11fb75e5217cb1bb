import type { Resource } from '@angular/core';

/**
 * A resource's value, or undefined while it has none: before its first answer, and when it failed
 * (`value()` throws the error then, so a list that failed must not read it).
 */
export function valueOf<T>(resource: Resource<T | undefined>): T | undefined {
  return resource.hasValue() ? resource.value() : undefined;
}
