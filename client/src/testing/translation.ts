import type { EnvironmentProviders, Provider } from '@angular/core';
import {
  provideMissingTranslationHandler,
  provideTranslateLoader,
  provideTranslateService,
  type TranslateLoader,
  type TranslationObject,
} from '@ngx-translate/core';
import { of, type Observable } from 'rxjs';
import { DEFAULT_LANGUAGE, type Language } from '@common/i18n';
import { VisibleMissingTranslationHandler } from '../app/core/language/translation';
import en from '../../public/i18n/en.json';
import es from '../../public/i18n/es.json';
import zhCN from '../../public/i18n/zh-CN.json';

/** The real catalogues, so a test asserts the text a user reads. */
export const CATALOGUES: Record<Language, TranslationObject> = { 'zh-CN': zhCN, en, es };

class CatalogueLoader implements TranslateLoader {
  getTranslation(lang: string): Observable<TranslationObject> {
    return of(CATALOGUES[lang as Language] ?? {});
  }
}

/**
 * ngx-translate as in the app, but loaded synchronously from the bundled catalogues. As at the app's root, no
 * paginator wording: the components that show a paginator provide it.
 */
export function provideTestTranslation(lang: Language = DEFAULT_LANGUAGE): (Provider | EnvironmentProviders)[] {
  return provideTranslateService({
    lang,
    fallbackLang: DEFAULT_LANGUAGE,
    loader: provideTranslateLoader(() => new CatalogueLoader()),
    missingTranslationHandler: provideMissingTranslationHandler(() => new VisibleMissingTranslationHandler()),
  });
}
