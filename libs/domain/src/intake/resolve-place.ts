/**
 * Place resolution (地址匹配): from the address the operator typed and the place words inside the
 * complaint ("柳荫菜市场后身那条胡同口", "翠屏路一百五十号门口") to street, community and grid, with
 * a confidence and the words that decided. One everyday name for several places (两个“实验小学”)
 * gives candidates for the operator; words naming no known place give no guess at all.
 */
import type { ReferenceData } from '../reference/types';
import { normalizeText } from '../shared/keywords';
import type { GazetteerEntry, GazetteerFile } from './intake-data';

export interface PlaceTarget {
  readonly streetId: string;
  readonly communityId: string | null;
  readonly gridId: string | null;
  /** How the place is called in the territory (e.g. "星湖街道 星湖东里社区"). */
  readonly label: string;
}

export interface PlaceCandidate extends PlaceTarget {
  readonly confidence: number;
  /** The caller's or operator's words that named it. */
  readonly words: readonly string[];
  readonly source: 'address' | 'content';
}

export interface PlaceResolution {
  readonly resolved: PlaceCandidate | null;
  /** Other readings, best first (ambiguous names, or places that disagree). */
  readonly candidates: readonly PlaceCandidate[];
  readonly explanation: string;
  /** Where place words were found in the content (normalised text offsets), for the classifier. */
  readonly contentSpans: readonly PlaceSpan[];
}

export interface PlaceSpan {
  readonly start: number;
  readonly end: number;
  /** A neutral word for the kind of place ("公园", "医院", "小区"), kept for the matter. */
  readonly genericWord: string;
}

interface AliasEntry {
  readonly alias: string;
  readonly entry: GazetteerEntry;
}

export interface Gazetteer {
  /** Longest first: a longer name claims its words before a shorter one inside it. */
  readonly aliases: readonly AliasEntry[];
  /**
   * Indices into `aliases` by their first two characters (ascending), so a scan looks only at
   * the names that can start at each position: a city's gazetteer has tens of thousands.
   */
  readonly byPrefix: ReadonlyMap<string, readonly number[]>;
  /** Indices of one-character aliases, which have no two-character prefix. */
  readonly short: readonly number[];
  readonly byId: ReadonlyMap<string, GazetteerEntry>;
  readonly ref: ReferenceData;
}

export function buildGazetteer(file: GazetteerFile, ref: ReferenceData): Gazetteer {
  const aliases = file.places
    .flatMap((entry) => entry.aliases.map((a) => ({ alias: normalizeText(a), entry })))
    .sort((a, b) => b.alias.length - a.alias.length);
  const byPrefix = new Map<string, number[]>();
  const short: number[] = [];
  aliases.forEach(({ alias }, index) => {
    if (alias.length < 2) {
      if (alias.length === 1) short.push(index);
      return;
    }
    const key = alias.slice(0, 2);
    const list = byPrefix.get(key);
    if (list) list.push(index);
    else byPrefix.set(key, [index]);
  });
  return { aliases, byPrefix, short, byId: new Map(file.places.map((p) => [p.id, p])), ref };
}

/** Level of detail: 1 street, 2 community, 3 grid-level place (a compound or landmark). */
type Level = 1 | 2 | 3;

interface Hit {
  readonly start: number;
  readonly end: number;
  readonly words: string;
  readonly targets: readonly (PlaceTarget & { level: Level })[];
  readonly source: 'address' | 'content';
  readonly generic: string;
}

const GENERIC: Record<string, string> = {
  street: '街道',
  township: '镇',
  community: '社区',
  village: '村',
  compound: '小区',
  road: '路',
  school: '学校',
  market: '市场',
  station: '车站',
  hospital: '医院',
  park: '公园',
  water: '水库',
  other: '附近',
  alias: '村',
};

export function resolvePlaceText(
  address: string | null | undefined,
  content: string,
  gazetteer: Gazetteer,
): PlaceResolution {
  const addressHits = address ? scan(normalizeText(address), 'address', gazetteer) : [];
  const contentHits = scan(normalizeText(content), 'content', gazetteer);
  const contentSpans = contentHits.map((h) => ({
    start: h.start,
    end: h.end,
    genericWord: h.generic,
  }));
  const hits = [...addressHits, ...contentHits];
  if (hits.length === 0) {
    return {
      resolved: null,
      candidates: [],
      contentSpans,
      explanation: address?.trim()
        ? `地址“${address.trim()}”未匹配到辖区地名库中的地点，请话务员核实`
        : '未提及可识别的地点',
    };
  }
  // Each distinct target, with the hits that support it (a street hit supports its communities).
  const scored = new Map<
    string,
    { target: PlaceTarget & { level: Level }; score: number; hits: Hit[] }
  >();
  for (const hit of hits) {
    const ambiguous = hit.targets.length > 1;
    for (const target of hit.targets) {
      const key = `${target.streetId}/${target.communityId ?? ''}/${target.gridId ?? ''}`;
      const entry = scored.get(key) ?? { target, score: 0, hits: [] };
      entry.score +=
        (hit.source === 'address' ? 1.2 : 1) * (ambiguous ? 0.4 : 1) * (0.6 + 0.2 * target.level);
      entry.hits.push(hit);
      scored.set(key, entry);
    }
  }
  // Support from coarser places: a community hit supports a finer place inside it, a street hit
  // supports its communities.
  const all = [...scored.values()];
  for (const a of all)
    for (const b of all)
      if (a !== b && contains(b.target, a.target)) {
        a.score += 0.3;
        for (const h of b.hits) if (!a.hits.includes(h)) a.hits.push(h);
      }
  const ranked = all.sort(
    (a, b) =>
      b.score - a.score ||
      b.target.level - a.target.level ||
      Math.min(...a.hits.map((h) => h.start)) - Math.min(...b.hits.map((h) => h.start)),
  );
  const best = ranked[0]!;
  // Keep only readings that are not merely a coarser version of the best one.
  const rivals = ranked.slice(1).filter((r) => !contains(r.target, best.target));
  const onlyAmbiguous = best.hits.every((h) => h.targets.length > 1);
  const strongRival = rivals.find(
    (r) => r.score >= best.score * 0.85 && r.target.streetId !== best.target.streetId,
  );
  const toCandidate = (r: (typeof ranked)[number], confidence: number): PlaceCandidate => ({
    streetId: r.target.streetId,
    communityId: r.target.communityId,
    gridId: r.target.gridId,
    label: r.target.label,
    confidence: round(confidence),
    words: [...new Set(r.hits.map((h) => h.words))],
    source: r.hits.some((h) => h.source === 'address') ? 'address' : 'content',
  });
  const levelConfidence = best.target.level === 1 ? 0.7 : best.target.level === 2 ? 0.9 : 0.95;
  if (onlyAmbiguous || (strongRival && best.target.level === strongRival.target.level)) {
    const candidates = [best, ...rivals].slice(0, 5).map((r) => toCandidate(r, 0.45));
    return {
      resolved: null,
      candidates,
      contentSpans,
      explanation: `“${candidates.flatMap((c) => c.words).join('”“')}”可指多处：${candidates.map((c) => c.label).join('、')}，请与诉求人确认`,
    };
  }
  const confidence = levelConfidence - (rivals.length > 0 ? 0.15 : 0);
  const resolved = toCandidate(best, confidence);
  return {
    resolved,
    candidates: rivals
      .slice(0, 4)
      .map((r) => toCandidate(r, Math.min(0.5, r.score / best.score / 2))),
    contentSpans,
    explanation: `按“${resolved.words.join('”“')}”定位到${resolved.label}`,
  };
}

function contains(outer: PlaceTarget & { level: Level }, inner: PlaceTarget & { level: Level }) {
  if (outer.level >= inner.level || outer.streetId !== inner.streetId) return false;
  if (outer.level === 1) return true;
  return outer.communityId === inner.communityId;
}

function scan(text: string, source: Hit['source'], g: Gazetteer): Hit[] {
  const taken: boolean[] = new Array(text.length).fill(false);
  const hits: Hit[] = [];
  // Every occurrence of every alias, visited in the order of `g.aliases` (longest first), then
  // by position: found through the two-character prefix index rather than trying each alias.
  const found: [number, number][] = [];
  for (let at = 0; at + 1 < text.length; at++) {
    for (const index of g.byPrefix.get(text.slice(at, at + 2)) ?? []) {
      if (text.startsWith(g.aliases[index]!.alias, at)) found.push([index, at]);
    }
  }
  for (const index of g.short) {
    const { alias } = g.aliases[index]!;
    for (let at = text.indexOf(alias); at >= 0; at = text.indexOf(alias, at + 1))
      found.push([index, at]);
  }
  found.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  for (const [index, at] of found) {
    const { alias, entry } = g.aliases[index]!;
    const end = at + alias.length;
    if (taken.slice(at, end).some(Boolean)) continue;
    const hit = toHit(entry, text, at, end, source, g);
    if (!hit) continue;
    for (let i = at; i < hit.end; i++) taken[i] = true;
    hits.push(hit);
  }
  return hits.sort((a, b) => a.start - b.start);
}

function toHit(
  entry: GazetteerEntry,
  text: string,
  start: number,
  end: number,
  source: Hit['source'],
  g: Gazetteer,
): Hit | null {
  const base = { start, end, source, words: text.slice(start, end) };
  const generic =
    entry.kind === 'landmark' ? GENERIC[entry.category]! : (GENERIC[entry.kind] ?? '附近');
  switch (entry.kind) {
    case 'street':
    case 'township':
      return { ...base, generic, targets: [target(g, entry.streetId, null, null, 1)] };
    case 'community':
    case 'village':
      return { ...base, generic, targets: [target(g, entry.streetId, entry.communityId, null, 2)] };
    case 'compound':
      return {
        ...base,
        generic,
        targets: [target(g, entry.streetId, entry.communityId, entry.gridId ?? null, 3)],
      };
    case 'road': {
      const number = houseNumber(text.slice(end, end + 12));
      if (number) {
        const section = entry.sections.find(
          (s) => number.value >= s.fromNumber && number.value <= s.toNumber,
        );
        if (section)
          return {
            ...base,
            end: end + number.length,
            words: text.slice(start, end + number.length),
            generic,
            targets: [target(g, section.streetId, section.communityId, null, 2)],
          };
      }
      const communities = [...new Set(entry.sections.map((s) => s.communityId))];
      if (communities.length === 1) {
        const s = entry.sections[0]!;
        return { ...base, generic, targets: [target(g, s.streetId, s.communityId, null, 2)] };
      }
      const streets = [...new Set(entry.sections.map((s) => s.streetId))];
      return { ...base, generic, targets: streets.map((id) => target(g, id, null, null, 1)) };
    }
    case 'landmark':
    case 'alias': {
      const sameAs = entry.sameAs ?? [];
      if (sameAs.length > 0) {
        const targets = sameAs.flatMap((id) => {
          const other = g.byId.get(id);
          if (!other || other.kind === 'alias' || other.kind === 'road' || !other.streetId)
            return [];
          const communityId = 'communityId' in other ? (other.communityId ?? null) : null;
          const gridId = 'gridId' in other ? (other.gridId ?? null) : null;
          return [target(g, other.streetId, communityId, gridId, communityId ? 3 : 1)];
        });
        return targets.length > 0 ? { ...base, generic, targets } : null;
      }
      if (entry.kind === 'alias' || !entry.streetId) return null;
      return {
        ...base,
        generic,
        targets: [
          target(
            g,
            entry.streetId,
            entry.communityId ?? null,
            entry.gridId ?? null,
            entry.communityId ? 3 : 1,
          ),
        ],
      };
    }
  }
}

function target(
  g: Gazetteer,
  streetId: string,
  communityId: string | null,
  gridId: string | null,
  level: Level,
): PlaceTarget & { level: Level } {
  const street = g.ref.index.streets.get(streetId);
  const community = communityId ? g.ref.index.communities.get(communityId) : undefined;
  const label = [street?.name ?? streetId, community?.name].filter(Boolean).join(' ');
  return { streetId, communityId, gridId, label, level };
}

const CN_DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/** "28号", "一百五十号", "三十号院" right after a road name (a few filler characters allowed). */
export function houseNumber(after: string): { value: number; length: number } | null {
  const m = /^(?:的)?(\d{1,4}|[零〇一二两三四五六七八九十百千]{1,8})(?:号|號)/u.exec(after);
  if (!m) return null;
  const raw = m[1]!;
  const value = /^\d+$/.test(raw) ? Number(raw) : chineseNumber(raw);
  return value > 0 ? { value, length: m[0].length } : null;
}

export function chineseNumber(s: string): number {
  let total = 0;
  let current = 0;
  for (const ch of s) {
    if (ch in CN_DIGITS) current = CN_DIGITS[ch]!;
    else if (ch === '十') {
      total += (current || 1) * 10;
      current = 0;
    } else if (ch === '百') {
      total += current * 100;
      current = 0;
    } else if (ch === '千') {
      total += current * 1000;
      current = 0;
    }
  }
  // "一百五" = 150: a trailing digit after 百 counts in tens.
  if (/百[一二两三四五六七八九]$/u.test(s)) return total + current * 10;
  return total + current;
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
