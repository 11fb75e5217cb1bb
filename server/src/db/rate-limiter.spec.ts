import { createTestHall, ENGINE, type TestHall } from '../../test/harness';
import { databaseRateLimiter } from './dialect';

describe('the database rate limiter', () => {
  let hall: TestHall;

  beforeAll(async () => (hall = await createTestHall()));
  afterAll(() => hall.close());

  it('counts while other requests run their transactions on the same connection pool', async () => {
    const limiter = databaseRateLimiter(hall.db.knex, ENGINE, { keyPrefix: 'spec_interleaved', points: 1000, duration: 60 });
    // A count must hold its connection until it is done: one handed back early is given to the next transaction mid-count.
    const work = Array.from({ length: 40 }, (_, i) =>
      i % 2 ? limiter.consume('caller') : hall.db.knex.transaction((trx) => trx('units').first('id')),
    );
    const outcomes = await Promise.allSettled(work);
    expect(outcomes.filter((o) => o.status === 'rejected').map((o) => String(o.reason))).toEqual([]);
    expect((await limiter.get('caller'))?.consumedPoints).toBe(20);
  });
});
