import type { Community, Grid, ReferenceData, Street } from './types';

/** Where an order happened, as far as intake could tell (grid ⊂ community ⊂ street/township). */
export interface PlaceRef {
  readonly gridId?: string | null;
  readonly communityId?: string | null;
  readonly streetId?: string | null;
}

export type ResolvedPlace =
  | {
      readonly kind: 'resolved';
      /** Null when no place was given at all. */
      readonly street: Street | null;
      readonly community: Community | null;
      readonly grid: Grid | null;
    }
  | { readonly kind: 'unknown' | 'conflict'; readonly explanation: string };

/**
 * Resolves the most specific id given and checks that the coarser ids, if given too, contain it.
 * A grid implies its community and street.
 */
export function resolvePlace(place: PlaceRef, ref: ReferenceData): ResolvedPlace {
  const { grids, communities, streets } = ref.index;
  const grid = place.gridId ? grids.get(place.gridId) : undefined;
  if (place.gridId && !grid) return unknown('网格', place.gridId);
  const communityId = place.communityId ?? grid?.communityId;
  const community = communityId ? communities.get(communityId) : undefined;
  if (communityId && !community) return unknown('社区', communityId);
  const streetId = place.streetId ?? community?.streetId;
  const street = streetId ? streets.get(streetId) : undefined;
  if (streetId && !street) return unknown('街道/乡镇', streetId);
  if (grid && community && grid.communityId !== community.id) {
    return conflict(`网格 ${grid.id} 不属于社区 ${community.id}`);
  }
  if (community && street && community.streetId !== street.id) {
    return conflict(`社区 ${community.id} 不属于 ${street.name}`);
  }
  return {
    kind: 'resolved',
    street: street ?? null,
    community: community ?? null,
    grid: grid ?? null,
  };
}

function unknown(level: string, id: string): ResolvedPlace {
  return { kind: 'unknown', explanation: `地点编码无效：${level} "${id}" 不在辖区数据中` };
}

function conflict(explanation: string): ResolvedPlace {
  return { kind: 'conflict', explanation: `地点信息矛盾：${explanation}` };
}
