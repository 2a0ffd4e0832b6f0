import type { AggregateType, EventEnvelope } from '@hotline/contracts';
import { ActionRefused } from '@hotline/process';
import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  defineQuery,
  defineSignal,
  defineUpdate,
  log,
  setHandler,
} from '@temporalio/workflow';
import type {
  ActivityOptions,
  QueryDefinition,
  SignalDefinition,
  UpdateDefinition,
} from '@temporalio/common';
import { EventOutbox } from './event-outbox';

/** What every process's events look like to the loop: a type and its payload. */
export interface ProcessEvent {
  type: string;
  payload: object;
}

/** A command: an action by someone, named by its type. */
export interface ProcessCommand {
  type: string;
}

/** A timeline line as the state query shows it (refused signals included, with sequence 0). */
export interface TimelineLine<T extends string = string> {
  sequence: number;
  type: T | 'ActionRefused';
  at: string;
  detail: Record<string, unknown>;
}

/** What the loop needs of the state: the fired timers and the timeline it keeps. */
export interface ProcessState<E extends ProcessEvent> {
  firedTimers: string[];
  timeline: TimelineLine<E['type']>[];
}

export interface ProcessTimer {
  key: string;
  at: number;
}

/**
 * One process (an order, a whistle) as the loop runs it: the decider from @hotline/process and
 * the lookups (activities) it needs. Everything Temporal-specific stays in the loop.
 */
export interface Process<
  S extends ProcessState<E>,
  C extends ProcessCommand,
  E extends ProcessEvent,
  N,
  X extends object,
  T extends ProcessTimer,
> {
  aggregateType: AggregateType;
  aggregateId: string;
  /** Where the events go: the publishEvents activity. */
  events: { publishEvents(events: EventEnvelope[]): Promise<void> };
  /** The refusal a too-early action gets, before the process has started (registered, blown). */
  notReady(): ActionRefused;
  validate(state: S, cmd: C, now: number): void;
  needsFor(state: S, cmd: C): N;
  /**
   * Runs the lookups (activities) an action needs. `now` is the instant the action arrived;
   * undefined only on the legacy path of `nowAfterLookups`, where the lookup reads the clock itself.
   */
  lookUp(state: S, needs: N, now: number | undefined): Promise<X>;
  decide(state: S, cmd: C, ctx: X & { now: number }): E[];
  evolve(state: S, event: E, now: number): S;
  pendingTimers(state: S): T[];
  fireTimer(state: S, timer: T): E[];
  /** Child workflows an action's events start, before the events are recorded (so they exist). */
  startChildren?(state: S, cmd: C, events: E[]): Promise<void>;
  /** After each change: search attributes for the Temporal UI. */
  published?(state: S): void;
  /**
   * Which instant `decide` gets. The loop's one notion of `now` is the instant the action arrived
   * (deadlines count from then, not from when a lookup answered). A process that recorded
   * histories taking it after the lookups says so here, behind a patch, so those still replay.
   */
  nowAfterLookups?(): boolean;
}

/** How both workflows call their lookups: 30 s each, retried with backoff up to a minute apart. */
export const LOOKUP_OPTIONS: ActivityOptions = {
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', backoffCoefficient: 2 },
};

/**
 * A process's handles: its state query, and one signal and one update (`<action>Update`) per
 * action, named after it so the UI reads well.
 */
export function defineActions<C extends ProcessCommand, S>(
  queryName: string,
  types: readonly C['type'][],
) {
  type Type = C['type'];
  const query = defineQuery<S>(queryName);
  const signals = Object.fromEntries(
    types.map((type) => [type, defineSignal<[C]>(type)]),
  ) as Record<Type, SignalDefinition<[C]>>;
  const updates = Object.fromEntries(
    types.map((type) => [type, defineUpdate<S, [C]>(`${type}Update`)]),
  ) as Record<Type, UpdateDefinition<S, [C]>>;
  return { query, types, signals, updates };
}

/**
 * The engine both workflows share: handlers per action from a table, one action at a time (the
 * lock), validate → look up → decide → record in the EventOutbox, and the main loop that
 * publishes, waits for the next action or deadline and fires what came due.
 */
export class CommandLoop<
  S extends ProcessState<E>,
  C extends ProcessCommand,
  E extends ProcessEvent,
  N,
  X extends object,
  T extends ProcessTimer,
> {
  state: S;
  private ready = false;
  private busy = false;
  readonly outbox: EventOutbox;

  constructor(
    private readonly process: Process<S, C, E, N, X, T>,
    initial: S,
  ) {
    this.state = initial;
    this.outbox = new EventOutbox(process.aggregateType, process.aggregateId, (events) =>
      process.events.publishEvents(events),
    );
  }

  /**
   * Registers the query and every action's update and signal. Call before the first await, so a
   * query or an early action always finds them; actions are refused until `start()`.
   */
  register(actions: {
    query: QueryDefinition<S>;
    types: readonly C['type'][];
    signals: Record<C['type'], SignalDefinition<[C]>>;
    updates: Record<C['type'], UpdateDefinition<S, [C]>>;
  }): void {
    setHandler(actions.query, () => this.state);
    for (const type of actions.types) {
      const command = (cmd: C) => ({ ...cmd, type }) as C;
      const update: UpdateDefinition<S, [C]> = actions.updates[type as C['type']];
      const signal: SignalDefinition<[C]> = actions.signals[type as C['type']];
      setHandler(
        update,
        async (cmd: C) => {
          try {
            return await this.perform(command(cmd));
          } catch (err) {
            throw asFailure(err);
          }
        },
        {
          validator: (cmd: C) => {
            try {
              this.validateNow(command(cmd));
            } catch (err) {
              throw asFailure(err); // keeps the refusal's code (forbidden, wrong_state…) for the API
            }
          },
        },
      );
      setHandler(signal, async (cmd: C) => {
        try {
          await this.perform(command(cmd));
        } catch (err) {
          if (!isRefusal(err)) throw err;
          // A refused signal changes nothing but is kept on the timeline, with its reason.
          log.warn(`${this.process.aggregateType} action refused`, {
            [`${this.process.aggregateType}Id`]: this.process.aggregateId,
            action: type,
            reason: err.message,
          });
          this.state.timeline = [
            ...this.state.timeline,
            {
              sequence: 0,
              type: 'ActionRefused',
              at: new Date().toISOString(),
              detail: { action: type, code: err.code, reason: err.message },
            },
          ];
        }
      });
    }
  }

  /** Actions are taken from now on. */
  start(): void {
    this.ready = true;
  }

  /** Applies events to the state and records them in the outbox, in order. */
  emit(events: E[]): void {
    for (const event of events) {
      this.state = this.process.evolve(this.state, event, Date.now());
      const payload = event.payload as Record<string, unknown>;
      const envelope = this.outbox.record(event.type, payload);
      this.state.timeline = [
        ...this.state.timeline,
        { sequence: envelope.sequence, type: event.type, at: envelope.occurredAt, detail: payload },
      ];
    }
    this.process.published?.(this.state);
  }

  /** Runs `work` alone: no action, timer or other exclusive work runs meanwhile (the lock). */
  async exclusive<R>(work: () => Promise<R>, options: { once?: 'ready' } = {}): Promise<R> {
    await condition(() => (options.once !== 'ready' || this.ready) && !this.busy);
    this.busy = true;
    try {
      return await work();
    } finally {
      this.busy = false;
    }
  }

  /** One action: validate, look up what it needs, decide, record; answers once published. */
  private perform(cmd: C): Promise<S> {
    return this.exclusive(async () => {
      this.validateNow(cmd);
      // The action happens when it arrives: its deadlines count from then, not from the lookups.
      const legacy = this.process.nowAfterLookups?.() ?? false;
      const arrived = legacy ? undefined : Date.now();
      const needs = this.process.needsFor(this.state, cmd);
      const looked = await this.process.lookUp(this.state, needs, arrived);
      this.validateNow(cmd); // the state may have moved while we looked things up
      const events = this.process.decide(this.state, cmd, {
        ...looked,
        now: arrived ?? Date.now(),
      });
      await this.process.startChildren?.(this.state, cmd, events);
      this.emit(events);
      // Answer once the action's events are on the stream: what the caller reads next includes them.
      await this.outbox.settled();
      return this.state;
    });
  }

  private validateNow(cmd: C): void {
    if (!this.ready) throw this.process.notReady();
    this.process.validate(this.state, cmd, Date.now());
  }

  /**
   * The main loop: publish, wait for the next action or deadline, fire what came due; until done.
   * `afterPublish` runs after each publish (e.g. telling linked orders), `dueWork` runs work that
   * is due now and returns true if it did any; `wakeAt` overrides the next timer's instant.
   */
  async run(hooks: {
    done(state: S): boolean;
    afterPublish?(state: S): Promise<void>;
    dueWork?(state: S, now: number): Promise<boolean>;
    wakeAt?(state: S): number | undefined;
  }): Promise<S> {
    for (;;) {
      await this.outbox.flush();
      await hooks.afterPublish?.(this.state);
      if (hooks.done(this.state)) break;
      if (await hooks.dueWork?.(this.state, Date.now())) continue;
      const wakeAt = hooks.wakeAt
        ? hooks.wakeAt(this.state)
        : this.process.pendingTimers(this.state)[0]?.at;
      const wake = () => this.outbox.hasPending;
      // condition() without a timeout resolves to void: only the timed form can report a timeout.
      const woken =
        wakeAt === undefined
          ? (await condition(wake), true)
          : await condition(wake, Math.max(0, wakeAt - Date.now()));
      if (woken) continue;
      // A deadline came due. Let an action that is half-way (waiting on a lookup) finish first.
      await condition(() => !this.busy);
      for (const timer of this.process
        .pendingTimers(this.state)
        .filter((t) => t.at <= Date.now())) {
        this.state = { ...this.state, firedTimers: [...this.state.firedTimers, timer.key] };
        this.emit(this.process.fireTimer(this.state, timer));
      }
    }
    await condition(allHandlersFinished);
    await this.outbox.flush();
    return this.state;
  }
}

function isRefusal(err: unknown): err is ActionRefused {
  return err instanceof ActionRefused;
}

function asFailure(err: unknown): unknown {
  if (!isRefusal(err)) return err;
  return ApplicationFailure.create({
    type: err.name,
    message: err.message,
    details: [err.code],
    nonRetryable: true,
  });
}
