/**
 * A Beijing-sized territory for scale tests, built deterministically from a seed: 16 districts,
 * ~343 streets/townships, ~7,000 communities, ~30,000 grids, with their units and a gazetteer.
 * The sample 云川区 is district 1, exactly as shipped (the duty list is written with its unit
 * ids, so every generated district's units carry those ids as roles); the other 15 districts
 * are generated. The city level (centre, city departments, enterprises) is the sample's. Pure:
 * the same seed gives the same files, byte for byte.
 */
import gazetteer from '../../data/gazetteer.json';
import patterns from '../../data/intake-patterns.json';
import lexicon from '../../data/matter-lexicon.json';
import dutyList from '../../data/duty-list.json';
import filterRules from '../../data/filter-rules.json';
import holidays from '../../data/holidays.json';
import knowledgeBase from '../../data/knowledge-base.json';
import policy from '../../data/policy.json';
import territory from '../../data/territory.json';
import units from '../../data/units.json';
import type { GazetteerFile } from '../intake/intake-data';
import type { CityTerritoryFile, UnitsFile } from '../reference/schemas';

export interface CitySize {
  readonly districts: number;
  readonly streets: number;
  readonly communities: number;
  readonly grids: number;
}

/** Beijing: 16 districts, 343 streets and townships, ~7,000 communities and villages, ~30,000 grids. */
export const BEIJING_SIZE: CitySize = {
  districts: 16,
  streets: 343,
  communities: 7_000,
  grids: 30_000,
};

export interface GeneratedCityFiles {
  readonly territory: CityTerritoryFile;
  readonly units: UnitsFile;
  readonly gazetteer: GazetteerFile;
  /** The other data files, as shipped, so `parseReferenceData` takes the whole object. */
  readonly dutyList: unknown;
  readonly holidays: unknown;
  readonly policy: unknown;
  readonly knowledgeBase: unknown;
  readonly filterRules: unknown;
  readonly lexicon: unknown;
  readonly patterns: unknown;
}

/** mulberry32: a small, fast, seedable PRNG; enough for test data. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Splits `total` into `parts` integers ≥ `min`, proportional to random weights. */
function allocate(total: number, parts: number, min: number, random: () => number): number[] {
  const weights = Array.from({ length: parts }, () => 0.5 + random());
  const sum = weights.reduce((a, b) => a + b, 0);
  const spare = total - parts * min;
  const exact = weights.map((w) => (w / sum) * spare);
  const out = exact.map((x) => min + Math.floor(x));
  let left = total - out.reduce((a, b) => a + b, 0);
  const order = exact
    .map((x, i) => [x - Math.floor(x), i] as const)
    .sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; left > 0; k = (k + 1) % parts, left--) out[order[k]![1]]! += 1;
  return out;
}

// Neutral characters for names: no word of the duty list or the lexicon is made of them.
const SYLLABLES = [
  ...'松柏桦榆槐杉枫桐楠樟竹梅兰菊荷莲芳苑禾丰穗麦泉溪涧湾潭岭峰峦岗霞虹安康宁泰顺祥瑞福华锦绣朗晨曦嘉佳兴盛翠碧金玉春秋益恒昌隆',
];

function nameMaker(random: () => number) {
  const used = new Set<string>();
  return (length: number): string => {
    for (;;) {
      let name = '';
      for (let i = 0; i < length; i++) name += SYLLABLES[Math.floor(random() * SYLLABLES.length)];
      if (!used.has(name)) {
        used.add(name);
        return name;
      }
    }
  };
}

const SURNAMES = [...'王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾'];
const GIVEN = [
  '建国',
  '秀英',
  '志强',
  '桂兰',
  '海燕',
  '文博',
  '丽娟',
  '永刚',
  '春梅',
  '晓东',
  '淑珍',
  '国庆',
];

type UnitRow = UnitsFile['units'][number];
type StreetRow = CityTerritoryFile['districts'][number]['streets'][number];
type Place = GazetteerFile['places'][number];

/** The Beijing-sized (or any-sized) city for `seed`. */
export function generateCityFiles(seed: number, size: CitySize = BEIJING_SIZE): GeneratedCityFiles {
  const random = seededRandom(seed);
  const name = nameMaker(random);
  const sample = territory.districts[0]!; // 云川区, kept as shipped
  const sampleUnits = units.units.filter((u) => u.districtId === sample.id || u.level === 'city');
  const sampleCommunities = sample.streets.reduce((n, s) => n + s.communities.length, 0);
  const sampleGrids = sample.streets.reduce(
    (n, s) => n + s.communities.reduce((m, c) => m + c.grids.length, 0),
    0,
  );
  const generated = size.districts - 1;
  const streetsPer = allocate(size.streets - sample.streets.length, generated, 3, random);
  const streetCount = streetsPer.reduce((a, b) => a + b, 0);
  const communitiesPer = allocate(size.communities - sampleCommunities, streetCount, 3, random);
  const gridsPer = allocate(
    size.grids - sampleGrids,
    communitiesPer.reduce((a, b) => a + b, 0),
    1,
    random,
  );
  // Roles every generated district carries: 云川区's departments and two enterprise branches.
  const roleUnits = units.units.filter(
    (u) =>
      u.districtId === sample.id && (u.kind === 'department' || u.id === 'GDGS' || u.id === 'PSJT'),
  );
  const person = (staffId: string, role: string) => ({
    staffId,
    name: `${SURNAMES[Math.floor(random() * SURNAMES.length)]}${GIVEN[Math.floor(random() * GIVEN.length)]}`,
    role,
  });

  const districts: CityTerritoryFile['districts'][number][] = [
    { ...sample, streets: sample.streets as StreetRow[] },
  ];
  const unitRows: UnitRow[] = sampleUnits.map((u) => ({ ...(u as UnitRow) }));
  // The shipped gazetteer's places of 云川区 (the other shipped districts are not generated).
  const sampleStreets = new Set(sample.streets.map((s) => s.id));
  const places: Place[] = (gazetteer.places as Place[]).filter((p) =>
    p.kind === 'road'
      ? p.sections.every((s) => sampleStreets.has(s.streetId))
      : p.kind === 'alias' || p.streetId === undefined || sampleStreets.has(p.streetId),
  );
  let streetIndex = 0;
  let communityIndex = 0;
  for (let d = 0; d < generated; d++) {
    const did = `D${String(d + 2).padStart(2, '0')}`;
    const dname = `${name(2)}区`;
    const centre = `${did}-ZHZX`;
    for (const role of roleUnits) {
      unitRows.push({
        id: role.id === 'ZHZX' ? centre : `${did}-${role.id}`,
        kind: role.kind as UnitRow['kind'],
        name: role.name.replace('云川', dname.slice(0, 2)),
        level: 'district',
        districtId: did,
        role: role.id,
        ...(role.id === 'ZHZX' ? { ranked: false } : {}),
      });
    }
    const streets: StreetRow[] = [];
    for (let s = 0; s < streetsPer[d]!; s++, streetIndex++) {
      const sid = `${did}-S${String(s + 1).padStart(2, '0')}`;
      const township = random() < 0.35;
      const base = name(2);
      const sname = township ? `${base}镇` : `${base}街道`;
      unitRows.push({
        id: sid,
        kind: township ? 'township' : 'street',
        name: township ? `${base}镇人民政府` : `${base}街道办事处`,
        level: 'street',
        districtId: did,
      });
      places.push({
        id: `P-${sid}`,
        kind: township ? 'township' : 'street',
        name: sname,
        aliases: [sname],
        streetId: sid,
      });
      const communities: StreetRow['communities'] = [];
      for (let c = 0; c < communitiesPer[streetIndex]!; c++, communityIndex++) {
        const cid = `${sid}-C${String(c + 1).padStart(3, '0')}`;
        const village = township && random() < 0.6;
        const cbase = name(3);
        const cname = village ? `${cbase}村` : `${cbase}社区`;
        places.push({
          id: `P-${cid}`,
          kind: village ? 'village' : 'community',
          name: cname,
          aliases: [cname, cbase],
          streetId: sid,
          communityId: cid,
        });
        const grids: StreetRow['communities'][number]['grids'] = [];
        for (let g = 0; g < gridsPer[communityIndex]!; g++) {
          const gid = `${cid}-G${g + 1}`;
          grids.push({
            id: gid,
            name: `${cbase}第${g + 1}网格`,
            responsible: { default: person(`WG-${gid}`, '专职网格员'), byBlock: {} },
          });
          if (!village) {
            const compound = `${name(3)}家园`;
            places.push({
              id: `P-${gid}`,
              kind: 'compound',
              name: compound,
              aliases: [compound],
              streetId: sid,
              communityId: cid,
              gridId: gid,
            });
          }
        }
        communities.push({ id: cid, name: cname, kind: village ? 'village' : 'community', grids });
      }
      streets.push({ id: sid, name: sname, kind: township ? 'township' : 'street', communities });
    }
    districts.push({
      id: did,
      name: dname,
      city: territory.city.name,
      supervisingUnitId: centre,
      fallbackUnitId: centre,
      streets,
    });
  }
  return {
    territory: {
      version: `generated-${seed}`,
      description: `Generated city (seed ${seed}) for scale tests`,
      city: territory.city,
      districts,
    },
    units: { version: `generated-${seed}`, units: unitRows },
    gazetteer: { version: `generated-${seed}`, places },
    dutyList,
    holidays,
    policy,
    knowledgeBase,
    filterRules,
    lexicon,
    patterns,
  };
}

/** A call about one of a few everyday matters, at a place named by its gazetteer words. */
export interface GeneratedCall {
  readonly content: string;
  /** Where it is: the place named in the words. */
  readonly gridId: string | null;
  readonly communityId: string;
  readonly streetId: string;
  readonly matterTypeCode: string;
}

const CALL_TEMPLATES: readonly (readonly [string, string])[] = [
  ['CG-010', '{place}门口的路灯坏了好几盏，晚上很黑'],
  ['CG-004', '{place}楼下饭店油烟直排，窗户都不敢开'],
  ['MS-001', '{place}停水了，一上午都没来水'],
  ['CG-002', '{place}外面马路上全是摆摊卖水果的，占道经营'],
  ['CG-009', '{place}门口的井盖丢了，没有任何警示'],
  ['CG-005', '{place}的垃圾好几天没人清运了，味道很大'],
  ['CG-003', '{place}旁边工地夜间施工，噪音特别大'],
  ['MS-005', '{place}暖气一点都不热，屋里才十五度'],
  ['SQ-008', '{place}楼道里堆满了杂物，消防通道都堵了'],
  ['CG-001', '{place}顶楼有人私搭乱建了一个阳光房'],
  ['CG-011', '{place}门口共享单车乱停放，人都过不去'],
  ['SQ-005', '{place}的电梯坏了一个星期了还没修好'],
];

/** `count` calls at random places of the generated city (communities and compounds), seeded. */
export function generateCalls(
  files: GeneratedCityFiles,
  count: number,
  seed: number,
): GeneratedCall[] {
  const random = seededRandom(seed);
  const places = files.gazetteer.places.filter(
    (p): p is Extract<Place, { kind: 'community' | 'village' | 'compound' }> =>
      (p.kind === 'community' || p.kind === 'village' || p.kind === 'compound') &&
      p.id.startsWith('P-D'),
  );
  return Array.from({ length: count }, () => {
    const place = places[Math.floor(random() * places.length)]!;
    const [matterTypeCode, template] =
      CALL_TEMPLATES[Math.floor(random() * CALL_TEMPLATES.length)]!;
    return {
      content: template.replace('{place}', place.name),
      gridId: place.gridId ?? null,
      communityId: place.communityId,
      streetId: place.streetId,
      matterTypeCode,
    };
  });
}
