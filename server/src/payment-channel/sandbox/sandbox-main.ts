/**
 * The sandbox acquirer as its own process, on SANDBOX_ACQUIRER_PORT, signing with PAYMENT_NOTIFY_SECRET;
 * its test controls only with NODE_ENV=test. `npm start` starts it beside the hall (server/src/start.ts).
 */
import type { AddressInfo } from 'node:net';
import { runningClock, systemClock } from '../../clock';
import { loadConfig, StartupError } from '../../config';
import { createSandboxAcquirer } from './acquirer';

try {
  const config = loadConfig();
  const app = createSandboxAcquirer({
    secret: config.payment.notifySecret,
    clock: config.testClockStart ? runningClock(config.testClockStart) : systemClock,
    testControls: config.env === 'test',
  });
  const server = app.listen(config.payment.sandboxPort, (error) => {
    if (error) {
      process.stderr.write(`Sandbox acquirer cannot start: SANDBOX_ACQUIRER_PORT=${config.payment.sandboxPort}: ${error.message}\n`);
      process.exit(1);
    }
    const { port } = server.address() as AddressInfo;
    process.stdout.write(`Sandbox acquirer (no real money) on http://localhost:${port}\n`);
  });
  const shutdown = () => server.close(() => process.exit(0));
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
} catch (error) {
  if (!(error instanceof StartupError)) throw error;
  process.stderr.write(`Sandbox acquirer cannot start: ${error.message}\n`);
  process.exit(1);
}
