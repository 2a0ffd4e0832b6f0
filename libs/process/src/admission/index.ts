/**
 * Duty admission (准入) as a decider: a department's application, the office's review (admit,
 * refuse, return for more information), resubmission, withdrawal, and the two deadlines (review
 * overdue → 督办 on the record; not resubmitted → lapsed). Rules from @hotline/domain.
 */
export * from './model';
export { initialState, evolve } from './evolve';
export {
  decideApplication,
  validate,
  needsFor,
  decide,
  entryCodeOf,
  pendingTimers,
  fireTimer,
  isFinished,
  type AdmissionNeeds,
  type AdmissionDecisionContext,
  type AdmissionTimer,
} from './decide';
