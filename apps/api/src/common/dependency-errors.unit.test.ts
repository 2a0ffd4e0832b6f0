import { ServiceError } from '@temporalio/client';
import { QueryFailedError } from 'typeorm';
import { DependencyUnavailableException, unavailableDependency } from './dependency-errors';

describe('unavailableDependency', () => {
  it('names PostgreSQL for connection failures, however they are wrapped', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:55432'), {
      code: 'ECONNREFUSED',
    });
    expect(unavailableDependency(refused)).toBe('database');
    expect(unavailableDependency(new Error('Connection terminated unexpectedly'))).toBe('database');
    expect(unavailableDependency(new Error('timeout exceeded when trying to connect'))).toBe(
      'database',
    );
    const shutdown = Object.assign(
      new Error('terminating connection due to administrator command'),
      {
        code: '57P01',
      },
    );
    expect(unavailableDependency(new QueryFailedError('SELECT 1', [], shutdown))).toBe('database');
  });

  it('names Temporal for gRPC UNAVAILABLE and deadlines, and leaves ordinary errors alone', () => {
    const grpc = Object.assign(new Error('14 UNAVAILABLE: No connection established'), {
      code: 14,
      details: 'No connection established',
      metadata: { get: () => [] },
    });
    expect(unavailableDependency(grpc)).toBe('temporal');
    expect(unavailableDependency(new DependencyUnavailableException('worker', 5))).toBe('worker');
    const syntax = Object.assign(new Error('syntax error at or near "SELEC"'), { code: '42601' });
    expect(unavailableDependency(new QueryFailedError('SELEC 1', [], syntax))).toBeNull();
    expect(unavailableDependency(new TypeError('x is undefined'))).toBeNull();
  });

  it('names the worker when an update failed because its workflow task failed or timed out', () => {
    // What the fault suite met after a worker restart under load: the client's ServiceError
    // around FAILED_PRECONDITION (WorkflowNotReady). It was a 500; it is a 503 to retry.
    const details =
      'Unable to perform workflow execution update due to unexpected workflow task failure.';
    const notReady = Object.assign(new Error(`9 FAILED_PRECONDITION: ${details}`), {
      code: 9,
      details,
      metadata: { get: () => [] },
    });
    expect(
      unavailableDependency(new ServiceError('Workflow Update failed', { cause: notReady })),
    ).toBe('worker');
    // The same while the failed (timed-out) task waits for its retry: the fault suite's worker
    // and projector rows met it on a loaded machine (workflow tasks over 5 s), as 32 500s.
    const failedState =
      'Unable to perform workflow execution update due to Workflow Task in failed state.';
    const inFailedState = Object.assign(new Error(`9 FAILED_PRECONDITION: ${failedState}`), {
      code: 9,
      details: failedState,
      metadata: { get: () => [] },
    });
    expect(
      unavailableDependency(new ServiceError('Workflow Update failed', { cause: inFailedState })),
    ).toBe('worker');
    // Another failed precondition (a real refusal) stays an ordinary error.
    const other = Object.assign(new Error('9 FAILED_PRECONDITION: namespace is not active'), {
      code: 9,
      details: 'namespace is not active',
      metadata: { get: () => [] },
    });
    expect(
      unavailableDependency(new ServiceError('Workflow Update failed', { cause: other })),
    ).toBeNull();
  });
});
