/**
 * The order's process (工单, docs/domain.md "The order's process") as pure functions, the decider
 * pattern: `validate` says whether an action may happen now, `needsFor` which lookups it needs,
 * `decide` turns it into events, `evolve` applies an event to the state, and
 * `pendingTimers`/`fireTimer` turn the deadlines into reminders, breaches and escalations.
 * No Temporal API here: the workflow supplies time and the results of lookups (activities).
 */
export * from './model';
export { validate } from './validate';
export { needsFor, decide, type DecisionNeeds, type DecisionContext } from './decide';
export { decideIntake, dispatchFromRouting } from './intake';
export { evolve, initialState } from './evolve';
export { decideWhistleConclusion, whistleIdFor, whistleInputFor } from './whistle-link';
export { pendingTimers, nextDeadline, fireTimer, type OrderTimer } from './timers';

import { decide, needsFor } from './decide';
import { evolve } from './evolve';
import { fireTimer, pendingTimers } from './timers';
import { validate } from './validate';

/** The order's decider as one value, as the workflow's command loop runs it. */
export const decider = { validate, needsFor, decide, evolve, pendingTimers, fireTimer };
