/**
 * 三率排名 at a level (市级: the whole city; 区级: one district), from GET /views/scores/rankings,
 * and the push-downs to streets (自上而下派回街道) from GET /views/scores/push-downs. The API
 * refuses a district centre the city level; the console only hides what it would refuse.
 */
export type RankingLevel = 'city' | 'district';

export const LEVEL_LABEL: Record<RankingLevel, string> = { city: '市级', district: '区级' };

/** The groups in the order shown; the city's own departments and enterprises at city level only. */
export const RANKING_GROUPS = [
  { key: 'streets', label: '街道', cityOnly: false },
  { key: 'townships', label: '乡镇', cityOnly: false },
  { key: 'departments', label: '区级部门', cityOnly: false },
  { key: 'enterprises', label: '公共服务企业', cityOnly: false },
  { key: 'cityDepartments', label: '市级部门', cityOnly: true },
  { key: 'cityEnterprises', label: '市属企业', cityOnly: true },
] as const;
export type RankingGroupKey = (typeof RANKING_GROUPS)[number]['key'];

export interface RankingsQuery {
  month: string;
  level: RankingLevel;
  district?: string;
}

/** The query: a district ranking names its district; a city ranking names none. */
export function rankingsQuery(
  month: string,
  level: RankingLevel,
  district?: string | null,
): RankingsQuery {
  if (level === 'city') return { month, level };
  if (!district) throw new Error('区级排名需要选择区');
  return { month, level, district };
}

/** What a signed-in user may choose: a district centre its own district only, others both levels. */
export function rankingChoices(
  claims: { role: string; level?: string; districtId?: string },
  districts: readonly { id: string }[],
): { levels: RankingLevel[]; level: RankingLevel; district: string | undefined; fixed: boolean } {
  if (claims.role !== 'unit' && claims.level === 'district' && claims.districtId)
    return { levels: ['district'], level: 'district', district: claims.districtId, fixed: true };
  return {
    levels: ['city', 'district'],
    level: 'city',
    district: claims.districtId ?? districts[0]?.id,
    fixed: false,
  };
}

export interface RankingSection<T> {
  key: RankingGroupKey;
  label: string;
  rows: T[];
}

/** The tables to show at a level, each group's rows as the API ranked them (empty: no rows). */
export function rankingSections<T>(
  groups: Partial<Record<string, T[] | undefined>> | undefined,
  level: RankingLevel,
): RankingSection<T>[] {
  return RANKING_GROUPS.filter((g) => level === 'city' || !g.cityOnly).map((g) => ({
    key: g.key,
    label: g.label,
    rows: groups?.[g.key] ?? [],
  }));
}

export interface PushDownRow {
  key: string;
  districtId: string | null;
  orders: number;
  pushDowns: number;
  flagged: number;
  /** Share of push-downs without a reason, e.g. "25.0%"; "—" with none. */
  flaggedShare: string;
}

/** One row per district, and a 合计 row when more than one district is listed. */
export function pushDownRows(
  districts: readonly {
    districtId: string | null;
    orders: number;
    pushDowns: number;
    flagged: number;
  }[],
): PushDownRow[] {
  const share = (flagged: number, all: number) =>
    all ? `${((flagged / all) * 100).toFixed(1)}%` : '—';
  const rows: PushDownRow[] = districts.map((d) => ({
    key: d.districtId ?? '—',
    districtId: d.districtId,
    orders: d.orders,
    pushDowns: d.pushDowns,
    flagged: d.flagged,
    flaggedShare: share(d.flagged, d.pushDowns),
  }));
  if (rows.length > 1) {
    const sum = (f: 'orders' | 'pushDowns' | 'flagged') => rows.reduce((n, r) => n + r[f], 0);
    rows.push({
      key: 'total',
      districtId: null,
      orders: sum('orders'),
      pushDowns: sum('pushDowns'),
      flagged: sum('flagged'),
      flaggedShare: share(sum('flagged'), sum('pushDowns')),
    });
  }
  return rows;
}
