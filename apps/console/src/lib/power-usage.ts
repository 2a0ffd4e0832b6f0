/**
 * 执法职权使用情况: the filters' query and the table's rows for
 * GET /views/enforcement-powers/usage (one entry per power and street, and each power's totals).
 * The API scopes what a caller sees (a street its own, a district centre its district); the
 * filters here only narrow what the caller asks for.
 */
import { percent } from './labels';

export interface PowerUsageFilters {
  month: string;
  district?: string | null;
  street?: string | null;
  power?: string | null;
}

export interface PowerUsageQuery {
  month: string;
  district?: string;
  street?: string;
  power?: string;
}

/** The query string: the month always, each filter only when chosen. */
export function powerUsageQuery(f: PowerUsageFilters): PowerUsageQuery {
  const q: PowerUsageQuery = { month: f.month };
  if (f.district) q.district = f.district;
  if (f.street) q.street = f.street;
  if (f.power) q.power = f.power;
  return q;
}

/** The counts and rates one row shows (a power's totals, or one street's use of it). */
export interface UsageFigures {
  dispatched?: number;
  closed?: number;
  counted?: number;
  closedOnTime?: number;
  onTimeRate?: number | null;
  satisfactionRate?: number | null;
  satisfied?: number;
  basicallySatisfied?: number;
  dissatisfied?: number;
}

export interface PowerUsageItem extends UsageFigures {
  powerId?: string;
  powerName?: string;
  streetId?: string;
  streetName?: string | null;
}

export interface PowerTotals extends UsageFigures {
  powerId?: string;
  powerName?: string;
  streets?: number;
}

export interface PowerUsageRow {
  key: string;
  /** The power's name on a totals row, the street's on a street row. */
  name: string;
  kind: 'power' | 'street';
  powerId: string;
  streetId?: string;
  streets?: number;
  dispatched: number;
  closed: number;
  closedOnTime: string;
  onTimeRate: string;
  satisfactionRate: string;
  children?: PowerUsageRow[];
}

/** "8/10（80.0%）": on time of counted, with the API's rate; "—" when nothing was counted. */
export function onTimeText(f: UsageFigures): string {
  const counted = f.counted ?? 0;
  if (!counted) return '—';
  return `${f.closedOnTime ?? 0}/${counted}`;
}

function figures(f: UsageFigures) {
  return {
    dispatched: f.dispatched ?? 0,
    closed: f.closed ?? 0,
    closedOnTime: onTimeText(f),
    onTimeRate: percent(f.onTimeRate),
    satisfactionRate: percent(f.satisfactionRate),
  };
}

/**
 * One row per power (its totals over the streets listed), with its streets as child rows in the
 * API's order. A street row whose power has no totals entry still shows, under its own power.
 */
export function powerUsageRows(
  items: readonly PowerUsageItem[],
  powers: readonly PowerTotals[],
  streetName: (id: string) => string = (id) => id,
): PowerUsageRow[] {
  const rows = new Map<string, PowerUsageRow>();
  for (const p of powers) {
    const id = p.powerId ?? '';
    rows.set(id, {
      key: id,
      name: p.powerName ?? id,
      kind: 'power',
      powerId: id,
      streets: p.streets ?? 0,
      ...figures(p),
      children: [],
    });
  }
  for (const i of items) {
    const powerId = i.powerId ?? '';
    let parent = rows.get(powerId);
    if (!parent) {
      parent = {
        key: powerId,
        name: i.powerName ?? powerId,
        kind: 'power',
        powerId,
        dispatched: 0,
        closed: 0,
        closedOnTime: '—',
        onTimeRate: '—',
        satisfactionRate: '—',
        children: [],
      };
      rows.set(powerId, parent);
    }
    const streetId = i.streetId ?? '';
    parent.children!.push({
      key: `${powerId}/${streetId}`,
      name: i.streetName ?? streetName(streetId),
      kind: 'street',
      powerId,
      streetId,
      ...figures(i),
    });
  }
  // A power without streets has nothing to expand (antd shows an expander for an empty array).
  return [...rows.values()].map((r) => (r.children?.length ? r : { ...r, children: undefined }));
}

/** The streets a street filter offers: those of the chosen district, or all. */
export function streetsOf<T extends { districtId: string }>(
  streets: readonly T[],
  district?: string | null,
): T[] {
  return district ? streets.filter((s) => s.districtId === district) : [...streets];
}
