/**
 * The sandbox acquirer: a stand-in for a real payment provider, run as its own HTTP service. It takes
 * payments the hall registers, shows its own pay page, notifies the hall (signed), answers order queries and
 * gives a daily statement of its successful payments. Its state lives in memory: a restart forgets it.
 *
 * In test mode, /test/* tells it to misbehave as real providers do: notify twice, late, out of order, with a
 * bad signature, or not at all.
 */
import { randomBytes } from 'node:crypto';
import express, { type Express, type Request, type Response } from 'express';
import { z } from 'zod';
import { shanghaiDateTime } from '@common/fee-period';
import type { Clock } from '../../clock';
import type { ProviderPayment, StatementLine } from '../provider';
import { SIGNATURE_HEADER, signatureOf, signatureVerifies } from './signature';

/** How the sandbox delivers its notifications from now on (test mode only). */
export const NOTIFY_BEHAVIOURS = ['normal', 'twice', 'late', 'out-of-order', 'bad-signature', 'silent'] as const;
export type NotifyBehaviour = (typeof NOTIFY_BEHAVIOURS)[number];

export interface SandboxOptions {
  secret: string;
  clock: Clock;
  /** Mounts /test/*: only in NODE_ENV=test. */
  testControls: boolean;
  /** Shown on the pay page as the payee. */
  merchantName?: string;
}

interface SandboxPayment {
  orderNo: string;
  amountFen: number;
  description: string;
  notifyUrl: string;
  returnUrl: string;
  expiresAt: string;
  status: 'unpaid' | 'paid' | 'failed';
  transactionId: string | null;
  paidAt: string | null;
}

/** A notification as sent: the exact body and its signature header. */
export interface SentNotification {
  body: string;
  signature: string;
}

export interface Delivery {
  notificationId: string;
  status: number | null;
}

const createPayment = z.object({
  orderNo: z.string().min(1).max(64),
  amountFen: z.number().int().min(0),
  description: z.string().max(200),
  notifyUrl: z.url(),
  returnUrl: z.url(),
  expiresAt: z.iso.datetime(),
});

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const yuan = (fen: number) => `¥${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;

export function createSandboxAcquirer(options: SandboxOptions): Express {
  const payments = new Map<string, SandboxPayment>();
  let behaviour: NotifyBehaviour = 'normal';
  let held: SandboxPayment[] = [];
  const deliveries: Delivery[] = [];
  const merchant = options.merchantName ?? 'Unit Hall (sandbox merchant)';
  const now = () => options.clock.now();

  const notification = (p: SandboxPayment, event: 'paid' | 'failed', at: string) =>
    JSON.stringify({
      notificationId: `SN${randomBytes(8).toString('hex')}`,
      orderNo: p.orderNo,
      event,
      transactionId: event === 'paid' ? p.transactionId : null,
      amountFen: p.amountFen,
      at,
    });

  /** The notifications one event makes under the current behaviour, signed (or forged). */
  const notificationsOf = (p: SandboxPayment): SentNotification[] => {
    const sign = (body: string) => ({ body, signature: signatureOf(behaviour === 'bad-signature' ? `${options.secret}!` : options.secret, body) });
    const event = p.status === 'paid' ? 'paid' : 'failed';
    const first = sign(notification(p, event, p.paidAt ?? now().toISOString()));
    if (behaviour === 'twice') return [first, first];
    // A failed attempt's notification, delayed past the success that followed it.
    if (behaviour === 'out-of-order' && event === 'paid')
      return [first, sign(notification(p, 'failed', new Date(now().getTime() - 60_000).toISOString()))];
    return [first];
  };

  const deliver = async (p: SandboxPayment, sent: SentNotification[]): Promise<Delivery[]> => {
    // Twice means at once, as a provider's retry can cross its first attempt.
    const same = sent.length === 2 && sent[0].body === sent[1].body;
    const post = async (n: SentNotification): Promise<Delivery> => {
      const { notificationId } = JSON.parse(n.body) as { notificationId: string };
      try {
        const res = await fetch(p.notifyUrl, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', [SIGNATURE_HEADER]: n.signature },
          body: n.body,
        });
        await res.arrayBuffer();
        return { notificationId, status: res.status };
      } catch {
        return { notificationId, status: null };
      }
    };
    const done: Delivery[] = [];
    if (same) done.push(...(await Promise.all(sent.map(post))));
    else for (const n of sent) done.push(await post(n));
    deliveries.push(...done);
    return done;
  };

  /** After the payer's choice: notify as the behaviour says; `late` holds them until /test/release. */
  const settle = async (p: SandboxPayment): Promise<{ notifications: SentNotification[]; deliveries: Delivery[] }> => {
    // Not sent: the test controls' answer still shows what would have been, for a spec to deliver itself.
    if (behaviour === 'silent') return { notifications: notificationsOf(p), deliveries: [] };
    if (behaviour === 'late') {
      held.push(p);
      return { notifications: [], deliveries: [] };
    }
    const sent = notificationsOf(p);
    return { notifications: sent, deliveries: await deliver(p, sent) };
  };

  const pay = (p: SandboxPayment): boolean => {
    if (p.status !== 'unpaid' || now().getTime() >= Date.parse(p.expiresAt)) return false;
    p.status = 'paid';
    p.transactionId = `SBX${now().getTime()}${randomBytes(4).toString('hex')}`;
    p.paidAt = now().toISOString();
    return true;
  };

  const app = express();
  app.disable('x-powered-by');

  /** The hall's calls: signed with the shared secret over the raw body (a GET over its path). */
  const signed = express.Router();
  signed.use(express.raw({ type: 'application/json', limit: '64kb' }));
  signed.use((req, res, next) => {
    const payload = req.method === 'GET' ? req.originalUrl : Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    if (!signatureVerifies(options.secret, payload, req.get(SIGNATURE_HEADER))) return void res.status(401).json({ error: 'bad signature' });
    next();
  });
  signed.post('/payments', (req, res) => {
    let body: unknown;
    try {
      body = JSON.parse((req.body as Buffer).toString('utf8'));
    } catch {
      return void res.status(400).json({ error: 'not JSON' });
    }
    const parsed = createPayment.safeParse(body);
    if (!parsed.success) return void res.status(400).json({ error: parsed.error.message });
    const known = payments.get(parsed.data.orderNo);
    if (known && known.amountFen !== parsed.data.amountFen) return void res.status(409).json({ error: 'order number reused' });
    if (!known) payments.set(parsed.data.orderNo, { ...parsed.data, status: 'unpaid', transactionId: null, paidAt: null });
    const base = `${req.protocol}://${req.get('host')}`;
    res.json({ payUrl: `${base}/pay/${encodeURIComponent(parsed.data.orderNo)}` });
  });
  signed.get('/payments/:orderNo', (req, res) => {
    const p = payments.get(req.params.orderNo);
    const answer: ProviderPayment = !p
      ? { orderNo: req.params.orderNo, status: 'unknown' }
      : p.status === 'paid'
        ? { orderNo: p.orderNo, status: 'paid', transactionId: p.transactionId!, amountFen: p.amountFen, paidAt: p.paidAt! }
        : { orderNo: p.orderNo, status: p.status === 'unpaid' && now().getTime() >= Date.parse(p.expiresAt) ? 'closed' : p.status };
    res.json(answer);
  });
  signed.get('/statements/:day', (req, res) => {
    const lines: StatementLine[] = [...payments.values()]
      .filter((p) => p.status === 'paid' && shanghaiDateTime(new Date(p.paidAt!)).slice(0, 10) === req.params.day)
      .map((p) => ({ orderNo: p.orderNo, transactionId: p.transactionId!, amountFen: p.amountFen, paidAt: p.paidAt! }));
    res.json({ day: req.params.day, lines });
  });
  app.use('/api', signed);

  app.get('/pay/:orderNo', (req, res) => {
    const p = payments.get(req.params.orderNo);
    res.set('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; form-action *");
    if (!p) return void res.status(404).type('html').send(page('Sandbox acquirer', '<p>No such payment.</p>'));
    const expired = now().getTime() >= Date.parse(p.expiresAt);
    const open = p.status === 'unpaid' && !expired;
    const state = p.status === 'paid' ? 'Paid' : p.status === 'failed' ? 'Cancelled' : expired ? 'Expired' : 'Awaiting payment';
    const actions = open
      ? `<form method="post" action="/pay/${encodeURIComponent(p.orderNo)}/confirm"><button class="pay" type="submit">Pay ${yuan(p.amountFen)}</button></form>
         <form method="post" action="/pay/${encodeURIComponent(p.orderNo)}/cancel"><button class="cancel" type="submit">Cancel</button></form>`
      : `<p><a href="${escapeHtml(p.returnUrl)}">Back to the merchant</a></p>`;
    res.type('html').send(
      page(
        'Sandbox acquirer — pay',
        `<p class="note">SANDBOX: no real money moves.</p>
         <dl><dt>Merchant</dt><dd>${escapeHtml(merchant)}</dd>
         <dt>Order</dt><dd>${escapeHtml(p.orderNo)}</dd>
         <dt>For</dt><dd>${escapeHtml(p.description)}</dd>
         <dt>Amount</dt><dd class="amount">${yuan(p.amountFen)}</dd>
         <dt>Status</dt><dd class="status">${state}</dd></dl>${actions}`,
      ),
    );
  });
  const payerChoice = (choose: (p: SandboxPayment) => boolean) => async (req: Request, res: Response) => {
    const p = payments.get(String(req.params.orderNo));
    if (!p) return void res.status(404).type('html').send(page('Sandbox acquirer', '<p>No such payment.</p>'));
    if (choose(p)) await settle(p);
    res.redirect(303, p.returnUrl);
  };
  app.post(
    '/pay/:orderNo/confirm',
    payerChoice((p) => pay(p)),
  );
  app.post(
    '/pay/:orderNo/cancel',
    payerChoice((p) => {
      if (p.status !== 'unpaid') return false;
      p.status = 'failed';
      return true;
    }),
  );

  if (options.testControls) {
    const test = express.Router();
    test.use(express.json());
    test.post('/behaviour', (req, res) => {
      const parsed = z.object({ notify: z.enum(NOTIFY_BEHAVIOURS) }).safeParse(req.body);
      if (!parsed.success) return void res.status(400).json({ error: parsed.error.message });
      behaviour = parsed.data.notify;
      res.json({ notify: behaviour });
    });
    // The payer presses "pay" without a browser; the answer shows what was sent and how the hall answered.
    test.post('/payments/:orderNo/pay', async (req, res) => {
      const p = payments.get(req.params.orderNo);
      if (!p) return void res.status(404).json({ error: 'no such payment' });
      if (!pay(p)) return void res.status(409).json({ error: `not payable: ${p.status}` });
      res.json(await settle(p));
    });
    test.post('/payments/:orderNo/cancel', async (req, res) => {
      const p = payments.get(req.params.orderNo);
      if (!p || p.status !== 'unpaid') return void res.status(409).json({ error: 'not cancellable' });
      p.status = 'failed';
      res.json(await settle(p));
    });
    // A late notification arrives now: the held ones are sent as they would have been.
    test.post('/release', async (_req, res) => {
      const releasing = held;
      held = [];
      behaviour = 'normal';
      const all: Delivery[] = [];
      for (const p of releasing) all.push(...(await deliver(p, notificationsOf(p))));
      res.json({ deliveries: all });
    });
    test.get('/deliveries', (_req, res) => void res.json({ deliveries }));
    test.post('/reset', (_req, res) => {
      payments.clear();
      held = [];
      deliveries.length = 0;
      behaviour = 'normal';
      res.json({ reset: true });
    });
    app.use('/test', test);
  }
  return app;
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title><style>
body{font-family:system-ui,sans-serif;margin:0;padding:16px;background:#f4f6f8;color:#1b1b1f}
main{max-width:420px;margin:0 auto;background:#fff;border-radius:12px;padding:20px;box-sizing:border-box}
h1{font-size:1.25rem;margin:0 0 12px}.note{background:#fff3cd;padding:8px;border-radius:6px;font-size:.9rem}
dl{display:grid;grid-template-columns:auto 1fr;gap:8px 12px;overflow-wrap:anywhere}dt{color:#555}dd{margin:0}
.amount{font-size:1.5rem;font-weight:600}button{width:100%;min-height:48px;font-size:1rem;border:0;border-radius:8px;margin-top:12px;cursor:pointer}
.pay{background:#07c160;color:#fff}.cancel{background:#e0e0e0}
</style></head><body><main><h1>${title}</h1>${body}</main></body></html>`;
}
