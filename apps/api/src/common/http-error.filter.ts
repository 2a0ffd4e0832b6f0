import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  Logger,
} from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import { type Request, type Response } from 'express';
import { open311ErrorFor } from '../open311/open311-format';

/**
 * The one error format of the API: `{ statusCode, error, message, fields?, requestId }`.
 * Unexpected errors are logged with the request id and answered with a plain 500 message.
 * Under /open311 the same error is written in GeoReport v2's format instead (its clients
 * expect `<errors><error><code/><description/></error></errors>`).
 */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const res = ctx.getResponse<Response>();
    const req = ctx.getRequest<Request & { id?: string }>();
    const requestId = req.id ?? String(req.headers['x-request-id'] ?? '');

    // body-parser errors (bad JSON, too large) carry a status of their own; Nest may wrap them.
    const parserError = bodyParserError(exception);
    if (parserError) {
      const { status, message } = parserError;
      reply(req, res, status, {
        statusCode: status,
        error: STATUS_CODES[status] ?? 'Error',
        message,
        requestId,
      });
      return;
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      const detail =
        typeof body === 'string' ? { message: body } : (body as Record<string, unknown>);
      reply(req, res, status, {
        statusCode: status,
        error: STATUS_CODES[status] ?? 'Error',
        ...detail,
        requestId,
      });
      return;
    }
    // body-parser errors (bad JSON, too large) carry a status of their own.
    const status = (exception as { status?: number }).status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      const message =
        status === 413
          ? 'The request body is too large'
          : 'The request body could not be read (is it valid JSON?)';
      reply(req, res, status, {
        statusCode: status,
        error: STATUS_CODES[status] ?? 'Error',
        message,
        requestId,
      });
      return;
    }
    this.logger.error(
      `request ${requestId} failed: ${exception instanceof Error ? exception.stack : String(exception)}`,
    );
    reply(req, res, 500, {
      statusCode: 500,
      error: 'Internal Server Error',
      message: 'Something went wrong on our side; it has been logged.',
      requestId,
    });
  }
}

function reply(req: Request, res: Response, status: number, body: Record<string, unknown>): void {
  const open311 = open311ErrorFor(req.path, status, describe(body));
  if (open311) {
    res.status(status).setHeader('Content-Type', open311.contentType);
    res.send(open311.body);
    return;
  }
  res.status(status).json(body);
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
