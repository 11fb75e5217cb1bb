import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { HarnessLoader } from '@angular/cdk/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { MatActionListItemHarness, MatNavListItemHarness } from '@angular/material/list/testing';
import { NavigationEnd, provideRouter, Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { UnitHome } from '@common/api/home';
import { filter, firstValueFrom } from 'rxjs';
import { AGENT_TWO_UNITS, HARBOUR_FOODS, REVIEWER, RIVER_LOGISTICS, signIn, UNIT_ADMIN } from '../testing/sessions';
import { provideTestTranslation } from '../testing/translation';
import { routes } from './app.routes';
import { AuthService } from './core/auth/auth.service';
import { errorInterceptor } from './core/http/error.interceptor';
import { languageInterceptor } from './core/http/language.interceptor';
import { provideNoMaterialAnimations } from '../testing/material';

const HOME: UnitHome = { period: '202611', insuredCount: 42, pendingCount: 3, dueThisMonthFen: 123456, rejected: { items: [], total: 0 } };

describe('the hall, page to page', () => {
  let http: HttpTestingController;
  let harness: RouterTestingHarness;
  let loader: HarnessLoader;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideRouter(routes),
        provideHttpClient(withInterceptors([languageInterceptor, errorInterceptor])),
        provideHttpClientTesting(),
        provideTestTranslation(),
        provideNoMaterialAnimations(),
      ],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  async function open(url: string): Promise<void> {
    harness = await RouterTestingHarness.create(url);
    loader = TestbedHarnessEnvironment.loader(harness.fixture);
  }

  const text = (testId: string) =>
    (harness.fixture.nativeElement as HTMLElement).querySelector(`[data-testid="${testId}"]`)?.textContent?.trim() ?? null;
  const url = () => TestBed.inject(Router).url;

  async function navTitles(): Promise<string[]> {
    const items = await loader.getAllHarnesses(MatNavListItemHarness);
    return Promise.all(items.map((item) => item.getTitle()));
  }

  it('takes an agent of two units through the unit picker to the home of the unit chosen', async () => {
    await open('/');
    expect(url()).toBe('/login');

    (harness.fixture.nativeElement as HTMLElement).querySelector<HTMLElement>('[role="tab"][data-testid="login-tab-agent"]')?.click();
    await harness.fixture.whenStable();
    await (await loader.getHarness(MatInputHarness.with({ selector: '[data-testid="login-agent-mobile"]' }))).setValue('13900139000');
    await (await loader.getHarness(MatInputHarness.with({ selector: '[data-testid="login-agent-password"]' }))).setValue('Agent2026');
    await (await loader.getHarness(MatButtonHarness.with({ selector: '[data-testid="login-agent-submit"]' }))).click();
    http.expectOne('/api/auth/login/agent').flush(AGENT_TWO_UNITS);
    await harness.fixture.whenStable();
    expect(url()).toBe('/select-unit');

    const options = await loader.getAllHarnesses(MatActionListItemHarness.with({ selector: '[data-testid="unit-option"]' }));
    expect(await Promise.all(options.map((option) => option.getTitle()))).toEqual([HARBOUR_FOODS.name, RIVER_LOGISTICS.name]);
    await options[1].click();

    const choice = http.expectOne('/api/auth/unit');
    expect(choice.request.method).toBe('POST');
    expect(choice.request.body).toEqual({ unitId: RIVER_LOGISTICS.id });
    // The home page's figures stay pending until answered, so wait for the navigation, not for stability.
    const arrived = firstValueFrom(TestBed.inject(Router).events.pipe(filter((event) => event instanceof NavigationEnd)));
    choice.flush({ ...AGENT_TWO_UNITS, unit: RIVER_LOGISTICS });
    await arrived;
    TestBed.tick();

    expect(url()).toBe('/home');
    http.expectOne('/api/home').flush(HOME);
    http.expectOne('/api/messages/unread').flush({ unread: 0 });
    await harness.fixture.whenStable();
    expect(text('toolbar-unit-name')).toBe(RIVER_LOGISTICS.name);
    expect(text('toolbar-user-name')).toBe('王建国');
    expect(text('toolbar-role')).toBe('经办人');
    expect(text('switch-unit')).toContain('切换单位');
    expect(await navTitles()).toEqual([
      '首页',
      '消息',
      '增员申报',
      '减员申报',
      '批量增减员',
      '申报查询',
      '缴费基数申报',
      '参保人员',
      '个人缴费明细',
      '单位缴费明细',
      '缴费证明',
      '单位信息',
    ]);
  });

  it('opens the certificate verification page without a sign-in', async () => {
    await open('/verify');
    expect(url()).toBe('/verify');
    expect(text('verify-submit')).toContain('验证');
  });

  it('shows a unit administrator their unit, name, role and services', async () => {
    signIn(UNIT_ADMIN);
    await open('/');
    expect(url()).toBe('/home');
    http.expectOne('/api/home').flush(HOME);
    http.expectOne('/api/messages/unread').flush({ unread: 2 });
    await harness.fixture.whenStable();

    expect(text('app-title')).toBe('单位网上服务大厅');
    expect(text('toolbar-unit-name')).toBe(HARBOUR_FOODS.name);
    expect(text('toolbar-user-name')).toBe('陈经理');
    expect(text('toolbar-role')).toBe('单位管理员');
    expect(text('switch-unit')).toBeNull();
    expect(await navTitles()).toEqual([
      '首页',
      '消息',
      '增员申报',
      '减员申报',
      '批量增减员',
      '申报查询',
      '缴费基数申报',
      '参保人员',
      '个人缴费明细',
      '单位缴费明细',
      '缴费证明',
      '单位信息',
      '经办人管理',
      '操作日志',
    ]);
  });

  it('opens the review home for a reviewer, with no unit in the toolbar', async () => {
    signIn(REVIEWER);
    await open('/');
    expect(url()).toBe('/review');
    http.expectOne('/api/review/home').flush({ pendingCount: 7, unitCount: 12 });
    await harness.fixture.whenStable();

    expect(text('toolbar-unit-name')).toBeNull();
    expect(text('toolbar-role')).toBe('审核员');
    expect(await navTitles()).toEqual(['审核首页', '申报审核', '核定与征收', '居民缴费', '对账差异', '医疗救助对象']);
  });

  // The router alone, with no page rendered: only where each old address leads is looked at.
  const redirected = async (from: string) => {
    await TestBed.inject(Router).navigateByUrl(from);
    return url();
  };

  it("takes a unit's bookmarks of the submissions pages from before #11 named them so to their pages now", async () => {
    signIn(UNIT_ADMIN);
    expect(await redirected('/declarations/audited?kind=reduction')).toBe('/submissions/audited?kind=reduction');
    expect(await redirected('/declarations')).toBe('/submissions/pending');
    expect(await redirected('/print/declarations/31')).toBe('/print/submissions/31');
  });

  it("takes a reviewer's bookmark of the review console from before #11 to the console now", async () => {
    signIn(REVIEWER);
    expect(await redirected('/review/declarations?status=approved')).toBe('/review/submissions?status=approved');
  });

  it('signs out and returns to the login page', async () => {
    signIn(UNIT_ADMIN);
    await open('/home');
    http.expectOne('/api/home').flush(HOME);
    http.expectOne('/api/messages/unread').flush({ unread: 0 });
    await (await loader.getHarness(MatButtonHarness.with({ selector: '[data-testid="logout"]' }))).click();

    const logout = http.expectOne('/api/auth/logout');
    expect(logout.request.method).toBe('POST');
    logout.flush(null, { status: 204, statusText: 'No Content' });
    await harness.fixture.whenStable();

    expect(url()).toBe('/login');
    expect(TestBed.inject(AuthService).session()).toBeNull();
  });
});
