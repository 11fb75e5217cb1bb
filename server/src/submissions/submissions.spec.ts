import { activeEmployees, addition, auditEntriesOf, newIdNumber, unitHallPerSpec } from '../../test/declarations';

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
});
