import { createTestHall, type HallClient, type TestHall } from '../../test/harness';
import { DEMO_RECORDED_UNITS, DEMO_UNITS } from '../db/seeds/demo';

/** Units of the agency beside the two demo ones; the names share `福州` with the first demo unit. */
const MORE_UNITS = [
  { credit_code: '91350100MA34XK9P2Q', name: '福州榕城物业管理有限公司', unit_number: '35010000301' },
  { credit_code: '91350100MA35AB1C3D', name: '福州鼓山茶业有限公司', unit_number: '35010000302' },
  { credit_code: '91350600MA31QW2E4R', name: '漳州100%纯净水有限公司', unit_number: '35060000303' },
];

describe("the reviewer's unit picker", () => {
  let hall: TestHall;
  let reviewer: HallClient;

  const names = async (query: string) => {
    const res = await reviewer.get(`/api/review/units${query}`);
    expect(res.status).withContext(query).toBe(200);
    return res.body.items.map((u: { name: string }) => u.name);
  };

  beforeEach(async () => {
    hall = await createTestHall();
    const at = hall.clock.now().toISOString();
    await hall.db.knex('units').insert(MORE_UNITS.map((u) => ({ ...u, created_at: at, updated_at: at })));
    reviewer = await hall.client('en');
    await reviewer.signInReviewer();
  });
  afterEach(() => hall.close());

  it('finds units by a part of the name or the start of the credit code, typed in any case', async () => {
    expect((await names(`?q=${encodeURIComponent('福州')}`)).sort()).toEqual([DEMO_UNITS[0].name, MORE_UNITS[0].name, MORE_UNITS[1].name].sort());
    expect(await names(`?q=${encodeURIComponent('茶业')}`)).toEqual([MORE_UNITS[1].name]);
    expect(await names('?q=91350100ma35')).toEqual([MORE_UNITS[1].name]);
    // A code's middle is not its start.
    expect(await names('?q=MA35AB')).toEqual([]);
    // A wildcard typed is a character searched for, not a pattern.
    expect(await names(`?q=${encodeURIComponent('100%')}`)).toEqual([MORE_UNITS[2].name]);
    expect(await names(`?q=${encodeURIComponent('_')}`)).toEqual([]);
  });

  it('pages every unit with its id and credit code, and says how many there are', async () => {
    const first = await reviewer.get('/api/review/units?page=0&pageSize=3');
    expect(first.body).toEqual(
      jasmine.objectContaining({ total: DEMO_UNITS.length + DEMO_RECORDED_UNITS.length + MORE_UNITS.length, page: 0, pageSize: 3 }),
    );
    expect(first.body.items.length).toBe(3);
    const rest = await reviewer.get('/api/review/units?page=1&pageSize=3');
    const last = await reviewer.get('/api/review/units?page=2&pageSize=3');
    const all = [...first.body.items, ...rest.body.items, ...last.body.items];
    // The units on record without an online account are the agency's units too.
    expect(all.map((u: { creditCode: string }) => u.creditCode).sort()).toEqual(
      [...DEMO_UNITS.map((u) => u.creditCode), ...DEMO_RECORDED_UNITS.map((u) => u.creditCode), ...MORE_UNITS.map((u) => u.credit_code)].sort(),
    );
    const stored = await hall.db.knex('units').where({ credit_code: DEMO_UNITS[1].creditCode }).first('id');
    expect(all.find((u: { creditCode: string }) => u.creditCode === DEMO_UNITS[1].creditCode)).toEqual({
      id: stored.id,
      name: DEMO_UNITS[1].name,
      creditCode: DEMO_UNITS[1].creditCode,
    });
  });

  it("is the reviewers' alone, and refuses a search longer than a name field", async () => {
    const admin = await hall.client('en');
    await admin.signInUnitAdmin(0);
    expect((await admin.get('/api/review/units')).status).toBe(403);
    const long = await reviewer.get(`/api/review/units?q=${'x'.repeat(51)}`);
    expect([long.status, long.body.details.fields[0].field]).toEqual([400, 'q']);
  });
});
