import { DOCUMENT } from '@angular/common';
import { computed, inject, Service } from '@angular/core';
import { Title } from '@angular/platform-browser';
import { TranslateService } from '@ngx-translate/core';
import { firstValueFrom } from 'rxjs';
import { DEFAULT_LANGUAGE, isLanguage, type Language } from '@common/i18n';

const STORAGE_KEY = 'unitHall.language';

/** The language the hall speaks: remembered in localStorage, mirrored on `<html lang>` and the page title. */
@Service()
export class LanguageService {
  private readonly translate = inject(TranslateService);
  private readonly document = inject(DOCUMENT);
  private readonly title = inject(Title);

  readonly current = computed<Language>(() => {
    const lang = this.translate.currentLang();
    return isLanguage(lang) ? lang : DEFAULT_LANGUAGE;
  });

  /** Starts with the remembered choice, or Simplified Chinese. */
  start(): Promise<void> {
    return this.apply(this.remembered() ?? DEFAULT_LANGUAGE);
  }

  async use(lang: Language): Promise<void> {
    this.document.defaultView?.localStorage.setItem(STORAGE_KEY, lang);
    await this.apply(lang);
  }

  private async apply(lang: Language): Promise<void> {
    this.document.documentElement.lang = lang;
    await firstValueFrom(this.translate.use(lang));
    this.title.setTitle(this.translate.instant('app.title'));
  }

  private remembered(): Language | null {
    const stored = this.document.defaultView?.localStorage.getItem(STORAGE_KEY);
    return isLanguage(stored) ? stored : null;
  }
}
