/**
 * Names each request and logs its response. pino-http did this by building, for every request, a child logger
 * with the request serialised and redacted, even when the level wrote nothing: about a tenth of a list
 * request's CPU at city scale. Here the request line is built only when it is written.
 */
import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Logger } from '../logger';

declare module 'http' {
  interface IncomingMessage {
    /** The request's id: the caller's X-Request-Id (up to 40 characters) or a new UUID; answered in X-Request-Id. */
    id?: string;
  }
}

/** `quiet`: requests whose completion is not logged (probes and scrapes come every few seconds). */
export function requestLog(logger: Logger, quiet: (url: string) => boolean): RequestHandler {
  return (req, res, next) => {
    const id = (req.headers['x-request-id'] as string | undefined)?.slice(0, 40) || randomUUID();
    req.id = id;
    res.setHeader('X-Request-Id', id);
    if (logger.isLevelEnabled('info') && !quiet(req.url)) {
      const started = performance.now();
      const done = (aborted: boolean) => () =>
        logger.info(
          {
            reqId: id,
            req: { method: req.method, url: req.originalUrl },
            res: { statusCode: res.statusCode },
            responseTime: Math.round(performance.now() - started),
          },
          aborted ? 'request aborted' : 'request completed',
        );
      res.once('finish', done(false));
      res.once('close', () => {
        if (!res.writableFinished) done(true)();
      });
    }
    next();
  };
}
