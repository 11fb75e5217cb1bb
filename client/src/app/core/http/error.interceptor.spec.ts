import { Component, ErrorHandler } from '@angular/core';
import { HttpClient, HttpErrorResponse, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { MatSnackBarHarness } from '@angular/material/snack-bar/testing';
import { provideRouter, Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { TranslateService } from '@ngx-translate/core';
import { signIn, UNIT_ADMIN } from '../../../testing/sessions';
import { provideTestTranslation } from '../../../testing/translation';
import { AuthService } from '../auth/auth.service';
import { GlobalErrorHandler } from '../errors/global-error-handler';
import { errorInterceptor } from './error.interceptor';
import { languageInterceptor } from './language.interceptor';
import { provideNoMaterialAnimations } from '../../../testing/material';

@Component({ template: 'page' })
class Page {}

describe('HTTP interceptors and the global error handler', () => {
  let http: HttpTestingController;
  let client: HttpClient;
  let auth: AuthService;
  let harness: RouterTestingHarness;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([
          { path: 'login', component: Page },
          { path: 'home', component: Page },
        ]),
        provideHttpClient(withInterceptors([languageInterceptor, errorInterceptor])),
        provideHttpClientTesting(),
        provideTestTranslation(),
        provideNoMaterialAnimations(),
        { provide: ErrorHandler, useClass: GlobalErrorHandler },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    client = TestBed.inject(HttpClient);
    auth = TestBed.inject(AuthService);
    signIn(UNIT_ADMIN);
    harness = await RouterTestingHarness.create('/home');
  });

  afterEach(() => http.verify());

  async function snackBarMessages(): Promise<string[]> {
    await harness.fixture.whenStable();
    const bars = await TestbedHarnessEnvironment.documentRootLoader(harness.fixture).getAllHarnesses(MatSnackBarHarness);
    return Promise.all(bars.map((bar) => bar.getMessage()));
  }

  function failWith(url: string, status: number, code: string): HttpErrorResponse {
    let failure: unknown;
    client.get(url).subscribe({ error: (error: unknown) => (failure = error) });
    http.expectOne(url).flush({ code, message: code }, { status, statusText: 'Error' });
    return failure as HttpErrorResponse;
  }

  it('sends the current language as Accept-Language', async () => {
    client.get('/api/home').subscribe();
    expect(http.expectOne('/api/home').request.headers.get('Accept-Language')).toBe('zh-CN');

    TestBed.inject(TranslateService).use('es').subscribe();
    client.get('/api/home').subscribe();
    expect(http.expectOne('/api/home').request.headers.get('Accept-Language')).toBe('es');
  });

  it('ends an expired session on the login page with the reason', async () => {
    const error = failWith('/api/home', 401, 'SESSION_EXPIRED');
    await harness.fixture.whenStable();

    expect(error.status).withContext('the caller still sees the error').toBe(401);
    expect(auth.session()).toBeNull();
    expect(TestBed.inject(Router).url).withContext('the way back after signing in').toBe('/login?next=%2Fhome');
    expect(await snackBarMessages()).toEqual(['登录已过期，请重新登录。']);
  });

  it('ends the session of an agent who was disabled meanwhile', async () => {
    failWith('/api/home', 401, 'ACCOUNT_DISABLED');
    await harness.fixture.whenStable();

    expect(auth.session()).toBeNull();
    expect(TestBed.inject(Router).url).toBe('/login?next=%2Fhome');
    expect(await snackBarMessages()).toEqual(['账号已停用，请联系单位管理员。']);
  });

  it('leaves the session alone for other errors', async () => {
    failWith('/api/agents', 403, 'FORBIDDEN');
    await harness.fixture.whenStable();

    expect(auth.session()).toEqual(UNIT_ADMIN);
    expect(TestBed.inject(Router).url).toBe('/home');
    expect(await snackBarMessages()).toEqual([]);
  });

  it('treats a 401 on the start-up session check as simply signed out', async () => {
    auth.restore().subscribe();
    http.expectOne('/api/auth/me').flush({ code: 'UNAUTHENTICATED', message: '' }, { status: 401, statusText: '' });
    await harness.fixture.whenStable();

    expect(auth.session()).toBeNull();
    expect(TestBed.inject(Router).url).toBe('/home');
    expect(await snackBarMessages()).toEqual([]);
  });

  it('shows an uncaught API error as its translated code, once', async () => {
    spyOn(console, 'error');
    const error = failWith('/api/agents', 403, 'FORBIDDEN');
    const handler = TestBed.inject(ErrorHandler);
    handler.handleError(error);
    handler.handleError(error);

    expect(await snackBarMessages()).toEqual(['您无权进行此操作。']);
    expect(console.error).toHaveBeenCalledWith(error);
  });

  it('shows an error that is not from the API as a general message', async () => {
    spyOn(console, 'error');
    TestBed.inject(ErrorHandler).handleError(new TypeError('x is undefined'));
    expect(await snackBarMessages()).toEqual(['发生意外错误，请稍后重试。']);
  });
});
