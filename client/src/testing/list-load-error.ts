import type { HttpRequest } from '@angular/common/http';
import { HttpTestingController, type TestRequest } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { apiError, SERVER_ERROR } from './answers';
import { testId, type Page } from './page';

/**
 * A list whose request failed, as issue #12 saw it: answers `failing` with a 500 and expects the translated reason
 * with a retry — no empty text, no paginator counting nothing, no loading bar, nothing thrown or logged — then
 * retries, answers the list's next request with `list.answer` and expects its rows in the page's table.
 */
export async function expectLoadErrorThenRows(
  page: Page,
  failing: TestRequest,
  list: { prefix: string; is: (request: HttpRequest<unknown>) => boolean; answer: (request: TestRequest) => void },
): Promise<void> {
  const http = TestBed.inject(HttpTestingController);
  const logged = spyOn(console, 'error').and.callThrough();

  failing.flush(apiError('INTERNAL'), SERVER_ERROR);
  await page.stable();

  expect(page.text('load-error')).toBe('系统繁忙，请稍后重试。重试');
  expect(page.text(`${list.prefix}-empty`))
    .withContext('no "nothing found" for a list not read')
    .toBeNull();
  expect(page.element.querySelector('mat-paginator')).withContext('no paginator counting 0 items').toBeNull();
  expect(page.element.querySelector('mat-progress-bar')).withContext('no endless loading bar').toBeNull();

  page.element.querySelector<HTMLButtonElement>(`${testId('load-error')} button`)?.click();
  TestBed.tick();
  list.answer(http.expectOne(list.is));
  await page.stable();

  expect(page.text('load-error')).toBeNull();
  expect((await page.tableRows()).length).toBeGreaterThan(0);
  expect(logged).not.toHaveBeenCalled();
}
