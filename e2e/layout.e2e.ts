/** The hall's layout in Spanish, the longest of its languages, on a 1280 px screen; the reviewer's console at 1440 px. */
import type { Page } from 'playwright-core';
import { addMonths, currentFeePeriod } from '../common/fee-period';
import { idNumberCheckChar } from '../common/validators/id-number';
import { DEMO_PASSWORDS, DEMO_REVIEWER, DEMO_UNITS } from '../server/src/db/seeds/demo';
import { LoginPage, openHall, Shell } from './pages/hall.page';
import { api } from './support/api';
import { waitForCount } from './support/wait';

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

/** The texts of the table's cells of these classes that take more than one line. */
function wrappedCells(page: Page, table: string, classes: string[]) {
  return page.getByTestId(table).evaluate(
    (element, selector) => {
      const wrapped: string[] = [];
      for (const cell of Array.from(element.querySelectorAll(selector))) {
        // Each line of a text is a rectangle of its own: a text on more than one line has rectangles at several heights.
        const tops = new Set<number>();
        const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          if (!node.textContent?.trim()) continue;
          const range = document.createRange();
          range.selectNodeContents(node);
          for (const rect of Array.from(range.getClientRects())) if (rect.width > 0) tops.add(Math.round(rect.top));
        }
        if (tops.size > 1) wrapped.push(cell.textContent?.trim() ?? '');
      }
      return wrapped;
    },
    classes.map((c) => `td.${c}`).join(', '),
  );
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

    // A unit administrator sees all fourteen services, messages and the base declaration among them.
    expect(await page.locator('mat-sidenav [data-testid^="nav-"]').count()).toBe(14);
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

describe("the reviewer's console at 1440 px", () => {
  it('shows the unit and the person of every row on one line, in Chinese and in Spanish', async () => {
    // A pending addition of the unit with the longest name, for a person with a long one; born 1962, as no seeded person is.
    const unit = await openHall();
    await new LoginPage(unit.page).asUnitAdmin(DEMO_UNITS[0].creditCode, DEMO_PASSWORDS.unitAdmin);
    await new Shell(unit.page).unitName().waitFor();
    const first17 = '35010219620101001';
    await api(unit.context, 'POST', '/api/additions', {
      name: '欧阳慕容明月',
      idNumber: first17 + idNumberCheckChar(first17),
      hukouType: 'urban',
      mobile: '13912345678',
      personnelCategory: 'in_service',
      effectiveMonth: addMonths(currentFeePeriod(new Date()), 1),
      wageFen: 800_000,
    });
    await unit.context.close();

    for (const lang of ['zh-CN', 'es'] as const) {
      const { context, page } = await openHall(lang);
      await page.setViewportSize({ width: 1440, height: 900 });
      await new LoginPage(page).asReviewer(DEMO_REVIEWER.username, DEMO_PASSWORDS.reviewer);
      await page.getByTestId('nav-reviewConsole').click();
      await waitForCount(page.getByTestId('review-row').filter({ hasText: '欧阳慕容明月' }), 1);
      expect(await wrappedCells(page, 'review-table', ['unit', 'person']))
        .withContext(lang)
        .toEqual([]);
      await context.close();
    }
    // Three sign-ins and two languages: more than the default minute under load.
  }, 180_000);
});
