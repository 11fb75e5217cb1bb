import { HttpClient, httpResource } from '@angular/common/http';
import { inject, Service } from '@angular/core';
import type { Certificate } from '@common/api/certificates';
import type { InsuredPerson } from '@common/api/declarations';
import { SUBMISSION_QUEUES, type Submission } from '@common/api/submissions';
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

/** What the printed lists read: a printed list is the whole list, read page by page. */
@Service()
export class PrintApi {
  private readonly http = inject(HttpClient);

  /** The unit's active insured persons by name. */
  activeInsuredPersons(): Promise<InsuredPerson[]> {
    return this.allPages<InsuredPerson>('/api/insured-persons', { status: 'active', sort: 'name', direction: 'asc' });
  }

  /** One submission, with the review result. */
  submission(id: number): Promise<Submission> {
    return firstValueFrom(this.http.get<Submission>(`/api/submissions/${id}`));
  }

  /** Every row of a batch in the order of its workbook. */
  async batchSubmissions(batchId: number): Promise<Submission[]> {
    // A batch's rows sit in the pending queue until reviewed, then in the audited one.
    const queues = await Promise.all(SUBMISSION_QUEUES.map((queue) => this.allPages<Submission>('/api/submissions', { queue, batchId })));
    return queues.flat().sort((a, b) => (a.rowNumber ?? a.id) - (b.rowNumber ?? b.id));
  }

  private async allPages<T>(url: string, params: Record<string, string | number>): Promise<T[]> {
    const all: T[] = [];
    for (let page = 0; ; page++) {
      const answer = await firstValueFrom(this.http.get<{ items: T[]; total: number }>(url, { params: { ...params, page, pageSize: PAGE_SIZE } }));
      all.push(...answer.items);
      if (answer.items.length < PAGE_SIZE || all.length >= answer.total) return all;
    }
  }
}
