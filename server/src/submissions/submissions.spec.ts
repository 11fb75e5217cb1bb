import { DEMO_UNITS } from '../db/seeds/demo';
import { activeEmployees, addition, auditEntriesOf, newIdNumber, submitBatch, unitHallPerSpec } from '../../test/declarations';
import { downloadWorkbook } from '../../test/workbooks';

/** A row's first `n` cells, an empty one as null. */
const cellsOf = (row: { getCell(column: number): { value: unknown } }, n: number) =>
  Array.from({ length: n }, (_, i) => row.getCell(i + 1).value ?? null);

describe("a unit's queues of its submissions", () => {
  const context = unitHallPerSpec();

  it('lists pending submissions newest first, searched by ID number or name, by kind', async () => {
    const { hall, unit } = context;
    const [employee] = await activeEmployees(hall, 0);
    const first = await unit.post('/api/additions', addition(newIdNumber(10), { name: '欧阳晨曦' }));
    const second = await unit.post('/api/additions', addition(newIdNumber(11)));
    const third = await unit.post('/api/reductions', { idNumber: employee.idNumber, name: employee.name, reason: 'retired' });

    const all = await unit.get('/api/submissions');
    expect(all.body.items.map((d: { id: number }) => d.id)).toEqual([third.body.id, second.body.id, first.body.id]);
    expect(all.body).toEqual(jasmine.objectContaining({ total: 3, page: 0, pageSize: 20 }));
    expect(all.body.items[0].unitName).toBeUndefined();

    expect((await unit.get('/api/submissions?kind=reduction')).body.items.map((d: { id: number }) => d.id)).toEqual([third.body.id]);
    // As everywhere in the hall: the start of an ID number, or of a name.
    expect((await unit.get(`/api/submissions?q=${encodeURIComponent('欧阳')}`)).body.items.map((d: { id: number }) => d.id)).toEqual([first.body.id]);
    expect((await unit.get(`/api/submissions?q=${newIdNumber(11).slice(0, 17)}`)).body.items.map((d: { id: number }) => d.id)).toEqual([
      second.body.id,
    ]);
    expect((await unit.get(`/api/submissions?q=${encodeURIComponent('晨曦')}`)).body.total).toBe(0);
    expect((await unit.get('/api/submissions?q=%25')).body.total).toBe(0);
    const paged = await unit.get('/api/submissions?page=1&pageSize=2');
    expect(paged.body.items.map((d: { id: number }) => d.id)).toEqual([first.body.id]);
    expect(paged.body.total).toBe(3);
    // A page past the last has no rows but still the total.
    expect((await unit.get('/api/submissions?page=2&pageSize=2')).body).toEqual(jasmine.objectContaining({ items: [], total: 3 }));
    expect((await unit.get('/api/submissions?queue=audited')).body.total).toBe(0);
  });

  it('shows one submission and withdraws it while it is pending, once', async () => {
    const { unit } = context;
    const declared = await unit.post('/api/additions', addition(newIdNumber(12)));
    const shown = await unit.get(`/api/submissions/${declared.body.id}`);
    expect(shown.body).toEqual(declared.body);

    const withdrawn = await unit.post(`/api/submissions/${declared.body.id}/withdraw`);
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.status).toBe('withdrawn');
    expect((await unit.get('/api/submissions')).body.total).toBe(0);
    const again = await unit.post(`/api/submissions/${declared.body.id}/withdraw`);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('SUBMISSION_NOT_PENDING');

    const audit = await auditEntriesOf(unit, 'submission_withdrawn', declared.body.id);
    expect(audit.map((a) => [a.before.status, a.after.status])).toEqual([['pending', 'withdrawn']]);
    // Withdrawn, the person may be declared again.
    expect((await unit.post('/api/additions', addition(newIdNumber(12)))).status).toBe(201);
    expect((await unit.get('/api/submissions/999999')).status).toBe(404);
  });

  it('exports the pending queue exactly as filtered, newest first, with whole ID numbers as text', async () => {
    const { hall } = context;
    const [employee] = await activeEmployees(hall, 0);
    // Each at its own time, signed in anew as the clock moves past the session's idle limit.
    let unit = await context.signInAt('2026-11-10T01:05:00.000Z');
    await unit.post('/api/additions', addition(newIdNumber(20), { name: '欧阳晨曦' }));
    unit = await context.signInAt('2026-11-10T02:30:00.000Z');
    await unit.post('/api/additions', addition(newIdNumber(21), { effectiveMonth: '202612' }));
    await unit.post('/api/reductions', { idNumber: employee.idNumber, name: employee.name, reason: 'retired' });
    unit = await context.signInAt('2026-11-11T15:59:00.000Z');
    const batch = await submitBatch(hall, 0, [addition(newIdNumber(22), { name: '林批量' })]);

    const { res, sheet } = await downloadWorkbook(unit, '/api/submissions/export?kind=addition', 'en');
    expect(res.status).toBe(200);
    expect(res.headers['x-total-rows']).toBe('3');
    expect(res.headers['content-disposition']).toContain(encodeURIComponent(`${DEMO_UNITS[0].name}-Submissions-Pending review`));
    expect(sheet.getCell('A2').value).toBe('Filters: Pending review; Type: Addition');
    expect(cellsOf(sheet.getRow(4), 6)).toEqual(['Name', 'ID number', 'Type', 'Effective / stop month', 'Batch', 'Submitted']);
    expect(sheet.rowCount).toBe(7);
    // Times in Beijing time; the reduction is not an addition.
    expect(cellsOf(sheet.getRow(5), 6)).toEqual([
      '林批量',
      '35010219650101022X',
      'Addition',
      '2026-11',
      `Batch ${batch.batchId}, row 2`,
      '2026-11-11 23:59:00',
    ]);
    expect(cellsOf(sheet.getRow(6), 6)).toEqual(['陈新员', '350102196501010211', 'Addition', '2026-12', null, '2026-11-10 10:30:00']);
    expect(cellsOf(sheet.getRow(7), 6)).toEqual(['欧阳晨曦', '350102196501010203', 'Addition', '2026-11', null, '2026-11-10 09:05:00']);
    expect(typeof sheet.getRow(7).getCell(2).value).toBe('string');

    const searched = await downloadWorkbook(unit, `/api/submissions/export?q=${encodeURIComponent('欧阳')}`, 'en');
    expect(searched.res.headers['x-total-rows']).toBe('1');
    expect(searched.sheet.getCell('A2').value).toBe('Filters: Pending review; ID number or name: 欧阳');
    expect(searched.sheet.getRow(5).getCell(1).value).toBe('欧阳晨曦');

    const ofBatch = await downloadWorkbook(unit, `/api/submissions/export?batchId=${batch.batchId}`, 'zh-CN');
    expect(ofBatch.res.headers['x-total-rows']).toBe('1');
    expect(cellsOf(ofBatch.sheet.getRow(4), 6)).toEqual(['姓名', '证件号码', '业务类型', '参保/停保月份', '批次', '提交时间']);
    expect(ofBatch.sheet.getRow(5).getCell(5).value).toBe(`批次 ${batch.batchId} 第 2 行`);
    expect((await downloadWorkbook(unit, '/api/submissions/export?queue=audited')).res.headers['x-total-rows']).toBe('0');
  });

  it("exports the audited queue with the reviewer's answer, a reason that looks like a formula kept as text", async () => {
    const { hall } = context;
    let unit = context.unit;
    const approved = await unit.post('/api/additions', addition(newIdNumber(30), { name: '王通过' }));
    const rejected = await unit.post('/api/additions', addition(newIdNumber(31), { name: '李退回' }));
    const withdrawn = await unit.post('/api/additions', addition(newIdNumber(32)));
    await unit.post('/api/additions', addition(newIdNumber(33), { name: '赵待审' }));
    await unit.post(`/api/submissions/${withdrawn.body.id}/withdraw`);
    const reviewerAt = async (instant: string) => {
      hall.clock.set(instant);
      const reviewer = await hall.client('en');
      await reviewer.signInReviewer();
      return reviewer;
    };
    await (await reviewerAt('2026-11-12T06:00:00.000Z')).post(`/api/review/submissions/${approved.body.id}/decision`, { approve: true });
    await (
      await reviewerAt('2026-11-12T07:15:00.000Z')
    ).post(`/api/review/submissions/${rejected.body.id}/decision`, { approve: false, reason: '=HYPERLINK("x") wage too low' });
    unit = await context.signInAt('2026-11-12T07:20:00.000Z');

    const { res, sheet } = await downloadWorkbook(unit, '/api/submissions/export?queue=audited', 'en');
    expect(res.headers['x-total-rows']).toBe('2');
    expect(sheet.getCell('A2').value).toBe('Filters: Audited');
    expect(cellsOf(sheet.getRow(4), 7)).toEqual(['Name', 'ID number', 'Type', 'Effective / stop month', 'Status', 'Reviewed', "Reviewer's reason"]);
    expect(sheet.rowCount).toBe(6);
    expect(cellsOf(sheet.getRow(5), 7)).toEqual([
      '李退回',
      '350102196501010318',
      'Addition',
      '2026-11',
      'Rejected',
      '2026-11-12 15:15:00',
      `'=HYPERLINK("x") wage too low`,
    ]);
    expect(cellsOf(sheet.getRow(6), 7)).toEqual(['王通过', '35010219650101030X', 'Addition', '2026-11', 'Approved', '2026-11-12 14:00:00', null]);
  });
});
