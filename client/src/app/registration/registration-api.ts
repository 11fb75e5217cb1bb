import { HttpClient } from '@angular/common/http';
import { inject, Service } from '@angular/core';
import type {
  RegistrationCaptcha,
  RegistrationReceipt,
  RegistrationStatus,
  RegistrationStatusQuery,
  UnitRegistrationInput,
} from '@common/api/registration';
import type { Observable } from 'rxjs';

/** The public registration page's calls: no session needed. */
@Service()
export class RegistrationApi {
  private readonly http = inject(HttpClient);

  /** A new one-time CAPTCHA: after every answer, right or wrong, the form asks for another. */
  captcha(): Observable<RegistrationCaptcha> {
    return this.http.get<RegistrationCaptcha>('/api/registrations/captcha');
  }

  register(registration: UnitRegistrationInput): Observable<RegistrationReceipt> {
    return this.http.post<RegistrationReceipt>('/api/registrations', registration);
  }

  status(query: RegistrationStatusQuery): Observable<RegistrationStatus> {
    return this.http.post<RegistrationStatus>('/api/registrations/status', query);
  }
}
