import { activeEmployees, addition, newIdNumber, unitIdOf } from '../../test/declarations';
import { createTestHall, type HallClient, type TestHall } from '../../test/harness';
import { ListCache } from './list-cache';
import { unitsChanged } from './unit-data-version';

describe('lists served from an instance cache', () => {
  let hall: TestHall;
  let unit: HallClient;
  /** The same unit's administrator, and the reviewer, on another server instance. */
  let unitElsewhere: HallClient;
  let reviewerElsewhere: HallClient;

  beforeEach(async () => {
    hall = await createTestHall();
    unit = await hall.client('en');
    await unit.signInUnitAdmin(0);
    unitElsewhere = await hall.otherInstanceClient('en');
    await unitElsewhere.signInUnitAdmin(0);
    reviewerElsewhere = await hall.otherInstanceClient('en');
    await reviewerElsewhere.signInReviewer();
  });
  afterEach(() => hall.close());

  const insured = async (q: string) => (await unit.get(`/api/insured-persons?q=${q}`)).body;

  it('show a declaration submitted, and then approved, on another instance at once', async () => {
    const [employee] = await activeEmployees(hall, 0);
    const newcomer = newIdNumber(71);
    expect((await insured(newcomer)).total).toBe(0);
    expect((await insured(employee.idNumber)).items[0].pendingDeclaration).toBeNull();

    const added = await unitElsewhere.post('/api/additions', addition(newcomer, { name: '缓存新员' }));
    const reduced = await unitElsewhere.post('/api/reductions', { idNumber: employee.idNumber, name: employee.name, reason: 'dismissed' });
    expect([added.status, reduced.status]).toEqual([201, 201]);
    expect((await insured(employee.idNumber)).items[0].pendingDeclaration).toBe('reduction');

    expect((await reviewerElsewhere.post(`/api/review/submissions/${added.body.id}/decision`, { approve: true })).status).toBe(200);
    const shown = await insured(newcomer);
    expect(shown.total).toBe(1);
    expect(shown.items[0].name).toBe('缓存新员');
  });

  it("show payment details assessed and collected on another instance, and never another unit's page", async () => {
    const period = '202611';
    const details = async () => (await unit.get(`/api/payments/details?from=${period}&to=${period}&pageSize=100`)).body;
    const before = await details();
    expect(before.total).toBeGreaterThan(0);
    expect(before.items.every((d: { status: string }) => d.status === 'due')).toBeTrue();

    const unitId = await unitIdOf(hall, 0);
    const due = await hall.db.knex('payment_details').where({ unit_id: unitId, fee_period: period }).select('unit_amount_fen', 'person_amount_fen');
    const collected = await reviewerElsewhere.post('/api/review/collections', {
      unitId,
      feePeriod: period,
      collectedOn: '2026-11-10',
      serial: 'CACHE-1',
      amountFen: due.reduce((n, d) => n + d.unit_amount_fen + d.person_amount_fen, 0),
    });
    expect(collected.body.paidDetails).toBe(before.total);
    expect((await details()).items.every((d: { status: string }) => d.status === 'paid')).toBeTrue();

    // The other unit asking the same page gets its own rows.
    const other = await hall.client('en');
    await other.signInUnitAdmin(1);
    const theirs = (await other.get(`/api/payments/details?from=${period}&to=${period}&pageSize=100`)).body;
    expect(theirs.items.map((d: { id: number }) => d.id)).not.toContain(before.items[0].id);
  });
});

describe('the list cache', () => {
  let hall: TestHall;
  beforeEach(async () => (hall = await createTestHall()));
  afterEach(() => hall.close());

  it('computes a page once per data version, and drops the least recently used pages beyond its row budget', async () => {
    const cache = new ListCache(hall.db.knex, { maxRows: 25 });
    const unitId = await unitIdOf(hall, 0);
    const computed: number[] = [];
    const page = (n: number) => cache.page(unitId, 'test', { n }, async () => (computed.push(n), { items: Array.from({ length: 10 }, () => n) }));

    await page(1);
    await page(1);
    expect(computed).toEqual([1]);
    await page(2);
    await page(1); // 1 is now the most recently used
    await page(3); // 33 rows: 2 goes
    await page(1);
    await page(2);
    expect(computed).toEqual([1, 2, 3, 2]);

    await unitsChanged(hall.db.knex, [unitId]);
    await page(2);
    expect(computed).toEqual([1, 2, 3, 2, 2]);
  });

  it('computes every page when turned off (LIST_CACHE=off), the unit unchanged', async () => {
    const unitId = await unitIdOf(hall, 0);
    const cache = new ListCache(hall.db.knex, { maxRows: 25, enabled: false });
    let computed = 0;
    const page = () => cache.page(unitId, 'test', { page: 0 }, async () => ++computed);
    expect([await page(), await page(), await page()]).toEqual([1, 2, 3]);
  });
});
