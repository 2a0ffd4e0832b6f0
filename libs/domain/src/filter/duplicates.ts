import { resolvePlace } from '../reference/place';
import type { ReferenceData } from '../reference/types';
import { normalizeText } from '../shared/keywords';
import type { OrderPlace } from './types';

/**
 * Same place, compared at the finest level both sides know: grid, then community; with only a
 * street known, the street and the written address must both agree.
 */
export function samePlace(a: OrderPlace, b: OrderPlace, ref: ReferenceData): boolean {
  const pa = resolvePlace(a, ref);
  const pb = resolvePlace(b, ref);
  if (pa.kind !== 'resolved' || pb.kind !== 'resolved') return false;
  if (pa.grid && pb.grid) return pa.grid.id === pb.grid.id;
  if (pa.community && pb.community) return pa.community.id === pb.community.id;
  if (!pa.street || !pb.street || pa.street.id !== pb.street.id) return false;
  return Boolean(a.address && b.address && normalizeText(a.address) === normalizeText(b.address));
}
