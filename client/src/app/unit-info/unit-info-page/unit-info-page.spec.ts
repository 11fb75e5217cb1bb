import type { HttpTestingController } from '@angular/common/http/testing';
import type { UnitInfo } from '@common/api/payments';
import { configureFeature, openPage } from '../../../testing/routed-page';
import { Page } from '../../../testing/page';
import { unitInfo } from '../../../testing/payments';
import { unitInfoRoutes } from '../unit-info.routes';

describe('UnitInfoPage', () => {
  let http: HttpTestingController;
  let page: Page;

  beforeEach(() => (http = configureFeature('unit-info', unitInfoRoutes)));

  afterEach(() => http.verify());

  async function open(unit: UnitInfo): Promise<void> {
    page = await openPage('/unit-info');
    http.expectOne('/api/unit').flush(unit);
    await page.stable();
  }

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
        bank: { category: null, branchName: null, accountName: null, accountNumberMasked: null },
      }),
    );

    expect(page.parts('unit-industry')).toEqual(['所属行业', 'C1351']);
    expect(page.parts('unit-legalRep')).toEqual(['法定代表人', '—']);
    expect(page.parts('unit-contactEmail')).toEqual(['电子邮箱', '—']);
    expect(page.text('unit-insurance-types')).toBe('未登记参保险种。');
    expect(page.parts('unit-bankCategory')).toEqual(['开户银行', '—']);
    expect(page.parts('unit-accountNumber')).toEqual(['银行账号', '—']);
  });
});
