import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideTestTranslation } from '../../../testing/translation';
import { UnitHomePage } from './unit-home';

describe('UnitHomePage', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideTestTranslation()],
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
    http.expectOne('/api/home').flush({ period: '202611', insuredCount: 42, pendingCount: 3, dueThisMonthFen: 123456 });
    await fixture.whenStable();

    expect(element.querySelector('[data-testid="home-period"]')?.textContent?.trim()).toBe('费款所属期：2026-11');
    expect(card('home-insured-count')).toEqual({ label: '参保人数', value: '42' });
    expect(card('home-pending-count')).toEqual({ label: '待审核申报', value: '3' });
    expect(card('home-due-this-month')).toEqual({ label: '本月应缴（2026-11）', value: '¥1,234.56' });
  });

  it('says why the figures did not load, and loads them again on retry', async () => {
    const { fixture, element, card } = await render();
    http.expectOne('/api/home').flush({ code: 'INTERNAL', message: '' }, { status: 500, statusText: 'Error' });
    await fixture.whenStable();
    expect(element.querySelector('[data-testid="load-error"]')?.textContent).toContain('系统繁忙，请稍后重试。');

    element.querySelector<HTMLButtonElement>('[data-testid="load-error"] button')?.click();
    TestBed.tick();
    http.expectOne('/api/home').flush({ period: '202612', insuredCount: 0, pendingCount: 0, dueThisMonthFen: 5 });
    await fixture.whenStable();
    expect(card('home-due-this-month').value).toBe('¥0.05');
  });
});
