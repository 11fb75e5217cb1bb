import type { HttpRequest } from '@angular/common/http';
import { HttpTestingController, type TestRequest } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';

/**
 * Does a harness action that makes a resource load, and answers the load while the action runs. A harness
 * waits for the page to settle after each action, and a loading resource keeps it unsettled until answered.
 */
export async function answeredDuring(
  action: Promise<unknown>,
  match: string | ((request: HttpRequest<unknown>) => boolean),
  answer: (request: TestRequest) => void,
): Promise<TestRequest> {
  const http = TestBed.inject(HttpTestingController);
  for (let attempt = 0; attempt < 100; attempt++) {
    await new Promise((resolve) => setTimeout(resolve));
    const [request] = http.match(match);
    if (request) {
      answer(request);
      await action;
      return request;
    }
  }
  throw new Error(`no request matching ${String(match)} was made`);
}

/** A request's query parameters, for comparing as a whole. */
export function paramsOf(request: TestRequest): Record<string, string | null> {
  const params = request.request.params;
  return Object.fromEntries(params.keys().map((key) => [key, params.get(key)]));
}

/** A paged list endpoint (`{items, total, page, pageSize}`): its requests, and answers of one page. */
export function listEndpoint<Item>(url: string) {
  const is = (request: HttpRequest<unknown>) => request.url === url;
  return {
    is,
    expectOne: (): TestRequest => TestBed.inject(HttpTestingController).expectOne(is),
    answer:
      (...items: Item[]) =>
      (request: TestRequest): void =>
        request.flush({ items, total: items.length, page: 0, pageSize: 20 }),
  };
}
