import { HttpException, HttpStatus } from '@nestjs/common';
import {
  isGrpcServiceError,
  ServiceError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
} from '@temporalio/client';

/** The parts of the stack an API call waits on. */
export type Dependency = 'database' | 'temporal' | 'worker';

const WHAT: Record<Dependency, string> = {
  database: 'The database (PostgreSQL) is not reachable',
  temporal: 'The workflow service (Temporal) is not reachable',
  worker: 'The order’s workflow did not answer in time (is the worker running?)',
};

/**
 * A 503 with Retry-After: a part of the stack is down or too slow. The action may still take
 * effect once it is back (an update accepted by the workflow is not lost), so a client repeats
 * it after Retry-After and gets either the answer or a 409 with the current status.
 */
export class DependencyUnavailableException extends HttpException {
  constructor(
    readonly dependency: Dependency,
    readonly retryAfterSeconds: number,
    detail?: string,
  ) {
    super(
      {
        message: `${WHAT[dependency]}; try again in ${retryAfterSeconds} s`,
        dependency,
        ...(detail ? { detail } : {}),
      },
      HttpStatus.SERVICE_UNAVAILABLE,
    );
  }
}

/** Network-level PostgreSQL failures (node-postgres / libpq codes and messages). */
const PG_UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EPIPE',
  'EAI_AGAIN',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up, shutting down)
  '08000',
  '08001',
  '08003',
  '08004',
  '08006', // connection_exception family
  '53300', // too_many_connections
]);
const PG_UNAVAILABLE_MESSAGE =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection refused|connect ECONNREFUSED|server closed the connection/i;

/** gRPC codes that mean "Temporal (or the path to it) is not there", not "your request is wrong". */
const GRPC_UNAVAILABLE = new Set([
  1, // CANCELLED (our own deadline's abort)
  4, // DEADLINE_EXCEEDED
  8, // RESOURCE_EXHAUSTED
  14, // UNAVAILABLE
]);

/**
 * FAILED_PRECONDITION (9) from an update whose workflow task failed or timed out — a worker that
 * was killed or is too busy to finish the task in time (Temporal's WorkflowNotReady: "Unable to
 * perform workflow execution update due to unexpected workflow task failure", or "… due to
 * Workflow Task in failed state" while the failed task waits for its retry). Nothing was
 * accepted; the same update goes through once a worker runs the workflow again.
 */
const GRPC_WORKFLOW_NOT_READY = 9;
const WORKFLOW_NOT_READY_MESSAGE =
  /workflow task failure|workflow task in failed state|workflow is not ready|WorkflowNotReady/i;

/** Which dependency an error says is down, or null when it is an ordinary error. */
export function unavailableDependency(err: unknown): Dependency | null {
  for (let e: unknown = err, depth = 0; e && depth < 5; depth += 1) {
    if (e instanceof DependencyUnavailableException) return e.dependency;
    if (e instanceof WorkflowUpdateRPCTimeoutOrCancelledError) return 'worker';
    if (isGrpcServiceError(e)) {
      if (GRPC_UNAVAILABLE.has(e.code)) return 'temporal';
      if (
        e.code === GRPC_WORKFLOW_NOT_READY &&
        WORKFLOW_NOT_READY_MESSAGE.test(`${e.details} ${e.message}`)
      )
        return 'worker';
      return null;
    }
    if (e instanceof ServiceError && /Failed to connect|deadline/i.test(e.message))
      return 'temporal';
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && PG_UNAVAILABLE_CODES.has(code)) return 'database';
    const driverCode = (e as { driverError?: { code?: unknown } }).driverError?.code;
    if (typeof driverCode === 'string' && PG_UNAVAILABLE_CODES.has(driverCode)) return 'database';
    if (e instanceof Error && PG_UNAVAILABLE_MESSAGE.test(e.message)) return 'database';
    e = (e as { cause?: unknown }).cause ?? (e as { driverError?: unknown }).driverError;
  }
  return null;
}
