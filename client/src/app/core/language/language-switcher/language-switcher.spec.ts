import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatMenuHarness } from '@angular/material/menu/testing';
import { TranslatePipe } from '@ngx-translate/core';
import { provideTestTranslation } from '../../../../testing/translation';
import { LanguageSwitcher } from './language-switcher';
import { provideNoMaterialAnimations } from '../../../../testing/material';

@Component({
  imports: [LanguageSwitcher, TranslatePipe],
  template: `<app-language-switcher />
    <h1>{{ 'login.title' | translate }}</h1>`,
})
class Host {}

describe('LanguageSwitcher', () => {
  afterEach(() => {
    localStorage.removeItem('unitHall.language');
    document.documentElement.lang = 'zh-CN';
  });

  async function render() {
    TestBed.configureTestingModule({ providers: [provideTestTranslation(), provideNoMaterialAnimations()] });
    const fixture = TestBed.createComponent(Host);
    await fixture.whenStable();
    const loader = TestbedHarnessEnvironment.loader(fixture);
    const heading = () => (fixture.nativeElement as HTMLElement).querySelector('h1')?.textContent?.trim();
    return { fixture, loader, heading };
  }

  it('shows the current language and offers all three', async () => {
    const { loader } = await render();
    const menu = await loader.getHarness(MatMenuHarness.with({ selector: '[data-testid="language-switcher"]' }));
    expect(await menu.getTriggerText()).toContain('简体中文');

    await menu.open();
    const items = await menu.getItems();
    expect(await Promise.all(items.map((item) => item.getText()))).toEqual(['简体中文', 'English', 'Español']);
  });

  it('switches the page to English and remembers it', async () => {
    const { fixture, loader, heading } = await render();
    expect(heading()).toBe('登录');

    const menu = await loader.getHarness(MatMenuHarness.with({ selector: '[data-testid="language-switcher"]' }));
    await menu.clickItem({ text: 'English' });
    await fixture.whenStable();

    expect(heading()).toBe('Sign in');
    const trigger = await loader.getHarness(MatButtonHarness.with({ selector: '[data-testid="language-switcher"]' }));
    expect(await trigger.getText()).toContain('English');
    expect(localStorage.getItem('unitHall.language')).toBe('en');
    expect(document.documentElement.lang).toBe('en');
  });

  it('switches to Spanish', async () => {
    const { fixture, loader, heading } = await render();
    const menu = await loader.getHarness(MatMenuHarness.with({ selector: '[data-testid="language-switcher"]' }));
    await menu.clickItem({ text: 'Español' });
    await fixture.whenStable();
    expect(heading()).toBe('Iniciar sesión');
  });
});
