import { provideHttpClient, withInterceptors, withXhr, withXsrfConfiguration } from '@angular/common/http';
import { ErrorHandler, inject, provideAppInitializer, provideBrowserGlobalErrorListeners, type ApplicationConfig } from '@angular/core';
import { MAT_FORM_FIELD_DEFAULT_OPTIONS } from '@angular/material/form-field';
import { MAT_ICON_DEFAULT_OPTIONS } from '@angular/material/icon';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { routes } from './app.routes';
import { AuthService } from './core/auth/auth.service';
import { GlobalErrorHandler } from './core/errors/global-error-handler';
import { errorInterceptor } from './core/http/error.interceptor';
import { languageInterceptor } from './core/http/language.interceptor';
import { provideTranslation } from './core/language/translation';

/** HTTP for the hall: the API interceptors, the XSRF header, and a backend that reports upload progress. */
export const hallHttpClient = provideHttpClient(
  withInterceptors([languageInterceptor, errorInterceptor]),
  // The server sets a readable XSRF-TOKEN cookie; Angular echoes it on every relative-URL POST.
  withXsrfConfiguration({ cookieName: 'XSRF-TOKEN', headerName: 'X-XSRF-TOKEN' }),
  // XMLHttpRequest, not fetch: only it reports upload progress, which large batch files show.
  withXhr(),
);

// Zoneless change detection is Angular's default since v21: no zone.js, no provider needed.
export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    { provide: ErrorHandler, useClass: GlobalErrorHandler },
    provideRouter(routes, withComponentInputBinding()),
    hallHttpClient,
    provideTranslation(),
    provideAppInitializer(() => inject(AuthService).restore()),
    { provide: MAT_ICON_DEFAULT_OPTIONS, useValue: { fontSet: 'material-symbols-outlined' } },
    { provide: MAT_FORM_FIELD_DEFAULT_OPTIONS, useValue: { appearance: 'outline' } },
  ],
};
