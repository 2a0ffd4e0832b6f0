/**
 * Shape of each data file (zod). Strict objects, so a misspelt field is an error rather than a
 * silently ignored value. Cross-file references are checked afterwards, in cross-checks.ts.
 */
import { z } from 'zod';
import { URGENCIES } from '../vocabulary';

const id = z
  .string()
  .regex(/^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*$/, 'expected an id like "CGW" or "XHJD-01-1"');
const text = z.string().trim().min(1, 'must not be empty');
const version = text;
const keywords = z.array(text).min(1, 'needs at least one keyword');

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
  }, 'not a real date');

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a time HH:MM');

export const urgencySchema = z.enum(URGENCIES);
export const handlingClassSchema = z.enum(['emergency', 'utility', 'general', 'complex']);
export const blockSchema = z.enum([
  'party',
  'safety',
  'urban',
  'community',
  'livelihood',
  'support',
]);
export const categorySchema = z.enum([
  'consultation',
  'help',
  'complaint',
  'report',
  'suggestion',
  'praise',
]);
const rejectReasonSchema = z.enum([
  'outside_public_duty',
  'in_legal_process',
  'unlawful_demand',
  'abusive',
  'insufficient_information',
]);

const person = z.strictObject({ staffId: id, name: text, role: text });

const grid = z.strictObject({
  id,
  name: text,
  responsible: z.strictObject({
    default: person,
    byBlock: z.partialRecord(blockSchema, person),
  }),
});

const community = z.strictObject({
  id,
  name: text,
  kind: z.enum(['community', 'village']),
  grids: z.array(grid).min(1, 'a community needs at least one grid'),
});

const street = z.strictObject({
  id,
  name: text,
  kind: z.enum(['street', 'township']),
  communities: z.array(community).min(1, 'a street needs at least one community'),
});

const districtBlock = {
  id,
  name: text,
  city: text,
  /** The district's hotline centre (区接诉即办指挥中心): supervises every dispatch in the district. */
  supervisingUnitId: id,
  /** Takes the district's orders whose jurisdiction is unclear (区级兜底). */
  fallbackUnitId: id,
};

/** One district, as it was written before the city level existed: `district` + `streets`. */
export const districtTerritoryFile = z.strictObject({
  version,
  description: z.string().optional(),
  district: z.strictObject(districtBlock),
  streets: z.array(street),
});

/** A city (市级 12345 centre) and its districts, each with its streets/townships. */
export const cityTerritoryFile = z.strictObject({
  version,
  description: z.string().optional(),
  city: z.strictObject({
    id,
    name: text,
    /** The city's 12345 centre (市民服务热线中心): takes calls for the whole city. */
    centreUnitId: id,
    /** Takes city-wide orders no district or city unit has a duty for (市级兜底). */
    fallbackUnitId: id,
  }),
  districts: z
    .array(
      z.strictObject({
        ...districtBlock,
        streets: z.array(street).min(1, 'a district needs at least one street or township'),
      }),
    )
    .min(1, 'a city needs at least one district'),
});

/** territory.json: a city with districts, or (as before) a single district. */
export const territoryFile = z.union([cityTerritoryFile, districtTerritoryFile]);

export const unitLevelSchema = z.enum(['city', 'district', 'street']);

export const unitsFile = z.strictObject({
  version,
  description: z.string().optional(),
  units: z.array(
    z.strictObject({
      id,
      kind: z.enum(['street', 'township', 'department', 'enterprise']),
      name: text,
      /** 市级 / 区级 / 街乡级. Optional only in a single-district file (derived from the kind). */
      level: unitLevelSchema.optional(),
      /** The district the unit belongs to; absent for city-level units. */
      districtId: id.optional(),
      /**
       * The unit id the duty list uses for this unit's duties, when it is not the unit's own id:
       * the duty list is written with one district's ids (云川区's), and 澜山区's 城管委 `LS-CGW`
       * carries the duties of `CGW` in 澜山区; the city's water group `BJ-ZLS` those of `ZLS` in
       * every district without its own water branch.
       */
      role: id.optional(),
      ranked: z.boolean().optional(),
    }),
  ),
});

export const dutyListFile = z.strictObject({
  version,
  description: z.string().optional(),
  matterTypes: z.array(
    z.strictObject({
      code: z.string().regex(/^(DQ|PA|CG|SQ|MS|ZB)-\d{3}$/, 'expected a code like "CG-003"'),
      name: text,
      block: blockSchema,
      streetRole: z.enum(['lead', 'coordinate', 'assist']),
      leadUnitId: id.optional(),
      assistingUnitIds: z.array(id),
      whistle: z.boolean(),
      defaultUrgency: urgencySchema,
      handlingClass: handlingClassSchema,
      needsPlace: z.boolean().optional(),
      keywords,
    }),
  ),
});

export const holidaysFile = z.strictObject({
  version,
  description: z.string().optional(),
  timeZone: z.literal('Asia/Shanghai'),
  years: z.array(
    z.strictObject({
      year: z.number().int().min(2000).max(2100),
      source: text,
      publishedOn: isoDate,
      holidays: z.array(z.strictObject({ name: text, from: isoDate, to: isoDate })),
      adjustedWorkdays: z.array(z.strictObject({ date: isoDate, for: text })),
    }),
  ),
});

const limit = z.strictObject({
  unit: z.enum(['minutes', 'hours', 'naturalDays', 'workingDays']),
  amount: z.number().positive(),
});
const byUrgency = z.strictObject({ emergency: limit, urgent: limit, normal: limit });
const positiveInt = z.number().int().positive();
const fraction = z.number().gt(0).lt(1);

export const policyFile = z.strictObject({
  version,
  description: z.string().optional(),
  intake: z.strictObject({ dispatchWithin: limit }),
  acknowledge: byUrgency,
  returns: z.strictObject({
    window: limit,
    maxBeforeArbitration: positiveInt,
    minSupportingChars: z.number().int().min(0),
  }),
  response: byUrgency,
  handling: z.strictObject({ emergency: limit, utility: limit, general: limit, complex: limit }),
  reminderFractions: z.array(fraction),
  extension: z.strictObject({
    maxCount: z.number().int().min(0),
    maxLengthFactor: z.number().positive(),
    approver: z.literal('centre'),
  }),
  callback: z.strictObject({ maxAttempts: positiveInt, reworkLimit: z.number().int().min(0) }),
  notes: z.strictObject({ maxPerOrder: positiveInt, maxPerWhistle: positiveInt }),
  history: z.strictObject({ eventsPerRun: positiveInt }).optional(),
  duplicate: z.strictObject({ windowDays: z.number().positive() }),
  maliciousRepeat: z.strictObject({
    rejectedContacts: positiveInt,
    withinHours: z.number().positive(),
  }),
  hotspot: z.strictObject({ minOrders: positiveInt, windowDays: z.number().positive() }),
  scoring: z.strictObject({
    weights: z.strictObject({
      response: z.number().min(0),
      resolution: z.number().min(0),
      satisfaction: z.number().min(0),
    }),
    basicallySatisfiedWeight: z.number().min(0).max(1),
  }),
  whistle: z.strictObject({
    reportWithin: z.strictObject({ emergency: limit, routine: limit, key_task: limit }),
    rating: z.strictObject({ min: z.number().int(), max: z.number().int() }),
  }),
  businessHours: z.array(z.strictObject({ start: hhmm, end: hhmm })).min(1),
});

export const knowledgeBaseFile = z.strictObject({
  version,
  description: z.string().optional(),
  entries: z.array(
    z.strictObject({
      id,
      question: text,
      keywords,
      answer: text,
      matterTypeCode: z.string().nullable(),
    }),
  ),
});

export const filterRulesFile = z.strictObject({
  version,
  description: z.string().optional(),
  negationMarkers: z.array(text),
  riskToLife: z.strictObject({ keywords, ignoredPhrases: z.array(text), explanation: text }),
  insufficientInformation: z.strictObject({
    minContentChars: z.number().int().min(1),
    placeRequiredFor: z.array(categorySchema),
    noContentGuidance: text,
    noPlaceGuidance: text,
  }),
  maliciousRepeatGuidance: text,
  repeatedUnreasonableGuidance: text,
  rules: z.array(
    z.strictObject({
      id,
      reason: rejectReasonSchema,
      explanation: text,
      keywords,
      unlessKeywords: z.array(text),
      guidanceForCaller: text,
    }),
  ),
});

/** The array in each file whose elements are reported as "rows" in errors. */
export const ROW_ARRAYS = {
  /** `districts` in a city file, `streets` in a single-district file (see parse.ts). */
  territory: 'streets',
  units: 'units',
  dutyList: 'matterTypes',
  holidays: 'years',
  policy: null,
  knowledgeBase: 'entries',
  filterRules: 'rules',
} as const;

export const FILE_SCHEMAS = {
  territory: territoryFile,
  units: unitsFile,
  dutyList: dutyListFile,
  holidays: holidaysFile,
  policy: policyFile,
  knowledgeBase: knowledgeBaseFile,
  filterRules: filterRulesFile,
} as const;

export type TerritoryFile = z.infer<typeof territoryFile>;
export type CityTerritoryFile = z.infer<typeof cityTerritoryFile>;
export type DistrictTerritoryFile = z.infer<typeof districtTerritoryFile>;
export type UnitsFile = z.infer<typeof unitsFile>;
export type DutyListFile = z.infer<typeof dutyListFile>;
export type HolidaysFile = z.infer<typeof holidaysFile>;
export type PolicyFile = z.infer<typeof policyFile>;
export type KnowledgeBaseFile = z.infer<typeof knowledgeBaseFile>;
export type FilterRulesFile = z.infer<typeof filterRulesFile>;
