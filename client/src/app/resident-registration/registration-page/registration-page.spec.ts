import type { HttpTestingController } from '@angular/common/http/testing';
import type { FamilyMember, ResidentRegistrationStatus } from '@common/api/residents';
import { answeredDuring } from '../../../testing/http';
import type { Page } from '../../../testing/page';
import { configureFeature, openPage } from '../../../testing/routed-page';
import { residentRegistrationRoutes } from '../resident-registration.routes';

const CHILD: FamilyMember = {
  id: 4,
  addedAt: '2026-11-10T02:00:00.000Z',
  maskedName: '郑**',
  idNumberMasked: '350102********6125',
  insuranceTypes: [],
  registration: 'none',
};
const REJECTED: ResidentRegistrationStatus = {
  id: 9,
  maskedName: '郑**',
  idNumberMasked: '350102********6118',
  status: 'rejected',
  category: 'adult',
  region: '350200',
  submittedAt: '2026-11-12T02:00:00.000Z',
  reviewedAt: '2026-11-13T02:00:00.000Z',
  reviewReason: '户籍地址不全',
};

describe('RegistrationPage (/me/resident-registration)', () => {
  let http: HttpTestingController;
  let page: Page;

  beforeEach(() => {
    http = configureFeature('me/resident-registration', residentRegistrationRoutes);
  });
  afterEach(() => http.verify());

  async function open(url: string, registrations: ResidentRegistrationStatus[]): Promise<void> {
    page = await openPage(url);
    http.expectOne('/api/me/family').flush([CHILD]);
    http.expectOne('/api/me/resident-registrations').flush(registrations);
    await page.stable();
  }

  it('registers the member a family link names, with the facts chosen, and lists the registration it answers', async () => {
    await open('/me/resident-registration?member=4', []);
    expect(page.text('registration-person')).toContain('郑** · 350102********6125');
    await page.choose('registration-category', '学龄前儿童');
    await page.choose('registration-region', '厦门市');
    await page.type('registration-address', '福建省厦门市思明区中山路 2 号');
    await page.type('registration-mobile', '13600000611');
    await answeredDuring(
      page.click('registration-submit'),
      (r) => r.url === '/api/me/resident-registrations' && r.method === 'POST',
      (r) => {
        expect(r.request.body).toEqual({
          person: { kind: 'member', memberId: 4 },
          category: 'child',
          region: '350200',
          hukouAddress: '福建省厦门市思明区中山路 2 号',
          mobile: '13600000611',
        });
        r.flush(
          { ...REJECTED, id: 10, status: 'pending', category: 'child', reviewReason: null, reviewedAt: null },
          { status: 201, statusText: 'Created' },
        );
      },
    );
    // The list reloads from the server.
    await answeredDuring(
      page.stable(),
      (r) => r.url === '/api/me/resident-registrations' && r.method === 'GET',
      (r) => r.flush([{ ...REJECTED, id: 10, status: 'pending', category: 'child', reviewReason: null }]),
    );
    await page.stable();
    expect(page.texts('registration-status')).toEqual(['待审核']);
  }, 20_000);

  it('asks for every fact before sending anything', async () => {
    await open('/me/resident-registration', []);
    expect(page.text('registration-person')).toContain('本人');
    await page.click('registration-submit');
    await page.stable();
    for (const id of ['registration-category', 'registration-region', 'registration-address', 'registration-mobile']) {
      expect((await page.errors(id)).length)
        .withContext(id)
        .toBe(1);
    }
    http.expectNone((r) => r.method === 'POST');
  });

  it("shows a rejected registration's status and the reviewer's reason", async () => {
    await open('/me/resident-registration', [REJECTED]);
    expect(page.texts('registration-status')).toEqual(['未通过']);
    expect(page.text('registration-reason')).toBe('户籍地址不全');
  });
});
