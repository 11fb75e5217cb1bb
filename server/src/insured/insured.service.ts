import type { Knex } from 'knex';
import type { z } from 'zod';
import type { InsuredPage, insuredQuery } from '@common/api/declarations';
import { InsuredStore } from './insured.store';

/** The unit's insured list; what changes it is an approved declaration (review/). */
export class InsuredService {
  constructor(private readonly db: Knex) {}

  async list(unitId: number, query: z.output<typeof insuredQuery>): Promise<InsuredPage> {
    const { items, total } = await new InsuredStore(this.db).page(unitId, query, query.page, query.pageSize);
    return { items, total, page: query.page, pageSize: query.pageSize };
  }
}
