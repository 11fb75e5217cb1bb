import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import type { EnvironmentProviders, Provider } from '@angular/core';
import type { ComponentFixture } from '@angular/core/testing';
import { ComponentHarness, HarnessPredicate, type HarnessLoader } from '@angular/cdk/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatFormFieldHarness } from '@angular/material/form-field/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import { MatTableHarness } from '@angular/material/table/testing';
import { provideRouter, type RouterFeatures, type Routes } from '@angular/router';
import { provideNoMaterialAnimations } from './material';
import { provideTestTranslation } from './translation';

export const testId = (id: string) => `[data-testid="${id}"]`;

/** What a page under test needs: HTTP answered by the test, the real catalogues, routes, no animations. */
export function pageProviders(routes: Routes = [], ...features: RouterFeatures[]): (Provider | EnvironmentProviders)[] {
  return [
    provideHttpClient(),
    provideHttpClientTesting(),
    provideRouter(routes, ...features),
    provideTestTranslation(),
    provideNoMaterialAnimations(),
  ];
}

/** Any element, for what has no Material harness. */
class ElementHarness extends ComponentHarness {
  static hostSelector = '*';

  async click(): Promise<void> {
    await (await this.host()).click();
  }
}

function readable(node: Element): string {
  const copy = node.cloneNode(true) as Element;
  copy.querySelectorAll('mat-icon').forEach((icon) => icon.remove());
  return copy.textContent?.replace(/\s+/g, ' ').trim() ?? '';
}

/** What a page shows, read the way a user finds it: by test id, through Material harnesses where there are any. */
export class Page {
  readonly loader: HarnessLoader;
  /** Dialogs and snack bars live outside the component. */
  readonly documentLoader: HarnessLoader;

  constructor(readonly fixture: ComponentFixture<unknown>) {
    this.loader = TestbedHarnessEnvironment.loader(fixture);
    this.documentLoader = TestbedHarnessEnvironment.documentRootLoader(fixture);
  }

  get element(): HTMLElement {
    return this.fixture.nativeElement as HTMLElement;
  }

  /**
   * The text of an element anywhere in the document (dialogs included) as a user reads it: spaces collapsed,
   * icon ligatures left out; null when it is not shown.
   */
  text(id: string): string | null {
    const node = document.querySelector(testId(id));
    return node === null ? null : readable(node);
  }

  texts(id: string): string[] {
    return Array.from(document.querySelectorAll(testId(id)), readable);
  }

  /** The texts of the parts (`selector`) of the element with this test id, e.g. a label and its value. */
  parts(id: string, selector = 'dt, dd'): string[] {
    return Array.from(document.querySelector(testId(id))?.querySelectorAll(selector) ?? [], readable);
  }

  /** The cells of each element with this test id (table rows), as text. */
  cells(id: string): string[][] {
    return Array.from(document.querySelectorAll(testId(id)), (row) => Array.from(row.querySelectorAll('td, th'), readable));
  }

  input(id: string): Promise<MatInputHarness> {
    return this.documentLoader.getHarness(MatInputHarness.with({ selector: testId(id) }));
  }

  select(id: string): Promise<MatSelectHarness> {
    return this.documentLoader.getHarness(MatSelectHarness.with({ selector: testId(id) }));
  }

  button(id: string): Promise<MatButtonHarness> {
    return this.documentLoader.getHarness(MatButtonHarness.with({ selector: testId(id) }));
  }

  async click(id: string): Promise<void> {
    await (await this.button(id)).click();
  }

  /** Clicks an element that is not a Material button (a link-like button, a row). */
  async press(id: string): Promise<void> {
    await (await this.documentLoader.getHarness(new HarnessPredicate(ElementHarness, { selector: testId(id) }))).click();
  }

  async type(id: string, value: string): Promise<void> {
    await (await this.input(id)).setValue(value);
  }

  async choose(id: string, optionText: string): Promise<void> {
    await (await this.select(id)).clickOptions({ text: optionText });
  }

  /** The errors shown under the form field that holds the control with this test id. */
  async errors(id: string): Promise<string[]> {
    const field = await this.documentLoader.getHarness(MatFormFieldHarness.with({ selector: `:has(${testId(id)})` }));
    return field.getTextErrors();
  }

  async optionTexts(id: string): Promise<string[]> {
    const select = await this.select(id);
    await select.open();
    const options = await select.getOptions();
    const texts = await Promise.all(options.map((option) => option.getText()));
    await select.close();
    return texts;
  }

  /** A Material table's rows as column name → cell text. */
  async tableRows(selector = 'table'): Promise<Record<string, string>[]> {
    const table = await this.loader.getHarness(MatTableHarness.with({ selector }));
    const rows = await Promise.all((await table.getRows()).map((row) => row.getCellTextByColumnName()));
    return rows.map((row) => Object.fromEntries(Object.entries(row).map(([column, text]) => [column, text.replace(/\s+/g, ' ')])));
  }

  async stable(): Promise<void> {
    await this.fixture.whenStable();
  }

  /**
   * Enter as a keyboard user presses it, on whatever has the focus. A synthetic key event has no default action,
   * so what the browser would do is done here: a focused button is activated, a field submits its form.
   */
  async pressEnter(): Promise<void> {
    const focused = document.activeElement;
    if (!(focused instanceof HTMLElement)) throw new Error('nothing has the focus');
    const unhandled = focused.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
    if (unhandled && focused instanceof HTMLButtonElement) focused.click();
    else if (unhandled && focused instanceof HTMLInputElement) focused.form?.requestSubmit();
    await this.stable();
  }
}
