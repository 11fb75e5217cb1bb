import type { HttpRequest } from '@angular/common/http';
import type { HttpTestingController, TestRequest } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MatDialogHarness } from '@angular/material/dialog/testing';
import { MatPaginatorHarness } from '@angular/material/paginator/testing';
import { MatSnackBarHarness } from '@angular/material/snack-bar/testing';
import { MatSortHarness } from '@angular/material/sort/testing';
import { MatTabGroupHarness } from '@angular/material/tabs/testing';
import { Router } from '@angular/router';
import type { BaseDeclarationStatus, BasePerson } from '@common/api/base-declarations';
import type { InsuredPerson } from '@common/api/declarations';
import { CREATED } from '../../../testing/answers';
import { captureDownloads, exportHeaders } from '../../../testing/exports';
import { answeredDuring, listEndpoint, paramsOf } from '../../../testing/http';
import { configureFeature, openPage } from '../../../testing/routed-page';
import { Page } from '../../../testing/page';
import { submission } from '../../../testing/submissions';
import { insuredPerson, insuredPersonDetail, pageOf } from '../../../testing/payments';
import { typeAndPause } from '../../../testing/search';
import { insuredRoutes } from '../insured.routes';
import { expectLoadErrorThenRows } from '../../../testing/list-load-error';

const WANG = insuredPerson();
const ZHAO = insuredPerson({
  personId: 8,
  name: '赵敏',
  idNumber: '11010519491231002X',
  idNumberMasked: '110105********002X',
  sex: 'female',
  birthDate: '1949-12-31',
  status: 'suspended',
  startMonth: '202203',
  endMonth: '202510',
  wageFen: 480000,
  insuranceTypes: ['310'],
  pendingDeclaration: 'addition',
});

const YEAR = { firstMonth: '202707', lastMonth: '202806', opensOn: '2027-07-01', closesOn: '2027-08-31', floorFen: 480_000, ceilingFen: 2_400_000 };
const WINDOW_OPEN: BaseDeclarationStatus = { year: YEAR, open: true, next: null };
const WINDOW_CLOSED: BaseDeclarationStatus = { year: null, open: false, next: YEAR };
const WANG_BASE: BasePerson = {
  personId: 7,
  name: '王小明',
  idNumberMasked: '350102********1234',
  currentBaseFen: 600_000,
  status: 'declared',
  wageFen: 600_000,
  baseFen: 600_000,
};

describe('InsuredListPage', () => {
  let http: HttpTestingController;
  let page: Page;

  const isList = (request: HttpRequest<unknown>) => request.url === '/api/insured-persons';
  const answerList =
    (...items: InsuredPerson[]) =>
    (request: TestRequest) =>
      request.flush(pageOf(items));

  beforeEach(() => (http = configureFeature('insured', insuredRoutes)));

  afterEach(() => http.verify());

  /** The page at the URL, with the base declaration window closed unless the test opens it. */
  const isBaseStatus = (request: HttpRequest<unknown>) => request.url === '/api/base-declarations/status';
  async function openPageAt(url: string, window = WINDOW_CLOSED): Promise<Page> {
    const opened = await openPage(url);
    http.expectOne(isBaseStatus).flush(window);
    return opened;
  }

  async function open(...items: InsuredPerson[]): Promise<TestRequest> {
    page = await openPageAt('/insured');
    const list = http.expectOne(isList);
    answerList(...items)(list);
    await page.stable();
    return list;
  }

  it('lists the insured persons by name with masked ID numbers, status, months, wage and types', async () => {
    const list = await open(WANG, ZHAO);
    expect(paramsOf(list)).toEqual({ sort: 'name', direction: 'asc', page: '0', pageSize: '20' });

    expect(await page.tableRows()).toEqual([
      {
        name: '王小明',
        idNumber: '350102********1234',
        sex: '男',
        birthDate: '1990-03-07',
        status: '参保中',
        startMonth: '2024-01',
        endMonth: '',
        wage: '¥8,500.00',
        insuranceTypes: '职工医保 大额补助 生育',
        employeeNumber: '',
        actions: '详情',
      },
      {
        name: '赵敏 增员待审核',
        idNumber: '110105********002X',
        sex: '女',
        birthDate: '1949-12-31',
        status: '暂停',
        startMonth: '2022-03',
        endMonth: '2025-10',
        wage: '¥4,800.00',
        insuranceTypes: '职工医保',
        employeeNumber: '',
        actions: '详情',
      },
    ]);
    expect(page.texts('insured-row').length).toBe(2);
  });

  it('says why the list did not load instead of "no insured persons", and shows them on retry', async () => {
    page = await openPageAt('/insured');
    await expectLoadErrorThenRows(page, http.expectOne(isList), { prefix: 'insured', is: isList, answer: answerList(WANG) });
  });

  it('searches, filters by status and sorts on the server, and exports with the same filters', async () => {
    const saved = captureDownloads();
    await open(WANG, ZHAO);

    await typeAndPause(() => page.type('insured-search', '赵'));
    const searched = http.expectOne(isList);
    expect(paramsOf(searched)['q']).toBe('赵');
    searched.flush(pageOf([ZHAO]));

    await answeredDuring(page.choose('insured-status', '暂停'), isList, answerList(ZHAO));
    const [startHeader] = await (await page.loader.getHarness(MatSortHarness)).getSortHeaders({ label: '参保起始月' });
    const sorted = await answeredDuring(startHeader.click(), isList, answerList(ZHAO));
    const filters = { q: '赵', status: 'suspended', sort: 'startMonth', direction: 'asc' };
    expect(paramsOf(sorted)).toEqual({ ...filters, page: '0', pageSize: '20' });

    const exported = await answeredDuring(
      page.click('insured-export'),
      (request) => request.url === '/api/insured-persons/export',
      (request) => request.flush(new Blob(['xlsx']), { headers: exportHeaders('港湾-参保人员.xlsx', 1) }),
    );
    expect(paramsOf(exported)).toEqual(filters);
    expect(saved.map((file) => file.name)).toEqual(['港湾-参保人员.xlsx']);
  });

  describe('state in the URL', () => {
    const url = () => TestBed.inject(Router).url;

    it('reads its search, status, order and page from the URL', async () => {
      page = await openPageAt('/insured?q=%E8%B5%B5&status=suspended&sort=startMonth&direction=desc&page=3&pageSize=50');
      const list = http.expectOne(isList);
      expect(paramsOf(list)).toEqual({ q: '赵', status: 'suspended', sort: 'startMonth', direction: 'desc', page: '2', pageSize: '50' });
      list.flush({ items: [ZHAO], total: 101, page: 2, pageSize: 50 });
      await page.stable();

      expect(await (await page.input('insured-search')).getValue()).toBe('赵');
      expect(await (await page.select('insured-status')).getValueText()).toBe('暂停');
      const paginator = await page.loader.getHarness(MatPaginatorHarness);
      expect(await paginator.getRangeLabel()).toBe('第 101–101 条，共 101 条');
    });

    it('writes a changed filter into the URL and starts again at the first page', async () => {
      page = await openPageAt('/insured?page=2');
      const second = http.expectOne(isList);
      expect(paramsOf(second)['page']).toBe('1');
      second.flush({ items: [WANG], total: 21, page: 1, pageSize: 20 });
      await page.stable();
      await answeredDuring(page.choose('insured-status', '暂停'), isList, answerList(ZHAO));
      expect(url()).toBe('/insured?status=suspended');

      await typeAndPause(() => page.type('insured-search', '赵'));
      http.expectOne(isList).flush(pageOf([ZHAO]));
      await page.stable();
      expect(url()).toBe('/insured?status=suspended&q=%E8%B5%B5');
    });

    it('reads values the URL holds wrongly as the defaults, without an error', async () => {
      page = await openPageAt('/insured?status=retired&sort=wage&direction=up&page=-2&pageSize=7');
      const list = http.expectOne(isList);
      expect(paramsOf(list)).toEqual({ sort: 'name', direction: 'asc', page: '0', pageSize: '20' });
      list.flush(pageOf([WANG]));
      await page.stable();
      expect(await (await page.select('insured-status')).getValueText()).toBe('全部');
    });

    it('shows the list the URL names again when it changes (back, a link)', async () => {
      await open(WANG, ZHAO);
      await answeredDuring(page.choose('insured-status', '暂停'), isList, answerList(ZHAO));
      const back = await answeredDuring(TestBed.inject(Router).navigateByUrl('/insured?q=%E7%8E%8B'), isList, answerList(WANG));
      expect(paramsOf(back)).toEqual({ q: '王', sort: 'name', direction: 'asc', page: '0', pageSize: '20' });
      await page.stable();
      expect(await (await page.input('insured-search')).getValue()).toBe('王');
      expect(page.texts('insured-row').length).toBe(1);
    });
  });

  it('shows the employee number (工号) in the list and in the detail’s insurance tab', async () => {
    await open(insuredPerson({ employeeNumber: 'HR-0042' }));
    expect((await page.tableRows()).map((row) => row['employeeNumber'])).toEqual(['HR-0042']);
    expect(page.texts('insured-employeeNumber')).toEqual(['HR-0042']);
    expect(page.element.querySelector('th.mat-column-employeeNumber')?.textContent?.trim()).toBe('工号');

    const detail = insuredPersonDetail();
    await answeredDuring(page.click('insured-detail-open'), '/api/insured-persons/7', (request) =>
      request.flush({ ...detail, employment: { ...detail.employment, employeeNumber: 'HR-0042' } }),
    );
    await (await page.documentLoader.getHarness(MatTabGroupHarness)).selectTab({ label: '参保信息' });
    expect(page.parts('insured-detail-employeeNumber')).toEqual(['工号', 'HR-0042']);
  });

  it('shows a person in three tabs: basic with the whole ID number, contact, and insurance', async () => {
    await open(WANG);
    await answeredDuring(page.click('insured-detail-open'), '/api/insured-persons/7', (request) => request.flush(insuredPersonDetail()));

    const dialog = await page.documentLoader.getHarness(MatDialogHarness);
    expect(await dialog.getTitleText()).toContain('参保人员信息');
    expect(page.text('insured-detail-who')).toBe('王小明');
    expect(page.text('insured-detail-state')).toBe('参保中');
    const tabs = await page.documentLoader.getHarness(MatTabGroupHarness);
    expect(await Promise.all((await tabs.getTabs()).map((tab) => tab.getLabel()))).toEqual(['基本信息', '联系方式', '参保信息']);

    expect(page.parts('insured-detail-idNumber')).toEqual(['证件号码', '350102199003071234']);
    expect(page.parts('insured-detail-idType')).toEqual(['证件类型', '居民身份证']);
    expect(page.parts('insured-detail-sex')).toEqual(['性别', '男']);
    expect(page.parts('insured-detail-hukouType')).toEqual(['户口性质', '农村']);
    expect(page.text('insured-panel-contact')).toBeNull();

    await tabs.selectTab({ label: '联系方式' });
    expect(page.parts('insured-detail-mobile')).toEqual(['手机号码', '13800138000']);
    expect(page.parts('insured-detail-contactAddress')).toEqual(['联系地址', '福州市台江区江滨路 88 号']);

    await tabs.selectTab({ label: '参保信息' });
    expect(page.parts('insured-detail-startMonth')).toEqual(['参保起始月', '2024-01']);
    expect(page.parts('insured-detail-endMonth')).toEqual(['参保终止月', '—']);
    expect(page.parts('insured-detail-wage')).toEqual(['申报月工资', '¥8,500.00']);
    expect(page.parts('insured-detail-personnelCategory')).toEqual(['人员类别', '在职']);
    expect(page.parts('insured-detail-employmentForm')).toEqual(['用工形式', '劳动合同']);
    expect(page.cells('insured-enrollment')).toEqual([
      ['职工基本医疗保险', '2024-01', '—', '参保中'],
      ['生育保险', '2024-01', '2025-06', '暂停'],
    ]);
  });

  describe('maintaining a person from the detail', () => {
    const HUKOU_CHANGE = submission({
      id: 52,
      kind: 'hukou-change',
      effectiveMonth: null,
      payload: {
        before: { hukouType: 'rural', hukouAddress: '福建省福州市鼓楼区五四路 1 号', ethnicity: '汉族' },
        after: { hukouType: 'urban', hukouAddress: '福建省福州市台江区江滨路 88 号', ethnicity: '汉族' },
      },
    });

    async function openDetail(detail = insuredPersonDetail()): Promise<void> {
      await open(WANG);
      await answeredDuring(page.click('insured-detail-open'), '/api/insured-persons/7', (request) => request.flush(detail));
    }

    it('changes the contact details at once and shows them', async () => {
      await openDetail();
      await page.click('insured-edit-contact');
      expect(await (await page.input('contact-mobile')).getValue()).toBe('13800138000');
      await page.type('contact-mobile', '1380013');
      await page.click('contact-submit');
      expect(await page.errors('contact-mobile')).toEqual(['请输入 11 位手机号码']);

      await page.type('contact-mobile', '13700137000');
      await page.type('contact-address', '');
      await page.click('contact-submit');
      const put = http.expectOne('/api/insured-persons/7/contact');
      expect(put.request.method).toBe('PUT');
      expect(put.request.body).toEqual({ mobile: '13700137000', contactAddress: undefined });
      put.flush(insuredPersonDetail({ contact: { mobile: '13700137000', contactAddress: null } }));
      await page.stable();

      expect((await page.documentLoader.getAllHarnesses(MatDialogHarness)).length)
        .withContext('the detail stays open')
        .toBe(1);
      await (await page.documentLoader.getHarness(MatTabGroupHarness)).selectTab({ label: '联系方式' });
      expect(page.parts('insured-detail-mobile')).toEqual(['手机号码', '13700137000']);
      expect(page.parts('insured-detail-contactAddress')).toEqual(['联系地址', '—']);
      expect(await (await page.documentLoader.getHarness(MatSnackBarHarness)).getMessage()).toBe('已更新 王小明 的联系方式');
    });

    it('submits a household registration change for review and shows it pending', async () => {
      await openDetail();
      await page.click('insured-change-hukou');
      await page.choose('hukou-type', '城镇');
      await page.type('hukou-address', '福建省福州市台江区江滨路 88 号');
      await page.click('hukou-submit');

      const post = http.expectOne('/api/insured-persons/7/hukou-changes');
      expect(post.request.body).toEqual({ hukouType: 'urban', hukouAddress: '福建省福州市台江区江滨路 88 号', ethnicity: '汉族' });
      expect(post.request.headers.get('Idempotency-Key')).toBeTruthy();
      post.flush(HUKOU_CHANGE, { status: 201, statusText: 'Created' });
      await answeredDuring(page.stable(), '/api/insured-persons/7', (reload) =>
        reload.flush(insuredPersonDetail({ pendingChanges: [HUKOU_CHANGE] })),
      );
      await page.stable();

      expect(page.text('insured-pending-change')).toContain('户籍信息变更待审核');
      expect(page.cells('change-row')).toEqual([
        ['户口性质', '农村', '城镇'],
        ['户籍地址', '福建省福州市鼓楼区五四路 1 号', '福建省福州市台江区江滨路 88 号'],
        ['民族', '汉族', '汉族'],
      ]);
      expect(await (await page.button('insured-change-hukou')).isDisabled()).toBeTrue();
    });

    it('offers no maintenance of a person the unit no longer insures', async () => {
      const detail = insuredPersonDetail();
      await openDetail({ ...detail, employment: { ...detail.employment, status: 'suspended' } });
      expect(page.text('insured-edit-contact')).toBeNull();
      expect(page.text('insured-change-hukou')).toBeNull();
    });
  });

  describe('declaring a base from the list', () => {
    const basePersons = listEndpoint<BasePerson>('/api/base-declarations/persons');

    async function openWithWindow(status: BaseDeclarationStatus): Promise<void> {
      page = await openPageAt('/insured', status);
      answerList(WANG, ZHAO)(http.expectOne(isList));
      await page.stable();
    }

    /** Finds the person among the year's undeclared and declared by the whole ID number. */
    async function lookUp(undeclared: BasePerson[], declared: BasePerson[]): Promise<void> {
      await page.click('insured-declare-base');
      const [first, second] = http.match(basePersons.is);
      expect([paramsOf(first), paramsOf(second)]).toEqual([
        { status: 'undeclared', q: '350102199003071234' },
        { status: 'declared', q: '350102199003071234' },
      ]);
      basePersons.answer(...undeclared)(first);
      basePersons.answer(...declared)(second);
      await page.stable();
    }

    it('offers it only for the persons insured here now, only while the window is open', async () => {
      await openWithWindow(WINDOW_CLOSED);
      expect(page.texts('insured-declare-base')).toEqual([]);
    });

    it("opens the base declaration's dialog prefilled with the person's base now, and submits it", async () => {
      await openWithWindow(WINDOW_OPEN);
      expect(page.texts('insured-declare-base')).toEqual(['申报基数']);

      await lookUp([], [WANG_BASE]);
      expect(page.text('declare-current')).toBe('当前缴费基数 6,000.00 元');
      expect(await (await page.input('declare-wage')).getValue()).toBe('6000.00');
      expect(page.text('declare-clamped')).toBe('核定缴费基数 6,000.00 元（下限 4,800.00，上限 24,000.00）');

      await page.type('declare-wage', '7000');
      await page.click('declare-submit');
      const sent = http.expectOne('/api/base-declarations');
      expect(sent.request.body).toEqual({ personId: 7, wageFen: 700_000 });
      sent.flush(submission({ kind: 'base-declaration', effectiveMonth: '202707' }), CREATED);
      await page.stable();
      const snackBar = await page.documentLoader.getHarness(MatSnackBarHarness);
      expect(await snackBar.getMessage()).toBe('已提交审核，通过后自 2027-07 起按新基数缴费。');
    });

    it("says so when the person's declaration for the year is pending, without a dialog", async () => {
      await openWithWindow(WINDOW_OPEN);
      await lookUp([], []);
      expect(await page.documentLoader.getAllHarnesses(MatDialogHarness)).toEqual([]);
      const snackBar = await page.documentLoader.getHarness(MatSnackBarHarness);
      expect(await snackBar.getMessage()).toBe('该人员本缴费年度的基数申报正在审核中，审核完成后才能再次申报。');
    });
  });

  it("opens the person's household registration dialog on what a rejected change asked for, and submits the correction", async () => {
    const rejected = submission({
      id: 41,
      kind: 'hukou-change',
      status: 'rejected',
      effectiveMonth: null,
      idNumber: '350102199003071234',
      personName: '王小明',
      reviewReason: '地址与户口簿不符',
      correctedById: null,
      payload: {
        before: { hukouType: 'rural', hukouAddress: '福建省福州市鼓楼区五四路 1 号', ethnicity: '汉族' },
        after: { hukouType: 'urban', hukouAddress: '福建省福州市台江区江滨路 8 号', ethnicity: '汉族' },
      },
    });
    page = await openPageAt('/insured?corrects=41');
    answerList(WANG)(http.expectOne(isList));
    http.expectOne('/api/submissions/41').flush(rejected);
    // The person is found by the whole ID number the rejected change names, then shown in detail.
    const found = await answeredDuring(
      answeredDuring(page.stable(), '/api/insured-persons/7', (request) => request.flush(insuredPersonDetail())),
      isList,
      (request) => request.flush(pageOf([WANG])),
    );
    expect(found.request.params.get('q')).toBe('350102199003071234');
    await page.stable();

    expect(page.text('correction-notice')).toContain('地址与户口簿不符');
    expect(await (await page.select('hukou-type')).getValueText()).toBe('城镇');
    expect(await (await page.input('hukou-address')).getValue()).toBe('福建省福州市台江区江滨路 8 号');

    await page.type('hukou-address', '福建省福州市台江区江滨路 88 号');
    await page.click('hukou-submit');
    const post = http.expectOne((request) => request.url === '/api/insured-persons/7/hukou-changes');
    expect(post.request.params.get('corrects')).toBe('41');
    expect(post.request.body).toEqual({ hukouType: 'urban', hukouAddress: '福建省福州市台江区江滨路 88 号', ethnicity: '汉族' });
    post.flush(submission({ id: 53, kind: 'hukou-change', correctsId: 41 }), CREATED);
    await page.stable();
    expect(await page.documentLoader.getAllHarnesses(MatDialogHarness)).toEqual([]);
  });
});
