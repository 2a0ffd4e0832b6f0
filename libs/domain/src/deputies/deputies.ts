/**
 * The deputies' channel (人大代表之家、联络站、联系点, "家站点"): people's congress deputies receive
 * residents at stations, record their opinions and suggestions, and hand each one over for
 * handling — as a 12345 work order (channel `deputy`) or as a proposal handed to a department with
 * a due date (交办). The handling unit answers, the deputy rates the answer, and the outcome is
 * reported back to the station and the resident. Inspectors asked for working mechanisms that are
 * "有行动、有记录、有效果": this module holds the stations, their deputies and the rules of each step.
 * Pure: no clock, no I/O.
 */
import { z } from 'zod';
import type { Limit, ReferenceData } from '../reference/types';

/** home: 人大代表之家 (street/township); station: 代表联络站; contact_point: 代表联系点 (community/village). */
export const STATION_KINDS = ['home', 'station', 'contact_point'] as const;
export type StationKind = (typeof STATION_KINDS)[number];

/** The congress a deputy sits in: 市, 区, 乡镇人大代表. */
export const DEPUTY_LEVELS = ['city', 'district', 'township'] as const;
export type DeputyLevel = (typeof DEPUTY_LEVELS)[number];

export interface Deputy {
  readonly id: string;
  /** Deputies are public office holders: their names are published with the station. */
  readonly name: string;
  readonly level: DeputyLevel;
  readonly constituency: string;
}

export interface DeputyStation {
  readonly id: string;
  readonly kind: StationKind;
  readonly name: string;
  readonly streetId: string;
  readonly communityId?: string;
  readonly address: string;
  /** When deputies receive residents (接待日). */
  readonly reception: string;
  readonly deputies: readonly Deputy[];
}

/** Time limits of a deputy's item, each counted from the step that starts it. */
export interface DeputyPolicy {
  /** Recorded → handed over (as an order or a proposal). */
  readonly handOver: Limit;
  /** A proposal's default due date from its hand-over (交办期限). */
  readonly answer: Limit;
  /** The latest due date a hand-over may set. */
  readonly longestAnswer: Limit;
  /** Answered → rated by the deputy; past it the rating lapses. */
  readonly rate: Limit;
  /** Rated (or lapsed) → reported back to the station and the resident. */
  readonly reportBack: Limit;
  /** A reminder (催办) goes out at this fraction of a window, before it runs out. */
  readonly reminderFraction: number;
}

export interface DeputyStations {
  readonly version: string;
  readonly policy: DeputyPolicy;
  readonly stations: readonly DeputyStation[];
}

/** What a resident brings: an opinion (意见) or a suggestion (建议). */
export const DEPUTY_ITEM_KINDS = ['opinion', 'suggestion'] as const;
export type DeputyItemKind = (typeof DEPUTY_ITEM_KINDS)[number];

/** How the deputy rates the answer, on the hotline's own three-point scale. */
export const DEPUTY_RATINGS = ['satisfied', 'basically_satisfied', 'dissatisfied'] as const;
export type DeputyRating = (typeof DEPUTY_RATINGS)[number];

/** How the resident was told the outcome (反馈居民). */
export const RESIDENT_FEEDBACK_CHANNELS = [
  'phone', // 电话告知
  'visit', // 上门或来站面谈
  'letter', // 书面答复
  'not_reachable', // 联系不上（已尝试）
  'anonymous', // 居民未留联系方式：仅在站点公示
] as const;
export type ResidentFeedbackChannel = (typeof RESIDENT_FEEDBACK_CHANNELS)[number];

/** The deputy of this id and their station, or undefined. */
export function findDeputy(
  stations: DeputyStations,
  deputyId: string,
): { deputy: Deputy; station: DeputyStation } | undefined {
  for (const station of stations.stations) {
    const deputy = station.deputies.find((d) => d.id === deputyId);
    if (deputy) return { deputy, station };
  }
  return undefined;
}

export type HandOverCheck = { ok: true } | { ok: false; reason: string };

/**
 * A proposal (交办) goes to a unit that can answer for it: a district department or a
 * public-service enterprise, or the street/township of the station (the street handles its own
 * territory). Never to the hotline centre, which dispatches but does not handle.
 */
export function canHandProposalTo(
  ref: ReferenceData,
  station: DeputyStation,
  unitId: string,
): HandOverCheck {
  const unit = ref.index.units.get(unitId);
  if (!unit) return { ok: false, reason: `没有编号为 ${unitId} 的承办单位` };
  if (unitId === ref.district.supervisingUnitId)
    return { ok: false, reason: `${unit.name}负责派单和督办，不承办代表交办事项` };
  if ((unit.kind === 'street' || unit.kind === 'township') && unit.id !== station.streetId)
    return {
      ok: false,
      reason: `${unit.name}不是站点所在的街道（乡镇）：交办给街乡只能交给站点所在地`,
    };
  return { ok: true };
}

/**
 * The due date a hand-over asks for must leave the unit time (after now) and stay within the
 * longest limit; without one, the default limit applies.
 */
export function checkProposalDue(requested: Date, now: Date, latest: Date): HandOverCheck {
  if (requested.getTime() <= now.getTime()) return { ok: false, reason: '交办期限必须晚于现在' };
  if (requested.getTime() > latest.getTime())
    return {
      ok: false,
      reason: `交办期限不能晚于 ${latest.toISOString()}（最长办理时限）`,
    };
  return { ok: true };
}

export { reminderAt } from './reminder';

/** One item as a station's record counts it. */
export interface StationRecordItem {
  readonly stationId: string;
  readonly handedOver: boolean;
  readonly answered: boolean;
  /** Answered by its due date (the order's handling limit, or the proposal's). */
  readonly answeredOnTime: boolean;
  readonly rating: DeputyRating | null;
  readonly reportedBack: boolean;
}

/** A station's record (履职台账): received, handed over, answered, on time, rated, reported back. */
export interface StationRecord {
  readonly stationId: string;
  readonly received: number;
  readonly handedOver: number;
  readonly answered: number;
  readonly answeredOnTime: number;
  readonly rated: number;
  readonly satisfied: number;
  readonly basicallySatisfied: number;
  readonly dissatisfied: number;
  readonly reportedBack: number;
}

/** The record of each station that received items, in the order of the stations given. */
export function stationRecords(
  stations: readonly Pick<DeputyStation, 'id'>[],
  items: readonly StationRecordItem[],
): StationRecord[] {
  return stations
    .map((s) => {
      const mine = items.filter((i) => i.stationId === s.id);
      const count = (p: (i: StationRecordItem) => boolean) => mine.filter(p).length;
      return {
        stationId: s.id,
        received: mine.length,
        handedOver: count((i) => i.handedOver),
        answered: count((i) => i.answered),
        answeredOnTime: count((i) => i.answered && i.answeredOnTime),
        rated: count((i) => i.rating !== null),
        satisfied: count((i) => i.rating === 'satisfied'),
        basicallySatisfied: count((i) => i.rating === 'basically_satisfied'),
        dissatisfied: count((i) => i.rating === 'dissatisfied'),
        reportedBack: count((i) => i.reportedBack),
      };
    })
    .filter((r) => r.received > 0);
}

// ------------------------------------------------------------------ the stations (data)

const limitSchema = z.strictObject({
  unit: z.enum(['minutes', 'hours', 'naturalDays', 'workingDays']),
  amount: z.number().int().positive(),
});
const deputySchema = z.strictObject({
  id: z.string().regex(/^RD-[0-9A-Z-]+$/, 'expected a deputy id like RD-XH-01'),
  name: z.string().trim().min(2),
  level: z.enum(DEPUTY_LEVELS),
  constituency: z.string().trim().min(2),
});
const stationSchema = z.strictObject({
  id: z.string().regex(/^RD[A-Z]+-[0-9A-Z-]+$/, 'expected a station id like RDZJ-XHJD'),
  kind: z.enum(STATION_KINDS),
  name: z.string().trim().min(2),
  streetId: z.string().min(1),
  communityId: z.string().min(1).optional(),
  address: z.string().trim().min(2),
  reception: z.string().trim().min(2),
  deputies: z.array(deputySchema).min(1, 'a station has at least one deputy'),
});
const fileSchema = z.strictObject({
  version: z.string().min(1),
  description: z.string().optional(),
  source: z.string().optional(),
  policy: z.strictObject({
    handOver: limitSchema,
    answer: limitSchema,
    longestAnswer: limitSchema,
    rate: limitSchema,
    reportBack: limitSchema,
    reminderFraction: z.number().gt(0).lt(1),
  }),
  stations: z.array(stationSchema).min(1),
});

export class DeputyStationsError extends Error {
  constructor(readonly problems: string[]) {
    super(`代表家站点数据有误：\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'DeputyStationsError';
  }
}

/**
 * Validates the stations file: shape; unique station and deputy ids (a deputy enters one
 * station); streets and communities that exist, the community in the station's street; a contact
 * point sits in a community.
 */
export function parseDeputyStations(raw: unknown, ref: ReferenceData): DeputyStations {
  const parsed = fileSchema.safeParse(raw);
  if (!parsed.success)
    throw new DeputyStationsError(
      parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`),
    );
  const problems: string[] = [];
  const stationIds = new Set<string>();
  const deputyIds = new Set<string>();
  parsed.data.stations.forEach((s, i) => {
    const at = `stations.${i}`;
    if (stationIds.has(s.id)) problems.push(`${at}.id: ${s.id} appears twice`);
    stationIds.add(s.id);
    if (!ref.index.streets.has(s.streetId))
      problems.push(`${at}.streetId: no street ${s.streetId}`);
    if (s.communityId) {
      const community = ref.index.communities.get(s.communityId);
      if (!community) problems.push(`${at}.communityId: no community ${s.communityId}`);
      else if (community.streetId !== s.streetId)
        problems.push(`${at}.communityId: ${s.communityId} is not in ${s.streetId}`);
    } else if (s.kind === 'contact_point')
      problems.push(`${at}.communityId: a contact point (联系点) sits in a community`);
    s.deputies.forEach((d, j) => {
      if (deputyIds.has(d.id))
        problems.push(
          `${at}.deputies.${j}.id: ${d.id} appears twice (a deputy enters one station)`,
        );
      deputyIds.add(d.id);
    });
  });
  if (problems.length) throw new DeputyStationsError(problems);
  const { policy, stations, version } = parsed.data;
  return { version, policy, stations };
}
