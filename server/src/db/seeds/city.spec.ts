import { createTestHall, ENGINE, type TestHall } from '../../../test/harness';
import { periodTotalsOf } from '../../../test/period-totals';
import { CITY, cityCreditCode, seedCity, unitSizes } from './city';
import { DEMO_PASSWORDS } from './demo';

const SMALL_CITY = { units: 3, persons: 200, largest: 150 };

describe('the city seed', () => {
  let hall: TestHall;
  beforeEach(async () => (hall = await createTestHall()));
  afterEach(() => hall.close());

  it('sizes units by a power law summing to the persons, none below 20 or above the largest', () => {
    // 140 persons above the minimum shared 1 : 1/2 : 1/3, rounded down, the one left over to the first.
    expect(unitSizes(SMALL_CITY)).toEqual([97, 58, 45]);
    const city = unitSizes(CITY);
    expect(city.reduce((a, b) => a + b, 0)).toBe(1_000_000);
    expect(Math.min(...city)).toBeGreaterThanOrEqual(20);
    expect(Math.max(...city)).toBe(100_000);
  });

  if (ENGINE === 'sqlite') {
    it('refuses SQLite, saying it needs PostgreSQL', async () => {
      await expectAsync(seedCity(hall.db.knex, hall.clock.now(), SMALL_CITY)).toBeRejectedWithError(/needs PostgreSQL/);
    });
    return;
  }

  it('loads a small city beside the demo units, each detail its person’s unit’s, the indexes and constraints as they were', async () => {
    const { knex } = hall.db;
    const schemaOf = async () => ({
      indexes: await knex('pg_indexes').whereRaw('schemaname = current_schema()').orderBy('indexname').pluck('indexdef'),
      constraints: (
        await knex.raw(
          `SELECT conname, pg_get_constraintdef(oid) AS d FROM pg_constraint WHERE connamespace = current_schema()::regnamespace ORDER BY conname`,
        )
      ).rows,
    });
    const demoDetails = async () => (await knex('payment_details').orderBy('id').select('*')).map((r) => JSON.stringify(r));
    const schemaBefore = await schemaOf();
    const demoBefore = await demoDetails();
    const unitsBefore = Number((await knex('units').count({ n: '*' }).first())!.n);

    await seedCity(knex, hall.clock.now(), SMALL_CITY);

    expect(await schemaOf()).toEqual(schemaBefore);
    expect((await demoDetails()).slice(0, demoBefore.length)).toEqual(demoBefore);
    const city = await knex('units').where('credit_code', 'like', '91350100MC%').orderBy('id').pluck('id');
    expect(city.length).toBe(3);
    expect(Number((await knex('units').count({ n: '*' }).first())!.n)).toBe(unitsBefore + 3);
    const persons = await knex('employments').whereIn('unit_id', city).groupBy('unit_id').select('unit_id').count({ n: '*' });
    expect(persons.map((r) => Number(r.n)).sort((a, b) => b - a)).toEqual([97, 58, 45]);
    // No detail of a city unit names a person the unit does not employ.
    const strays = await knex('payment_details as d')
      .whereIn('d.unit_id', city)
      .whereNotExists((q) => q.from('employments as e').whereRaw('e.unit_id = d.unit_id and e.person_id = d.person_id'))
      .count({ n: '*' })
      .first();
    expect(Number(strays!.n)).toBe(0);
    for (const id of city) {
      const totals = await periodTotalsOf(hall, id);
      expect(totals.stored).withContext(`unit ${id}`).toEqual(totals.summed);
      expect(totals.summed.persons.length).toBe(12);
    }
    expect(Number((await knex('payment_details').whereIn('unit_id', city).count({ n: '*' }).first())!.n)).toBeGreaterThan(200 * 3 * 6);
    expect(
      Number((await knex('declarations').whereIn('unit_id', city).where('status', 'pending').count({ n: '*' }).first())!.n),
    ).toBeGreaterThanOrEqual(3);

    const admin = await hall.client('en');
    const signedIn = await admin.post('/api/auth/login/unit', { creditCode: cityCreditCode(1), password: DEMO_PASSWORDS.unitAdmin });
    expect(signedIn.status).toBe(200);
    const periods = await admin.get('/api/payments/periods?pageSize=12');
    expect(periods.status).toBe(200);
    expect(periods.body.total).toBe(12);
  });
});
