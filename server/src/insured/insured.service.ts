import type { Knex } from 'knex';
import type { z } from 'zod';
import type { InsuredPage, insuredQuery } from '@common/api/declarations';
import type { InsuredPersonDetail } from '@common/api/payments';
import { DeclarationStore } from '../declarations/declarations.store';
import { ListCache } from '../cache/list-cache';
import { notFound } from '../http/errors';
import { InsuredStore } from './insured.store';

/** The unit's insured list; what changes it is an approved declaration (review/) or maintenance (maintenance/). */
export class InsuredService {
  constructor(
    private readonly db: Knex,
    private readonly lists = new ListCache(db),
  ) {}

  async list(unitId: number, query: z.output<typeof insuredQuery>): Promise<InsuredPage> {
    const { items, total } = await this.lists.page(unitId, 'insured-persons', query, () =>
      new InsuredStore(this.db).page(unitId, query, query.page, query.pageSize),
    );
    return { items, total, page: query.page, pageSize: query.pageSize };
  }

  async detail(unitId: number, personId: number): Promise<InsuredPersonDetail> {
    const found = await new InsuredStore(this.db).detail(unitId, personId);
    if (!found) throw notFound();
    return { ...found, pendingChanges: await new DeclarationStore(this.db).pendingChanges(unitId, ['hukou-change'], personId) };
  }

  async forExport(unitId: number, query: Omit<z.output<typeof insuredQuery>, 'page' | 'pageSize'>) {
    const store = new InsuredStore(this.db);
    return { total: await store.count(unitId, query), pages: store.keysetPages(unitId, query) };
  }
}

/** The insured feature's wiring on a knex handle; `lists` is the instance's cache of list pages. */
export function createInsuredService(db: Knex, lists: ListCache): InsuredService {
  return new InsuredService(db, lists);
}
