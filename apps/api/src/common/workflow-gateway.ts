import { Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import {
  type Client,
  type WorkflowExecutionDescription,
  WorkflowNotFoundError,
  type WorkflowStartOptions,
} from '@temporalio/client';
import { type ActionResult, isActionAnswer } from '@hotline/workflows';
import { type Settings } from '../infrastructure/settings';
import { TEMPORAL_CLIENT } from '../tokens';
import {
  type Dependency,
  DependencyUnavailableException,
  unavailableDependency,
} from './dependency-errors';
import { PendingStarts } from './pending-starts';

/**
 * Every call the API makes to Temporal, each with a time limit. Without one, an update waits as
 * long as the workflow takes — for ever while the worker is down (and, in workflows started
 * before updates answered on record, while Kafka is) — and the client's request hangs. Past the
 * limit the call is cancelled (gRPC deadline and AbortSignal) and the caller gets a 503 with
 * Retry-After.
 *
 * An order is answered once its intake row is committed, and its workflow started right after
 * (PendingStarts): a call on a workflow first waits, within its time limit, for a start pending
 * here; a workflow Temporal does not know but intake accepted is started, then asked again.
 */
@Injectable()
export class WorkflowGateway {
  private readonly timeouts: { action: number; call: number; retryAfter: number };

  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly client: Client,
    config: ConfigService<Settings, true>,
    private readonly starts: PendingStarts,
  ) {
    const p = config.get('platform', { infer: true });
    this.timeouts = {
      action: p.actionTimeoutMs,
      call: p.temporalCallTimeoutMs,
      retryAfter: p.retryAfterSeconds,
    };
  }

  get retryAfterSeconds(): number {
    return this.timeouts.retryAfter;
  }

  /**
   * An action: sends `<name>Update` and answers the aggregate's state after it, or throws the
   * refusal. Workflows answer an update once its events are recorded, with a slim answer
   * (sequence, status; not the whole state, which would go into the history each time): the
   * state is then read by `stateQuery` (a query enters no history). Workflows started before
   * the change answer the whole state, taken as is.
   */
  async act<S>(workflowId: string, name: string, arg: unknown, stateQuery: string): Promise<S> {
    const result = await this.update<ActionResult<S>>(workflowId, name, arg);
    if (!isActionAnswer(result)) return result;
    return this.query<S>(workflowId, stateQuery);
  }

  /** Sends `<name>Update` and waits for its answer (a slim answer or a state, or a refusal). */
  update<T>(workflowId: string, name: string, arg: unknown): Promise<T> {
    return this.onStarted(workflowId, this.timeouts.action, 'worker', () =>
      this.client.workflow.getHandle(workflowId).executeUpdate<T, [unknown]>(`${name}Update`, {
        args: [arg],
      }),
    );
  }

  query<T>(workflowId: string, name: string): Promise<T> {
    return this.onStarted(workflowId, this.timeouts.call, 'worker', () =>
      this.client.workflow.getHandle(workflowId).query<T>(name),
    );
  }

  start(workflowType: string, options: WorkflowStartOptions): Promise<unknown> {
    return this.bounded(this.timeouts.call, 'temporal', () =>
      this.client.workflow.start(workflowType, options),
    );
  }

  describe(workflowId: string): Promise<WorkflowExecutionDescription> {
    return this.onStarted(workflowId, this.timeouts.call, 'temporal', () =>
      this.client.workflow.getHandle(workflowId).describe(),
    );
  }

  /**
   * `fn` on a workflow once its pending start (if any) is done; a workflow Temporal does not
   * know that intake accepted is started and `fn` tried once more — all within the one limit.
   */
  private onStarted<T>(
    workflowId: string,
    ms: number,
    onTimeout: Dependency,
    fn: () => Promise<T>,
  ): Promise<T> {
    return this.bounded(ms, onTimeout, async () => {
      await this.starts.settled(workflowId);
      try {
        return await fn();
      } catch (err) {
        if (err instanceof WorkflowNotFoundError && (await this.starts.recover(workflowId))) {
          await this.starts.settled(workflowId);
          return fn();
        }
        throw err;
      }
    });
  }

  /**
   * Runs `fn` with a deadline; a timeout or an unreachable server becomes a 503. Other errors
   * (a refusal, no such workflow) pass unchanged.
   */
  private async bounded<T>(ms: number, onTimeout: Dependency, fn: () => Promise<T>): Promise<T> {
    const abort = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        abort.abort();
        reject(new DependencyUnavailableException(onTimeout, this.timeouts.retryAfter));
      }, ms);
    });
    try {
      return await Promise.race([
        this.client.withDeadline(Date.now() + ms, () =>
          this.client.withAbortSignal(abort.signal, fn),
        ),
        expired,
      ]);
    } catch (err) {
      const down = unavailableDependency(err);
      if (down && !(err instanceof DependencyUnavailableException))
        throw new DependencyUnavailableException(
          down === 'temporal' && onTimeout === 'worker' && abort.signal.aborted ? 'worker' : down,
          this.timeouts.retryAfter,
        );
      throw err;
    } finally {
      clearTimeout(timer);
      expired.catch(() => undefined);
    }
  }
}
