import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { submission } from '../../../testing/submissions';
import { provideTestTranslation } from '../../../testing/translation';
import { UnitHomePage } from './unit-home';

const NONE_REJECTED = { items: [], total: 0 };

describe('UnitHomePage', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([]), provideTestTranslation()],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  async function render() {
    const fixture = TestBed.createComponent(UnitHomePage);
    TestBed.tick();
    const element = fixture.nativeElement as HTMLElement;
    const card = (testId: string) => ({
      label: element.querySelector(`[data-testid="${testId}"] .label span`)?.textContent?.trim(),
      value: element.querySelector(`[data-testid="${testId}"] [data-testid="stat-value"]`)?.textContent?.trim(),
    });
    return { fixture, element, card };
  }

  it('shows the unit’s figures for the fee period', async () => {
    const { fixture, element, card } = await render();
    http.expectOne('/api/home').flush({ period: '202611', insuredCount: 42, pendingCount: 3, dueThisMonthFen: 123456, rejected: NONE_REJECTED });
    await fixture.whenStable();

    expect(element.querySelector('[data-testid="home-period"]')?.textContent?.trim()).toBe('费款所属期：2026-11');
    expect(card('home-insured-count')).toEqual({ label: '参保人数', value: '42' });
    expect(card('home-pending-count')).toEqual({ label: '待审核申报', value: '3' });
    expect(card('home-due-this-month')).toEqual({ label: '本月应缴（2026-11）', value: '¥1,234.56' });
    expect(element.querySelector('[data-testid="home-rejected"]')).toBeNull();
  });

  it('opens the list each figure counts', async () => {
    const { fixture, element } = await render();
    http.expectOne('/api/home').flush({ period: '202611', insuredCount: 42, pendingCount: 3, dueThisMonthFen: 123456, rejected: NONE_REJECTED });
    await fixture.whenStable();
    const href = (testId: string) => element.querySelector(`[data-testid="${testId}"] a`)?.getAttribute('href');
    expect(['home-insured-count', 'home-pending-count', 'home-due-this-month'].map(href)).toEqual([
      '/insured',
      '/submissions/pending',
      '/payments/periods',
    ]);
  });

  it('shows the rejected submissions with their reasons, each with where to make it again', async () => {
    const { fixture, element } = await render();
    const rejected = [
      submission({ id: 8, status: 'rejected', personName: '王小明', reviewReason: '工资低于合同工资' }),
      submission({ id: 7, status: 'rejected', kind: 'bank-account-change', personName: null, idNumber: null, reviewReason: '账户名不符' }),
    ];
    http
      .expectOne('/api/home')
      .flush({ period: '202611', insuredCount: 42, pendingCount: 0, dueThisMonthFen: 0, rejected: { items: rejected, total: 6 } });
    await fixture.whenStable();
    const section = element.querySelector('[data-testid="home-rejected"]')!;
    expect(section.querySelector('h2')?.textContent?.trim()).toBe('近 30 天被驳回的申报（6 条）');
    const items = Array.from(section.querySelectorAll('[data-testid="home-rejected-item"]'), (item) => ({
      text: item.textContent?.replace(/\s+/g, ' ').trim(),
      href: item.querySelector('a')?.getAttribute('href'),
    }));
    expect(items).toEqual([
      { text: '王小明 · 增员 驳回原因：工资低于合同工资重新增员', href: '/additions' },
      { text: '本单位 · 银行账户变更 驳回原因：账户名不符重新提交变更', href: '/unit-info' },
    ]);
    expect(section.querySelector('[data-testid="home-rejected-all"]')?.getAttribute('href')).toBe('/submissions/audited');
  });

  it('says why the figures did not load, and loads them again on retry', async () => {
    const { fixture, element, card } = await render();
    http.expectOne('/api/home').flush({ code: 'INTERNAL', message: '' }, { status: 500, statusText: 'Error' });
    await fixture.whenStable();
    expect(element.querySelector('[data-testid="load-error"]')?.textContent).toContain('系统繁忙，请稍后重试。');

    element.querySelector<HTMLButtonElement>('[data-testid="load-error"] button')?.click();
    TestBed.tick();
    http.expectOne('/api/home').flush({ period: '202612', insuredCount: 0, pendingCount: 0, dueThisMonthFen: 5, rejected: NONE_REJECTED });
    await fixture.whenStable();
    expect(card('home-due-this-month').value).toBe('¥0.05');
  });
});
