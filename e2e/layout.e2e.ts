/** The hall's layout in Spanish, the longest of its languages, on a 1280 px screen. */
import type { Page } from 'playwright-core';
import { DEMO_PASSWORDS, DEMO_UNITS } from '../server/src/db/seeds/demo';
import { LoginPage, openHall } from './pages/hall.page';

/** Menu items whose label is cut (its text wider than the room it has). */
function cutMenuItems(page: Page) {
  return page.locator('mat-sidenav [data-testid^="nav-"]').evaluateAll((items) =>
    items
      .map((item) => {
        // The list item's content box is what clips a long label (with an ellipsis).
        const label = item.querySelector<HTMLElement>('.mdc-list-item__content')!;
        return {
          id: item.getAttribute('data-testid'),
          text: label.textContent?.trim(),
          scrollWidth: label.scrollWidth,
          clientWidth: label.clientWidth,
        };
      })
      .filter((label) => label.scrollWidth > label.clientWidth),
  );
}

/** Words of the table's column headers that run over two lines. */
function brokenHeaderWords(page: Page, table: string) {
  return page.getByTestId(table).evaluate((element) => {
    const broken: string[] = [];
    for (const header of Array.from(element.querySelectorAll('th'))) {
      const walker = document.createTreeWalker(header, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent ?? '';
        for (const word of text.matchAll(/\S+/g)) {
          const range = document.createRange();
          range.setStart(node, word.index);
          range.setEnd(node, word.index + word[0].length);
          const lines = new Set(Array.from(range.getClientRects()).map((rect) => Math.round(rect.top)));
          if (lines.size > 1) broken.push(word[0]);
        }
      }
    }
    return broken;
  });
}

/** Pairs of the addition form's labels, hints and suffixes that overlap each other or another field. */
function overlapsOnAdditionForm(page: Page) {
  return page.locator('form', { has: page.getByTestId('addition-workStartDate') }).evaluate((form) => {
    const fields = Array.from(form.querySelectorAll('mat-form-field'));
    const texts = fields.flatMap((field, index) =>
      Array.from(field.querySelectorAll<HTMLElement>('.mat-mdc-floating-label, .mat-mdc-form-field-hint, .mat-mdc-form-field-text-suffix'))
        .filter((element) => element.textContent?.trim())
        .map((element) => ({ index, text: (element.textContent ?? '').trim(), rect: element.getBoundingClientRect() })),
    );
    const boxes = fields.map((field) => field.querySelector('.mat-mdc-text-field-wrapper')!.getBoundingClientRect());
    // Pairs that meet by more than a pixel; loops, not a helper function: esbuild would name it, and the
    // page has no __name.
    const pairs: [string, DOMRect, string, DOMRect][] = [];
    texts.forEach((a, i) => {
      for (const b of texts.slice(i + 1)) pairs.push([a.text, a.rect, b.text, b.rect]);
      boxes.forEach((box, index) => index !== a.index && pairs.push([a.text, a.rect, `field ${index}`, box]));
    });
    const found: string[] = [];
    for (const [x, a, y, b] of pairs) {
      if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1) found.push(`${x} / ${y}`);
    }
    return found;
  });
}

describe('the hall in Spanish at 1280 px', () => {
  it('shows every menu item whole, breaks no column header in the middle of a word, and overlaps no labels of the addition form', async () => {
    const { context, page } = await openHall('es');
    await page.setViewportSize({ width: 1280, height: 800 });
    await new LoginPage(page).asUnitAdmin(DEMO_UNITS[0].creditCode, DEMO_PASSWORDS.unitAdmin);
    await page.getByTestId('home-insured-count').waitFor();

    // A unit administrator sees all twelve services.
    expect(await page.locator('mat-sidenav [data-testid^="nav-"]').count()).toBe(12);
    expect(await cutMenuItems(page)).toEqual([]);

    for (const [nav, table, row] of [
      ['nav-paymentDetails', 'payments-table', 'payment-row'],
      ['nav-insured', 'insured-table', 'insured-row'],
      ['nav-unitPayments', 'periods-table', 'period-row'],
      ['nav-agents', 'agents-table', 'agent-row'],
      // Signing in is in the trail.
      ['nav-audit', 'audit-table', 'audit-row'],
    ]) {
      await page.getByTestId(nav).click();
      await page.getByTestId(row).first().waitFor();
      expect(await brokenHeaderWords(page, table))
        .withContext(table)
        .toEqual([]);
    }

    await page.getByTestId('nav-additions').click();
    await page.getByTestId('addition-workStartDate').waitFor();
    expect(await overlapsOnAdditionForm(page)).toEqual([]);
    await context.close();
  });
});
