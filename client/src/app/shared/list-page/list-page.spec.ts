import { httpResource } from '@angular/common/http';
import { HttpTestingController } from '@angular/common/http/testing';
import { Component, computed, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { FormControl } from '@angular/forms';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatFormFieldHarness } from '@angular/material/form-field/testing';
import { MatPaginatorHarness } from '@angular/material/paginator/testing';
import { MatTableModule } from '@angular/material/table';
import { SERVER_ERROR } from '../../../testing/answers';
import { answeredDuring } from '../../../testing/http';
import { Page, pageProviders } from '../../../testing/page';
import { pageOf } from '../../../testing/payments';
import { valueOf } from '../resource-value';
import { pageResource } from '../table/page-resource';
import { Paging } from '../table/paging';
import { ListPage, type ListExport } from './list-page';

interface Row {
  name: string;
}

/** The page's own table, as each host projects it. */
const NAMES_TABLE = `
  <table mat-table [dataSource]="rows()">
    <ng-container matColumnDef="name">
      <th mat-header-cell *matHeaderCellDef>name</th>
      <td mat-cell *matCellDef="let row">{{ row.name }}</td>
    </ng-container>
    <tr mat-header-row *matHeaderRowDef="['name']"></tr>
    <tr mat-row *matRowDef="let row; columns: ['name']" data-testid="row"></tr>
  </table>
`;

@Component({
  imports: [ListPage, MatTableModule],
  template: `
    <app-list-page
      testId="things"
      [resource]="things"
      [paging]="paging"
      [search]="search()"
      searchLabel="audit.search"
      searchHint="reductions.searchHint"
      [export]="export()"
      emptyText="audit.none"
      [emptyReason]="reason()"
    >
      <span listFilters data-testid="things-own-filter">own filter</span>
      <span listActions data-testid="things-own-action">own action</span>
      ${NAMES_TABLE}
    </app-list-page>
  `,
})
class Things {
  readonly search = signal<FormControl<string> | undefined>(new FormControl('', { nonNullable: true }));
  readonly export = signal<ListExport | undefined>({ url: '/api/things/export', params: {}, fileName: 'audit.title' });
  readonly reason = signal<string | null>(null);
  readonly paging = new Paging(() => null);
  readonly things = pageResource<{ items: Row[]; total: number }, object>(
    '/api/things',
    () => ({}),
    () => this.paging.params(),
  );
  readonly rows = computed(() => valueOf(this.things)?.items ?? []);
}

/** A list the server sends whole, with nothing to filter. */
@Component({
  imports: [ListPage, MatTableModule],
  template: ` <app-list-page testId="whole" [resource]="things" emptyText="audit.none"> ${NAMES_TABLE} </app-list-page> `,
})
class WholeList {
  readonly things = httpResource<{ items: Row[] }>(() => '/api/things');
  readonly rows = computed(() => valueOf(this.things)?.items ?? []);
}

describe('ListPage', () => {
  let http: HttpTestingController;
  let page: Page;
  let host: Things;

  beforeEach(async () => {
    TestBed.configureTestingModule({ providers: pageProviders() });
    http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(Things);
    host = fixture.componentInstance;
    page = new Page(fixture);
    TestBed.tick();
  });

  afterEach(() => http.verify());

  const answer = (...rows: Row[]) => http.expectOne((r) => r.url === '/api/things').flush(pageOf(rows));

  it('puts the search box, the page’s filters, the export and the page’s actions in one bar, in that order', async () => {
    answer({ name: 'one' });
    await page.stable();

    const bar = page.element.querySelector('[data-testid="things-filters"]')!;
    const ids = Array.from(bar.querySelectorAll('[data-testid]'), (node) => node.getAttribute('data-testid'));
    expect(ids).toEqual(['things-search', 'things-own-filter', 'things-export', 'things-own-action']);
    const search = await page.loader.getHarness(MatFormFieldHarness);
    expect(await search.getLabel()).toBe('搜索对象编号、姓名或内容');
    expect(await search.getTextHints()).toEqual(['只列出本单位参保中的人员']);
  });

  it('leaves out the search box and the export when the page has none', async () => {
    host.search.set(undefined);
    host.export.set(undefined);
    answer({ name: 'one' });
    await page.stable();

    expect(page.text('things-search')).toBeNull();
    expect(page.text('things-export')).toBeNull();
    expect(page.text('things-own-filter')).toBe('own filter');
  });

  it('says nothing while the page loads, then that the list is empty', async () => {
    // Still loading: the page is not stable until answered.
    TestBed.tick();
    expect(page.text('things-empty')).toBe('');

    answer();
    await page.stable();
    expect(page.text('things-empty')).toBe('没有符合条件的记录。');
    expect(page.texts('row')).toEqual([]);
  });

  it('says why nothing was asked for instead of calling the list empty', async () => {
    host.reason.set('audit.rangeFix');
    answer();
    await page.stable();
    expect(page.text('things-empty')).toBe('请先更正日期范围。');
  });

  it('shows the rows without the empty text', async () => {
    answer({ name: 'one' }, { name: 'two' });
    await page.stable();
    expect(page.texts('row')).toEqual(['one', 'two']);
    expect(page.text('things-empty')).toBeNull();
  });

  it('shows why the page did not load, and asks again on retry', async () => {
    http.expectOne((r) => r.url === '/api/things').flush({ code: 'INTERNAL', message: '' }, SERVER_ERROR);
    await page.stable();
    expect(page.text('load-error')).toMatch(/重试$/);
    expect(page.text('things-empty')).toBeNull();
    expect(page.texts('row')).toEqual([]);

    const retry = await page.loader.getHarness(MatButtonHarness.with({ text: '重试' }));
    await answeredDuring(
      retry.click(),
      (r) => r.url === '/api/things',
      (request) => request.flush(pageOf([{ name: 'one' }])),
    );
    expect(page.texts('row')).toEqual(['one']);
  });

  it('shows a list the server sends whole without a paginator or an empty filter bar', async () => {
    answer();
    await page.stable();
    expect(await page.loader.getAllHarnesses(MatPaginatorHarness)).not.toEqual([]);

    const fixture = TestBed.createComponent(WholeList);
    const whole = new Page(fixture);
    TestBed.tick();
    http.expectOne('/api/things').flush({ items: [{ name: 'one' }] });
    await whole.stable();

    expect(whole.texts('row')).toEqual(['one']);
    expect(await whole.loader.getAllHarnesses(MatPaginatorHarness)).toEqual([]);
    const bar = whole.element.querySelector<HTMLElement>('[data-testid="whole-filters"]')!;
    expect(getComputedStyle(bar).display).toBe('none');
  });
});
