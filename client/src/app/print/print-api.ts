import { HttpClient, httpResource } from '@angular/common/http';
import type { Certificate } from '@common/api/certificates';
import type { PaymentStatement } from '@common/api/payments';
import { firstValueFrom } from 'rxjs';

const PAGE_SIZE = 200;

/** A certificate the unit issued, with its months and amounts. */
export function certificateResource(code: () => string) {
  return httpResource<Certificate>(() => `/api/certificates/${encodeURIComponent(code())}`);
}

/** The unit's statement of one fee period. */
export function statementResource(period: () => string) {
  return httpResource<PaymentStatement>(() => ({ url: '/api/payments/statement', params: { period: period() } }));
}

/** Every row of a paged list, read page by page: a printed list is the whole list. */
export async function allPages<T>(http: HttpClient, url: string, params: Record<string, string | number>): Promise<T[]> {
  const all: T[] = [];
  for (let page = 0; ; page++) {
    const answer = await firstValueFrom(
      http.get<{ items: T[]; total: number }>(url, { params: { ...params, page, pageSize: PAGE_SIZE } }),
    );
    all.push(...answer.items);
    if (answer.items.length < PAGE_SIZE || all.length >= answer.total) return all;
  }
}
