import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { ERROR_CODES, FIELD_ERROR_CODES } from '@common/errors';
import { TranslateService, type TranslationObject } from '@ngx-translate/core';
import { CATALOGUES } from '../../../testing/translation';
import { LANGUAGES } from '@common/i18n';
import { provideTranslation } from './translation';

function keysOf(node: TranslationObject, prefix = ''): string[] {
  return Object.entries(node).flatMap(([key, value]) =>
    typeof value === 'object' && value !== null && !Array.isArray(value) ? keysOf(value, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}

describe('translation catalogues', () => {
  const reference = keysOf(CATALOGUES['zh-CN']).sort();

  for (const lang of LANGUAGES) {
    it(`${lang} has exactly the keys of zh-CN`, () => {
      const keys = keysOf(CATALOGUES[lang]).sort();
      expect(keys.filter((key) => !reference.includes(key)))
        .withContext('extra keys')
        .toEqual([]);
      expect(reference.filter((key) => !keys.includes(key)))
        .withContext('missing keys')
        .toEqual([]);
    });

    it(`${lang} has a non-empty text for every key`, () => {
      const empty = keysOf(CATALOGUES[lang]).filter((key) => {
        const value = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], CATALOGUES[lang]);
        return typeof value !== 'string' || value.trim() === '';
      });
      expect(empty).toEqual([]);
    });

    it(`${lang} words every API error code and field error code in flat sections`, () => {
      const errors = CATALOGUES[lang]['errors'] as Record<string, unknown>;
      const fieldErrors = CATALOGUES[lang]['fieldErrors'] as Record<string, unknown>;
      for (const code of ERROR_CODES)
        expect(typeof errors[code])
          .withContext(`errors.${code}`)
          .toBe('string');
      for (const code of FIELD_ERROR_CODES) {
        expect(typeof fieldErrors[code])
          .withContext(`fieldErrors.${code}`)
          .toBe('string');
      }
      // The server reads these two sections as code → text.
      expect(Object.values(errors).every((text) => typeof text === 'string')).toBeTrue();
      expect(Object.values(fieldErrors).every((text) => typeof text === 'string')).toBeTrue();
    });
  }

  it('keeps the retry wait in the throttling and lock-out messages', () => {
    for (const lang of LANGUAGES) {
      const errors = CATALOGUES[lang]['errors'] as Record<string, string>;
      expect(errors['LOGIN_THROTTLED']).withContext(lang).toContain('{{seconds}}');
      expect(errors['LOGIN_LOCKED']).withContext(lang).toContain('{{minutes}}');
    }
  });
});

describe('provideTranslation', () => {
  let http: HttpTestingController;
  let translate: TranslateService;

  beforeEach(() => {
    localStorage.removeItem('unitHall.language');
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideTranslation()],
    });
    http = TestBed.inject(HttpTestingController);
    translate = TestBed.inject(TranslateService);
  });

  afterEach(() => {
    localStorage.removeItem('unitHall.language');
    document.documentElement.lang = 'zh-CN';
  });

  it('starts in Simplified Chinese, loaded from /i18n/zh-CN.json', () => {
    http.expectOne('/i18n/zh-CN.json').flush(CATALOGUES['zh-CN']);
    expect(translate.getCurrentLang()).toBe('zh-CN');
    expect(translate.instant('login.title')).toBe('登录');
    expect(document.documentElement.lang).toBe('zh-CN');
    http.verify();
  });

  it('shows a missing key as ⟦key⟧ instead of another text', () => {
    http.expectOne('/i18n/zh-CN.json').flush(CATALOGUES['zh-CN']);
    expect(translate.instant('login.nothingHere')).toBe('⟦login.nothingHere⟧');
  });

  it('falls back to Simplified Chinese for a key an English catalogue lacks', () => {
    http.expectOne('/i18n/zh-CN.json').flush(CATALOGUES['zh-CN']);
    translate.use('en').subscribe();
    http.expectOne('/i18n/en.json').flush({ login: { title: 'Sign in' } });
    expect(translate.instant('login.title')).toBe('Sign in');
    expect(translate.instant('login.password')).toBe('密码');
  });
});
