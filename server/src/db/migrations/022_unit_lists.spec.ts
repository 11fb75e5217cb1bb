import { createTestHall, type TestHall } from '../../../test/harness';
import { toBoolean } from '../dialect';
import { migrationSource } from '.';

describe('migration 022_unit_lists', () => {
  let hall: TestHall;

  beforeEach(async () => {
    hall = await createTestHall();
  });
  afterEach(() => hall.close());

  it("copies each employment's identity, marks each unit's latest employment of a person, and keeps it to one", async () => {
    const { knex, dialect } = hall.db;
    const migrations = { migrationSource: migrationSource(dialect) };
    await knex.migrate.down({ ...migrations, name: '022_unit_lists' });

    const [unitA, unitB] = await knex('units').orderBy('id').limit(2).pluck('id');
    const at = hall.clock.now().toISOString();
    const [{ id: personId }] = await knex('insured_persons')
      .insert({
        id_type: '01',
        id_number: '11010519491231002X',
        name: '龘𠀀',
        sex: 'female',
        birth_date: '1949-12-31',
        created_at: at,
        updated_at: at,
      })
      .returning('id');
    const employment = { person_id: personId, wage_fen: 600_000, personnel_category: 'in_service', created_at: at, updated_at: at };
    // Unit A employed the person, let them go and took them on again; unit B employs them too.
    const [first, again, elsewhere] = [
      { ...employment, unit_id: unitA, status: 'suspended', start_month: '202401', end_month: '202406' },
      { ...employment, unit_id: unitA, status: 'active', start_month: '202501' },
      { ...employment, unit_id: unitB, status: 'active', start_month: '202407' },
    ];
    const ids: number[] = [];
    for (const row of [first, again, elsewhere]) ids.push((await knex('employments').insert(row).returning('id'))[0].id);

    await knex.migrate.latest(migrations);

    const rows = await knex('employments').whereIn('id', ids).orderBy('id').select('person_name', 'id_number', 'latest');
    expect(rows.map((r) => ({ ...r, latest: toBoolean(r.latest) }))).toEqual([
      { person_name: '龘𠀀', id_number: '11010519491231002X', latest: false },
      { person_name: '龘𠀀', id_number: '11010519491231002X', latest: true },
      { person_name: '龘𠀀', id_number: '11010519491231002X', latest: true },
    ]);
    const copied = { person_name: '龘𠀀', id_number: '11010519491231002X' };
    await expectAsync(knex('employments').insert({ ...again, ...copied, start_month: '202601' })).toBeRejected();
    await knex('employments').insert({ ...again, ...copied, start_month: '202601', latest: false });
  });
});
