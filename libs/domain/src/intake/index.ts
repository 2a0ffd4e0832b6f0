export { sampleIntakeModel } from './sample';
export {
  buildIntakeModel,
  moreUrgent,
  screenCall,
  type CallScreening,
  type CallToScreen,
  type DuplicateCandidate,
  type FilterOutcome,
  type IntakeContext,
  type IntakeModel,
  type OpenOrderAtIntake,
} from './screen-call';
export { IntakeDataError, parseIntakeFiles, type IntakeFiles } from './intake-data';
export type { MatterCandidate } from './classify-call';
export type { PlaceCandidate, PlaceResolution } from './resolve-place';
export type { EmergencyFinding } from './detect-emergency';
