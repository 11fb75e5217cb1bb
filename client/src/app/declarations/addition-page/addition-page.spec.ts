import { HttpTestingController, type TestRequest } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MatCheckboxHarness } from '@angular/material/checkbox/testing';
import { MatDialogHarness } from '@angular/material/dialog/testing';
import type { AdditionOptions, Quote } from '@common/api/declarations';
import { apiError, BAD_REQUEST, CONFLICT, CREATED, SERVER_ERROR, validationFailed } from '../../../testing/answers';
import { submission } from '../../../testing/submissions';
import { Page, pageProviders, testId } from '../../../testing/page';
import { AdditionPage } from './addition-page';

const OPTIONS: AdditionOptions = { months: ['202611', '202612'], insuranceTypes: ['310', '330', '510'], cutoffDay: 25 };
/** Male, born 1990-03-07, valid check character. */
const ID_NUMBER = '350102199003071234';

const QUOTE: Quote = {
  effectiveMonth: '202612',
  wageFen: 300050,
  baseFen: 480000,
  floorFen: 480000,
  ceilingFen: 2400000,
  lines: [
    { insuranceType: '310', unitRateBp: 750, personRateBp: 200, unitFen: 36000, personFen: 9600 },
    { insuranceType: '330', unitRateBp: 50, personRateBp: 0, unitFen: 2400, personFen: 0 },
    { insuranceType: '510', unitRateBp: 50, personRateBp: 0, unitFen: 2400, personFen: 0 },
  ],
  totalUnitFen: 40800,
  totalPersonFen: 9600,
  residentInsuranceEndsWith: null,
};

const DECLARATION = submission({ idNumber: ID_NUMBER, effectiveMonth: '202612' });

describe('AdditionPage', () => {
  let http: HttpTestingController;
  let page: Page;

  async function open(options: AdditionOptions = OPTIONS): Promise<void> {
    const fixture = TestBed.createComponent(AdditionPage);
    TestBed.tick();
    http.expectOne('/api/additions/options').flush(options);
    page = new Page(fixture);
    await page.stable();
  }

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: pageProviders() });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  async function fillIn(): Promise<void> {
    await page.type('addition-name', '王小明');
    await page.type('addition-idNumber', ID_NUMBER);
    await page.choose('addition-hukouType', '农村');
    await page.type('addition-mobile', '13800138000');
    await page.choose('addition-effectiveMonth', '2026-12');
    await page.type('addition-wage', '3000.5');
  }

  /** Submits the filled form and answers the quote; the confirmation dialog is then open. */
  async function quoteAndConfirm(answer: Quote = QUOTE): Promise<MatDialogHarness> {
    await page.click('addition-submit');
    const quote = http.expectOne('/api/additions/quote');
    expect(quote.request.body).toEqual({
      wageFen: 300050,
      effectiveMonth: '202612',
      insuranceTypes: ['310', '330', '510'],
      idType: '01',
      idNumber: ID_NUMBER,
      name: '王小明',
    });
    quote.flush(answer);
    await page.stable();
    return page.documentLoader.getHarness(MatDialogHarness);
  }

  async function confirm(): Promise<TestRequest> {
    await page.click('addition-confirm');
    return http.expectOne('/api/additions');
  }

  it('says why the form cannot be shown, and shows it once the options load on retry', async () => {
    const fixture = TestBed.createComponent(AdditionPage);
    TestBed.tick();
    http.expectOne('/api/additions/options').flush(apiError('INTERNAL'), SERVER_ERROR);
    page = new Page(fixture);
    await page.stable();
    expect(page.text('load-error')).toBe('系统繁忙，请稍后重试。重试');
    expect(page.element.querySelector(testId('addition-name'))).toBeNull();

    page.element.querySelector<HTMLButtonElement>(`${testId('load-error')} button`)?.click();
    TestBed.tick();
    http.expectOne('/api/additions/options').flush(OPTIONS);
    await page.stable();
    expect(page.text('load-error')).toBeNull();
    expect(await page.optionTexts('addition-effectiveMonth')).toEqual(['2026-11', '2026-12']);
  });

  it('offers only the months the server allows', async () => {
    await open({ ...OPTIONS, months: ['202612'] });
    expect(await page.optionTexts('addition-effectiveMonth')).toEqual(['2026-12']);
    expect(await (await page.select('addition-effectiveMonth')).getValueText()).toBe('2026-12');
  });

  it('starts with a resident ID card and every insurance type of the unit ticked', async () => {
    await open();
    expect(await (await page.select('addition-idType')).getValueText()).toBe('居民身份证');
    expect(await page.optionTexts('addition-idType')).toEqual(['居民身份证', '港澳台居民居住证', '外国人永久居留身份证']);
    const boxes = await page.loader.getAllHarnesses(MatCheckboxHarness);
    expect(await Promise.all(boxes.map((box) => box.getLabelText()))).toEqual(['职工基本医疗保险', '大额医疗费用补助', '生育保险']);
    expect(await Promise.all(boxes.map((box) => box.isChecked()))).toEqual([true, true, true]);
  });

  it('checks the ID number as it is typed and fills sex and birth date from it', async () => {
    await open();
    await page.type('addition-idNumber', '340524198001010013');
    expect(await page.errors('addition-idNumber')).toEqual(['身份证号码校验位不正确']);
    expect(await (await page.input('addition-sex')).getValue()).toBe('');

    await page.type('addition-idNumber', '110105491231002');
    await (await page.input('addition-idNumber')).blur();
    expect(await page.errors('addition-idNumber')).toEqual(['请使用 18 位身份证号码（15 位旧号码不再受理）']);

    await page.type('addition-idNumber', '11010519491231002x');
    expect(await page.errors('addition-idNumber')).toEqual([]);
    expect(await (await page.input('addition-sex')).getValue()).toBe('女');
    expect(await (await page.input('addition-birthDate')).getValue()).toBe('1949-12-31');
    expect(await (await page.input('addition-sex')).isReadonly()).toBeTrue();
    expect(await (await page.input('addition-birthDate')).isReadonly()).toBeTrue();
  });

  it('marks the required fields and asks nothing of the server while the form is incomplete', async () => {
    await open();
    await page.type('addition-wage', '8000.555');
    await page.click('addition-submit');

    expect(await page.errors('addition-name')).toEqual(['必填']);
    expect(await page.errors('addition-idNumber')).toEqual(['请输入身份证号码']);
    expect(await page.errors('addition-hukouType')).toEqual(['必填']);
    expect(await page.errors('addition-wage')).toEqual(['请输入金额，最多两位小数']);
    http.expectNone('/api/additions/quote');
  });

  it('shows the base after clamping and the monthly amounts, then submits once confirmed', async () => {
    await open();
    await fillIn();
    const dialog = await quoteAndConfirm();

    expect(await dialog.getTitleText()).toBe('确认增员');
    expect(page.text('quote-month')).toBe('2026-12');
    expect(page.text('quote-wage')).toBe('¥3,000.50');
    expect(page.text('quote-base')).toBe('¥4,800.00');
    expect(page.text('quote-clamped')).toContain('4,800.00–24,000.00');
    expect(page.cells('quote-line')).toEqual([
      ['职工基本医疗保险', '360.00', '96.00'],
      ['大额医疗费用补助', '24.00', '0.00'],
      ['生育保险', '24.00', '0.00'],
    ]);
    expect(page.cells('quote-total')).toEqual([['合计', '408.00', '96.00']]);
    expect(page.text('quote-resident-ends')).withContext('no resident insurance').toBeNull();

    const submit = await confirm();
    expect(submit.request.method).toBe('POST');
    expect(submit.request.headers.get('Idempotency-Key')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(submit.request.body).toEqual(
      jasmine.objectContaining({ name: '王小明', idNumber: ID_NUMBER, hukouType: 'rural', wageFen: 300050, effectiveMonth: '202612' }),
    );
    submit.flush(DECLARATION, CREATED);
    await page.stable();

    expect(await page.documentLoader.getAllHarnesses(MatDialogHarness)).toEqual([]);
    expect(page.text('addition-success')).toContain('已提交 王小明 的增员申报（2026-12 起参保），等待审核。');
    expect(page.element.querySelector(testId('addition-queue-link'))?.getAttribute('href')).toBe('/submissions/pending');
    expect(await (await page.input('addition-name')).getValue())
      .withContext('the form is ready for the next person')
      .toBe('');
  });

  it('takes an employee number (工号) of at most 20 characters and sends it trimmed', async () => {
    await open();
    await fillIn();
    const field = page.element.querySelector(testId('addition-employeeNumber'))?.closest('mat-form-field');
    expect(field?.querySelector('mat-label')?.textContent?.trim()).toBe('工号');

    await page.type('addition-employeeNumber', 'E'.repeat(21));
    await page.click('addition-submit');
    expect(await page.errors('addition-employeeNumber')).toEqual(['内容过长']);
    http.expectNone('/api/additions/quote');

    await page.type('addition-employeeNumber', ' HR-0042 ');
    await quoteAndConfirm();
    const submit = await confirm();
    expect(submit.request.body).toEqual(jasmine.objectContaining({ employeeNumber: 'HR-0042' }));
    submit.flush(DECLARATION, CREATED);
    await page.stable();
  });

  it('confirms with Enter: the confirmation opens on its submit button', async () => {
    await open();
    await fillIn();
    await quoteAndConfirm();

    await page.pressEnter();
    http.expectOne('/api/additions').flush(DECLARATION, CREATED);
    await page.stable();
    expect(await page.documentLoader.getAllHarnesses(MatDialogHarness)).toEqual([]);
    expect(page.text('addition-success')).toContain('已提交 王小明 的增员申报');
  });

  it('sends the same Idempotency-Key when a failed submission is retried, and a new one for a new confirmation', async () => {
    await open();
    await fillIn();
    await quoteAndConfirm();

    const first = await confirm();
    const key = first.request.headers.get('Idempotency-Key');
    first.flush(apiError('INTERNAL'), SERVER_ERROR);
    await page.stable();
    expect(page.text('addition-confirm-error')).toBe('系统繁忙，请稍后重试。');

    const retry = await confirm();
    expect(retry.request.headers.get('Idempotency-Key')).toBe(key);
    expect(retry.request.body).toEqual(first.request.body);
    retry.flush(apiError('IDEMPOTENCY_IN_PROGRESS'), CONFLICT);
    await page.stable();
    expect(page.text('addition-confirm-error')).toBe('该请求正在处理中，请稍候。');

    await page.click('addition-back');
    await page.stable();
    await quoteAndConfirm();
    const another = await confirm();
    expect(another.request.headers.get('Idempotency-Key')).not.toBe(key);
    another.flush(DECLARATION, CREATED);
  });

  it('shows the server’s refusals on the fields they concern', async () => {
    await open();
    await fillIn();
    await quoteAndConfirm();
    (await confirm()).flush(validationFailed(['idNumber', 'INSURED_ELSEWHERE'], ['wageFen', 'AMOUNT_FORMAT']), BAD_REQUEST);
    await page.stable();

    expect(await page.documentLoader.getAllHarnesses(MatDialogHarness)).toEqual([]);
    expect(await page.errors('addition-idNumber')).toEqual(['该人员已在其他单位参保，请先由原单位办理减员']);
    expect(await page.errors('addition-wage')).toEqual(['请输入金额，最多两位小数']);
    expect(page.text('addition-success')).toBeNull();
  });

  it('shows "already insured" and "already pending" on the ID number at the first step, before any confirmation', async () => {
    await open();
    await fillIn();
    await page.click('addition-submit');
    http.expectOne('/api/additions/quote').flush(validationFailed(['idNumber', 'ALREADY_INSURED_HERE']), BAD_REQUEST);
    await page.stable();
    expect(await page.errors('addition-idNumber')).toEqual(['该人员已在本单位参保']);
    expect(await page.documentLoader.getAllHarnesses(MatDialogHarness)).toEqual([]);

    await page.type('addition-idNumber', '11010519491231002X');
    await page.click('addition-submit');
    http.expectOne('/api/additions/quote').flush(validationFailed(['idNumber', 'DECLARATION_PENDING']), BAD_REQUEST);
    await page.stable();
    expect(await page.errors('addition-idNumber')).toEqual(['该人员已有待审核的申报']);
    expect(await page.documentLoader.getAllHarnesses(MatDialogHarness)).toEqual([]);
  });

  it('says in the confirmation with which month the person’s resident insurance ends', async () => {
    await open();
    await fillIn();
    await quoteAndConfirm({ ...QUOTE, residentInsuranceEndsWith: '202612' });
    expect(page.text('quote-resident-ends')).toBe('该人员的城乡居民医保将于 2026-12 月底终止（增员审核通过后）。');
    await page.click('addition-back');
  });

  it('shows a month refused by the quote on the month field', async () => {
    await open();
    await fillIn();
    await page.click('addition-submit');
    http.expectOne('/api/additions/quote').flush(validationFailed(['effectiveMonth', 'EFFECTIVE_MONTH_NOT_ALLOWED']), BAD_REQUEST);
    await page.stable();

    expect(await page.errors('addition-effectiveMonth')).toEqual(['参保月份只能是 2026-11, 2026-12（当月或下月，过了截止日只能选下月）']);
    expect(await page.documentLoader.getAllHarnesses(MatDialogHarness)).toEqual([]);
  });

  it('leaves out the insurance types unticked, and needs at least one', async () => {
    await open();
    await fillIn();
    const boxes = await page.loader.getAllHarnesses(MatCheckboxHarness);
    await boxes[1].uncheck();
    await page.click('addition-submit');
    const quote = http.expectOne('/api/additions/quote');
    expect(quote.request.body.insuranceTypes).toEqual(['310', '510']);
    quote.flush({ ...QUOTE, lines: [QUOTE.lines[0], QUOTE.lines[2]] });
    await page.stable();
    await page.click('addition-back');

    await boxes[0].uncheck();
    await boxes[2].uncheck();
    await page.click('addition-submit');
    expect(page.text('addition-insuranceTypes')).toContain('必填');
    http.expectNone('/api/additions/quote');
  });

  it('resets to the defaults', async () => {
    await open();
    await fillIn();
    await page.click('addition-reset');
    expect(await (await page.input('addition-name')).getValue()).toBe('');
    expect(await (await page.input('addition-sex')).getValue()).toBe('');
    expect(await (await page.select('addition-effectiveMonth')).getValueText()).toBe('2026-11');
    expect(await page.errors('addition-name')).toEqual([]);
  });
});
