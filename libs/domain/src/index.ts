/**
 * @hotline/domain: the pure business rules of the 12345 hotline (接诉即办) and whistle dispatch
 * (吹哨报到). No framework, no I/O, no clock: time is always passed in.
 */

// Reference data
export type {
  City,
  Community,
  District,
  FilterRule,
  FilterRules,
  Grid,
  GridResponsibility,
  HandlingClass,
  HolidayRange,
  HolidayTable,
  HolidayYear,
  IsoDate,
  KnowledgeEntry,
  Limit,
  MatterBlock,
  MatterType,
  Person,
  Policy,
  RankingGroup,
  ReferenceData,
  ReferenceFileKey,
  ReferenceIndex,
  RejectReason,
  RequestCategory,
  Street,
  StreetRole,
  Unit,
  UnitKind,
  UnitLevel,
  Urgency,
  WhistleType,
} from './reference/types';
export { REFERENCE_FILES } from './reference/types';
export { parseReferenceData, type RawReferenceFiles } from './reference/parse';
export { ReferenceDataError, formatProblem, type ReferenceProblem } from './reference/errors';
export {
  sampleReferenceData,
  sampleCityReferenceData,
  SAMPLE_DISTRICT_ID,
} from './reference/sample';
export {
  cityUnits,
  districtById,
  districtOfUnit,
  districtReferenceData,
  districtCentreOfStreet,
  streetsOfDistrict,
  unitForRole,
  unitsOfDistrict,
  viewForStreet,
} from './reference/city';
export { loadCityReferenceData, loadReferenceData, REFERENCE_DATA_NAMES } from './reference/load';
export { resolvePlace, type PlaceRef, type ResolvedPlace } from './reference/place';

// Calendar
export {
  WorkingCalendar,
  CalendarCoverageError,
  type CalendarOptions,
  type CalendarProvenance,
  type DayKind,
  type Tracked,
  type UncoveredYears,
} from './calendar/working-calendar';
export { shanghaiDate, shanghaiMonth } from './calendar/shanghai-time';

// Time limits
export { applyLimit, describeLimit } from './sla/limits';
export {
  orderDeadlines,
  effectiveUrgency,
  effectiveHandlingClass,
  type DeadlineInput,
  type HandlingDeadlines,
  type OrderDeadlines,
  type Reminder,
} from './sla/order-deadlines';
export {
  extensionRule,
  canRequestExtension,
  canExtendTo,
  extendDeadline,
  type ExtensionCheck,
  type ExtensionRefusalCode,
  type ExtensionRequest,
  type ExtensionRule,
} from './sla/extension';
export { whistleReportDeadline, type WhistleReportDeadline } from './sla/whistle-deadlines';
export { callbackWindow, type CallbackWindow } from './sla/callback';

// Filter
export { samePlace } from './filter/duplicates';
export type { CallerHistoryEntry, FilterDecision, OrderPlace } from './filter/types';

// Routing
export { routeOrder } from './routing/route-order';
export {
  canReturnOrder,
  type ReturnCheck,
  type ReturnReason,
  type ReturnRequest,
} from './routing/returns';
export type { ReturnHistory, RoutingDecision, RoutingRequest } from './routing/types';
export {
  arbiterFor,
  centreUnitId,
  checkPushDown,
  escalationTarget,
  devolvedEnforcement,
  routeCityOrder,
  type CityRoutingContext,
  type CityRoutingDecision,
  type CityRoutingRequest,
  type DevolvedEnforcement,
  type Escalation,
  type PushDownCheck,
  type PushDownRequest,
  type TakingCentre,
} from './routing/city-routing';

// Devolved enforcement powers (执法职权清单)
export {
  devolvedPowerFor,
  EnforcementPowerListError,
  ENFORCEMENT_POWERS_FILE,
  parseEnforcementPowers,
  powerHistory,
  powerOn,
  powersInForce,
  type EnforcementPower,
  type EnforcementPowerList,
  type PowerAdjustment,
  type PowerInForce,
  type PowerPeriod,
  type PowerSource,
} from './enforcement/powers';
export { sampleEnforcementPowers } from './enforcement/sample';
export {
  addPowerUsage,
  closedUnderPower,
  dispatchedUnderPower,
  emptyPowerUsage,
  POWER_USAGE_COUNT_FIELDS,
  type PowerOutcomeRecord,
  type PowerUsageCounts,
  type PowerUsageRates,
  powerUsageRates,
} from './enforcement/power-usage';

// Whistle
export {
  checkWhistleScope,
  type WhistleRefusal,
  type WhistleRefusalCode,
  type WhistleScopeRequest,
  type WhistleScopeResult,
} from './whistle/check-whistle-scope';

// Proactive governance
export { findHotspots, type Hotspot, type HotspotInput } from './proactive/find-hotspots';

// Scoring
export {
  monthlyUnitScores,
  type CallbackOutcome,
  type OrderOutcomeRecord,
  type Satisfaction,
  type ScoreCounts,
  type UnitMonthScore,
  unitMonthScoreFromCounts,
} from './scoring/monthly-scores';
export { rankUnits, RANKING_GROUP_OF, type RankedUnit, type UnitRanking } from './scoring/ranking';
export {
  CITY_RANKING_GROUPS,
  type CityRankedEntry,
  type CityRanking,
  type CityRankingGroup,
  rankCity,
  type RankingScope,
} from './scoring/city-ranking';
export {
  whistleDepartmentEvaluation,
  type DepartmentWhistleEvaluation,
  type WhistleParticipation,
  type WhistleRating,
} from './scoring/whistle-evaluation';

// Personal data
export { redactPersonalData, type Redaction } from './privacy/redact-personal-data';
export { RETURN_REASONS, URGENCIES } from './vocabulary';

// Intake judgment (受理研判): place, matter, emergency, filter, duplicates
export * from './intake';

// Electronic ledgers (电子台账)
export {
  buildUnitLedger,
  monthPeriod,
  dayRangePeriod,
  type LedgerLine,
  type LedgerOrderRow,
  type LedgerPeriod,
  type LedgerSection,
  type LedgerWhistleRow,
  type UnitLedger,
  type UnitLedgerInput,
} from './ledger/unit-ledger';
export { deputyLedgerSection, type LedgerDeputyItemRow } from './ledger/deputy-ledger';

// Duty admission (准入)
export {
  ADMISSION_MISSING_ITEMS,
  ADMISSION_REFUSAL_REASONS,
  AdmissionListError,
  DEFAULT_ADMISSION_POLICY,
  canAdmit,
  parseAdmissionList,
  precheckApplication,
  type AdmissionApplication,
  type AdmissionEntry,
  type AdmissionFinding,
  type AdmissionLevel,
  type AdmissionList,
  type AdmissionListKind,
  type AdmissionMissingItem,
  type AdmissionPolicy,
  type AdmissionRefusalReason,
} from './admission/admission';
export { sampleAdmissionApplication, sampleAdmissionList } from './admission/sample-admission-list';

// Deputies' channel (人大代表之家、联络站、联系点)
export {
  DEPUTY_ITEM_KINDS,
  DEPUTY_LEVELS,
  DEPUTY_RATINGS,
  DeputyStationsError,
  RESIDENT_FEEDBACK_CHANNELS,
  STATION_KINDS,
  canHandProposalTo,
  checkProposalDue,
  findDeputy,
  parseDeputyStations,
  reminderAt,
  stationRecords,
  type Deputy,
  type DeputyItemKind,
  type DeputyLevel,
  type DeputyPolicy,
  type DeputyRating,
  type DeputyStation,
  type DeputyStations,
  type HandOverCheck,
  type ResidentFeedbackChannel,
  type StationKind,
  type StationRecord,
  type StationRecordItem,
} from './deputies/deputies';
export { sampleDeputyStations } from './deputies/sample-deputy-stations';
// Proactive tasks (未诉先办, 每月一题) and off-list work (清单外事项)
export * from './proactive/proactive-task';
export * from './admission/off-list';
export * from './ledger/governance-sections';
export * from './proactive/sample-proactive-tasks';
