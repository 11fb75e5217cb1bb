import { activeEmployees, addition, newIdNumber, residents, unitHallPerSpec, unitIdOf } from '../../test/declarations';
import { SEED_INSTANT, type TestHall } from '../../test/harness';

/** Texts in Unicode code point order, the order both engines compare names in (JavaScript's `<` compares UTF-16 units). */
const byCodePoints = (a: string, b: string) => {
  const [x, y] = [[...a].map((c) => c.codePointAt(0)!), [...b].map((c) => c.codePointAt(0)!)];
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] - y[i];
  return x.length - y.length;
};

/** Persons of these names the unit employs from 202401, each registered as the seed registers persons. */
async function employ(hall: TestHall, unitId: number, names: string[]): Promise<void> {
  for (const [i, name] of names.entries()) {
    const identity = { id_number: newIdNumber(800 + i), name };
    const at = SEED_INSTANT;
    const [{ id: personId }] = await hall.db
      .knex('insured_persons')
      .insert({ ...identity, id_type: '01', sex: 'male', birth_date: '1965-01-01', created_at: at, updated_at: at })
      .returning('id');
    await hall.db.knex('employments').insert({
      unit_id: unitId,
      person_id: personId,
      id_number: identity.id_number,
      person_name: name,
      wage_fen: 600_000,
      personnel_category: 'in_service',
      status: 'active',
      start_month: '202401',
      created_at: at,
      updated_at: at,
    });
  }
}

interface Row {
  personId: number;
  idNumber: string;
  idNumberMasked: string;
  name: string;
  status: string;
  startMonth: string;
  insuranceTypes: string[];
  pendingDeclaration: string | null;
}

describe("the unit's insured persons", () => {
  const context = unitHallPerSpec();
  const list = async (query = ''): Promise<{ items: Row[]; total: number }> => (await context.unit.get(`/api/insured-persons${query}`)).body;

  it('lists every person the unit insures or insured, paged and sorted on the server, with masked ID numbers', async () => {
    const { hall } = context;
    const unitId = await unitIdOf(hall, 0);
    const people = await hall.db
      .knex('employments as e')
      .join('insured_persons as p', 'p.id', 'e.person_id')
      .where('e.unit_id', unitId)
      .orderBy('p.id_number')
      .select('p.id_number', 'p.name');

    const byId = await list('?sort=idNumber&pageSize=5');
    expect(byId.total).toBe(people.length);
    expect(byId.items.map((r) => r.idNumber)).toEqual(people.slice(0, 5).map((p) => p.id_number));
    expect(byId.items[0].idNumberMasked).toBe(people[0].id_number.slice(0, 6) + '********' + people[0].id_number.slice(-4));
    expect(byId.items[0].insuranceTypes).toEqual(['310', '330', '510']);
    // A page past the last has no rows but still the total.
    expect(await list(`?sort=idNumber&page=${Math.ceil(people.length / 5) + 1}&pageSize=5`)).toEqual(
      jasmine.objectContaining({ items: [], total: people.length }),
    );
    const lastPage = await list('?sort=idNumber&direction=desc&page=0&pageSize=1');
    expect(lastPage.items[0].idNumber).toBe(people[people.length - 1].id_number);

    const names = (await list('?pageSize=200')).items.map((r) => r.name);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    const suspended = await list('?status=suspended');
    const suspendedCount = await hall.db.knex('employments').where({ unit_id: unitId, status: 'suspended' }).count({ n: '*' }).first();
    expect(suspended.total).toBe(Number(suspendedCount!.n));
    expect(suspended.items.every((r) => r.status === 'suspended')).toBeTrue();
  });

  it('pages through the persons in each sort, both ways, each page going on where the last one ended', async () => {
    const { hall } = context;
    const unitId = await unitIdOf(hall, 0);
    await employ(hall, unitId, ['龘𠀀', '龘', '龘Ｘ']);
    const people = await hall.db
      .knex('employments as e')
      .join('insured_persons as p', 'p.id', 'e.person_id')
      .where('e.unit_id', unitId)
      .select<{ id: number; name: string; id_number: string; start_month: string }[]>('p.id', 'p.name', 'p.id_number', 'e.start_month');
    const sorts = {
      name: (a: (typeof people)[number], b: (typeof people)[number]) => byCodePoints(a.name, b.name) || a.id - b.id,
      idNumber: (a: (typeof people)[number], b: (typeof people)[number]) => byCodePoints(a.id_number, b.id_number) || a.id - b.id,
      startMonth: (a: (typeof people)[number], b: (typeof people)[number]) => byCodePoints(a.start_month, b.start_month) || a.id - b.id,
    };
    for (const [sort, order] of Object.entries(sorts)) {
      for (const direction of ['asc', 'desc']) {
        const expected = [...people].sort((a, b) => (direction === 'asc' ? order(a, b) : order(b, a))).map((p) => p.id);
        const paged: number[] = [];
        for (let page = 0; page * 7 < people.length; page++) {
          paged.push(...(await list(`?sort=${sort}&direction=${direction}&page=${page}&pageSize=7`)).items.map((r) => r.personId));
        }
        expect(paged).withContext(`${sort} ${direction}`).toEqual(expected);
      }
    }
  });

  it('finds the names that start with what was typed, whatever character follows it', async () => {
    const { hall } = context;
    // 龗 and 龙 are the characters before and after 龘; Ｘ (U+FF38) and 𠀀 (U+20000) are far above both.
    await employ(hall, await unitIdOf(hall, 0), ['龙', '龘𠀀', '龘', '龗龘', '龘Ｘ']);
    const names = async (query: string) => (await list(query)).items.map((r) => r.name);

    expect(await names(`?q=${encodeURIComponent('龘')}`)).toEqual(['龘', '龘Ｘ', '龘𠀀']);
    expect(await names(`?q=${encodeURIComponent('龘')}&direction=desc`)).toEqual(['龘𠀀', '龘Ｘ', '龘']);
    expect(await names(`?q=${encodeURIComponent('龘𠀀')}`)).toEqual(['龘𠀀']);
    expect(await names(`?q=${encodeURIComponent('龘Ｘ')}`)).toEqual(['龘Ｘ']);
  });

  it('finds a person by the start of the ID number or name, and shows a pending declaration', async () => {
    const { hall, unit } = context;
    const [employee] = await activeEmployees(hall, 0);
    expect((await list(`?q=${employee.idNumber.slice(0, 17).toLowerCase()}`)).items.map((r) => r.personId)).toEqual([employee.personId]);
    const byName = await list(`?q=${encodeURIComponent(employee.name)}`);
    expect(byName.items.map((r) => r.personId)).toContain(employee.personId);

    await unit.post('/api/reductions', { idNumber: employee.idNumber, name: employee.name, reason: 'resigned' });
    expect((await list(`?q=${employee.idNumber}`)).items[0].pendingDeclaration).toBe('reduction');
    const [resident] = await residents(hall);
    await unit.post('/api/additions', addition(resident.idNumber, { name: resident.name }));
    // Not insured by the unit until the addition is approved.
    expect((await list(`?q=${resident.idNumber}`)).total).toBe(0);
  });

  it('shows a person added again once, with the latest employment', async () => {
    const { hall, unit } = context;
    const [employee] = await activeEmployees(hall, 0);
    const reviewer = await hall.client();
    await reviewer.signInReviewer();
    const reduced = await unit.post('/api/reductions', { idNumber: employee.idNumber, name: employee.name, reason: 'contract_ended' });
    await reviewer.post(`/api/review/submissions/${reduced.body.id}/decision`, { approve: true });
    const added = await unit.post(
      '/api/additions',
      addition(employee.idNumber, { name: employee.name, effectiveMonth: '202612', insuranceTypes: ['310'] }),
    );
    await reviewer.post(`/api/review/submissions/${added.body.id}/decision`, { approve: true });

    const found = await list(`?q=${employee.idNumber}`);
    expect(found.total).toBe(1);
    const employments = await hall.db.knex('employments').where({ person_id: employee.personId }).orderBy('id').select('start_month', 'latest');
    expect(employments.map((e) => [e.start_month, Boolean(e.latest)]).slice(-2)).toEqual([
      [jasmine.any(String), false],
      ['202612', true],
    ]);
    expect(found.items[0]).toEqual(
      jasmine.objectContaining({ status: 'active', startMonth: '202612', insuranceTypes: ['310'], pendingDeclaration: null }),
    );
  });
});
