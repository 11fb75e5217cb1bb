import { inject, makeEnvironmentProviders, provideAppInitializer, type EnvironmentProviders } from '@angular/core';
import {
  MissingTranslationHandler,
  provideMissingTranslationHandler,
  provideTranslateService,
  type MissingTranslationHandlerParams,
} from '@ngx-translate/core';
import { provideTranslateHttpLoader } from '@ngx-translate/http-loader';
import { LanguageService } from './language.service';
import { DEFAULT_LANGUAGE } from '@common/i18n';

/** A key with no text in any language shows as `⟦key⟧`, so a gap is seen rather than papered over. */
export class VisibleMissingTranslationHandler implements MissingTranslationHandler {
  handle({ key }: MissingTranslationHandlerParams): string {
    return `⟦${key}⟧`;
  }
}

/** ngx-translate for the hall: /i18n/<lang>.json, Simplified Chinese as fallback, the remembered language on start. */
export function provideTranslation(): EnvironmentProviders {
  return makeEnvironmentProviders([
    provideTranslateService({
      fallbackLang: DEFAULT_LANGUAGE,
      // The HTTP backend directly: catalogue loads skip the API interceptors.
      loader: provideTranslateHttpLoader({ prefix: '/i18n/', suffix: '.json', useHttpBackend: true }),
      // A factory, not the class: ngx-translate tells classes from factories by their source text, which
      // minification changes (`class{` has no space), so a bare class would be called without `new`.
      missingTranslationHandler: provideMissingTranslationHandler(() => new VisibleMissingTranslationHandler()),
    }),
    provideAppInitializer(() => inject(LanguageService).start()),
  ]);
}
