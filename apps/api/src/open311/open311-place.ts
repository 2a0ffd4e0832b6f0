import { type ReferenceData } from '@hotline/domain';

/** A grid implies its community and street, a community its street (网格 ⊂ 社区 ⊂ 街道). */
export interface PlaceIds {
  streetId?: string;
  communityId?: string;
  gridId?: string;
}

/** An Open311 address_id is one of our place ids; null when it is none of them. */
export function placeIdsOf(addressId: string, ref: ReferenceData): PlaceIds | null {
  const grid = ref.index.grids.get(addressId);
  if (grid) return { streetId: grid.streetId, communityId: grid.communityId, gridId: grid.id };
  const community = ref.index.communities.get(addressId);
  if (community) return { streetId: community.streetId, communityId: community.id };
  return ref.index.streets.has(addressId) ? { streetId: addressId } : null;
}

/** "星湖街道 星湖东里社区 星湖东里第1网格": the place's names, coarsest first. */
export function placeName(ids: PlaceIds, ref: ReferenceData): string {
  return [
    ids.streetId && ref.index.streets.get(ids.streetId)?.name,
    ids.communityId && ref.index.communities.get(ids.communityId)?.name,
    ids.gridId && ref.index.grids.get(ids.gridId)?.name,
  ]
    .filter((n): n is string => Boolean(n))
    .join(' ');
}

/** The most specific id: what GeoReport calls address_id. */
export function addressIdOf(ids: {
  streetId?: string | null;
  communityId?: string | null;
  gridId?: string | null;
}): string | null {
  return ids.gridId || ids.communityId || ids.streetId || null;
}
