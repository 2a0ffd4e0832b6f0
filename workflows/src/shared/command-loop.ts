import type { AggregateType, EventEnvelope } from '@hotline/contracts';
import { type ActionAnswer, type ActionResult, ActionRefused } from '@hotline/process';
import {
  ApplicationFailure,
  allHandlersFinished,
  CancellationScope,
  condition,
  currentUpdateInfo,
  defineQuery,
  defineSignal,
  defineUpdate,
  log,
  patched,
  setHandler,
  sleep,
  TemporalFailure,
  workflowInfo,
} from '@temporalio/workflow';
import type {
  ActivityOptions,
  LocalActivityOptions,
  QueryDefinition,
  SignalDefinition,
  UpdateDefinition,
} from '@temporalio/common';
import { EventOutbox, type OutboxSnapshot } from './event-outbox';

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

export { type ActionAnswer, type ActionResult, isActionAnswer } from '@hotline/process';

/**
 * What a run hands on when it continues as new: the state, the outbox (numbering and unpublished
 * events), the answers of the last updates by id (so an update retried across the runs is
 * answered, not done twice), and whatever the workflow keeps of its own (`extra`). Timers and
 * deadlines live in the state (pendingTimers derives them), so they carry over with it.
 */
export interface LoopCarry<S> {
  state: S;
  outbox: OutboxSnapshot;
  answers: [string, ActionAnswer][];
  extra?: Record<string, unknown>;
}

/**
 * How the loop behaves, decided once per workflow (patched) so recorded histories replay: runs
 * recorded before each change keep the old behaviour, new and continued runs get the new one.
 */
export interface LoopFeatures {
  /** An action answers once its events are recorded; a publisher publishes them meanwhile. */
  answerOnRecord: boolean;
  /** Updates answer an ActionAnswer, not the whole state. */
  slimAnswers: boolean;
  /** Long runs continue as new (run hooks `continueAsNew`). */
  continueAsNew: boolean;
  /** One deadline timer, restarted only when the earliest deadline changes. */
  oneTimer: boolean;
}

/** The patch ids of LoopFeatures (each its own, so each change can be told apart in a history). */
export const LOOP_PATCHES = {
  answerOnRecord: 'loop-answer-on-record',
  slimAnswers: 'loop-slim-update-results',
  continueAsNew: 'loop-continue-as-new',
  oneTimer: 'loop-one-deadline-timer',
} as const;

/** Every LoopFeature on. */
export const ALL_LOOP_FEATURES: LoopFeatures = {
  answerOnRecord: true,
  slimAnswers: true,
  continueAsNew: true,
  oneTimer: true,
};

/** Events in one run's history past which a long-running process continues as new. */
export const CONTINUE_AS_NEW_AFTER_EVENTS = 2_000;

/** How both workflows call their lookups: 30 s each, retried with backoff up to a minute apart. */
export const LOOKUP_OPTIONS: ActivityOptions = {
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', backoffCoefficient: 2 },
};

/** The same lookups as local activities: pure reads of versioned reference data in the worker. */
export const LOCAL_LOOKUP_OPTIONS: LocalActivityOptions = {
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', backoffCoefficient: 2 },
};

/**
 * Publishing by a local activity: one attempt each (no retry inside the activity), so that a
 * failed attempt frees the lane at once; `publishInLane` waits for the next on a workflow timer.
 */
export const LOCAL_PUBLISH_OPTIONS: LocalActivityOptions = {
  startToCloseTimeout: '30 seconds',
  retry: { maximumAttempts: 1 },
};

/**
 * One lane for a workflow's local activities: never two in flight at once, each started in the
 * order asked. On a first run, local activities in flight together resolve in the order they
 * complete (wall clock); on replay they resolve from their markers, so the code after them could
 * issue its commands in another order and fail to replay (nondeterminism). One at a time, the
 * order is the same both ways. Free: `run` starts the work at once (no extra await).
 */
export class LocalLane {
  private busy = false;
  private readonly waiting: (() => void)[] = [];

  async run<R>(work: () => Promise<R>): Promise<R> {
    if (this.busy) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.busy = true;
    try {
      return await work();
    } finally {
      // Handed to the next in line (busy stays set), or freed.
      const next = this.waiting.shift();
      if (next) next();
      else this.busy = false;
    }
  }
}

/** The same proxy of local activities, every call taken through the lane. */
export function inLane<A extends object>(lane: LocalLane, activities: A): A {
  return new Proxy(activities, {
    get(target, name, receiver) {
      const fn = Reflect.get(target, name, receiver) as unknown;
      if (typeof fn !== 'function') return fn;
      return (...args: unknown[]) =>
        lane.run(() => (fn as (...a: unknown[]) => Promise<unknown>)(...args));
    },
  });
}

/**
 * Events published by a local activity through the lane: no activity task and no workflow task of
 * its own. A failed attempt (Kafka down) frees the lane and the next one waits on a workflow
 * timer (1 s, doubling, at most a minute apart), so lookups, actions and deadlines go on
 * meanwhile; the outbox takes the next batch only once this one is on the stream (at least once,
 * in order; the projector drops what it has seen).
 */
export function publishInLane(
  lane: LocalLane,
  local: { publishEvents(events: EventEnvelope[]): Promise<void> },
): { publishEvents(events: EventEnvelope[]): Promise<void> } {
  return {
    async publishEvents(events) {
      for (let attempt = 1; ; attempt++) {
        try {
          return await lane.run(() => local.publishEvents(events));
        } catch (err) {
          // A failed attempt (the activity's error, or its timeout) comes back as a TemporalFailure.
          if (!(err instanceof TemporalFailure)) throw err;
          const waitMs = Math.min(60_000, 1_000 * 2 ** Math.min(attempt - 1, 6));
          log.warn('publishing failed, trying again', {
            aggregateId: events[0]?.aggregateId,
            attempt,
            waitMs,
            reason: err.cause?.message ?? err.message,
          });
          await sleep(waitMs);
        }
      }
    },
  };
}

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
    types.map((type) => [type, defineUpdate<ActionResult<S>, [C]>(`${type}Update`)]),
  ) as Record<Type, UpdateDefinition<ActionResult<S>, [C]>>;
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
  /** Decided once, at the workflow's start (see LoopFeatures). */
  readonly features: LoopFeatures;
  /** Counts recorded changes: the main loop wakes when it moves. */
  private version = 0;
  private publisherStarted = false;
  private publishing = false;
  private holdPublishing = false;
  private afterPublish?: (state: S) => Promise<void>;
  private timer?: { at: number; fired: boolean; scope: CancellationScope };
  /** The answers of the last updates, by update id (carried across continue-as-new). */
  private readonly answers = new Map<string, ActionAnswer>();

  /**
   * `carried`: what the previous run handed on (continue-as-new); the loop then takes actions at
   * once, with the state, numbering and unpublished events it had.
   */
  constructor(
    private readonly process: Process<S, C, E, N, X, T>,
    initial: S,
    carried?: LoopCarry<S>,
    /** Every feature on, without asking each patch (a workflow that decided so by a patch of its own). */
    features?: LoopFeatures,
  ) {
    this.features = features ?? {
      answerOnRecord: patched(LOOP_PATCHES.answerOnRecord),
      slimAnswers: patched(LOOP_PATCHES.slimAnswers),
      continueAsNew: patched(LOOP_PATCHES.continueAsNew),
      oneTimer: patched(LOOP_PATCHES.oneTimer),
    };
    this.state = carried?.state ?? initial;
    this.outbox = new EventOutbox(
      process.aggregateType,
      process.aggregateId,
      (events) => process.events.publishEvents(events),
      carried?.outbox,
    );
    for (const [id, answer] of carried?.answers ?? []) this.answers.set(id, answer);
    if (carried) this.ready = true;
  }

  /**
   * Registers the query and every action's update and signal. Call before the first await, so a
   * query or an early action always finds them; actions are refused until `start()`.
   */
  register(actions: {
    query: QueryDefinition<S>;
    types: readonly C['type'][];
    signals: Record<C['type'], SignalDefinition<[C]>>;
    updates: Record<C['type'], UpdateDefinition<ActionResult<S>, [C]>>;
  }): void {
    setHandler(actions.query, () => this.state);
    for (const type of actions.types) {
      const command = (cmd: C) => ({ ...cmd, type }) as C;
      const update: UpdateDefinition<ActionResult<S>, [C]> = actions.updates[type as C['type']];
      const signal: SignalDefinition<[C]> = actions.signals[type as C['type']];
      setHandler(
        update,
        async (cmd: C): Promise<ActionResult<S>> => {
          const id = currentUpdateInfo()?.id;
          const known = id === undefined ? undefined : this.answers.get(id);
          if (known) return known; // the same update again (e.g. retried across continue-as-new)
          try {
            const state = await this.perform(command(cmd));
            if (!this.features.slimAnswers) return state;
            const answer = this.answer();
            if (id !== undefined && this.features.continueAsNew) this.remember(id, answer);
            return answer;
          } catch (err) {
            throw asFailure(err);
          }
        },
        {
          validator: (cmd: C) => {
            const id = currentUpdateInfo()?.id;
            if (id !== undefined && this.answers.has(id)) return;
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

  /** What an update answers (slim): the last sequence and the status. */
  answer(): ActionAnswer {
    const status = (this.state as { status?: unknown }).status;
    return {
      sequence: this.outbox.lastSequence,
      ...(typeof status === 'string' ? { status } : {}),
    };
  }

  private remember(id: string, answer: ActionAnswer): void {
    this.answers.set(id, answer);
    if (this.answers.size > 100) this.answers.delete(this.answers.keys().next().value!);
  }

  /** Applies events to the state and records them in the outbox, in order. */
  emit(events: E[]): void {
    if (events.length > 0) this.version += 1;
    if (this.features.answerOnRecord && events.length > 0) this.startPublisher();
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

  /**
   * One action: validate, look up what it needs, decide, record. Answers once its events are
   * recorded in the workflow's state (durable with the workflow task that answers), while the
   * publisher takes them to the stream; in runs recorded before, once they were published.
   */
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
      // Runs recorded before answered once the events were on the stream, so an action waited
      // for Kafka (and hung while it was down).
      if (!this.features.answerOnRecord) await this.outbox.settled();
      return this.state;
    });
  }

  private async runRecorded(hooks: RunHooks<S>): Promise<S> {
    this.afterPublish = hooks.afterPublish;
    this.startPublisher();
    for (;;) {
      if (hooks.done(this.state)) break;
      if (await hooks.dueWork?.(this.state, Date.now())) continue;
      if (this.features.continueAsNew && hooks.continueAsNew && this.historyIsLong(hooks)) {
        // Drain: no new batch is taken, the batch on its way and every handler finish first,
        // so nothing is published twice and no accepted action is cut short.
        this.holdPublishing = true;
        await condition(() => !this.publishing && !this.busy && allHandlersFinished());
        this.cancelTimer();
        return hooks.continueAsNew.continueWith(this.carry());
      }
      const wakeAt = hooks.wakeAt
        ? hooks.wakeAt(this.state)
        : this.process.pendingTimers(this.state)[0]?.at;
      const seen = this.version;
      let due: boolean;
      if (this.features.oneTimer) {
        const timer = this.armTimer(wakeAt);
        await condition(() => this.version !== seen || timer?.fired === true);
        due = timer?.fired === true;
      } else if (wakeAt === undefined) {
        await condition(() => this.version !== seen);
        due = false;
      } else {
        due = !(await condition(() => this.version !== seen, Math.max(0, wakeAt - Date.now())));
      }
      if (!due) continue;
      // A deadline came due: fire what is due, alone (an action half-way finishes first).
      await this.exclusive(async () => {
        for (const timer of this.process
          .pendingTimers(this.state)
          .filter((t) => t.at <= Date.now())) {
          this.state = { ...this.state, firedTimers: [...this.state.firedTimers, timer.key] };
          this.emit(this.process.fireTimer(this.state, timer));
        }
      });
    }
    this.cancelTimer();
    await condition(allHandlersFinished);
    // Everything recorded is published before the workflow completes (it waits while Kafka is down).
    await condition(() => !this.outbox.hasPending && !this.publishing);
    return this.state;
  }

  private historyIsLong(hooks: RunHooks<S>): boolean {
    const info = workflowInfo();
    const limit = hooks.continueAsNew?.afterEvents ?? CONTINUE_AS_NEW_AFTER_EVENTS;
    return info.continueAsNewSuggested || info.historyLength >= limit;
  }

  /** What a continued run needs (see LoopCarry). */
  carry(): LoopCarry<S> {
    return { state: this.state, outbox: this.outbox.snapshot(), answers: [...this.answers] };
  }

  /** Publishes the outbox in order, batch after batch, alongside the main loop. */
  private startPublisher(): void {
    if (this.publisherStarted) return;
    this.publisherStarted = true;
    void (async () => {
      for (;;) {
        await condition(() => this.outbox.hasPending && !this.holdPublishing);
        this.publishing = true;
        try {
          while (!this.holdPublishing && (await this.outbox.publishNext()));
          await this.afterPublish?.(this.state);
        } finally {
          this.publishing = false;
        }
      }
    })();
  }

  /** The one deadline timer: kept while the earliest deadline stays, restarted when it moves. */
  private armTimer(at: number | undefined) {
    const current = this.timer;
    if (current && current.at === at && !current.fired) return current;
    this.cancelTimer();
    if (at === undefined) return undefined;
    const timer = { at, fired: false, scope: new CancellationScope() };
    this.timer = timer;
    timer.scope
      .run(() => sleep(Math.max(1, at - Date.now())))
      .then(
        () => {
          timer.fired = true;
        },
        () => undefined, // cancelled: the earliest deadline moved
      );
    return timer;
  }

  private cancelTimer(): void {
    const current = this.timer;
    this.timer = undefined;
    if (current && !current.fired) current.scope.cancel();
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
  async run(hooks: RunHooks<S>): Promise<S> {
    if (this.features.answerOnRecord) return this.runRecorded(hooks);
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

/**
 * The main loop of runs that answer on record: a publisher publishes the outbox meanwhile (so a
 * deadline still fires while Kafka is down, and its events wait in the outbox in order), the
 * loop only waits for the next change or deadline; past `continueAsNew.afterEvents` (or when
 * Temporal suggests it) the run hands everything on to a new run.
 */
export interface RunHooks<S> {
  done(state: S): boolean;
  /** After each publish (e.g. telling linked orders once an outcome is on the stream). */
  afterPublish?(state: S): Promise<void>;
  /** Work due now (not a timer of the process); true if it did any. */
  dueWork?(state: S, now: number): Promise<boolean>;
  /** Overrides the next timer's instant. */
  wakeAt?(state: S): number | undefined;
  /**
   * Continue-as-new for long-running processes: `continueWith` calls the workflow's
   * continueAsNew with its input and the carry (it never returns). Runs recorded before the
   * change never continue.
   */
  continueAsNew?: {
    /** History events past which the run continues (Temporal's suggestion counts too). */
    afterEvents?: number;
    continueWith(carry: LoopCarry<S>): Promise<never>;
  };
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
