import { randomUUID } from 'node:crypto';
import { type IncomingMessage, type ServerResponse } from 'node:http';
import { type Params } from 'nestjs-pino';
import { type Options } from 'pino-http';
import { type PlatformConfig } from '../infrastructure/settings';

/** A caller's X-Request-Id is kept when it looks like an id; otherwise each request gets one. */
const REQUEST_ID = /^[\w.-]{1,100}$/;

/**
 * Structured JSON logs (pino): one line per request with its id, method, path (never the query:
 * it can hold a phone number), status and time; never bodies, headers or tokens. Every log line
 * written while handling a request carries the request's id (`req.id`), as do error bodies and
 * the X-Request-Id response header.
 */
export function httpLogOptions(platform: PlatformConfig): Options {
  return {
    level: platform.logLevel,
    genReqId(req: IncomingMessage, res: ServerResponse) {
      const incoming = req.headers['x-request-id'];
      const id =
        typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    serializers: {
      req: (req: { id: string; method: string; url: string }) => ({
        id: req.id,
        method: req.method,
        path: req.url.split('?')[0],
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    customLogLevel: (_req, res, err) =>
      err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
    customSuccessMessage: (req, res) =>
      `${req.method} ${String(req.url).split('?')[0]} ${res.statusCode}`,
    customErrorMessage: (req, res) =>
      `${req.method} ${String(req.url).split('?')[0]} ${res.statusCode}`,
  };
}

/**
 * nestjs-pino over the pino-http middleware that bootstrap installs first (`useExisting`), so
 * that even requests answered before Nest's routing (429, 413) get an id and a log line.
 */
export function requestLogging(platform: PlatformConfig): Params {
  return { pinoHttp: httpLogOptions(platform), useExisting: true };
}
