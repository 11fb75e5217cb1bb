import type { HttpTestingController } from '@angular/common/http/testing';
import type { AssistedPerson } from '@common/api/residents';
import { answeredDuring, listEndpoint, paramsOf } from '../../../testing/http';
import type { Page } from '../../../testing/page';
import { configureFeature, openPage } from '../../../testing/routed-page';
import { assistedPersonsRoutes } from '../assisted-persons.routes';

const HUANG: AssistedPerson = {
  id: 3,
  idNumber: '350203198805122133',
  name: '黄海',
  category: 'subsistence',
  year: 2027,
  recordedBy: '审核员 周静',
  recordedAt: '2026-11-02T02:30:00.000Z',
};

describe('AssistedPersonsPage (/review/assisted-persons)', () => {
  let http: HttpTestingController;
  let page: Page;
  const list = listEndpoint<AssistedPerson>('/api/assisted-persons');

  beforeEach(() => {
    http = configureFeature('review/assisted-persons', assistedPersonsRoutes);
  });
  afterEach(() => http.verify());

  it("asks the server for the URL's year and category, and lists its rows", async () => {
    page = await openPage('/review/assisted-persons?year=2027&category=subsistence');
    const request = list.expectOne();
    expect(paramsOf(request)).toEqual(jasmine.objectContaining({ year: '2027', category: 'subsistence' }));
    list.answer(HUANG)(request);
    await page.stable();
    expect(page.cells('assisted-row')).toEqual([['黄海', '350203198805122133', '低保对象', '2027', '审核员 周静', '2026-11-02 10:30', '移除']]);
  });

  it('adds a person by hand and reloads the list', async () => {
    page = await openPage('/review/assisted-persons');
    list.answer()(list.expectOne());
    await page.stable();
    await page.type('assisted-name', '黄海');
    await page.type('assisted-id-number', HUANG.idNumber);
    await page.choose('assisted-category', '特困人员');
    await page.type('assisted-year', '2027');
    await answeredDuring(
      page.click('assisted-add'),
      (r) => r.url === '/api/assisted-persons' && r.method === 'POST',
      (r) => {
        expect(r.request.body).toEqual({ name: '黄海', idNumber: HUANG.idNumber, category: 'extreme_poverty', year: '2027' });
        r.flush({ ...HUANG, category: 'extreme_poverty' }, { status: 201, statusText: 'Created' });
      },
    );
    await answeredDuring(page.stable(), list.is, list.answer({ ...HUANG, category: 'extreme_poverty' }));
    expect(page.texts('assisted-row').length).toBe(1);
  }, 20_000);

  it("shows a check's problems by sheet, cell and column, and that nothing was imported", async () => {
    page = await openPage('/review/assisted-persons');
    list.answer()(list.expectOne());
    await page.stable();
    const input = page.element.querySelector<HTMLInputElement>('[data-testid="assisted-file"]')!;
    const files = new DataTransfer();
    files.items.add(new File(['x'], 'assisted.xlsx'));
    input.files = files.files;
    input.dispatchEvent(new Event('change'));
    await answeredDuring(
      page.click('assisted-dry-run'),
      (r) => r.url === '/api/assisted-persons/import',
      (r) => {
        expect(r.request.params.get('commit')).toBe('false');
        r.flush({
          rows: 2,
          imported: 0,
          errors: [{ sheet: '医疗救助对象', row: 3, column: 'C', columnTitle: '救助类别', code: 'INVALID', message: '救助类别无效' }],
        });
      },
    );
    await page.stable();
    expect(page.text('assisted-import-failed')).toContain('1 处错误，未导入任何数据。');
    expect(page.cells('assisted-import-error')).toEqual([['医疗救助对象', 'C3', '救助类别', '救助类别无效']]);
  });
});
