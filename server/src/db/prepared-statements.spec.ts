import { createTestHall, ENGINE, type TestHall } from '../../test/harness';
import { PREPARED_PER_CONNECTION } from './prepared-statements';

/** What PostgreSQL holds prepared on the transaction's connection, by statement text. */
async function preparedTexts(trx: { raw(sql: string): Promise<{ rows: { statement: string }[] }> }): Promise<string[]> {
  return (await trx.raw('select statement from pg_prepared_statements')).rows.map((r) => r.statement);
}

describe('prepared statements on PostgreSQL', () => {
  let hall: TestHall;

  // A hall each: the connections' prepared statements are the subject, and the pool would carry them over.
  beforeEach(async () => {
    if (ENGINE !== 'postgres') pending('SQLite has no server-side statements to prepare');
    hall = await createTestHall();
  });
  afterEach(() => hall?.close());

  it('prepares a parameterised statement once per connection, and never one without parameters', async () => {
    await hall.db.knex.transaction(async (trx) => {
      // Both on the transaction's one connection.
      const first = await trx('units').where('id', 1).select('id');
      const again = await trx('units').where('id', 1).select('id');
      expect(again).toEqual(first);
      const texts = await preparedTexts(trx as never);
      expect(texts.filter((t) => t === 'select "id" from "units" where "id" = $1').length).toBe(1);
      // A statement without parameters is never prepared.
      expect(texts.some((t) => t.includes('pg_prepared_statements'))).toBeFalse();
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
