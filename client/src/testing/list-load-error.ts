import type { HttpRequest } from '@angular/common/http';
import { HttpTestingController, type TestRequest } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { apiError, SERVER_ERROR } from './answers';
import { testId, type Page } from './page';

/**
 * A list whose request failed, as issue #12 saw it: answers the pending list request with a 500 and expects the
 * translated reason with a retry — no empty text, no paginator counting nothing, no loading bar, nothing thrown
 * or logged — then retries and has the retried request answered by `answerRows`, whose rows `rowsShown` reads.
 */
export async function expectLoadErrorThenRows(
  page: Page,
  list: { prefix: string; is: (request: HttpRequest<unknown>) => boolean },
  answerRows: (request: TestRequest) => void,
  rowsShown: () => Promise<unknown[]>,
): Promise<void> {
  const http = TestBed.inject(HttpTestingController);
  const logged = spyOn(console, 'error').and.callThrough();

  http.expectOne(list.is).flush(apiError('INTERNAL'), SERVER_ERROR);
  await page.stable();

  expect(page.text('load-error')).toBe('系统繁忙，请稍后重试。重试');
  expect(page.text(`${list.prefix}-empty`))
    .withContext('no "nothing found" for a list not read')
    .toBeNull();
  expect(page.element.querySelector('mat-paginator')).withContext('no paginator counting 0 items').toBeNull();
  expect(page.element.querySelector('mat-progress-bar')).withContext('no endless loading bar').toBeNull();

  page.element.querySelector<HTMLButtonElement>(`${testId('load-error')} button`)?.click();
  TestBed.tick();
  answerRows(http.expectOne(list.is));
  await page.stable();

  expect(page.text('load-error')).toBeNull();
  expect((await rowsShown()).length).toBeGreaterThan(0);
  expect(logged).not.toHaveBeenCalled();
}
