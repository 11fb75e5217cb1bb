/**
 * Pages of a unit's lists, kept per server instance while the unit's data version is unchanged. A
 * page of a large unit can take tens of milliseconds to compute (a count over 100,000 people, a search
 * by name, a deep offset); HR managers page back and forth and twenty of them share a server, so
 * each page is computed once per change instead of once per click. Least recently used pages go first.
 */
import type { Knex } from 'knex';
import { unitDataVersion } from './unit-data-version';

export interface ListCacheOptions {
  /** Rows held in all cached pages together (a page of 200 rows weighs 200); bounds the memory. */
  maxRows: number;
  /** False computes every page (config LIST_CACHE=off): what the plans cost, which the cache would hide. */
  enabled?: boolean;
}

interface Entry {
  version: number;
  value: Promise<unknown>;
  /** Rows in the page once computed; 1 until then. */
  rows: number;
}

const rowsOf = (page: unknown): number => {
  const items = (page as { items?: unknown } | null)?.items;
  return 1 + (Array.isArray(items) ? items.length : 0);
};

/** Lookups of one list since the instance started, for /metrics. */
export interface ListCacheCounts {
  hits: number;
  misses: number;
}

export class ListCache {
  private readonly entries = new Map<string, Entry>();
  private rows = 0;
  private readonly counts = new Map<string, ListCacheCounts>();

  constructor(
    private readonly db: Knex,
    private readonly options: ListCacheOptions = { maxRows: 40_000 },
  ) {}

  /**
   * The page named by `list` and `params` for the unit: cached if computed at the unit's current data
   * version, else computed now. A page computed after reading version v is at least as new as v.
   */
  async page<T>(unitId: number, list: string, params: unknown, compute: () => Promise<T>): Promise<T> {
    if (this.options.enabled === false) return compute();
    const version = await unitDataVersion(this.db, unitId);
    if (version === null) return compute();
    const key = `${unitId}\u0000${list}\u0000${JSON.stringify(params)}`;
    const cached = this.entries.get(key);
    const counts = this.countsOf(list);
    if (cached && cached.version === version) {
      counts.hits++;
      // Refresh its place in the least-recently-used order.
      this.entries.delete(key);
      this.entries.set(key, cached);
      return cached.value as Promise<T>;
    }
    counts.misses++;
    // Concurrent requests for the same page share one computation.
    const value = compute();
    this.remove(key);
    const entry: Entry = { version, value, rows: 1 };
    this.add(key, entry);
    value.then(
      (page) => {
        if (this.entries.get(key) !== entry) return;
        this.rows += rowsOf(page) - entry.rows;
        entry.rows = rowsOf(page);
        this.evict();
      },
      () => this.entries.get(key) === entry && this.remove(key),
    );
    this.evict();
    return value;
  }

  /** Hits and misses by list; a unit without a data version bypasses the cache and counts as neither. */
  lookups(): ReadonlyMap<string, Readonly<ListCacheCounts>> {
    return this.counts;
  }

  /** Pages and rows held now. */
  size(): { pages: number; rows: number } {
    return { pages: this.entries.size, rows: this.rows };
  }

  private countsOf(list: string): ListCacheCounts {
    let counts = this.counts.get(list);
    if (!counts) this.counts.set(list, (counts = { hits: 0, misses: 0 }));
    return counts;
  }

  private add(key: string, entry: Entry): void {
    this.entries.set(key, entry);
    this.rows += entry.rows;
  }

  private remove(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.rows -= entry.rows;
  }

  /** Least recently used first. */
  private evict(): void {
    while (this.rows > this.options.maxRows && this.entries.size > 1) this.remove(this.entries.keys().next().value!);
  }
}
