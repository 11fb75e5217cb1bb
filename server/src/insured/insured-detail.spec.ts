import ExcelJS from 'exceljs';
import { activeEmployees, residents, unitHallPerSpec, unitIdOf } from '../../test/declarations';
import { downloadWorkbook } from '../../test/workbooks';

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
    expect(sheet.getRow(4).getCell(2).value).toBe('Número de documento');
    const exported = [];
    for (let r = 5; r <= sheet.rowCount; r++) exported.push(sheet.getRow(r).getCell(2).value);
    expect(exported.sort()).toEqual([...active].sort());
    expect(sheet.getRow(5).getCell(5).value).toBe('Asegurado');
  });

  it("exports the screen's columns in its order and words, the header frozen and filterable", async () => {
    const { sheet } = await downloadWorkbook(context.unit, '/api/insured-persons/export', 'en');
    // The insured list's column headers as the screen shows them in English.
    expect((sheet.getRow(4).values as unknown[]).slice(1)).toEqual([
      'Name',
      'ID number',
      'Sex',
      'Birth date',
      'Insurance status',
      'Insured since',
      'Insured until',
      'Declared monthly wage',
      'Insurance types',
    ]);
    expect(sheet.views[0]).toEqual(jasmine.objectContaining({ state: 'frozen', ySplit: 4 }));
    expect(sheet.autoFilter).toBe('A4:I4');
    const wage = sheet.getRow(5).getCell(8);
    expect(typeof wage.value).toBe('number');
    expect(wage.numFmt).toBe('#,##0.00');
  });

  for (const [lang, none] of [
    ['zh-CN', '筛选条件：无'],
    ['en', 'Filters: none'],
    ['es', 'Filtros: ninguno'],
  ]) {
    it(`says in ${lang} that no filter was set when none was`, async () => {
      const { sheet } = await downloadWorkbook(context.unit, '/api/insured-persons/export', lang);
      expect(sheet.getCell('A2').value).toBe(none);
    });
  }
});
