/**
 * The whistle's process (街乡吹哨、部门报到, docs/domain.md "Whistle dispatch") as pure functions, in
 * the order decider's shape: `validate`, `needsFor`, `decide`, `evolve`, and
 * `pendingTimers`/`fireTimer` for misses, urges (催办) and escalations (督办); the two-way
 * evaluation (双向评价) in evaluation.ts. No Temporal API: the workflow supplies time and lookups.
 */
export * from './model';
export { initialState, evolve } from './evolve';
export { scopeRequest, decideBlow, type BlowContext } from './blow';
export { validate } from './validate';
export {
  needsFor,
  decide,
  districtWhistleIdOf,
  districtWhistleInput,
  type WhistleNeeds,
  type WhistleDecisionContext,
} from './decide';
export { conclusionOf, memoSummary } from './linked-orders';
export {
  pendingTimers,
  fireTimer,
  nextDeadline,
  departmentsPending,
  type WhistleTimer,
} from './timers';
export {
  participationOf,
  allRatingsIn,
  evaluationDue,
  scoringRecords,
  decideEvaluation,
} from './evaluation';

import { decide, needsFor } from './decide';
import { evolve } from './evolve';
import { fireTimer, pendingTimers } from './timers';
import { validate } from './validate';

/** The whistle's decider as one value, as the workflow's command loop runs it. */
export const decider = { validate, needsFor, decide, evolve, pendingTimers, fireTimer };
