import type { HttpTestingController } from '@angular/common/http/testing';
import { MatAutocompleteHarness } from '@angular/material/autocomplete/testing';
import { MatDialogHarness } from '@angular/material/dialog/testing';
import { MatSnackBarHarness } from '@angular/material/snack-bar/testing';
import type { SessionInfo } from '@common/api/auth';
import type { BankBranch } from '@common/api/maintenance';
import type { UnitInfo } from '@common/api/payments';
import { submission } from '../../../testing/submissions';
import { answeredDuring, paramsOf } from '../../../testing/http';
import { configureFeature, openPage } from '../../../testing/routed-page';
import { Page, testId } from '../../../testing/page';
import { pageOf, unitInfo } from '../../../testing/payments';
import { typeAndPause } from '../../../testing/search';
import { AGENT_ONE_UNIT, signIn, UNIT_ADMIN } from '../../../testing/sessions';
import { unitRoutes } from '../unit.routes';

const WUYI: BankBranch = { code: '102391000020', bankCategory: 'ICBC', name: '中国工商银行福州五一支行', city: '福州' };
const GULOU_CCB: BankBranch = { code: '105391000037', bankCategory: 'CCB', name: '中国建设银行福州鼓楼支行', city: '福州' };

/** A pending change of the unit's contacts, as the server lists it. */
const INFO_CHANGE = submission({
  id: 40,
  kind: 'unit-info-change',
  idNumber: null,
  idNumberMasked: null,
  personName: null,
  effectiveMonth: null,
  payload: {
    before: { contactName: '林小红', contactPhone: '0591-87654321', contactEmail: null, legalRepName: '陈港湾', legalRepPhone: '13900000001' },
    after: { contactName: '郑丽华', contactPhone: '0591-83330001', contactEmail: null, legalRepName: '陈港湾', legalRepPhone: '13900000001' },
  },
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('UnitInfoPage', () => {
  let http: HttpTestingController;
  let page: Page;

  beforeEach(() => (http = configureFeature('unit-info', unitRoutes)));

  afterEach(() => http.verify());

  async function open(unit: UnitInfo, session: SessionInfo = UNIT_ADMIN): Promise<void> {
    signIn(session);
    page = await openPage('/unit-info');
    http.expectOne('/api/unit').flush(unit);
    await page.stable();
  }

  const exists = (id: string) => document.querySelector(testId(id)) !== null;

  it('shows the basic, contact and registration information and the bank account masked', async () => {
    await open(unitInfo());

    expect(page.parts('unit-name')).toEqual(['单位名称', '福州港湾食品有限公司']);
    expect(page.parts('unit-creditCode')).toEqual(['统一社会信用代码', '91350100M000100Y43']);
    expect(page.parts('unit-unitType')).toEqual(['单位类型', '企业']);
    expect(page.parts('unit-industry')).toEqual(['所属行业', '软件和信息技术服务业']);
    expect(page.parts('unit-economicType')).toEqual(['经济类型', '有限责任公司']);
    expect(page.parts('unit-legalRep')).toEqual(['法定代表人', '陈港湾 13900000001']);
    expect(page.parts('unit-contactName')).toEqual(['联系人', '林小红']);
    expect(page.parts('unit-contactEmail')).toEqual(['电子邮箱', 'hr@harbour.example.cn']);
    expect(page.parts('unit-unitNumber')).toEqual(['单位编号', '35010000123']);
    expect(page.parts('unit-agency')).toEqual(['经办机构', '福州市医疗保障局鼓楼分中心']);
    expect(page.parts('unit-collectionMode')).toEqual(['征收方式', '税务征收']);
    expect(page.parts('unit-insurance-types', 'li span')).toEqual(['职工基本医疗保险', '2019-01 起', '生育保险', '2020-03 起']);
    expect(page.parts('unit-bankCategory')).toEqual(['开户银行', '中国工商银行']);
    expect(page.parts('unit-accountName')).toEqual(['账户名称', '福州港湾食品有限公司']);
    expect(page.parts('unit-accountNumber')).toEqual(['银行账号', '***************1234']);
  });

  it('shows codes it has no words for as they are, and a dash for what is not registered', async () => {
    await open(
      unitInfo({
        industry: 'C1351',
        legalRepName: null,
        legalRepPhone: null,
        contactEmail: null,
        insuranceTypes: [],
        bank: { category: null, branchName: null, accountName: null, accountNumberMasked: null, accountNumber: null },
      }),
    );

    expect(page.parts('unit-industry')).toEqual(['所属行业', 'C1351']);
    expect(page.parts('unit-legalRep')).toEqual(['法定代表人', '—']);
    expect(page.parts('unit-contactEmail')).toEqual(['电子邮箱', '—']);
    expect(page.text('unit-insurance-types')).toBe('未登记参保险种。');
    expect(page.parts('unit-bankCategory')).toEqual(['开户银行', '—']);
    expect(page.parts('unit-accountNumber')).toEqual(['银行账号', '—']);
  });

  it('offers the administrator both changes, and agents the information change only', async () => {
    await open(unitInfo());
    expect(exists('unit-info-change')).toBeTrue();
    expect(exists('unit-bank-change')).toBeTrue();
  });

  it('shows the administrator the whole account number the server gives them alone', async () => {
    const info = unitInfo();
    await open({ ...info, bank: { ...info.bank, accountNumber: '6222021001111234' } });
    expect(page.parts('unit-accountNumber')).toEqual(['银行账号', '6222021001111234']);
  });

  it('hides the bank account change from agents', async () => {
    await open(unitInfo(), AGENT_ONE_UNIT);
    expect(exists('unit-info-change')).toBeTrue();
    expect(exists('unit-bank-change')).toBeFalse();
    expect(page.parts('unit-accountNumber')).toEqual(['银行账号', '***************1234']);
  });

  it('shows a pending change before and after, and offers no second one of its kind', async () => {
    await open(unitInfo({ pendingChanges: [INFO_CHANGE] }));
    expect(page.text('unit-pending-change')).toContain('单位信息变更待审核');
    expect(page.text('unit-pending-change')).toContain('陈经理 于 2026-11-24 14:00 提交');
    expect(page.cells('change-row')[0]).toEqual(['联系人', '林小红', '郑丽华']);
    expect(await (await page.button('unit-info-change')).isDisabled()).toBeTrue();
    expect(await (await page.button('unit-bank-change')).isDisabled()).toBeFalse();
  });

  describe('changing the unit’s information', () => {
    beforeEach(async () => {
      await open(unitInfo());
      await page.click('unit-info-change');
    });

    it('starts from what is registered and names each bad field', async () => {
      expect(await (await page.input('change-contactName')).getValue()).toBe('林小红');
      expect(await (await page.input('change-contactPhone')).getValue()).toBe('0591-87654321');
      await page.type('change-contactName', ' ');
      await page.type('change-contactPhone', '12345');
      await page.type('change-contactEmail', 'hr@harbour');
      await page.click('change-submit');

      expect(await page.errors('change-contactName')).toEqual(['必填']);
      expect(await page.errors('change-contactPhone')).toEqual(['请输入手机号码或固定电话（如 0591-87654321）']);
      expect(await page.errors('change-contactEmail')).toEqual(['请输入有效的电子邮箱']);
      http.expectNone('/api/unit/info-changes');
    });

    it('submits it for review, says so and shows it pending', async () => {
      await page.type('change-contactName', '郑丽华');
      await page.type('change-contactEmail', '');
      await page.click('change-submit');

      const submit = http.expectOne('/api/unit/info-changes');
      expect(submit.request.method).toBe('POST');
      expect(submit.request.body).toEqual({
        contactName: '郑丽华',
        contactPhone: '0591-87654321',
        contactEmail: undefined,
        legalRepName: '陈港湾',
        legalRepPhone: '13900000001',
      });
      expect(submit.request.headers.get('Idempotency-Key')).toBeTruthy();
      submit.flush(INFO_CHANGE, { status: 201, statusText: 'Created' });
      await answeredDuring(page.stable(), '/api/unit', (reload) => reload.flush(unitInfo({ pendingChanges: [INFO_CHANGE] })));
      await page.stable();

      expect(await page.documentLoader.getAllHarnesses(MatDialogHarness)).toEqual([]);
      expect(await (await page.documentLoader.getHarness(MatSnackBarHarness)).getMessage()).toBe('已提交审核，审核通过后生效。');
      expect(page.text('unit-pending-change')).toContain('单位信息变更待审核');
    });

    it('keeps the dialog open with the server’s refusal', async () => {
      await page.type('change-contactName', '郑丽华');
      await page.click('change-submit');
      http.expectOne('/api/unit/info-changes').flush({ code: 'CHANGE_PENDING', message: '' }, { status: 409, statusText: 'Conflict' });
      await page.stable();
      expect(page.text('change-error')).toBe('已有一项同类变更正在审核，请等待审核结果或先撤回。');
    });
  });

  describe('changing the bank account', () => {
    beforeEach(async () => {
      await open(unitInfo());
      await page.click('unit-bank-change');
    });

    /** Types into the branch field and answers the search the dialog makes once the typing pauses. */
    async function search(text: string, ...found: BankBranch[]) {
      const branch = await page.documentLoader.getHarness(MatAutocompleteHarness.with({ selector: testId('bank-branch') }));
      await typeAndPause(() => branch.enterText(text));
      const request = http.expectOne((r) => r.url === '/api/bank-branches');
      request.flush(pageOf(found));
      await page.stable();
      // The panel shows new options a macrotask after they are rendered.
      await pause(10);
      await page.stable();
      return { branch, request };
    }

    it('finds the branch on the server as the user types and submits the account in the unit’s name', async () => {
      const { branch, request } = await search('gsfzwy', WUYI);
      expect(paramsOf(request)).toEqual({ q: 'gsfzwy', bankCategory: 'ICBC' });
      expect(await Promise.all((await branch.getOptions()).map((o) => o.getText()))).toEqual(['中国工商银行福州五一支行 102391000020']);
      await branch.selectOption({ text: /五一/ });
      expect(await branch.getValue()).toBe('中国工商银行福州五一支行');
      await page.type('bank-account-number', '1402 0233 0920 0123 456');
      await page.click('bank-submit');

      const submit = http.expectOne('/api/unit/bank-account-changes');
      expect(submit.request.body).toEqual({
        bankCategory: 'ICBC',
        branchCode: '102391000020',
        accountName: '福州港湾食品有限公司',
        accountNumber: '1402 0233 0920 0123 456',
      });
      submit.flush(submission({ kind: 'bank-account-change' }), { status: 201, statusText: 'Created' });
      await answeredDuring(page.stable(), '/api/unit', (reload) => reload.flush(unitInfo()));
      await page.stable();
      expect(await page.documentLoader.getAllHarnesses(MatDialogHarness)).toEqual([]);
    });

    it('switches the bank to that of the branch chosen', async () => {
      await (await page.select('bank-category')).clickOptions({ text: '中国建设银行' });
      const { branch, request } = await search('jhfzgl', GULOU_CCB);
      expect(paramsOf(request)).toEqual({ q: 'jhfzgl', bankCategory: 'CCB' });
      await branch.selectOption({ text: /鼓楼/ });
      await (await page.select('bank-category')).clickOptions({ text: '中国工商银行' });
      expect(await branch.getValue())
        .withContext('a branch of another bank is cleared')
        .toBe('');
    });

    it('asks for a branch from the list, the unit’s name and 10 to 30 digits, and warns of a failed check digit', async () => {
      await search('五一路');
      await page.type('bank-account-name', '福州港湾有限公司');
      await page.type('bank-account-number', '12345');
      await page.click('bank-submit');

      expect(await page.errors('bank-branch')).toEqual(['请从列表中选择开户网点']);
      expect(await page.errors('bank-account-name')).toEqual(['账户名称必须与单位名称一致']);
      expect(await page.errors('bank-account-number')).toEqual(['银行账号为 10–30 位数字']);
      http.expectNone('/api/unit/bank-account-changes');

      await page.type('bank-account-number', '6222021001115678902');
      expect(page.text('bank-luhn-warning')).toContain('未通过常见校验位检查');
      await page.type('bank-account-number', '6222021001115678903');
      expect(page.text('bank-luhn-warning')).toBeNull();
    });

    it('shows the server’s refusal of the branch under the branch field', async () => {
      const { branch } = await search('gsfzwy', WUYI);
      await branch.selectOption({ text: /五一/ });
      await page.type('bank-account-number', '1402023309200123456');
      await page.click('bank-submit');
      http
        .expectOne('/api/unit/bank-account-changes')
        .flush(
          { code: 'VALIDATION_FAILED', message: '', details: { fields: [{ field: 'branchCode', code: 'BANK_BRANCH_OTHER_BANK', message: '' }] } },
          { status: 400, statusText: 'Bad Request' },
        );
      await page.stable();
      expect(await page.errors('bank-branch')).toEqual(['该网点不属于所选银行']);
    });
  });

  it('opens a rejected bank account change named by ?corrects= on what it asked for, and submits the correction naming it', async () => {
    const rejected = submission({
      id: 41,
      kind: 'bank-account-change',
      status: 'rejected',
      idNumber: null,
      idNumberMasked: null,
      personName: null,
      effectiveMonth: null,
      reviewReason: '账户名不符',
      payload: {
        before: { bankCategory: 'ICBC', branchCode: null, branchName: null, accountName: null, accountNumber: null },
        after: {
          bankCategory: 'ICBC',
          branchCode: WUYI.code,
          branchName: WUYI.name,
          accountName: '福州港湾食品',
          accountNumber: '1402 0233 0920 0123 456',
        },
      },
    });
    signIn(UNIT_ADMIN);
    page = await openPage('/unit-info?corrects=41');
    http.expectOne('/api/unit').flush(unitInfo());
    http.expectOne('/api/submissions/41').flush(rejected);
    await page.stable();

    expect(page.text('correction-notice')).toBe(
      '正在更正被驳回的银行账户变更（本单位，驳回原因：账户名不符）。原数据已填入下方，提交后将生成一条新的申报。',
    );
    expect(await (await page.input('bank-account-number')).getValue()).toBe('1402 0233 0920 0123 456');
    await page.type('bank-account-name', '福州港湾食品有限公司');
    await page.click('bank-submit');
    const submit = http.expectOne((r) => r.url === '/api/unit/bank-account-changes');
    expect(submit.request.params.get('corrects')).toBe('41');
    expect(submit.request.body).toEqual({
      bankCategory: 'ICBC',
      branchCode: WUYI.code,
      accountName: '福州港湾食品有限公司',
      accountNumber: '1402 0233 0920 0123 456',
    });
    submit.flush(submission({ kind: 'bank-account-change', correctsId: 41 }), { status: 201, statusText: 'Created' });
    await answeredDuring(page.stable(), '/api/unit', (reload) => reload.flush(unitInfo()));
    await page.stable();
    expect(await page.documentLoader.getAllHarnesses(MatDialogHarness)).toEqual([]);
  });
});
