/**
 * A deputy's item (人大代表之家、联络站、联系点) as a decider: recorded at a station, handed over as
 * an order or a proposal (交办), answered, rated by the deputy, reported back to the station and
 * the resident; reminders and overdue limits as timers. Rules from @hotline/domain.
 */
export * from './model';
export { initialState, evolve } from './evolve';
export {
  decideRecording,
  decideOrderAnswer,
  validate,
  needsFor,
  decide,
  pendingTimers,
  fireTimer,
  isFinished,
  type DeputyNeeds,
  type DeputyDecisionContext,
  type DeputyTimer,
} from './decide';
