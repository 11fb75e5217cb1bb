/** The hall's side of the sandbox acquirer: the provider interface over its HTTP API, signed both ways. */
import { z } from 'zod';
import {
  InvalidNotification,
  ProviderUnavailable,
  type PaymentProvider,
  type ProviderNotification,
  type ProviderPayment,
  type StatementLine,
} from '../provider';
import { SIGNATURE_HEADER, signatureOf, signatureVerifies } from './signature';

const notification = z.object({
  notificationId: z.string().min(1).max(64),
  orderNo: z.string().min(1).max(64),
  event: z.enum(['paid', 'failed']),
  transactionId: z.string().max(64).nullable(),
  amountFen: z.number().int().min(0),
  at: z.iso.datetime(),
});

const payment = z.discriminatedUnion('status', [
  z.object({ orderNo: z.string(), status: z.literal('paid'), transactionId: z.string(), amountFen: z.number().int(), paidAt: z.string() }),
  z.object({ orderNo: z.string(), status: z.enum(['unpaid', 'failed', 'closed', 'unknown']) }),
]);

const statement = z.object({
  lines: z.array(z.object({ orderNo: z.string(), transactionId: z.string(), amountFen: z.number().int(), paidAt: z.string() })),
});

/** Calls to the sandbox give up after this long: the payer waits for the hall, the hall not forever for the channel. */
const CALL_TIMEOUT_MS = 5000;

export class SandboxProvider implements PaymentProvider {
  constructor(
    private readonly baseUrl: string,
    private readonly secret: string,
  ) {}

  async createPayment(p: Parameters<PaymentProvider['createPayment']>[0]): Promise<{ payUrl: string }> {
    const body = JSON.stringify(p);
    const answer = await this.call('/api/payments', { method: 'POST', body, headers: { 'Content-Type': 'application/json' } }, body);
    return z.object({ payUrl: z.string() }).parse(answer);
  }

  async queryPayment(orderNo: string): Promise<ProviderPayment> {
    return payment.parse(await this.get(`/api/payments/${encodeURIComponent(orderNo)}`));
  }

  async statement(day: string): Promise<StatementLine[]> {
    return statement.parse(await this.get(`/api/statements/${encodeURIComponent(day)}`)).lines;
  }

  parseNotification(rawBody: Buffer, headers: Record<string, string | string[] | undefined>): ProviderNotification {
    if (!signatureVerifies(this.secret, rawBody, headers[SIGNATURE_HEADER.toLowerCase()])) throw new InvalidNotification('signature');
    let body: unknown;
    try {
      body = JSON.parse(rawBody.toString('utf8'));
    } catch {
      throw new InvalidNotification('body');
    }
    const parsed = notification.safeParse(body);
    if (!parsed.success) throw new InvalidNotification('body');
    return parsed.data;
  }

  private get(path: string): Promise<unknown> {
    return this.call(path, { method: 'GET' }, path);
  }

  private async call(path: string, init: RequestInit, signed: string): Promise<unknown> {
    try {
      const res = await fetch(new URL(path, this.baseUrl), {
        ...init,
        headers: { ...(init.headers as Record<string, string> | undefined), [SIGNATURE_HEADER]: signatureOf(this.secret, signed) },
        signal: AbortSignal.timeout(CALL_TIMEOUT_MS),
      });
      if (!res.ok) throw new Error(`${res.status} ${await res.text()}`);
      return await res.json();
    } catch (error) {
      throw new ProviderUnavailable(`sandbox acquirer at ${this.baseUrl}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
