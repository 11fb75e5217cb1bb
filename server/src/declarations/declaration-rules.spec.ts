import { additionInput, reductionInput } from '@common/api/declarations';
import { idNumberCheckChar } from '@common/validators/id-number';
import { createTestHall, type TestHall } from '../../test/harness';
import { activeEmployees, addition, newIdNumber, unitIdOf } from '../../test/declarations';
import { isInsuredHere } from './declaration-rules';
import { DeclarationService } from './declarations.service';

/** The batch importer checks up to 20,000 rows with these rules, so they must not query row by row. */
describe('declaration rules on a large batch', () => {
  let hall: TestHall;
  let queries = 0;
  const count = () => queries++;

  beforeEach(async () => {
    hall = await createTestHall();
    hall.db.knex.on('query', count);
  });
  afterEach(async () => {
    hall.db.knex.off('query', count);
    await hall.close();
  });

  it('checks 20,000 additions in a few set-based queries, each row on its own', async () => {
    const unitId = await unitIdOf(hall, 0);
    const [ours] = await activeEmployees(hall, 0);
    const [theirs] = await activeEmployees(hall, 1);
    const rows = Array.from({ length: 20_000 }, (_, i) => additionInput.parse(addition(fakeId(i))));
    rows[1] = additionInput.parse(addition(ours.idNumber));
    rows[2] = additionInput.parse(addition(theirs.idNumber));
    rows[3] = additionInput.parse(addition(newIdNumber(1), { effectiveMonth: '202701' }));
    rows[4] = additionInput.parse(addition('340524198001010013'));

    queries = 0;
    const started = Date.now();
    const problems = await new DeclarationService(hall.db.knex, hall.clock).rules.checkAdditions(unitId, rows);
    expect(Date.now() - started).toBeLessThan(15_000);
    // The offer's two, one for the months' contribution limits, two per 500 ID numbers.
    expect(queries).toBeLessThanOrEqual(3 + 2 * Math.ceil(20_000 / 500));
    expect(problems.length).toBe(20_000);
    expect(problems.slice(0, 5).map((p) => p.map((x) => `${x.field}:${x.code}`))).toEqual([
      [],
      ['idNumber:ALREADY_INSURED_HERE'],
      ['idNumber:INSURED_ELSEWHERE'],
      ['effectiveMonth:EFFECTIVE_MONTH_NOT_ALLOWED'],
      ['idNumber:ID_NUMBER_CHECKSUM'],
    ]);
    expect(problems.slice(5).every((p) => p.length === 0)).toBeTrue();
  });

  it('checks 20,000 reductions the same way', async () => {
    const unitId = await unitIdOf(hall, 0);
    const [ours] = await activeEmployees(hall, 0);
    const rows = Array.from({ length: 20_000 }, (_, i) => reductionInput.parse({ idNumber: fakeId(i), name: '某人', reason: 'resigned' }));
    rows[0] = reductionInput.parse({ idNumber: ours.idNumber, name: ours.name, reason: 'resigned' });

    queries = 0;
    const problems = await new DeclarationService(hall.db.knex, hall.clock).rules.checkReductions(unitId, rows);
    expect(queries).toBeLessThanOrEqual(2 * Math.ceil(20_000 / 500));
    expect(problems[0]).toEqual([]);
    expect(problems[19_999]).toEqual([{ field: 'idNumber', code: 'NOT_INSURED_HERE' }]);
  });
});

/** 20,000 distinct valid ID numbers nobody in the seed has (born 1940–1959; the seed's are 1966–2004). */
function fakeId(i: number): string {
  const first17 = `3501021${940 + (i % 20)}0101${String(Math.floor(i / 20)).padStart(3, '0')}`;
  return first17 + idNumberCheckChar(first17);
}

describe('who a unit may reduce in a month', () => {
  const record = (...activeEmployments: { unitId: number; startMonth: string }[]) => ({ personId: 1, name: '王伟', activeEmployments });

  it('counts coverage by the unit that has begun by that month, this month included', () => {
    expect(isInsuredHere(7, record({ unitId: 7, startMonth: '202611' }), '202611')).toBeTrue();
    expect(isInsuredHere(7, record({ unitId: 7, startMonth: '202305' }), '202611')).toBeTrue();
  });

  it('does not count coverage that begins next month, nor another unit’s, nor anyone without a record', () => {
    expect(isInsuredHere(7, record({ unitId: 7, startMonth: '202612' }), '202611')).toBeFalse();
    expect(isInsuredHere(7, record({ unitId: 8, startMonth: '202305' }), '202611')).toBeFalse();
    expect(isInsuredHere(7, undefined, '202611')).toBeFalse();
  });
});
