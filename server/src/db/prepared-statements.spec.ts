import { createTestHall, ENGINE, type TestHall } from '../../test/harness';
import { PREPARED_PER_CONNECTION } from './prepared-statements';

/** What PostgreSQL holds prepared on the transaction's connection, by statement text. */
async function preparedTexts(trx: { raw(sql: string): Promise<{ rows: { statement: string }[] }> }): Promise<string[]> {
  return (await trx.raw('select statement from pg_prepared_statements')).rows.map((r) => r.statement);
}

describe('prepared statements on PostgreSQL', () => {
  let hall: TestHall;

  beforeAll(async () => (hall = await createTestHall()));
  afterAll(() => hall.close());

  beforeEach(() => {
    if (ENGINE !== 'postgres') pending('SQLite has no server-side statements to prepare');
  });

  it('prepares a parameterised statement once per connection and plans it for its parameters every time', async () => {
    await hall.db.knex.transaction(async (trx) => {
      // Both on the transaction's one connection.
      const first = await trx('units').where('id', 1).select('id');
      const again = await trx('units').where('id', 1).select('id');
      expect(again).toEqual(first);
      const texts = await preparedTexts(trx as never);
      expect(texts.filter((t) => t === 'select "id" from "units" where "id" = $1').length).toBe(1);
      // A statement without parameters is never prepared.
      expect(texts.some((t) => t.includes('pg_prepared_statements'))).toBeFalse();
      expect((await trx.raw('show plan_cache_mode')).rows[0].plan_cache_mode).toBe('force_custom_plan');
    });
  });

  it(`keeps at most ${PREPARED_PER_CONNECTION} statements a connection; the rest run unnamed and still answer`, async () => {
    await hall.db.knex.transaction(async (trx) => {
      // Each IN list of another length is another text.
      for (let n = 1; n <= PREPARED_PER_CONNECTION + 20; n++) {
        const ids = Array.from({ length: n }, (_, i) => -1 - i);
        expect(await trx('units').whereIn('id', ids).select('id')).toEqual([]);
      }
      const texts = await preparedTexts(trx as never);
      expect(texts.length).toBeLessThanOrEqual(PREPARED_PER_CONNECTION);
      expect(texts.length).toBeGreaterThan(PREPARED_PER_CONNECTION - 30);
    });
  });
});
