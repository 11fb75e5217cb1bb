import { createTestHall, type TestHall } from '../../../test/harness';
import { migrationSource } from '.';

describe('migration 010_one_pending', () => {
  let hall: TestHall;

  beforeEach(async () => {
    hall = await createTestHall();
  });
  afterEach(() => hall.close());

  it('stops on pending duplicates written before the rule, naming them, and goes through once they are resolved', async () => {
    const { knex, dialect } = hall.db;
    const migrations = { migrationSource: migrationSource(dialect) };
    await knex.migrate.down({ ...migrations, name: '010_one_pending' });

    const admin = await knex('users').where({ role: 'unit_admin' }).orderBy('id').first('id', 'unit_id');
    const pending = {
      unit_id: admin.unit_id,
      type: 'addition',
      status: 'pending',
      id_number: '11010519491231002X',
      person_name: '陈新员',
      payload: '{}',
      effective_month: '202611',
      submitted_by: admin.id,
      submitted_at: hall.clock.now().toISOString(),
    };
    await knex('declarations').insert([pending, { ...pending, type: 'unit-info-change', id_number: null, person_name: null }]);
    const [duplicate] = await knex('declarations').insert(pending).returning('id');
    const [changeDuplicate] = await knex('declarations')
      .insert({ ...pending, type: 'unit-info-change', id_number: null, person_name: null })
      .returning('id');

    await expectAsync(knex.migrate.latest(migrations)).toBeRejectedWithError(
      new RegExp(`2 pending declarations .* \\(declaration ids ${duplicate.id}, ${changeDuplicate.id}\\)`),
    );
    await knex('declarations').whereIn('id', [duplicate.id, changeDuplicate.id]).update({ status: 'withdrawn' });
    await knex.migrate.latest(migrations);
    await expectAsync(knex('declarations').insert(pending)).toBeRejected();
  });
});
