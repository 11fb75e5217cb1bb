import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ApplicationInitStatus } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Title } from '@angular/platform-browser';
import { TranslateService } from '@ngx-translate/core';
import { CATALOGUES } from '../../../testing/translation';
import { LanguageService } from './language.service';
import { provideTranslation } from './translation';

describe('LanguageService', () => {
  afterEach(() => {
    localStorage.removeItem('unitHall.language');
    document.documentElement.lang = 'zh-CN';
  });

  function setUp(): HttpTestingController {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideTranslation()],
    });
    return TestBed.inject(HttpTestingController);
  }

  it('starts in the language chosen last time', async () => {
    localStorage.setItem('unitHall.language', 'es');
    const http = setUp();
    http.expectOne('/i18n/zh-CN.json').flush(CATALOGUES['zh-CN']);
    http.expectOne('/i18n/es.json').flush(CATALOGUES.es);
    await TestBed.inject(ApplicationInitStatus).donePromise;

    expect(TestBed.inject(LanguageService).current()).toBe('es');
    expect(TestBed.inject(TranslateService).instant('login.title')).toBe('Iniciar sesión');
    expect(document.documentElement.lang).toBe('es');
    expect(TestBed.inject(Title).getTitle()).toBe('Oficina virtual del empleador');
  });

  it('ignores a remembered value that is not one of its languages', () => {
    localStorage.setItem('unitHall.language', 'fr');
    const http = setUp();
    http.expectOne('/i18n/zh-CN.json').flush(CATALOGUES['zh-CN']);
    http.expectNone('/i18n/fr.json');
    expect(TestBed.inject(LanguageService).current()).toBe('zh-CN');
  });

  it('remembers a new choice and puts it on <html lang>', async () => {
    const http = setUp();
    http.expectOne('/i18n/zh-CN.json').flush(CATALOGUES['zh-CN']);
    const language = TestBed.inject(LanguageService);

    const switched = language.use('en');
    http.expectOne('/i18n/en.json').flush(CATALOGUES.en);
    await switched;

    expect(language.current()).toBe('en');
    expect(localStorage.getItem('unitHall.language')).toBe('en');
    expect(document.documentElement.lang).toBe('en');
    expect(TestBed.inject(Title).getTitle()).toBe('Unit Hall');
  });
});
