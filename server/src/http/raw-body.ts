/**
 * The body exactly as it arrived, for routes whose caller signs it (a payment channel's notifications): the
 * signature is over these bytes, never over JSON parsed and written again.
 */
import type { IncomingMessage } from 'node:http';

const RAW_BODY = Symbol('rawBody');
type WithRawBody = IncomingMessage & { [RAW_BODY]?: Buffer };

/** express.json's `verify` hook: keeps the bytes of the requests `keep` names. */
export function keepRawBody(keep: (path: string) => boolean) {
  return (req: IncomingMessage, _res: unknown, buf: Buffer): void => {
    if (keep((req.url ?? '').split('?')[0])) (req as WithRawBody)[RAW_BODY] = buf;
  };
}

export function rawBodyOf(req: IncomingMessage): Buffer {
  return (req as WithRawBody)[RAW_BODY] ?? Buffer.alloc(0);
}
