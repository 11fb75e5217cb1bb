/**
 * A hall with a real payment channel: the sandbox acquirer started in-process on a free port (on the hall's
 * clock), and the hall listening on one too, so the sandbox's notifications reach it over HTTP as they would
 * in production. The sandbox's test controls make it misbehave.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSandboxAcquirer, type Delivery, type NotifyBehaviour, type SentNotification } from '../src/payment-channel/sandbox/acquirer';
import { SandboxProvider } from '../src/payment-channel/sandbox/sandbox-provider';
import { createTestHall, type TestHall, type TestHallOptions } from './harness';

export const NOTIFY_SECRET = 'payment-spec-secret-0123456789';

export interface PaymentHall extends TestHall {
  sandboxUrl: string;
  sandbox: {
    behave(notify: NotifyBehaviour): Promise<void>;
    /** The payer presses "pay" on the sandbox's page; what it sent and how the hall answered. */
    pay(orderNo: string): Promise<{ notifications: SentNotification[]; deliveries: Delivery[] }>;
    cancel(orderNo: string): Promise<{ notifications: SentNotification[]; deliveries: Delivery[] }>;
    release(): Promise<Delivery[]>;
    /** Forgets every payment, as a restart does. */
    reset(): Promise<void>;
  };
}

function listening(server: http.Server): Promise<string> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));
}

export async function createPaymentHall(options: TestHallOptions = {}): Promise<PaymentHall> {
  // The hall is made after both servers listen: it must know their addresses.
  const made: { hall?: TestHall } = {};
  const front = http.createServer((req, res) => (made.hall ? made.hall.app(req, res) : res.writeHead(503).end()));
  const hallUrl = await listening(front);
  const sandboxServer = http.createServer(
    createSandboxAcquirer({ secret: NOTIFY_SECRET, clock: { now: () => made.hall!.clock.now() }, testControls: true }),
  );
  const sandboxUrl = await listening(sandboxServer);
  const hall = (made.hall = await createTestHall({
    ...options,
    paymentChannel: { provider: new SandboxProvider(sandboxUrl, NOTIFY_SECRET), hallPublicUrl: hallUrl },
  }));
  const control = async <T>(path: string, body: object = {}): Promise<T> => {
    const res = await fetch(`${sandboxUrl}/test${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`sandbox ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  const closeServer = (server: http.Server) => new Promise<void>((resolve) => server.close(() => resolve()));
  return {
    ...hall,
    sandboxUrl,
    sandbox: {
      behave: async (notify) => void (await control('/behaviour', { notify })),
      pay: (orderNo) => control(`/payments/${encodeURIComponent(orderNo)}/pay`),
      cancel: (orderNo) => control(`/payments/${encodeURIComponent(orderNo)}/cancel`),
      release: async () => (await control<{ deliveries: Delivery[] }>('/release')).deliveries,
      reset: async () => void (await control('/reset')),
    },
    close: async () => {
      front.closeAllConnections();
      sandboxServer.closeAllConnections();
      await Promise.all([closeServer(front), closeServer(sandboxServer)]);
      await hall.close();
    },
  };
}
