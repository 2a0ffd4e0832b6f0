import { ActionRefused, type RefusalCode } from '../shared/refusal';

/** What a decider is to its specs: the pure functions the workflow's command loop runs. */
export interface SpecDecider<S, C, E, X> {
  initialState(): S;
  evolve(state: S, event: E, now: number): S;
  validate(state: S, cmd: C, now: number): void;
  decide(state: S, cmd: C, ctx: X & { now: number }): E[];
}

/**
 * Given/When/Then for deciders (after oskardudycz/EventSourcing.NodeJS's DeciderSpecification):
 * Given the events so far, When an action arrives (with what its lookups answered), Then these
 * events, or Then refused with this code. `validate` runs before `decide`, as in the workflow.
 *
 * ```ts
 * spec.given(received, dispatched).when(acknowledge, { now, deadlines }).then(acknowledged);
 * spec.given(received).when(acknowledge).thenRefused('wrong_state', /dispatched/);
 * ```
 */
export function deciderSpec<S, C, E, X>(decider: SpecDecider<S, C, E, X>, defaultNow: number) {
  return {
    given(...events: E[]) {
      const state = () =>
        events.reduce((s, e) => decider.evolve(s, e, defaultNow), decider.initialState());
      return {
        /** The state the events lead to (for a Then on the state rather than the events). */
        state,
        when(cmd: C, ctx: Partial<X> & { now?: number } = {}) {
          const now = ctx.now ?? defaultNow;
          const run = (): E[] => {
            const s = state();
            decider.validate(s, cmd, now);
            return decider.decide(s, cmd, { ...ctx, now } as X & { now: number });
          };
          return {
            then(expected: E[] | ((events: E[]) => void)): void {
              const events = run();
              if (typeof expected === 'function') expected(events);
              else expect(events).toEqual(expected);
            },
            /** The events' types only, in order. */
            thenTypes(...types: string[]): void {
              expect(run().map((e) => (e as { type: string }).type)).toEqual(types);
            },
            thenRefused(code: RefusalCode, message?: RegExp): void {
              let refused: unknown;
              try {
                run();
              } catch (err) {
                refused = err;
              }
              if (!(refused instanceof ActionRefused))
                throw new Error(`expected a refusal (${code}), got ${String(refused ?? 'events')}`);
              expect(refused.code).toBe(code);
              if (message) expect(refused.message).toMatch(message);
            },
          };
        },
      };
    },
  };
}
