import { type HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { LanguageService } from '../language/language.service';

/** The server words its messages in the user's language. */
export const languageInterceptor: HttpInterceptorFn = (request, next) => {
  const lang = inject(LanguageService).current();
  return next(request.clone({ setHeaders: { 'Accept-Language': lang } }));
};
