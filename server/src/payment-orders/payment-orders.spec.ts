import { createHmac } from 'node:crypto';
import { VERIFICATION_CODE } from '@common/api/verification';
import { DEMO_PERSONS } from '../db/seeds/demo';
import type { HallClient } from '../../test/harness';
import { createPaymentHall, NOTIFY_SECRET, type PaymentHall } from '../../test/payment-channel';

/** The 2027 standard contribution of the demo configuration: 420 yuan. */
const STANDARD_2027_FEN = 42000;
const QUOTE = { person: { kind: 'self' }, year: 2027, mode: 'daily' } as const;
const NOTIFICATIONS = '/api/payment-channel/notifications';

describe('payment orders through the sandbox acquirer', () => {
  let hall: PaymentHall;
  let payer: HallClient;
  let other: HallClient;
  let payerPersonId: number;

  beforeEach(async () => {
    hall = await createPaymentHall();
    payer = await hall.client('en');
    await payer.signInPerson(0);
    other = await hall.client('en');
    await other.signInPerson(1);
    payerPersonId = (await hall.db.knex('insured_persons').where({ id_number: DEMO_PERSONS[0].idNumber }).first('id')).id;
  });
  afterEach(() => hall.close());

  const count = async (table: string, where: Record<string, unknown> = {}) =>
    Number((await hall.db.knex(table).where(where).count({ n: '*' }).first())!.n);
  const paymentsOfPayer = () => count('resident_payments', { person_id: payerPersonId, year: 2027 });
  const paidAudits = () => count('audit_log', { action: 'resident-payment.paid' });

  /** An order of the payer for 2027, with the channel's pay page issued (status paying). */
  async function payingOrder(): Promise<{ id: number; orderNo: string; payUrl: string }> {
    const created = await payer.post('/api/me/payment-orders', QUOTE);
    expect(created.status).withContext(JSON.stringify(created.body)).toBe(201);
    const pay = await payer.post(`/api/me/payment-orders/${created.body.id}/pay`);
    expect(pay.status).withContext(JSON.stringify(pay.body)).toBe(200);
    return { id: created.body.id, orderNo: created.body.orderNo, payUrl: pay.body.payUrl };
  }

  const statusOf = async (id: number) => (await hall.db.knex('payment_orders').where({ id }).first('status')).status;

  it("makes an order at the quote's amount whatever the client sends, and pays it on the signed notification", async () => {
    const created = await payer.post('/api/me/payment-orders', { ...QUOTE, amountFen: 1 });
    expect(created.status).toBe(201);
    expect(created.body).toEqual(
      jasmine.objectContaining({ status: 'created', amountFen: STANDARD_2027_FEN, year: 2027, self: true, personName: DEMO_PERSONS[0].name }),
    );
    const pay = await payer.post(`/api/me/payment-orders/${created.body.id}/pay`);
    expect(pay.body.payUrl).toBe(`${hall.sandboxUrl}/pay/${created.body.orderNo}`);
    expect(await statusOf(created.body.id)).toBe('paying');
    // The sandbox's own page shows the amount to pay.
    const page = await (await fetch(pay.body.payUrl)).text();
    expect(page).toContain('¥420.00');

    const { deliveries } = await hall.sandbox.pay(created.body.orderNo);
    expect(deliveries.map((d) => d.status)).toEqual([200]);
    const order = await payer.get(`/api/me/payment-orders/${created.body.id}`);
    expect(order.body.status).toBe('paid');
    expect(order.body.transactionId).toMatch(/^SBX/);
    expect(await paymentsOfPayer()).toBe(1);
    expect(await paidAudits()).toBe(1);

    const list = await payer.get('/api/me/resident-payments');
    expect(list.body.total).toBe(1);
    expect(list.body.items[0]).toEqual(jasmine.objectContaining({ orderId: created.body.id, year: 2027, amountFen: STANDARD_2027_FEN, self: true }));
  });

  it('handles a duplicated notification once: the second is ignored, one payment', async () => {
    const { id, orderNo } = await payingOrder();
    await hall.sandbox.behave('twice');
    const { notifications, deliveries } = await hall.sandbox.pay(orderNo);
    // The same notification, sent twice at once, and both answered as received.
    expect(notifications.length).toBe(2);
    expect(notifications[0].body).toBe(notifications[1].body);
    expect(deliveries.map((d) => d.status)).toEqual([200, 200]);
    expect(await statusOf(id)).toBe('paid');
    expect(await count('payment_notifications', { order_no: orderNo })).toBe(1);
    expect(await paymentsOfPayer()).toBe(1);
    expect(await paidAudits()).toBe(1);
  });

  it('records a late notification after the order closed as a difference, never paid, and reconciliation lists it', async () => {
    const { id, orderNo } = await payingOrder();
    await hall.sandbox.behave('late');
    await hall.sandbox.pay(orderNo);
    hall.clock.advance(16 * 60 * 1000);
    // The sweep closes the order: the hall heard nothing in 15 minutes.
    expect(await hall.app.locals.services.paymentOrders.closeExpired()).toBe(1);
    expect(await statusOf(id)).toBe('closed');

    const deliveries = await hall.sandbox.release();
    expect(deliveries.map((d) => d.status)).toEqual([200]);
    expect(await statusOf(id)).toBe('closed');
    expect(await paymentsOfPayer()).toBe(0);
    expect(await hall.db.knex('payment_notifications').where({ order_no: orderNo }).pluck('outcome')).toEqual(['order-closed']);

    const reviewer = await hall.client('en');
    await reviewer.signInReviewer();
    const day = '2026-11-10';
    const rec = await reviewer.get(`/api/review/reconciliation?day=${day}`);
    expect(rec.status).toBe(200);
    expect(rec.body.differences).toEqual([
      jasmine.objectContaining({ kind: 'not-paid-in-hall', orderNo, orderStatus: 'closed', statementAmountFen: STANDARD_2027_FEN }),
    ]);
  });

  it('refuses a forged signature: the order stays unpaid and nothing is recorded', async () => {
    const { id, orderNo } = await payingOrder();
    await hall.sandbox.behave('bad-signature');
    const { deliveries } = await hall.sandbox.pay(orderNo);
    expect(deliveries.map((d) => d.status)).toEqual([400]);
    expect(await count('payment_notifications')).toBe(0);
    // Status read from the table: a GET would ask the channel, which knows the payment.
    expect(await statusOf(id)).toBe('paying');
    expect(await paymentsOfPayer()).toBe(0);
  });

  it('refuses a notification without a signature or with a body changed after signing', async () => {
    const { orderNo } = await payingOrder();
    await hall.sandbox.behave('silent');
    const { notifications } = await hall.sandbox.pay(orderNo);
    const anonymous = await hall.client('en');
    const unsigned = await anonymous.agent.post(NOTIFICATIONS).set('Content-Type', 'application/json').send(notifications[0].body);
    expect([unsigned.status, unsigned.body.code]).toEqual([400, 'PAYMENT_NOTIFICATION_INVALID']);
    const tampered = notifications[0].body.replace(`"amountFen":${STANDARD_2027_FEN}`, '"amountFen":1');
    expect(tampered).not.toBe(notifications[0].body);
    const res = await anonymous.agent
      .post(NOTIFICATIONS)
      .set('Content-Type', 'application/json')
      .set('X-Sandbox-Signature', notifications[0].signature)
      .send(tampered);
    expect(res.status).toBe(400);
    expect(await count('payment_notifications')).toBe(0);
  });

  it('keeps a paid order paid when a stale failure arrives out of order', async () => {
    const { id, orderNo } = await payingOrder();
    await hall.sandbox.behave('out-of-order');
    const { notifications, deliveries } = await hall.sandbox.pay(orderNo);
    expect(notifications.map((n) => JSON.parse(n.body).event)).toEqual(['paid', 'failed']);
    expect(deliveries.map((d) => d.status)).toEqual([200, 200]);
    expect(await statusOf(id)).toBe('paid');
    expect(await hall.db.knex('payment_notifications').where({ order_no: orderNo }).orderBy('id').pluck('outcome')).toEqual([
      'paid',
      'already-final',
    ]);
    expect(await paymentsOfPayer()).toBe(1);
  });

  it('never pays on the return alone, and pays on the order query when no notification comes', async () => {
    const { id, orderNo } = await payingOrder();
    await hall.sandbox.behave('silent');
    // Back from the channel without paying: the order is still paying.
    expect((await payer.get(`/api/me/payment-orders/${id}`)).body.status).toBe('paying');
    await hall.sandbox.pay(orderNo);
    expect(await statusOf(id)).toBe('paying');
    // The result page asks the hall, which asks the channel.
    expect((await payer.get(`/api/me/payment-orders/${id}`)).body.status).toBe('paid');
    expect(await paymentsOfPayer()).toBe(1);
    expect(await paidAudits()).toBe(1);
  });

  it('marks an order failed when the payer cancels on the channel, and then takes a new order', async () => {
    const { id, orderNo } = await payingOrder();
    await hall.sandbox.cancel(orderNo);
    expect(await statusOf(id)).toBe('failed');
    expect((await payer.post('/api/me/payment-orders', QUOTE)).status).toBe(201);
  });

  it('refuses a second order while one is paying, and any order for a year already paid', async () => {
    const { id, orderNo } = await payingOrder();
    const second = await payer.post('/api/me/payment-orders', QUOTE);
    expect([second.status, second.body.code]).toEqual([409, 'PAYMENT_ORDER_OPEN']);
    expect(second.body.message).toContain('15 minutes');
    await hall.sandbox.pay(orderNo);
    expect(await statusOf(id)).toBe('paid');
    const third = await payer.post('/api/me/payment-orders', QUOTE);
    expect([third.status, third.body.code]).toEqual([409, 'RESIDENT_YEAR_PAID']);
    expect(await count('payment_orders', { person_id: payerPersonId })).toBe(1);
  });

  it('lets an order past its 15 minutes close on read, freeing the year for a new one', async () => {
    const { id } = await payingOrder();
    hall.clock.advance(15 * 60 * 1000);
    const order = await payer.get(`/api/me/payment-orders/${id}`);
    expect(order.body.status).toBe('closed');
    expect((await payer.post('/api/me/payment-orders', QUOTE)).status).toBe(201);
  });

  it("shows person B nothing of person A's order", async () => {
    const { id, orderNo } = await payingOrder();
    await hall.sandbox.pay(orderNo);
    for (const path of [`/api/me/payment-orders/${id}`, `/api/me/payment-orders/${id}/receipt`]) {
      expect((await other.get(path)).status)
        .withContext(path)
        .toBe(404);
    }
    expect((await other.post(`/api/me/payment-orders/${id}/pay`)).status).toBe(404);
    expect((await other.get('/api/me/resident-payments')).body.total).toBe(0);
  });

  it('prints the receipt with one code, verified signed out with the person masked', async () => {
    const { id, orderNo } = await payingOrder();
    expect((await payer.get(`/api/me/payment-orders/${id}/receipt`)).body.code).toBe('PAYMENT_ORDER_NOT_PAID');
    await hall.sandbox.pay(orderNo);
    const receipt = await payer.get(`/api/me/payment-orders/${id}/receipt`);
    expect(receipt.status).toBe(200);
    expect(receipt.body.code).toMatch(VERIFICATION_CODE);
    expect(receipt.body).toEqual(jasmine.objectContaining({ orderNo, amountFen: STANDARD_2027_FEN, year: 2027, payerName: DEMO_PERSONS[0].name }));
    expect((await payer.get(`/api/me/payment-orders/${id}/receipt`)).body.code).toBe(receipt.body.code);

    const anonymous = await hall.client('en');
    const verified = await anonymous.get(`/api/payment-receipts/verify/${receipt.body.code.toLowerCase()}`);
    expect(verified.status).toBe(200);
    expect(verified.body).toEqual({
      genuine: true,
      nameMasked: '陈*',
      idNumberMasked: '350102********1285',
      year: 2027,
      insuranceType: '390',
      amountFen: STANDARD_2027_FEN,
      paidAt: receipt.body.paidAt,
    });
    expect((await anonymous.get('/api/payment-receipts/verify/AAAA-BBBB-CCCC-DDDD')).status).toBe(404);
    expect(await count('login_limits', {})).toBeGreaterThan(0);
  });

  it('finds a missing payment: in the statement but not paid in the hall, and paid in the hall but not in the statement', async () => {
    const reviewer = await hall.client('en');
    await reviewer.signInReviewer();
    // The channel took the money, the hall never heard and closed the order.
    const lost = await payingOrder();
    await hall.sandbox.behave('silent');
    await hall.sandbox.pay(lost.orderNo);
    hall.clock.advance(16 * 60 * 1000);
    await hall.app.locals.services.paymentOrders.closeExpired();
    await hall.sandbox.behave('normal');
    // A payment the hall has, which the channel's statement lacks (its records lost in a restart).
    const kept = await payingOrder();
    await hall.sandbox.pay(kept.orderNo);
    expect(await statusOf(kept.id)).toBe('paid');
    const before = await reviewer.get('/api/review/reconciliation?day=2026-11-10');
    expect(before.body.differences).toEqual([jasmine.objectContaining({ kind: 'not-paid-in-hall', orderNo: lost.orderNo, orderStatus: 'closed' })]);
    expect(before.body).toEqual(
      jasmine.objectContaining({ hallPaidCount: 1, statementCount: 2, hallPaidFen: STANDARD_2027_FEN, statementFen: 2 * STANDARD_2027_FEN }),
    );
    await hall.sandbox.reset();
    const after = await reviewer.get('/api/review/reconciliation?day=2026-11-10');
    expect(after.body.differences).toEqual([
      jasmine.objectContaining({ kind: 'missing-in-statement', orderNo: kept.orderNo, orderStatus: 'paid', statementAmountFen: null }),
    ]);
    // Another day has none of them.
    expect((await reviewer.get('/api/review/reconciliation?day=2026-11-11')).body.differences).toEqual([]);
  });

  it("lists the year's resident payments for the reviewer, paged on the server", async () => {
    const { orderNo } = await payingOrder();
    await hall.sandbox.pay(orderNo);
    const reviewer = await hall.client('en');
    await reviewer.signInReviewer();
    const page = await reviewer.get('/api/review/resident-payments?year=2027&pageSize=1');
    expect(page.status).toBe(200);
    expect(page.body).toEqual(jasmine.objectContaining({ total: 1, totalFen: STANDARD_2027_FEN, page: 0, pageSize: 1 }));
    expect(page.body.items[0]).toEqual(jasmine.objectContaining({ orderNo, nameMasked: '陈*', amountFen: STANDARD_2027_FEN }));
    expect((await reviewer.get('/api/review/resident-payments?year=2026')).body.total).toBe(0);
    expect((await reviewer.get('/api/review/resident-payments?year=2027&region=350200')).body.total).toBe(0);
  });

  describe('across two instances', () => {
    it('handles the same notification arriving at both instances at once once: one payment, one audit row', async () => {
      const { id, orderNo } = await payingOrder();
      await hall.sandbox.behave('silent');
      const {
        notifications: [notification],
      } = await hall.sandbox.pay(orderNo);
      // The test's own HMAC: the sandbox signed what it would have sent.
      expect(notification.signature).toBe(createHmac('sha256', NOTIFY_SECRET).update(notification.body).digest('hex'));
      const instances = [await hall.client('en'), await hall.otherInstanceClient('en')];
      const responses = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          instances[i % 2].agent
            .post(NOTIFICATIONS)
            .set('Content-Type', 'application/json')
            .set('X-Sandbox-Signature', notification.signature)
            .send(notification.body),
        ),
      );
      expect(responses.map((r) => r.status)).toEqual(Array(10).fill(200));
      expect(await statusOf(id)).toBe('paid');
      expect(await count('payment_notifications')).toBe(1);
      expect(await paymentsOfPayer()).toBe(1);
      expect(await paidAudits()).toBe(1);
    });

    it('takes one open order per person and year when ten are made at once', async () => {
      const instances = [payer, await hall.otherInstanceClient('en')];
      await instances[1].signInPerson(0);
      const responses = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          instances[i % 2].agent
            .post('/api/me/payment-orders')
            .set('Accept-Language', 'en')
            .set('X-XSRF-TOKEN', instances[i % 2].xsrf)
            .set('Idempotency-Key', `order-race-${i}`)
            .send(QUOTE),
        ),
      );
      expect(responses.filter((r) => r.status === 201).length).toBe(1);
      for (const res of responses.filter((r) => r.status !== 201)) expect([res.status, res.body.code]).toEqual([409, 'PAYMENT_ORDER_OPEN']);
      expect(await count('payment_orders', { person_id: payerPersonId, year: 2027 })).toBe(1);
    });
  });
});
