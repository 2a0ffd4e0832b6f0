/**
 * Proactive tasks (未诉先办, 每月一题) as a decider: a hotspot or an accepted monthly topic becomes a
 * task owned by a street or department — plan, progress, completion, the centre's verification
 * (accept or send back) — then the effect is measured: complaints after against before.
 */
export * from './model';
export * from './activities';
export { initialState, evolve, DEFAULT_POLICY_SNAPSHOT } from './evolve';
export {
  decideStart,
  validate,
  needsFor,
  decide,
  pendingTimers,
  fireTimer,
  measurementDue,
  decideEffect,
  isFinished,
  type ProactiveTaskNeeds,
  type ProactiveTaskDecisionContext,
  type ProactiveTaskTimer,
} from './decide';
