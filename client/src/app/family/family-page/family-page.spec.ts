import type { HttpTestingController } from '@angular/common/http/testing';
import type { FamilyMember } from '@common/api/residents';
import { answeredDuring } from '../../../testing/http';
import type { Page } from '../../../testing/page';
import { configureFeature, openPage } from '../../../testing/routed-page';
import { familyRoutes } from '../family.routes';

const MEMBER: FamilyMember = {
  id: 4,
  addedAt: '2026-11-10T02:00:00.000Z',
  maskedName: '陈**',
  idNumberMasked: '350102********5015',
  insuranceTypes: [],
  registration: 'none',
};

describe('FamilyPage (/me/family)', () => {
  let http: HttpTestingController;
  let page: Page;

  beforeEach(() => {
    http = configureFeature('me/family', familyRoutes);
  });
  afterEach(() => http.verify());

  it('lists the members in the payment-related view only, with a registration link for the unregistered', async () => {
    page = await openPage('/me/family');
    http.expectOne('/api/me/family').flush([MEMBER]);
    await page.stable();
    expect(page.parts('family-member')).toEqual(['姓名', '陈**', '身份证号', '350102********5015', '参保险种', '未参保', '参保登记', '未登记']);
    const links = Array.from(page.element.querySelectorAll('[data-testid="family-member"] a'), (a) => a.getAttribute('href'));
    expect(links).toEqual(['/me/resident-registration?member=4', '/me/pay?person=member-4']);
  });

  it('shows the server’s name check under the name field', async () => {
    page = await openPage('/me/family');
    http.expectOne('/api/me/family').flush([]);
    await page.stable();
    await page.type('family-name', '王不对');
    await page.type('family-id-number', '350102199003071285');
    await answeredDuring(page.click('family-add'), '/api/me/family', (r) => {
      expect(r.request.method).toBe('POST');
      expect(r.request.body).toEqual({ name: '王不对', idNumber: '350102199003071285' });
      r.flush(
        { code: 'VALIDATION_FAILED', message: 'x', details: { fields: [{ field: 'name', code: 'REGISTERED_NAME_MISMATCH', message: 'x' }] } },
        { status: 400, statusText: 'Bad Request' },
      );
    });
    await page.stable();
    expect((await page.errors('family-name')).length).toBe(1);
    // Typing into two fields and a request: slower than the default timeout on a busy machine.
  }, 20_000);
});
