import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  Logger,
} from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import { type Request, type Response } from 'express';

/**
 * The one error format of the API: `{ statusCode, error, message, fields?, requestId }`.
 * Unexpected errors are logged with the request id and answered with a plain 500 message.
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
      res
        .status(status)
        .json({ statusCode: status, error: STATUS_CODES[status] ?? 'Error', message, requestId });
      return;
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      const detail =
        typeof body === 'string' ? { message: body } : (body as Record<string, unknown>);
      res.status(status).json({
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
      res
        .status(status)
        .json({ statusCode: status, error: STATUS_CODES[status] ?? 'Error', message, requestId });
      return;
    }
    this.logger.error(
      `request ${requestId} failed: ${exception instanceof Error ? exception.stack : String(exception)}`,
    );
    res.status(500).json({
      statusCode: 500,
      error: 'Internal Server Error',
      message: 'Something went wrong on our side; it has been logged.',
      requestId,
    });
  }
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
