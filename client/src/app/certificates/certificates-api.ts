import { HttpClient } from '@angular/common/http';
import { inject, Service } from '@angular/core';
import type { Certificate, CertificateRequest, CertificateVerification } from '@common/api/certificates';
import type { Observable } from 'rxjs';

@Service()
export class CertificatesApi {
  private readonly http = inject(HttpClient);

  issue(request: CertificateRequest): Observable<Certificate> {
    return this.http.post<Certificate>('/api/certificates', request);
  }

  /** Public: what anyone holding the code may learn. */
  verify(code: string): Observable<CertificateVerification> {
    return this.http.get<CertificateVerification>(`/api/certificates/verify/${encodeURIComponent(code)}`);
  }
}
