import ExcelJS from 'exceljs';
import { activeEmployees, residents, unitHallPerSpec, unitIdOf } from '../../test/declarations';

describe("an insured person's detail and the insured list's export", () => {
  const context = unitHallPerSpec();

  it('shows basic, contact, employment and insurance of a person the unit insures, with the whole ID number', async () => {
    const { hall, unit } = context;
    const [person] = await activeEmployees(hall, 0);
    const res = await unit.get(`/api/insured-persons/${person.personId}`);
    expect(res.status).toBe(200);
    expect(res.body.basic.idNumber).toBe(person.idNumber);
    expect(res.body.basic.name).toBe(person.name);
    expect(res.body.employment.status).toBe('active');
    expect(res.body.insurance.map((i: { insuranceType: string }) => i.insuranceType)).toEqual(['310', '330', '510']);
    // The unit's own record of the person's contact, kept on its employment.
    const stored = await hall.db
      .knex('employments')
      .where({ person_id: person.personId, unit_id: await unitIdOf(hall, 0), status: 'active' })
      .first();
    expect(res.body.contact.mobile).toBe(stored.mobile);
  });

  it("answers 404 for a person the unit never insured, and for another unit's employee", async () => {
    const { hall, unit } = context;
    const [resident] = await residents(hall);
    expect((await unit.get(`/api/insured-persons/${resident.personId}`)).status).toBe(404);
    const [other] = await activeEmployees(hall, 1);
    expect((await unit.get(`/api/insured-persons/${other.personId}`)).status).toBe(404);
  });

  it('exports exactly the filtered list with whole ID numbers and translated headers', async () => {
    const { hall, unit } = context;
    const unitId = await unitIdOf(hall, 0);
    const res = await unit.agent
      .get('/api/insured-persons/export?status=active')
      .set('Accept-Language', 'es')
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (c: Buffer) => chunks.push(c));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(200);
    const active = await hall.db
      .knex('employments as e')
      .join('insured_persons as p', 'p.id', 'e.person_id')
      .where({ 'e.unit_id': unitId, 'e.status': 'active' })
      .pluck('p.id_number');
    expect(res.headers['x-total-rows']).toBe(String(active.length));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.body);
    const sheet = workbook.worksheets[0];
    expect(sheet.getRow(4).getCell(1).value).toBe('Número de identidad');
    const exported = [];
    for (let r = 5; r <= sheet.rowCount; r++) exported.push(sheet.getRow(r).getCell(1).value);
    expect(exported.sort()).toEqual([...active].sort());
    expect(sheet.getRow(5).getCell(5).value).toBe('Asegurado');
  });
});
