import { provideHttpClient, type HttpRequest } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import type { HarnessLoader } from '@angular/cdk/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatDialogHarness } from '@angular/material/dialog/testing';
import { MatFormFieldHarness } from '@angular/material/form-field/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { MatSnackBarHarness } from '@angular/material/snack-bar/testing';
import { MatTableHarness } from '@angular/material/table/testing';
import type { Agent } from '@common/api/agents';
import { provideTestTranslation } from '../../../testing/translation';
import { AgentsPage } from './agents-page';
import { provideNoMaterialAnimations } from '../../../testing/material';
import { expectLoadErrorThenRows } from '../../../testing/list-load-error';
import { Page, pageProviders } from '../../../testing/page';

const LIN: Agent = { id: 2, name: '林小红', mobile: '13800138000', disabled: false, status: 'active', boundAt: '2026-03-01T02:30:00Z' };
const WU: Agent = { id: 5, name: '吴大伟', mobile: '13700137000', disabled: true, status: 'active', boundAt: '2025-12-31T16:05:00Z' };

describe('AgentsPage', () => {
  let http: HttpTestingController;
  let fixture: ComponentFixture<AgentsPage>;
  let loader: HarnessLoader;
  let documentLoader: HarnessLoader;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideTestTranslation(), provideNoMaterialAnimations()],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(AgentsPage);
    TestBed.tick();
    http.expectOne('/api/agents').flush({ items: [LIN, WU] });
    await fixture.whenStable();
    loader = TestbedHarnessEnvironment.loader(fixture);
    documentLoader = TestbedHarnessEnvironment.documentRootLoader(fixture);
  });

  afterEach(() => http.verify());

  async function tableRows(): Promise<Record<string, string>[]> {
    const table = await loader.getHarness(MatTableHarness);
    return table
      .getCellTextByColumnName()
      .then((columns) =>
        columns['name'].text.map((_, row) => Object.fromEntries(Object.entries(columns).map(([column, cells]) => [column, cells.text[row]]))),
      );
  }

  const input = (testId: string) => loader.getHarness(MatInputHarness.with({ selector: `[data-testid="${testId}"]` }));
  const errorsOf = async (label: string) => (await loader.getHarness(MatFormFieldHarness.with({ floatingLabelText: label }))).getTextErrors();

  it('lists the unit’s agents with their status and when they were bound (China time)', async () => {
    expect(await tableRows()).toEqual([
      { name: '林小红', mobile: '13800138000', status: '正常', boundAt: '2026-03-01 10:30', actions: '停用  重置密码' },
      { name: '吴大伟', mobile: '13700137000', status: '已停用', boundAt: '2026-01-01 00:05', actions: '启用  重置密码' },
    ]);
    const rows = (fixture.nativeElement as HTMLElement).querySelectorAll('[data-testid="agent-row"]');
    expect(Array.from(rows, (row) => row.getAttribute('data-mobile'))).toEqual(['13800138000', '13700137000']);
  });

  it('shows an invited agent as invited, with nothing to disable or reset but the invitation to withdraw', async () => {
    await (await input('agent-name')).setValue('周杰');
    await (await input('agent-mobile')).setValue('13500135000');
    await (await input('agent-password')).setValue('Start2026x');
    await (await loader.getHarness(MatButtonHarness.with({ selector: '[data-testid="agent-add"]' }))).click();
    const zhou: Agent = { id: 21, name: '周杰', mobile: '13500135000', disabled: false, status: 'invited', boundAt: '2026-11-24T06:00:00Z' };
    http.expectOne('/api/agents').flush(zhou, { status: 201, statusText: 'Created' });
    TestBed.tick();
    http.expectOne({ method: 'GET', url: '/api/agents' }).flush({ items: [LIN, WU, zhou] });
    await fixture.whenStable();

    expect((await tableRows())[2]).toEqual({
      name: '周杰',
      mobile: '13500135000',
      status: '已邀请，待本人接受',
      boundAt: '2026-11-24 14:00',
      actions: '撤回邀请',
    });
    const snackBar = await documentLoader.getHarness(MatSnackBarHarness);
    expect(await snackBar.getMessage()).toBe('已向手机号 13500135000 的经办人发出邀请，本人登录接受后生效');

    await (await loader.getHarness(MatButtonHarness.with({ selector: '[data-testid="agent-withdraw-invitation"]' }))).click();
    const withdraw = http.expectOne('/api/agents/21/invitation');
    expect(withdraw.request.method).toBe('DELETE');
    withdraw.flush(null, { status: 204, statusText: 'No Content' });
    TestBed.tick();
    http.expectOne({ method: 'GET', url: '/api/agents' }).flush({ items: [LIN, WU] });
    await fixture.whenStable();
    expect((await tableRows()).map((row) => row['name'])).toEqual(['林小红', '吴大伟']);
  });

  it('adds an agent and lists them', async () => {
    await (await input('agent-name')).setValue('郑新');
    await (await input('agent-mobile')).setValue('13600136000');
    await (await input('agent-password')).setValue('Start2026');
    await (await loader.getHarness(MatButtonHarness.with({ selector: '[data-testid="agent-add"]' }))).click();

    const create = http.expectOne('/api/agents');
    expect(create.request.method).toBe('POST');
    expect(create.request.body).toEqual({ name: '郑新', mobile: '13600136000', password: 'Start2026' });
    const zheng: Agent = { id: 9, name: '郑新', mobile: '13600136000', disabled: false, status: 'active', boundAt: '2026-11-24T06:00:00Z' };
    create.flush(zheng, { status: 201, statusText: 'Created' });
    TestBed.tick();
    http.expectOne({ method: 'GET', url: '/api/agents' }).flush({ items: [LIN, WU, zheng] });
    await fixture.whenStable();

    expect((await tableRows()).map((row) => row['name'])).toEqual(['林小红', '吴大伟', '郑新']);
    expect(await (await input('agent-name')).getValue()).toBe('');
    expect(await errorsOf('姓名'))
      .withContext('a fresh form shows no errors')
      .toEqual([]);
    const snackBar = await documentLoader.getHarness(MatSnackBarHarness);
    expect(await snackBar.getMessage()).toBe('已添加经办人 郑新');
  });

  it('asks for a stronger password and a real mobile number before adding', async () => {
    await (await input('agent-name')).setValue('郑新');
    await (await input('agent-mobile')).setValue('12345');
    await (await input('agent-password')).setValue('password');
    await (await loader.getHarness(MatButtonHarness.with({ selector: '[data-testid="agent-add"]' }))).click();

    expect(await errorsOf('手机号码')).toEqual(['请输入 11 位手机号码']);
    expect(await errorsOf('初始密码')).toEqual(['密码至少 8 位，须包含字母和数字']);
    http.expectNone('/api/agents');
  });

  it('shows the server’s refusal of a mobile already bound here', async () => {
    await (await input('agent-name')).setValue('林小红');
    await (await input('agent-mobile')).setValue('13800138000');
    await (await input('agent-password')).setValue('Start2026');
    await (await loader.getHarness(MatButtonHarness.with({ selector: '[data-testid="agent-add"]' }))).click();
    http.expectOne('/api/agents').flush({ code: 'AGENT_ALREADY_BOUND', message: '' }, { status: 409, statusText: 'Conflict' });
    await fixture.whenStable();

    const failure = (fixture.nativeElement as HTMLElement).querySelector('[data-testid="agent-form-error"]');
    expect(failure?.textContent?.trim()).toBe('该经办人已绑定本单位。');
  });

  it('disables an agent after confirmation', async () => {
    await (await loader.getHarness(MatButtonHarness.with({ selector: '[data-testid="agent-disable"]' }))).click();

    const dialog = await documentLoader.getHarness(MatDialogHarness);
    expect(await dialog.getTitleText()).toBe('停用经办人');
    expect(await dialog.getContentText()).toContain('林小红（13800138000）');
    await (await dialog.getHarness(MatButtonHarness.with({ selector: '[data-testid="confirm-ok"]' }))).click();

    const disable = http.expectOne('/api/agents/2/disable');
    expect(disable.request.method).toBe('POST');
    disable.flush({ ...LIN, disabled: true });
    await fixture.whenStable();

    expect((await tableRows()).map((row) => row['status'])).toEqual(['已停用', '已停用']);
    expect(await (await documentLoader.getHarness(MatSnackBarHarness)).getMessage()).toBe('已停用经办人 林小红');
  });

  it('opens the confirmation with its confirm button focused, so Enter goes ahead', async () => {
    await (await loader.getHarness(MatButtonHarness.with({ selector: '[data-testid="agent-disable"]' }))).click();
    const dialog = await documentLoader.getHarness(MatDialogHarness);
    await fixture.whenStable();
    expect(await (await dialog.getHarness(MatButtonHarness.with({ selector: '[data-testid="confirm-ok"]' }))).isFocused()).toBeTrue();
    await dialog.close();
  });

  it('leaves the agent alone when the confirmation is cancelled', async () => {
    await (await loader.getHarness(MatButtonHarness.with({ selector: '[data-testid="agent-disable"]' }))).click();
    const dialog = await documentLoader.getHarness(MatDialogHarness);
    await (await dialog.getHarness(MatButtonHarness.with({ selector: '[data-testid="confirm-cancel"]' }))).click();
    await fixture.whenStable();

    http.expectNone('/api/agents/2/disable');
    expect((await tableRows()).map((row) => row['status'])).toEqual(['正常', '已停用']);
  });

  it('enables a disabled agent again', async () => {
    await (await loader.getHarness(MatButtonHarness.with({ selector: '[data-testid="agent-enable"]' }))).click();
    const dialog = await documentLoader.getHarness(MatDialogHarness);
    expect(await dialog.getTitleText()).toBe('启用经办人');
    await (await dialog.getHarness(MatButtonHarness.with({ selector: '[data-testid="confirm-ok"]' }))).click();

    http.expectOne('/api/agents/5/enable').flush({ ...WU, disabled: false });
    await fixture.whenStable();
    expect((await tableRows()).map((row) => row['status'])).toEqual(['正常', '正常']);
  });

  describe('resetting a password', () => {
    const button = (testId: string) => documentLoader.getHarness(MatButtonHarness.with({ selector: `[data-testid="${testId}"]` }));
    const dialogInput = (testId: string) => documentLoader.getHarness(MatInputHarness.with({ selector: `[data-testid="${testId}"]` }));
    const dialogErrors = async (label: string) =>
      (await documentLoader.getHarness(MatFormFieldHarness.with({ floatingLabelText: label }))).getTextErrors();

    async function openFor(rowIndex: number): Promise<MatDialogHarness> {
      const buttons = await loader.getAllHarnesses(MatButtonHarness.with({ selector: '[data-testid="agent-reset-password"]' }));
      await buttons[rowIndex].click();
      return documentLoader.getHarness(MatDialogHarness);
    }

    it('sets the new password typed twice and says so', async () => {
      const dialog = await openFor(0);
      expect(await dialog.getTitleText()).toBe('重置经办人密码');
      expect(await dialog.getContentText()).toContain('林小红（13800138000）');
      await (await dialogInput('reset-password')).setValue('Fresh2026');
      await (await dialogInput('reset-confirmation')).setValue('Fresh2026');
      await (await button('reset-submit')).click();

      const reset = http.expectOne('/api/agents/2/password');
      expect(reset.request.method).toBe('POST');
      expect(reset.request.body).toEqual({ password: 'Fresh2026' });
      reset.flush(LIN);
      await fixture.whenStable();

      expect(await documentLoader.getAllHarnesses(MatDialogHarness)).toEqual([]);
      expect(await (await documentLoader.getHarness(MatSnackBarHarness)).getMessage()).toBe('已重置经办人 林小红 的密码');
    });

    it('asks for a strong password and the same one twice before sending', async () => {
      await openFor(1);
      await (await dialogInput('reset-password')).setValue('password');
      await (await dialogInput('reset-confirmation')).setValue('Other2026');
      await (await button('reset-submit')).click();

      expect(await dialogErrors('新密码')).toEqual(['密码至少 8 位，须包含字母和数字']);
      expect(await dialogErrors('确认新密码')).toEqual(['两次输入的密码不一致']);
      http.expectNone('/api/agents/5/password');
      await (await button('reset-cancel')).click();
      await fixture.whenStable();
      expect(await documentLoader.getAllHarnesses(MatSnackBarHarness)).toEqual([]);
    });

    it('keeps the dialog open with the server’s refusal on the field', async () => {
      await openFor(0);
      await (await dialogInput('reset-password')).setValue('Fresh2026');
      await (await dialogInput('reset-confirmation')).setValue('Fresh2026');
      await (await button('reset-submit')).click();
      http
        .expectOne('/api/agents/2/password')
        .flush(
          { code: 'VALIDATION_FAILED', message: '', details: { fields: [{ field: 'password', code: 'PASSWORD_WEAK', message: '' }] } },
          { status: 400, statusText: 'Bad Request' },
        );
      await fixture.whenStable();

      expect(await documentLoader.getAllHarnesses(MatDialogHarness)).not.toEqual([]);
      expect(await dialogErrors('新密码')).toEqual(['密码至少 8 位，须包含字母和数字']);
    });
  });
});

describe('AgentsPage, when the list does not load', () => {
  it('says why, and lists the agents on retry', async () => {
    TestBed.configureTestingModule({ providers: pageProviders() });
    const http = TestBed.inject(HttpTestingController);
    const page = new Page(TestBed.createComponent(AgentsPage));
    TestBed.tick();
    const isList = (request: HttpRequest<unknown>) => request.url === '/api/agents';
    await expectLoadErrorThenRows(page, http.expectOne(isList), {
      prefix: 'agents',
      is: isList,
      answer: (request) => request.flush({ items: [LIN] }),
    });
    http.verify();
  });
});
