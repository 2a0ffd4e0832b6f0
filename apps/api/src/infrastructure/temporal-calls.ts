import {
  InterceptingCall,
  type Interceptor,
  type InterceptorOptions,
  ListenerBuilder,
  type NextCall,
  RequesterBuilder,
  status,
} from '@grpc/grpc-js';
import {
  type Connection,
  defaultGrpcRetryOptions,
  type GrpcRetryOptions,
  makeGrpcRetryInterceptor,
} from '@temporalio/client';

/**
 * Every call the API makes to Temporal, so that the connection is closed under none of them.
 *
 * Why: the SDK's gRPC retry interceptor (@temporalio/client 1.24, lib/grpc-retry.js) retries a
 * failed call (UNAVAILABLE, RESOURCE_EXHAUSTED…) up to 10 times, each after a `setTimeout` of up
 * to 5 s plus 20 % jitter; when that timer fires it opens the next attempt on the channel, and on
 * a closed channel that throws "Channel has been shut down" out of the timer: an uncaught
 * exception, after the caller may long have had its answer. Neither an AbortSignal
 * (`withAbortSignal`) nor a deadline (`withDeadline`) clears that timer: the abort cancels the
 * call the interceptor was built on (its first attempt), and the deadline only fails the attempt
 * the timer opens.
 *
 * So each call passes two counting interceptors around the SDK's retry interceptor, whose retry
 * decision becomes "no" once closing. The outer one sees a call from its start to its final
 * answer and, once closing, lets no new call reach the server (it fails at once with
 * DEADLINE_EXCEEDED, which is not retried: the caller answers 503). The inner one sees every
 * attempt, which tells how many retries still wait for their timer. `close()` cancels the calls
 * in flight, waits until no retry timer is left (at most one interval) and no attempt is open,
 * and only then closes the connection.
 */
export class TemporalCalls {
  private closing = false;
  /** Calls started and not yet answered (the outer interceptor). */
  private readonly calls = new Set<InterceptingCall>();
  private callsMade = 0;
  /** Attempts made (the first of each call and every retry) and still open. */
  private attemptsMade = 0;
  private attemptsOpen = 0;
  /** Retries the SDK's interceptor scheduled (a timer each). */
  private retriesScheduled = 0;

  constructor(private readonly retry: GrpcRetryOptions = defaultGrpcRetryOptions()) {}

  /** For `Connection.connect({ interceptors })`: in place of the SDK's default retry interceptor. */
  interceptors(): Interceptor[] {
    return [
      (options, nextCall) => this.call(options, nextCall),
      makeGrpcRetryInterceptor({
        retryableDecider: (attempt, status) =>
          !this.closing && this.retry.retryableDecider(attempt, status),
        delayFunction: (attempt, status) => {
          this.retriesScheduled += 1;
          return this.retry.delayFunction(attempt, status);
        },
      }),
      (options, nextCall) => this.attempt(options, nextCall),
    ];
  }

  /** Retries scheduled whose timer has not yet opened their attempt. */
  get retriesWaiting(): number {
    return this.retriesScheduled - (this.attemptsMade - this.callsMade);
  }

  /** Calls not yet answered. */
  get inFlight(): number {
    return this.calls.size;
  }

  /**
   * Stops new calls, cancels those in flight, waits for every retry timer to have fired and (up
   * to `graceMs`) for every attempt to end, then closes the connection.
   */
  async close(connection: Connection, graceMs: number): Promise<void> {
    this.closing = true;
    for (const call of this.calls) call.cancelWithStatus(status.CANCELLED, 'the API is stopping');
    const cutAt = Date.now() + graceMs;
    const busy = () =>
      this.retriesWaiting > 0 ||
      (Date.now() < cutAt && (this.attemptsOpen > 0 || this.calls.size > 0));
    while (busy()) await new Promise((resolve) => setTimeout(resolve, 20));
    // An attempt still open now ends with the channel (CANCELLED or UNAVAILABLE) and, closing,
    // is not retried: its caller gets the error, nothing is thrown from a timer.
    await connection.close();
  }

  private call(options: InterceptorOptions, nextCall: NextCall): InterceptingCall {
    // Closing: the call fails at once (DEADLINE_EXCEEDED is not retried), never reaching Temporal.
    const next = nextCall(this.closing ? { ...options, deadline: new Date(0) } : options);
    this.callsMade += 1; // once its first attempt exists (`nextCall` made it)
    const call: InterceptingCall = new InterceptingCall(
      next,
      new RequesterBuilder()
        .withStart((metadata, _listener, start) => {
          this.calls.add(call);
          start(
            metadata,
            new ListenerBuilder()
              .withOnReceiveStatus((status, onStatus) => {
                this.calls.delete(call);
                onStatus(status);
              })
              .build(),
          );
        })
        .build(),
    );
    return call;
  }

  private attempt(options: InterceptorOptions, nextCall: NextCall): InterceptingCall {
    this.attemptsMade += 1;
    let open = false;
    return new InterceptingCall(
      nextCall(options),
      new RequesterBuilder()
        .withStart((metadata, _listener, start) => {
          open = true;
          this.attemptsOpen += 1;
          start(
            metadata,
            new ListenerBuilder()
              .withOnReceiveStatus((status, onStatus) => {
                if (open) this.attemptsOpen -= 1;
                open = false;
                onStatus(status);
              })
              .build(),
          );
        })
        .build(),
    );
  }
}
