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
    const button = () => loader.getHarness(MatButtonHarness.with({ selector: '[data-testid="language-switcher"]' }));
    /** The first click on the button loads the menu, which then opens. */
    const openMenu = async () => {
      await (await button()).click();
      await fixture.whenStable();
      return loader.getHarness(MatMenuHarness.with({ selector: '[data-testid="language-switcher"]' }));
    };
    return { fixture, loader, heading, button, openMenu };
  }

  it('shows the current language, and offers all three once clicked', async () => {
    const { loader, button, openMenu } = await render();
    expect(await (await button()).getText()).toContain('简体中文');
    expect(await loader.getAllHarnesses(MatMenuHarness))
      .withContext('no menu before the click')
      .toEqual([]);

    const menu = await openMenu();
    expect(await menu.isOpen()).toBeTrue();
    expect(await menu.getTriggerText()).toContain('简体中文');
    const items = await menu.getItems();
    expect(await Promise.all(items.map((item) => item.getText()))).toEqual(['简体中文', 'English', 'Español']);
  });

  it('switches the page to English and remembers it', async () => {
    const { fixture, heading, button, openMenu } = await render();
    expect(heading()).toBe('登录');

    const menu = await openMenu();
    await menu.clickItem({ text: 'English' });
    await fixture.whenStable();

    expect(heading()).toBe('Sign in');
    expect(await (await button()).getText()).toContain('English');
    expect(localStorage.getItem('unitHall.language')).toBe('en');
    expect(document.documentElement.lang).toBe('en');
  });

  it('switches to Spanish', async () => {
    const { fixture, heading, openMenu } = await render();
    const menu = await openMenu();
    await menu.clickItem({ text: 'Español' });
    await fixture.whenStable();
    expect(heading()).toBe('Iniciar sesión');
  });
});
