/**
 * The three levels of the reference data (市级 → 区级 → 街乡): which district a place or unit is
 * in, which unit carries a duty-list role in a district, and a district's own view of the data.
 */
import { roleKey } from './parse';
import type { District, ReferenceData, Street, Unit } from './types';

/** The district, or a RangeError naming the known ones. */
export function districtById(ref: ReferenceData, districtId: string): District {
  const district = ref.index.districts.get(districtId);
  if (!district) {
    throw new RangeError(
      `Unknown district "${districtId}"; known: ${ref.districts.map((d) => d.id).join(', ')}`,
    );
  }
  return district;
}

/** The district's streets and townships, in the file's order. */
export function streetsOfDistrict(ref: ReferenceData, districtId: string): Street[] {
  return districtById(ref, districtId).streetIds.flatMap((id) => ref.index.streets.get(id) ?? []);
}

/** The units belonging to the district (its centre, streets, departments, branches). */
export function unitsOfDistrict(ref: ReferenceData, districtId: string): Unit[] {
  return ref.units.filter((u) => u.districtId === districtId);
}

/** City-level units (the city centre, city departments and enterprises). */
export function cityUnits(ref: ReferenceData): Unit[] {
  return ref.units.filter((u) => u.level === 'city');
}

/**
 * The unit carrying a duty-list unit id (`role`) for a district: the district's own unit (云川区's
 * `CGW` itself, 澜山区's `LS-CGW`), else the city-level unit with that role (the city water group
 * for a district without a water branch), else a city-level unit whose id is the role itself
 * (`BJ-DT`, the subway, named directly by the duty list). Null when nobody carries it.
 */
export function unitForRole(ref: ReferenceData, role: string, districtId: string): Unit | null {
  const { roles, units } = ref.index;
  const own = roles.get(roleKey(districtId, role));
  if (own) return own;
  const city = roles.get(roleKey(null, role));
  if (city) return city;
  const named = units.get(role);
  return named && named.level === 'city' ? named : null;
}

/** The district a unit belongs to; null for city-level units and unknown ids. */
export function districtOfUnit(ref: ReferenceData, unitId: string): District | null {
  const districtId = ref.index.units.get(unitId)?.districtId;
  return districtId ? (ref.index.districts.get(districtId) ?? null) : null;
}

/**
 * One district's view of the data, as a district centre sees it: its own streets, communities
 * and grids, its own units, and the city-level units it may dispatch to (not ranked in the
 * district's ranking: the city ranks them). `district` is that district. The duty list,
 * calendar, policy and rules are shared. For the first district of the shipped sample (云川区)
 * this is exactly the data as it was before the city level existed.
 */
export function districtReferenceData(ref: ReferenceData, districtId: string): ReferenceData {
  const district = districtById(ref, districtId);
  const streets = streetsOfDistrict(ref, districtId);
  const units = ref.units
    .filter((u) => u.districtId === districtId || u.level === 'city')
    .map((u) => (u.level === 'city' && u.ranked ? { ...u, ranked: false } : u));
  const communities = streets.flatMap((s) => s.communities);
  const unitIds = new Set(units.map((u) => u.id));
  return {
    ...ref,
    districts: [district],
    district,
    streets,
    units,
    index: {
      ...ref.index,
      units: new Map(units.map((u) => [u.id, u])),
      streets: new Map(streets.map((s) => [s.id, s])),
      communities: new Map(communities.map((c) => [c.id, c])),
      grids: new Map(communities.flatMap((c) => c.grids).map((g) => [g.id, g])),
      districts: new Map([[district.id, district]]),
      roles: new Map([...ref.index.roles].filter(([, u]) => unitIds.has(u.id))),
    },
  };
}

/**
 * The reference data a street's own matters are answered from: the deployment's view when it
 * knows the street (云川区's view answers 云川区 as it always has), else the whole city, where
 * the street's own district (its centre, its departments) is found. Null when neither knows it.
 */
export function viewForStreet(
  view: ReferenceData,
  city: ReferenceData,
  streetId: string,
): ReferenceData | null {
  if (view.index.streets.has(streetId)) return view;
  return city.index.streets.has(streetId) ? city : null;
}

/** The centre (指挥中心) of the district a street belongs to, in the data that knows the street. */
export function districtCentreOfStreet(
  view: ReferenceData,
  city: ReferenceData,
  streetId: string,
): string | null {
  const data = viewForStreet(view, city, streetId);
  const street = data?.index.streets.get(streetId);
  return street ? (data!.index.districts.get(street.districtId)?.supervisingUnitId ?? null) : null;
}
