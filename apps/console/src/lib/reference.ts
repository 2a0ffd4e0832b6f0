import {
  DISTRICTS,
  MATTER_TYPES,
  POWERS,
  STREETS,
  UNITS,
  type UnitKind,
} from '../generated/reference';

const unitNames = new Map(UNITS.map((u) => [u.id, u.name]));
const matterNames = new Map(MATTER_TYPES.map((m) => [m.code, m.name]));
const placeNames = new Map<string, string>();
for (const s of STREETS) {
  placeNames.set(s.id, s.name);
  for (const c of s.communities) placeNames.set(c.id, c.name);
}

const districtNames = new Map(DISTRICTS.map((d) => [d.id, d.name]));
export const districtName = (id?: string | null) =>
  id ? (districtNames.get(id) ?? id) : '未归属区';
export const unitName = (id?: string | null) => (id ? (unitNames.get(id) ?? id) : '—');
export const matterName = (code?: string | null) =>
  code ? `${matterNames.get(code) ?? code}（${code}）` : '未分类';
export const placeName = (id?: string | null) => (id ? (placeNames.get(id) ?? id) : '—');
export const unitKind = (id?: string | null): UnitKind | undefined =>
  UNITS.find((u) => u.id === id)?.kind;
export const isStreet = (id?: string | null) => {
  const k = unitKind(id);
  return k === 'street' || k === 'township';
};

export const UNIT_KIND_LABEL: Record<UnitKind, string> = {
  street: '街道',
  township: '乡镇',
  department: '部门',
  enterprise: '公共服务企业',
};

export { DISTRICTS, MATTER_TYPES, POWERS, STREETS, UNITS };
