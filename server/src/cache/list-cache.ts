/**
 * Pages of a unit's lists, kept per server instance while the unit's data version is unchanged. A
 * page of a large unit can take tens of milliseconds to compute (a count over 100,000 people, a search
 * by name, a deep offset); HR managers page back and forth and twenty of them share a server, so
 * each page is computed once per change instead of once per click. Least recently used pages go first.
 */
import type { Knex } from 'knex';
import { unitDataVersion } from './unit-data-version';

export interface ListCacheOptions {
  maxEntries: number;
}

interface Entry {
  version: number;
  value: Promise<unknown>;
}

export class ListCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly db: Knex,
    private readonly options: ListCacheOptions = { maxEntries: 2000 },
  ) {}

  /**
   * The page named by `list` and `params` for the unit: cached if computed at the unit's current data
   * version, else computed now. A page computed after reading version v is at least as new as v.
   */
  async page<T>(unitId: number, list: string, params: unknown, compute: () => Promise<T>): Promise<T> {
    const version = await unitDataVersion(this.db, unitId);
    if (version === null) return compute();
    const key = `${unitId}\u0000${list}\u0000${JSON.stringify(params)}`;
    const cached = this.entries.get(key);
    if (cached && cached.version === version) {
      // Refresh its place in the least-recently-used order.
      this.entries.delete(key);
      this.entries.set(key, cached);
      return cached.value as Promise<T>;
    }
    // Concurrent requests for the same page share one computation.
    const value = compute();
    this.entries.delete(key);
    this.entries.set(key, { version, value });
    value.catch(() => {
      if (this.entries.get(key)?.value === value) this.entries.delete(key);
    });
    while (this.entries.size > this.options.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    return value;
  }
}
