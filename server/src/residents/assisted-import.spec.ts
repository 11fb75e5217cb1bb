import { DEMO_PERSONS } from '../db/seeds/demo';
import { filledTemplate, XLSX_TYPE } from '../../test/batch-files';
import { createTestHall, type HallClient, type TestHall } from '../../test/harness';
import { idNumberBornOn } from '../../test/residents';
import { downloadWorkbook } from '../../test/workbooks';

describe('the batch import of assisted persons', () => {
  let hall: TestHall;
  let reviewer: HallClient;

  beforeAll(async () => {
    hall = await createTestHall();
    reviewer = await hall.client('en');
    await reviewer.signInReviewer();
  });
  afterAll(() => hall.close());

  const upload = (file: Buffer, commit: boolean) =>
    reviewer.agent
      .post(`/api/assisted-persons/import?commit=${commit}`)
      .set('Accept-Language', 'en')
      .set('X-XSRF-TOKEN', reviewer.xsrf)
      .set('Content-Type', XLSX_TYPE)
      .send(file);
  const listed = async () => (await hall.db.knex('assisted_persons').orderBy('id').select('id_number', 'name', 'category', 'year')) as unknown[];

  it('hands out the template with its required headers in the caller’s language', async () => {
    const { res, sheet } = await downloadWorkbook(reviewer, '/api/assisted-persons/template');
    expect(res.status).toBe(200);
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(['*Name', '*ID number', '*Category', '*Year']);
  });

  it('names every problem by sheet, row and column and writes nothing, even when asked to commit', async () => {
    const before = await listed();
    const file = await filledTemplate(
      'assisted-persons',
      [
        { name: '林一', idNumber: idNumberBornOn('1950-01-01', 701), category: '低保对象', year: '2027' },
        { name: '林二', idNumber: idNumberBornOn('1950-01-02', 702), category: '富裕', year: '2027' },
        { name: '陈不对', idNumber: DEMO_PERSONS[0].idNumber, category: 'extreme_poverty', year: '2027' },
        // Already on the demo list for 2027.
        { name: DEMO_PERSONS[1].name, idNumber: DEMO_PERSONS[1].idNumber, category: 'subsistence', year: '2027' },
      ],
      { lang: 'en' },
    );
    const res = await upload(file, true);
    expect(res.status).toBe(200);
    expect(res.body.imported).toBe(0);
    expect(res.body.rows).toBe(4);
    expect(
      res.body.errors.map((e: { sheet: string; row: number; column: string; code: string }) => `${e.sheet}!${e.column}${e.row} ${e.code}`),
    ).toEqual(['Assisted persons!C3 NOT_IN_LIST', 'Assisted persons!A4 REGISTERED_NAME_MISMATCH', 'Assisted persons!B5 ASSISTED_ALREADY_LISTED']);
    expect(await listed()).toEqual(before);
  });

  it('checks a clean file without writing, then imports every row at once, labels in any language', async () => {
    const rows = [
      { name: '林三', idNumber: idNumberBornOn('1950-01-03', 703), category: '特困人员', year: 2027 },
      { name: '林四', idNumber: idNumberBornOn('1950-01-04', 704), category: 'Relapsed into poverty', year: 2026 },
    ];
    const file = await filledTemplate('assisted-persons', rows, { lang: 'zh-CN' });
    const before = await listed();
    const dryRun = await upload(file, false);
    expect(dryRun.body).toEqual({ rows: 2, imported: 0, errors: [] });
    expect(await listed()).toEqual(before);
    const committed = await upload(file, true);
    expect(committed.body).toEqual({ rows: 2, imported: 2, errors: [] });
    expect(await listed()).toEqual([
      ...before,
      { id_number: rows[0].idNumber, name: '林三', category: 'extreme_poverty', year: 2027 },
      { id_number: rows[1].idNumber, name: '林四', category: 'relapse', year: 2026 },
    ]);
  });

  it('refuses a file that is not a workbook', async () => {
    const res = await upload(Buffer.from('id,name\n1,2\n'), false);
    expect([res.status, res.body.code]).toEqual([415, 'UPLOAD_NOT_XLSX']);
  });
});
