/**
 * 执法职权清单: the administrative enforcement powers the city devolved to streets and townships,
 * exercised in their own name by the street's comprehensive enforcement team (综合执法队). Each
 * power covers matter types of the duty list; the department that held it before stays as
 * professional support (专业支撑). The list is versioned, and every change after the initial
 * devolution is an adjustment with its dates and reason, so the list in force on any day can be
 * reconstructed (an order is routed with the list of its own date).
 */
import { z } from 'zod';
import { dayNumberOfIso } from '../calendar/shanghai-time';
import type { IsoDate, ReferenceData } from '../reference/types';

/** Where a power came from: 城市管理, 生态环境, 园林绿化, 水务, other departments. */
export type PowerSource = 'city_management' | 'environment' | 'landscaping' | 'water' | 'other';

export interface EnforcementPower {
  readonly id: string;
  readonly name: string;
  readonly source: PowerSource;
  /**
   * The duty-list unit id of the department that held the power (e.g. `CGZF`, 城管执法局): in
   * each district, its carrier (`unitForRole`) supports the street's team.
   */
  readonly supportRole: string;
  /** The matter types the power covers, as devolved. */
  readonly matterTypeCodes: readonly string[];
  /** First day in force. */
  readonly from: IsoDate;
  /** Last day in force, when the devolution was time-limited or ended; null if open. */
  readonly to: IsoDate | null;
}

/**
 * A change to one power (调整): `withdraw` takes it back to the department for [from, to]
 * (to null: until further notice); `amend` replaces the matter types it covers for [from, to].
 */
export interface PowerAdjustment {
  readonly id: string;
  readonly decidedOn: IsoDate;
  readonly powerId: string;
  readonly action: 'withdraw' | 'amend';
  readonly from: IsoDate;
  readonly to: IsoDate | null;
  readonly matterTypeCodes: readonly string[] | null;
  readonly reason: string;
}

export interface EnforcementPowerList {
  readonly version: string;
  readonly source: string;
  readonly powers: readonly EnforcementPower[];
  /** In the file's order; a later adjustment overrides an earlier one on the days both cover. */
  readonly adjustments: readonly PowerAdjustment[];
}

/** A power as it stands on one day. */
export interface PowerInForce {
  readonly power: EnforcementPower;
  readonly matterTypeCodes: readonly string[];
  /** The amendment that set the matter types, if any. */
  readonly amendedBy: PowerAdjustment | null;
}

export const ENFORCEMENT_POWERS_FILE = 'enforcement-powers.json';

const id = z.string().regex(/^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*$/, 'expected an id like "ZF-CG-001"');
const text = z.string().trim().min(1, 'must not be empty');
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
  }, 'not a real date');
const codes = z.array(text).min(1, 'needs at least one matter type');

const fileSchema = z.strictObject({
  version: text,
  description: z.string().optional(),
  source: text,
  powers: z.array(
    z.strictObject({
      id,
      name: text,
      source: z.enum(['city_management', 'environment', 'landscaping', 'water', 'other']),
      supportRole: id,
      matterTypeCodes: codes,
      from: isoDate,
      to: isoDate.optional(),
    }),
  ),
  adjustments: z.array(
    z.strictObject({
      id,
      decidedOn: isoDate,
      powerId: id,
      action: z.enum(['withdraw', 'amend']),
      from: isoDate,
      to: isoDate.optional(),
      matterTypeCodes: codes.optional(),
      reason: text,
    }),
  ),
});

/** Bad list data; the message names file, row and field of each problem, like reference data. */
export class EnforcementPowerListError extends Error {
  override readonly name = 'EnforcementPowerListError';

  constructor(readonly problems: readonly string[]) {
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more problems)` : '';
    super(`${problems[0]}${more}`);
  }
}

/**
 * Validates the list against the reference data: ids unique, matter types known, support roles
 * that name a department, dates in order, adjustments on known powers, withdraw without matter
 * types and amend with them, no adjustment before its power exists.
 */
export function parseEnforcementPowers(raw: unknown, ref: ReferenceData): EnforcementPowerList {
  const parsed = fileSchema.safeParse(raw);
  const at = (index: number | null, label: string | null, field: string) =>
    `${ENFORCEMENT_POWERS_FILE}${index === null ? '' : ` row ${index + 1}`}${label ? ` (${label})` : ''}${field ? ` field ${field}` : ''}`;
  if (!parsed.success) {
    throw new EnforcementPowerListError(
      parsed.error.issues.map((issue) => {
        const [head, index, ...rest] = issue.path;
        if ((head === 'powers' || head === 'adjustments') && typeof index === 'number') {
          const rows = (raw as Record<string, unknown[]>)[head];
          const rowId = (rows[index] as { id?: unknown } | undefined)?.id;
          const label =
            typeof rowId === 'string'
              ? `${head === 'powers' ? 'power' : 'adjustment'} ${rowId}`
              : null;
          return `${at(index, label, rest.join('.'))}: ${issue.message}`;
        }
        return `${at(null, null, issue.path.join('.'))}: ${issue.message}`;
      }),
    );
  }
  const file = parsed.data;
  const problems: string[] = [];
  const powerIds = new Map<string, (typeof file.powers)[number]>();
  const checkCodes = (prefix: string, list: readonly string[]) =>
    list.forEach((code, i) => {
      if (!ref.index.matterTypes.has(code))
        problems.push(`${prefix} field matterTypeCodes[${i}]: unknown matter type "${code}"`);
    });
  file.powers.forEach((power, row) => {
    const prefix = at(row, `power ${power.id}`, '');
    if (powerIds.has(power.id))
      problems.push(`${prefix} field id: duplicate power id "${power.id}"`);
    powerIds.set(power.id, power);
    checkCodes(prefix, power.matterTypeCodes);
    const support = ref.index.units.get(power.supportRole);
    if (!support) problems.push(`${prefix} field supportRole: unknown unit "${power.supportRole}"`);
    else if (support.kind !== 'department')
      problems.push(
        `${prefix} field supportRole: unit "${power.supportRole}" is a ${support.kind}; expected department`,
      );
    if (power.to !== undefined && power.to < power.from)
      problems.push(`${prefix} field to: ${power.to} is before from ${power.from}`);
  });
  const adjustmentIds = new Set<string>();
  file.adjustments.forEach((adj, row) => {
    const prefix = at(row, `adjustment ${adj.id}`, '');
    if (adjustmentIds.has(adj.id))
      problems.push(`${prefix} field id: duplicate adjustment id "${adj.id}"`);
    adjustmentIds.add(adj.id);
    const power = powerIds.get(adj.powerId);
    if (!power) problems.push(`${prefix} field powerId: unknown power "${adj.powerId}"`);
    else if (adj.from < power.from)
      problems.push(
        `${prefix} field from: ${adj.from} is before the power is in force (${power.from})`,
      );
    if (adj.to !== undefined && adj.to < adj.from)
      problems.push(`${prefix} field to: ${adj.to} is before from ${adj.from}`);
    if (adj.decidedOn > adj.from)
      problems.push(
        `${prefix} field decidedOn: ${adj.decidedOn} is after the adjustment takes effect (${adj.from})`,
      );
    if (adj.action === 'amend' && !adj.matterTypeCodes)
      problems.push(`${prefix} field matterTypeCodes: required to amend a power`);
    if (adj.action === 'withdraw' && adj.matterTypeCodes)
      problems.push(
        `${prefix} field matterTypeCodes: a withdrawal covers the whole power; omit it`,
      );
    if (adj.matterTypeCodes) checkCodes(prefix, adj.matterTypeCodes);
  });
  if (problems.length > 0) throw new EnforcementPowerListError(problems);
  return {
    version: file.version,
    source: file.source,
    powers: file.powers.map((p) => ({ ...p, to: p.to ?? null })),
    adjustments: file.adjustments.map((a) => ({
      ...a,
      to: a.to ?? null,
      matterTypeCodes: a.matterTypeCodes ?? null,
    })),
  };
}

function covers(from: IsoDate, to: IsoDate | null, day: IsoDate): boolean {
  return from <= day && (to === null || day <= to);
}

/** The power as it stands on `day`, or null when it is not in force (not yet, ended, withdrawn). */
export function powerOn(
  list: EnforcementPowerList,
  power: EnforcementPower,
  day: IsoDate,
): PowerInForce | null {
  dayNumberOfIso(day); // a RangeError for anything but a real YYYY-MM-DD
  if (!covers(power.from, power.to, day)) return null;
  let state: PowerInForce | null = {
    power,
    matterTypeCodes: power.matterTypeCodes,
    amendedBy: null,
  };
  for (const adj of list.adjustments) {
    if (adj.powerId !== power.id || !covers(adj.from, adj.to, day)) continue;
    if (adj.action === 'withdraw') state = null;
    else
      state = {
        power,
        matterTypeCodes: adj.matterTypeCodes ?? power.matterTypeCodes,
        amendedBy: adj,
      };
  }
  return state;
}

/** Every power in force on `day`, in the list's order. */
export function powersInForce(list: EnforcementPowerList, day: IsoDate): PowerInForce[] {
  return list.powers.flatMap((p) => powerOn(list, p, day) ?? []);
}

/** The devolved power covering a matter type on `day` (the first in the list's order), or null. */
export function devolvedPowerFor(
  list: EnforcementPowerList,
  matterTypeCode: string,
  day: IsoDate,
): PowerInForce | null {
  for (const power of list.powers) {
    const state = powerOn(list, power, day);
    if (state?.matterTypeCodes.includes(matterTypeCode)) return state;
  }
  return null;
}

/** One entry of a power's history: what held from when to when, and why. */
export interface PowerPeriod {
  readonly from: IsoDate;
  readonly to: IsoDate | null;
  readonly inForce: boolean;
  readonly matterTypeCodes: readonly string[];
  /** 初始下放, or the adjustment's reason. */
  readonly reason: string;
}

/**
 * The power's history as consecutive periods (for tracking and evaluating each power): the
 * initial devolution, then each day an adjustment starts or ends.
 */
export function powerHistory(list: EnforcementPowerList, powerId: string): PowerPeriod[] {
  const power = list.powers.find((p) => p.id === powerId);
  if (!power) throw new RangeError(`Unknown enforcement power "${powerId}"`);
  const adjustments = list.adjustments.filter((a) => a.powerId === powerId);
  const starts = new Set<number>([dayNumberOfIso(power.from)]);
  for (const a of adjustments) {
    starts.add(dayNumberOfIso(a.from));
    if (a.to) starts.add(dayNumberOfIso(a.to) + 1);
  }
  if (power.to) starts.add(dayNumberOfIso(power.to) + 1);
  const days = [...starts].sort((a, b) => a - b);
  const periods: PowerPeriod[] = [];
  days.forEach((start, i) => {
    const day = isoOf(start);
    const state = powerOn(list, power, day);
    const next = days[i + 1];
    const to = next === undefined ? null : isoOf(next - 1);
    const reasonOf = () => {
      const active = adjustments.filter((a) => covers(a.from, a.to, day));
      const last = active[active.length - 1];
      if (last) return last.reason;
      return covers(power.from, power.to, day) ? '初始下放' : '下放期限届满';
    };
    periods.push({
      from: day,
      to,
      inForce: state !== null,
      matterTypeCodes: state?.matterTypeCodes ?? [],
      reason: reasonOf(),
    });
  });
  // Merge neighbours that say the same (an adjustment ending where another starts).
  return periods.reduce<PowerPeriod[]>((out, p) => {
    const prev = out[out.length - 1];
    if (
      prev &&
      prev.inForce === p.inForce &&
      prev.reason === p.reason &&
      prev.matterTypeCodes.join() === p.matterTypeCodes.join()
    ) {
      out[out.length - 1] = { ...prev, to: p.to };
    } else out.push(p);
    return out;
  }, []);
}

function isoOf(dayNumber: number): IsoDate {
  return new Date(dayNumber * 86_400_000).toISOString().slice(0, 10);
}
