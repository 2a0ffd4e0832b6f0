/**
 * The validated reference data: territory, units, duty list, holidays, policy, knowledge base
 * and filter rules. Everything here comes from `libs/domain/data/*.json` (or a city's own files)
 * through `parseReferenceData`, so code can trust ids to resolve.
 */
import type { Urgency } from '../vocabulary';

/** A calendar day in Asia/Shanghai, written `YYYY-MM-DD`. */
export type IsoDate = string;

/** 承办单位类别: 街道, 乡镇, 部门 (district department or a city department's district office), 企业. */
export type UnitKind = 'street' | 'township' | 'department' | 'enterprise';

/** The four groups Beijing ranks separately: streets, townships, city departments, state-owned enterprises. */
export type RankingGroup = 'streets' | 'townships' | 'departments' | 'enterprises';

/** 层级: 市级 (city centre, city departments and enterprises), 区级 (district centre, departments, branches), 街乡 (streets and townships). */
export type UnitLevel = 'city' | 'district' | 'street';

export interface Unit {
  readonly id: string;
  readonly kind: UnitKind;
  readonly name: string;
  /** False for units that receive work but are not ranked (the district's own hotline centre). */
  readonly ranked: boolean;
  readonly level: UnitLevel;
  /** The district the unit belongs to; null for city-level units. */
  readonly districtId: string | null;
  /**
   * The unit id under which the duty list names this unit's duties: its own id for 云川区 (the
   * duty list is written with 云川区's ids), `CGW` for 澜山区's `LS-CGW`, `ZLS` for the city's
   * water group `BJ-ZLS` (which serves every district without a water branch).
   */
  readonly role: string;
}

/** The six blocks of the street duty list: 党群工作, 平安建设, 城市管理, 社区建设, 民生保障, 综合保障. */
export type MatterBlock = 'party' | 'safety' | 'urban' | 'community' | 'livelihood' | 'support';

/** The street's role for a matter: 负责 (lead), 组织协调 (coordinate), 参与配合 (assist). */
export type StreetRole = 'lead' | 'coordinate' | 'assist';

export type { Urgency };

/** Handling-time tiers of the DB11 draft: emergency 2 h, utility (水电气热) 24 h, general, complex. */
export type HandlingClass = 'emergency' | 'utility' | 'general' | 'complex';

/** One entry of the duty list (职责清单), which is also the dispatch catalogue (派单目录). */
export interface MatterType {
  /** Block prefix + number, e.g. `CG-003` (城管). */
  readonly code: string;
  readonly name: string;
  readonly block: MatterBlock;
  readonly keywords: readonly string[];
  readonly streetRole: StreetRole;
  /** The lead department or enterprise; present exactly when the street only assists. */
  readonly leadUnitId: string | null;
  readonly assistingUnitIds: readonly string[];
  /** On the whistle list (吹哨报到专项清单). */
  readonly whistle: boolean;
  readonly defaultUrgency: Urgency;
  readonly handlingClass: HandlingClass;
  /**
   * False for matters handled wherever the caller is (social insurance, a bus line): intake need
   * not insist on a place. Only assisted matters can be placeless; a street needs its territory.
   */
  readonly needsPlace: boolean;
}

export interface Person {
  readonly staffId: string;
  readonly name: string;
  /** 专职网格员, 街巷长, 社区民警 ... */
  readonly role: string;
}

/** Who answers for a grid: one default person, overridden per matter block. */
export interface GridResponsibility {
  readonly default: Person;
  readonly byBlock: Readonly<Partial<Record<MatterBlock, Person>>>;
}

export interface Grid {
  readonly id: string;
  readonly name: string;
  readonly communityId: string;
  readonly streetId: string;
  readonly districtId: string;
  readonly responsible: GridResponsibility;
}

export interface Community {
  readonly id: string;
  readonly name: string;
  /** 社区 (urban community) or 村 (village, in townships). */
  readonly kind: 'community' | 'village';
  readonly streetId: string;
  readonly districtId: string;
  readonly grids: readonly Grid[];
}

export interface Street {
  /** Equal to the id of the street's unit in units.json. */
  readonly id: string;
  readonly name: string;
  readonly kind: 'street' | 'township';
  readonly districtId: string;
  readonly communities: readonly Community[];
}

export interface District {
  readonly id: string;
  readonly name: string;
  readonly city: string;
  /** Copied on every dispatch to supervise (区级督办). */
  readonly supervisingUnitId: string;
  /** Takes orders whose jurisdiction is unclear (区级兜底). */
  readonly fallbackUnitId: string;
  /** Its streets and townships, in the file's order. */
  readonly streetIds: readonly string[];
}

/** The city level (市级): its 12345 centre takes calls for every district. */
export interface City {
  readonly id: string;
  readonly name: string;
  /** 市民服务热线中心: takes calls city-wide, dispatches directly (市级直派), supervises districts. */
  readonly centreUnitId: string;
  /** Takes city-wide orders no unit has a duty for (市级兜底). */
  readonly fallbackUnitId: string;
}

export interface HolidayRange {
  readonly name: string;
  readonly from: IsoDate;
  readonly to: IsoDate;
}

export interface HolidayYear {
  readonly year: number;
  readonly source: string;
  readonly publishedOn: IsoDate;
  readonly holidays: readonly HolidayRange[];
  /** Weekend days that are working days (调休上班). */
  readonly adjustedWorkdays: readonly { readonly date: IsoDate; readonly for: string }[];
}

export interface HolidayTable {
  readonly years: readonly HolidayYear[];
}

/** A time limit as configured: clock minutes/hours (7×24), natural days or working days. */
export interface Limit {
  readonly unit: 'minutes' | 'hours' | 'naturalDays' | 'workingDays';
  readonly amount: number;
}

export type WhistleType = 'emergency' | 'routine' | 'key_task';

export interface Policy {
  readonly intake: { readonly dispatchWithin: Limit };
  readonly acknowledge: Readonly<Record<Urgency, Limit>>;
  readonly returns: {
    readonly window: Limit;
    readonly maxBeforeArbitration: number;
    readonly minSupportingChars: number;
  };
  readonly response: Readonly<Record<Urgency, Limit>>;
  readonly handling: Readonly<Record<HandlingClass, Limit>>;
  readonly reminderFractions: readonly number[];
  readonly extension: {
    readonly maxCount: number;
    readonly maxLengthFactor: number;
    readonly approver: 'centre';
  };
  readonly callback: { readonly maxAttempts: number; readonly reworkLimit: number };
  /**
   * Progress notes (进展) kept per order and per whistle. Each note is part of the workflow's
   * history, which Temporal limits: past the cap the unit summarises in its resolution instead.
   */
  readonly notes: { readonly maxPerOrder: number; readonly maxPerWhistle: number };
  /**
   * A long-running order or whistle continues as new (a fresh workflow history carrying its
   * state) past this many history events; absent: the workflows' default (1,000).
   */
  readonly history?: { readonly eventsPerRun: number };
  readonly duplicate: { readonly windowDays: number };
  readonly maliciousRepeat: { readonly rejectedContacts: number; readonly withinHours: number };
  readonly hotspot: { readonly minOrders: number; readonly windowDays: number };
  readonly scoring: {
    readonly weights: {
      readonly response: number;
      readonly resolution: number;
      readonly satisfaction: number;
    };
    readonly basicallySatisfiedWeight: number;
  };
  readonly whistle: {
    readonly reportWithin: Readonly<Record<WhistleType, Limit>>;
    readonly rating: { readonly min: number; readonly max: number };
  };
  /** Office hours on working days, `HH:MM` local time, in order and not overlapping. */
  readonly businessHours: readonly { readonly start: string; readonly end: string }[];
}

/** 诉求类型: consultation 咨询, help 求助, complaint 投诉, report 举报, suggestion 建议, praise 表扬. */
export type RequestCategory =
  'consultation' | 'help' | 'complaint' | 'report' | 'suggestion' | 'praise';

export interface KnowledgeEntry {
  readonly id: string;
  readonly question: string;
  readonly keywords: readonly string[];
  readonly answer: string;
  readonly matterTypeCode: string | null;
}

export type RejectReason =
  | 'outside_public_duty'
  | 'in_legal_process'
  | 'unlawful_demand'
  | 'abusive'
  | 'insufficient_information';

export interface FilterRule {
  readonly id: string;
  readonly reason: RejectReason;
  readonly explanation: string;
  readonly keywords: readonly string[];
  /** The rule does not fire when any of these appear (e.g. wages owed are a public matter). */
  readonly unlessKeywords: readonly string[];
  readonly guidanceForCaller: string;
}

export interface FilterRules {
  readonly negationMarkers: readonly string[];
  readonly riskToLife: {
    readonly keywords: readonly string[];
    /** Idioms that only look alarming ("跳楼价": a rock-bottom price); blanked out before matching. */
    readonly ignoredPhrases: readonly string[];
    readonly explanation: string;
  };
  readonly insufficientInformation: {
    readonly minContentChars: number;
    readonly placeRequiredFor: readonly RequestCategory[];
    readonly noContentGuidance: string;
    readonly noPlaceGuidance: string;
  };
  readonly maliciousRepeatGuidance: string;
  readonly repeatedUnreasonableGuidance: string;
  readonly rules: readonly FilterRule[];
}

/** The data files, by the key `parseReferenceData` takes them under. */
export const REFERENCE_FILES = {
  territory: 'territory.json',
  units: 'units.json',
  dutyList: 'duty-list.json',
  holidays: 'holidays.json',
  policy: 'policy.json',
  knowledgeBase: 'knowledge-base.json',
  filterRules: 'filter-rules.json',
} as const;

export type ReferenceFileKey = keyof typeof REFERENCE_FILES;

export interface ReferenceIndex {
  readonly units: ReadonlyMap<string, Unit>;
  readonly matterTypes: ReadonlyMap<string, MatterType>;
  readonly streets: ReadonlyMap<string, Street>;
  readonly communities: ReadonlyMap<string, Community>;
  readonly grids: ReadonlyMap<string, Grid>;
  readonly districts: ReadonlyMap<string, District>;
  /**
   * The unit carrying a duty-list unit id (role) at each level: key `districtId/role` for a
   * district's units, `/role` for city-level units. See `unitForRole`.
   */
  readonly roles: ReadonlyMap<string, Unit>;
}

export interface ReferenceData {
  /** The `version` field of each file, for audit trails ("routed with duty list 2026.11"). */
  readonly versions: Readonly<Record<ReferenceFileKey, string>>;
  /** The city level; null when the data describes a single district (no city centre). */
  readonly city: City | null;
  /** Every district of the data, in the file's order. */
  readonly districts: readonly District[];
  /**
   * The district this data is scoped to (a district's own centre, its default and fallback):
   * the first district of the file, or the district of `districtReferenceData(ref, id)`. Code
   * written before the city level uses it; city-aware code asks `districtOfPlace` instead.
   */
  readonly district: District;
  /** Every street and township of every district in the data. */
  readonly streets: readonly Street[];
  readonly units: readonly Unit[];
  readonly matterTypes: readonly MatterType[];
  readonly holidays: HolidayTable;
  readonly policy: Policy;
  readonly knowledgeBase: readonly KnowledgeEntry[];
  readonly filterRules: FilterRules;
  readonly index: ReferenceIndex;
}
