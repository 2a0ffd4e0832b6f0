import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  Logger,
} from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import { type Request, type Response } from 'express';
import { DependencyUnavailableException, unavailableDependency } from './dependency-errors';

/**
 * An error written in another format for some paths (Open311 writes GeoReport v2 errors under
 * /open311): each such API owns its format and hands it to the filter at start.
 */
export interface ErrorFormat {
  /** The rendered error for this path, or null when the path is not this format's. */
  render(
    path: string,
    status: number,
    description: string,
  ): { contentType: string; body: string } | null;
}

/**
 * The one error format of the API: `{ statusCode, error, message, fields?, requestId }`.
 * - a part of the stack down (PostgreSQL, Temporal, the worker) → 503 with Retry-After;
 * - unexpected errors are logged with the request id and answered with a plain 500 message.
 * Paths of an API with its own error format (ErrorFormat) get the same error in that format.
 */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  constructor(
    private readonly formats: readonly ErrorFormat[] = [],
    private readonly retryAfterSeconds = 5,
  ) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const res = ctx.getResponse<Response>();
    const req = ctx.getRequest<Request & { id?: string }>();
    const requestId = String(req.id ?? req.headers['x-request-id'] ?? '');

    // body-parser errors (bad JSON, too large) carry a status of their own; Nest may wrap them.
    const parserError = bodyParserError(exception);
    if (parserError) {
      const { status, message } = parserError;
      this.reply(req, res, status, {
        statusCode: status,
        error: STATUS_CODES[status],
        message,
        requestId,
      });
      return;
    }

    const down = exception instanceof HttpException ? null : unavailableDependency(exception);
    if (down) {
      this.logger.warn(
        `request ${requestId}: ${down} unavailable: ${exception instanceof Error ? exception.message : String(exception)}`,
      );
      exception = new DependencyUnavailableException(down, this.retryAfterSeconds);
    }

    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      const detail =
        typeof body === 'string' ? { message: body } : (body as Record<string, unknown>);
      if (status === 503 && !res.getHeader('Retry-After')) {
        const seconds =
          exception instanceof DependencyUnavailableException
            ? exception.retryAfterSeconds
            : this.retryAfterSeconds;
        res.setHeader('Retry-After', String(seconds));
      }
      this.reply(req, res, status, {
        statusCode: status,
        error: STATUS_CODES[status] ?? 'Error',
        ...detail,
        requestId,
      });
      return;
    }

    // Other errors with a client status of their own (from Express middleware).
    const status = (exception as { status?: number }).status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      const message =
        status === 413
          ? 'The request body is too large'
          : 'The request body could not be read (is it valid JSON?)';
      this.reply(req, res, status, {
        statusCode: status,
        error: STATUS_CODES[status] ?? 'Error',
        message,
        requestId,
      });
      return;
    }

    this.logger.error(`request ${requestId} failed: ${describeError(exception)}`);
    this.reply(req, res, 500, {
      statusCode: 500,
      error: 'Internal Server Error',
      message: 'Something went wrong on our side; it has been logged.',
      requestId,
    });
  }

  private reply(req: Request, res: Response, status: number, body: Record<string, unknown>): void {
    for (const format of this.formats) {
      const rendered = format.render(req.path, status, describe(body));
      if (rendered) {
        res.status(status).setHeader('Content-Type', rendered.contentType);
        res.send(rendered.body);
        return;
      }
    }
    res.status(status).json(body);
  }
}

/** The message, and each bad field, as one sentence (for formats with a single description). */
function describe(body: Record<string, unknown>): string {
  const message = Array.isArray(body.message)
    ? body.message.join('; ')
    : String(body.message ?? '');
  const fields = Array.isArray(body.fields)
    ? (body.fields as { field?: unknown; message?: unknown }[]).map(
        (f) => `${String(f.field)}: ${String(f.message)}`,
      )
    : [];
  return [message, ...fields].filter(Boolean).join('; ');
}

function bodyParserError(exception: unknown): { status: number; message: string } | null {
  const candidates = [exception, (exception as { cause?: unknown })?.cause];
  for (const e of candidates) {
    const type = (e as { type?: unknown })?.type;
    if (type === 'entity.too.large')
      return { status: 413, message: 'The request body is too large' };
    if (type === 'entity.parse.failed')
      return { status: 400, message: 'The request body is not valid JSON' };
    if (type === 'encoding.unsupported' || type === 'charset.unsupported') {
      return { status: 415, message: 'The request body must be UTF-8 JSON' };
    }
  }
  return null;
}

/** An error's stack and the chain of its causes (a wrapped gRPC error says its code there). */
function describeError(err: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = err, depth = 0; e !== undefined && e !== null && depth < 5; depth += 1) {
    if (!(e instanceof Error)) {
      parts.push(String(e));
      break;
    }
    const code = (e as { code?: unknown }).code;
    parts.push(
      depth === 0
        ? (e.stack ?? e.message)
        : `caused by: ${e.name}${code !== undefined ? ` (code ${String(code)})` : ''}: ${e.message}`,
    );
    e = e.cause;
  }
  return parts.join('\n');
}
