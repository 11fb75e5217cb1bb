import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { submission } from '../../testing/submissions';
import { paramsOf } from '../../testing/http';
import { insuredPerson } from '../../testing/payments';
import { PrintApi } from './print-api';

/** Lets the awaited page answer reach the loop so it asks for the next one. */
const settle = () => new Promise((resolve) => setTimeout(resolve));

describe('PrintApi', () => {
  let api: PrintApi;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    api = TestBed.inject(PrintApi);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('reads the active insured persons page after page until the whole list is read', async () => {
    const persons = Array.from({ length: 201 }, (_, i) => insuredPerson({ personId: i + 1 }));
    const read = api.activeInsuredPersons();

    const first = http.expectOne((r) => r.url === '/api/insured-persons');
    expect(paramsOf(first)).toEqual({ status: 'active', sort: 'name', direction: 'asc', page: '0', pageSize: '200' });
    first.flush({ items: persons.slice(0, 200), total: 201, page: 0, pageSize: 200 });
    await settle();
    const second = http.expectOne((r) => r.url === '/api/insured-persons');
    expect(paramsOf(second)).toEqual({ status: 'active', sort: 'name', direction: 'asc', page: '1', pageSize: '200' });
    second.flush({ items: persons.slice(200), total: 201, page: 1, pageSize: 200 });

    expect((await read).map((p) => p.personId)).toEqual(persons.map((p) => p.personId));
  });

  it("prints a batch's rows from both queues in the workbook's row order", async () => {
    const read = api.batchSubmissions(7);

    const [pending, audited] = http.match((r) => r.url === '/api/submissions');
    expect(paramsOf(pending)).toEqual({ queue: 'pending', batchId: '7', page: '0', pageSize: '200' });
    expect(paramsOf(audited)).toEqual({ queue: 'audited', batchId: '7', page: '0', pageSize: '200' });
    pending.flush({ items: [submission({ id: 3, rowNumber: 4 }), submission({ id: 1, rowNumber: 2 })], total: 2, page: 0, pageSize: 200 });
    audited.flush({ items: [submission({ id: 2, rowNumber: 3, status: 'approved' })], total: 1, page: 0, pageSize: 200 });

    expect((await read).map((d) => d.rowNumber)).toEqual([2, 3, 4]);
  });
});
