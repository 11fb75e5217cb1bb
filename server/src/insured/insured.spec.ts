import { activeEmployees, addition, residents, unitHallPerSpec, unitIdOf } from '../../test/declarations';

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
    const lastPage = await list('?sort=idNumber&direction=desc&page=0&pageSize=1');
    expect(lastPage.items[0].idNumber).toBe(people[people.length - 1].id_number);

    const names = (await list('?pageSize=200')).items.map((r) => r.name);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    const suspended = await list('?status=suspended');
    const suspendedCount = await hall.db.knex('employments').where({ unit_id: unitId, status: 'suspended' }).count({ n: '*' }).first();
    expect(suspended.total).toBe(Number(suspendedCount!.n));
    expect(suspended.items.every((r) => r.status === 'suspended')).toBeTrue();
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
    expect(found.items[0]).toEqual(
      jasmine.objectContaining({ status: 'active', startMonth: '202612', insuranceTypes: ['310'], pendingDeclaration: null }),
    );
  });
});
