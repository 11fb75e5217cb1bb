import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { FormControl, FormGroup } from '@angular/forms';
import { provideRouter, Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { AuthService } from '../../core/auth/auth.service';
import { errorInterceptor } from '../../core/http/error.interceptor';
import { provideNoMaterialAnimations } from '../../../testing/material';
import { AGENT_ONE_UNIT, signIn, UNIT_ADMIN } from '../../../testing/sessions';
import { provideTestTranslation } from '../../../testing/translation';
import { keepDraft } from './keep-draft';

@Component({ template: 'form', host: { 'data-page': 'form' } })
class FormPage {
  readonly form = new FormGroup({
    name: new FormControl('', { nonNullable: true }),
    wage: new FormControl('', { nonNullable: true }),
    password: new FormControl('', { nonNullable: true }),
  });

  constructor() {
    keepDraft(() => this.form);
  }
}

@Component({ template: 'login' })
class LoginStandIn {}

describe('keepDraft: a session that ends mid-form', () => {
  let http: HttpTestingController;
  let harness: RouterTestingHarness;

  beforeEach(async () => {
    sessionStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([
          { path: 'login', component: LoginStandIn },
          { path: 'additions/new', component: FormPage },
        ]),
        provideHttpClient(withInterceptors([errorInterceptor])),
        provideHttpClientTesting(),
        provideTestTranslation(),
        provideNoMaterialAnimations(),
      ],
    });
    http = TestBed.inject(HttpTestingController);
    signIn(UNIT_ADMIN);
    harness = await RouterTestingHarness.create('/additions/new');
  });

  afterEach(() => {
    http.verify();
    sessionStorage.clear();
  });

  const form = () => (harness.routeDebugElement!.componentInstance as FormPage).form;

  function type(values: Partial<{ name: string; wage: string; password: string }>): void {
    form().patchValue(values);
    form().markAsDirty();
  }

  /** A call the server answers with "session expired", as after a long pause over the form. */
  async function sessionExpires(): Promise<void> {
    TestBed.inject(HttpClient)
      .get('/api/addition-options')
      .subscribe({ error: () => undefined });
    http.expectOne('/api/addition-options').flush({ code: 'SESSION_EXPIRED', message: '' }, { status: 401, statusText: 'Unauthorized' });
    await harness.fixture.whenStable();
  }

  it('keeps what was typed and fills it in again on the same page after signing in, without the password', async () => {
    type({ name: '王小明', wage: '8500', password: 'secret' });
    await sessionExpires();
    expect(TestBed.inject(Router).url).toBe('/login?next=%2Fadditions%2Fnew');
    expect(JSON.stringify(sessionStorage)).not.toContain('secret');

    signIn(UNIT_ADMIN);
    await harness.navigateByUrl('/additions/new');
    expect(form().getRawValue()).toEqual({ name: '王小明', wage: '8500', password: '' });

    await harness.navigateByUrl('/login');
    await harness.navigateByUrl('/additions/new');
    expect(form().getRawValue()).withContext('restored once only').toEqual({ name: '', wage: '', password: '' });
  });

  it('keeps nothing of a form without input', async () => {
    await sessionExpires();
    expect(Object.keys(sessionStorage)).toEqual([]);
  });

  it('does not fill in the form for someone else signing in', async () => {
    type({ name: '王小明' });
    await sessionExpires();

    signIn(AGENT_ONE_UNIT);
    await harness.navigateByUrl('/additions/new');
    expect(form().getRawValue().name).toBe('');
  });

  it('drops what was kept when the user signs out', async () => {
    type({ name: '王小明' });
    await sessionExpires();
    expect(Object.keys(sessionStorage).length).toBe(1);

    TestBed.inject(AuthService).logout().subscribe();
    http.expectOne('/api/auth/logout').flush(null, { status: 204, statusText: 'No Content' });
    expect(Object.keys(sessionStorage)).toEqual([]);
  });
});
