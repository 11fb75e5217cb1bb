import { HttpClient, httpResource } from '@angular/common/http';
import { inject, Service } from '@angular/core';
import type { InsuranceStandings, OwnCertificate, OwnCertificateRequest, OwnEmployments, OwnPaymentPage } from '@common/api/personal';
import type { Observable } from 'rxjs';

/** The signed-in person's own records; the server takes the person from the session, never from here. */
@Service()
export class PersonalApi {
  private readonly http = inject(HttpClient);

  insurance() {
    return httpResource<InsuranceStandings>(() => '/api/me/insurance');
  }

  employments() {
    return httpResource<OwnEmployments>(() => '/api/me/employments');
  }

  /** Payment details of the query the URL holds: paged, sorted and filtered on the server. */
  paymentDetails(query: () => Record<string, string | number>) {
    return httpResource<OwnPaymentPage>(() => ({ url: '/api/me/payment-details', params: query() }));
  }

  issueCertificate(request: OwnCertificateRequest): Observable<OwnCertificate> {
    return this.http.post<OwnCertificate>('/api/me/certificates', request);
  }
}
