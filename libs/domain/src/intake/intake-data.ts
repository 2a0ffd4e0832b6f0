/**
 * The intake's own reference data: the gazetteer (地名库), the matter lexicon (事项同义词库) and the
 * speech patterns (受理研判用语模式). Validated like the other data files: a wrong community id, an
 * unknown matter code or a pattern that does not compile stops the start with the file, row and
 * field named. Kept apart from `ReferenceData` so that the workflow bundle does not carry it.
 */
import { z } from 'zod';
import type { ReferenceData } from '../reference/types';
import { compilePattern } from './patterns';

const text = z.string().trim().min(1);
const phrases = z.array(text).min(1);

const placeBase = {
  id: z.string().regex(/^[A-Z]-[A-Z0-9-]+$/),
  name: text,
  aliases: phrases,
};

export const gazetteerFile = z.strictObject({
  version: text,
  description: z.string().optional(),
  places: z.array(
    z.discriminatedUnion('kind', [
      z.strictObject({
        ...placeBase,
        kind: z.enum(['street', 'township']),
        streetId: text,
      }),
      z.strictObject({
        ...placeBase,
        kind: z.enum(['community', 'village', 'compound']),
        streetId: text,
        communityId: text,
        gridId: text.optional(),
      }),
      z.strictObject({
        ...placeBase,
        kind: z.literal('road'),
        streetId: text.optional(),
        sections: z
          .array(
            z.strictObject({
              fromNumber: z.number().int().min(1),
              toNumber: z.number().int().min(1),
              streetId: text,
              communityId: text,
            }),
          )
          .min(1),
      }),
      z.strictObject({
        ...placeBase,
        kind: z.literal('landmark'),
        category: z.enum(['school', 'market', 'station', 'hospital', 'park', 'water', 'other']),
        streetId: text.optional(),
        communityId: text.optional(),
        gridId: text.optional(),
        /** An everyday name for several places (两个“实验小学”): the operator picks one. */
        sameAs: z.array(text).optional(),
      }),
      z.strictObject({ ...placeBase, kind: z.literal('alias'), sameAs: z.array(text).min(2) }),
    ]),
  ),
});
export type GazetteerFile = z.infer<typeof gazetteerFile>;
export type GazetteerEntry = GazetteerFile['places'][number];

export const matterLexiconFile = z.strictObject({
  version: text,
  description: z.string().optional(),
  matters: z.array(z.strictObject({ code: text, phrases })),
});
export type MatterLexiconFile = z.infer<typeof matterLexiconFile>;

const patternGroup = z.strictObject({ patterns: phrases, unless: z.array(text) });

export const intakePatternsFile = z.strictObject({
  version: text,
  description: z.string().optional(),
  emergency: z.array(z.strictObject({ kind: text, label: text, patterns: phrases })).min(1),
  hypothetical: phrases,
  falseReport: phrases,
  notEmergency: z.array(text),
  legalProcess: z.strictObject({ patterns: phrases, intentions: phrases }),
  privateDispute: patternGroup,
  unlawfulDemand: patternGroup,
  abuse: z.strictObject({
    insults: phrases,
    threats: phrases,
    pranks: phrases,
    harassment: phrases,
  }),
  referBack: phrases,
  newIssue: phrases,
  vague: phrases,
  contextClauses: phrases,
  complaintCues: phrases,
});
export type IntakePatternsFile = z.infer<typeof intakePatternsFile>;

export interface IntakeFiles {
  readonly gazetteer: GazetteerFile;
  readonly lexicon: MatterLexiconFile;
  readonly patterns: IntakePatternsFile;
}

export class IntakeDataError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Intake reference data is invalid: ${problems.slice(0, 5).join('; ')}`);
    this.name = 'IntakeDataError';
  }
}

/** Parses the three files and checks them against the territory and the duty list. */
export function parseIntakeFiles(
  raw: { gazetteer: unknown; lexicon: unknown; patterns: unknown },
  ref: ReferenceData,
): IntakeFiles {
  const problems: string[] = [];
  const parse = <T>(file: string, schema: z.ZodType<T>, value: unknown): T => {
    const r = schema.safeParse(value);
    if (!r.success)
      problems.push(
        ...r.error.issues.map((i) => `${file} ${i.path.join('.') || '(root)'}: ${i.message}`),
      );
    return r.data as T;
  };
  const gazetteer = parse('gazetteer.json', gazetteerFile, raw.gazetteer);
  const lexicon = parse('matter-lexicon.json', matterLexiconFile, raw.lexicon);
  const patterns = parse('intake-patterns.json', intakePatternsFile, raw.patterns);
  if (problems.length > 0) throw new IntakeDataError(problems);

  const { streets, communities, grids, matterTypes } = ref.index;
  const ids = new Set<string>();
  gazetteer.places.forEach((p, row) => {
    const at = `gazetteer.json row ${row} (place ${p.id})`;
    if (ids.has(p.id)) problems.push(`${at} field id: duplicate place id`);
    ids.add(p.id);
    const checkPlace = (streetId?: string, communityId?: string, gridId?: string) => {
      if (streetId && !streets.has(streetId))
        problems.push(`${at} field streetId: unknown street "${streetId}"`);
      const community = communityId ? communities.get(communityId) : undefined;
      if (communityId && !community)
        problems.push(`${at} field communityId: unknown community "${communityId}"`);
      if (community && streetId && community.streetId !== streetId)
        problems.push(`${at} field communityId: "${communityId}" is not in street "${streetId}"`);
      const grid = gridId ? grids.get(gridId) : undefined;
      if (gridId && !grid) problems.push(`${at} field gridId: unknown grid "${gridId}"`);
      if (grid && communityId && grid.communityId !== communityId)
        problems.push(`${at} field gridId: "${gridId}" is not in community "${communityId}"`);
    };
    if (p.kind === 'road') {
      checkPlace(p.streetId);
      p.sections.forEach((s) => {
        checkPlace(s.streetId, s.communityId);
        if (s.toNumber < s.fromNumber)
          problems.push(`${at} field sections: ${s.fromNumber}–${s.toNumber} is empty`);
      });
    } else if (p.kind !== 'alias') {
      checkPlace(
        p.streetId,
        'communityId' in p ? p.communityId : undefined,
        'gridId' in p ? p.gridId : undefined,
      );
    }
  });
  for (const p of gazetteer.places) {
    const sameAs = 'sameAs' in p ? p.sameAs : undefined;
    for (const target of sameAs ?? [])
      if (!ids.has(target))
        problems.push(`gazetteer.json place ${p.id} field sameAs: unknown place "${target}"`);
  }
  const lexiconCodes = new Set(lexicon.matters.map((m) => m.code));
  lexicon.matters.forEach((m, row) => {
    if (!matterTypes.has(m.code))
      problems.push(`matter-lexicon.json row ${row} field code: unknown matter "${m.code}"`);
  });
  for (const code of matterTypes.keys())
    if (!lexiconCodes.has(code))
      problems.push(`matter-lexicon.json: no phrases for matter "${code}" of the duty list`);
  const allPatterns = [
    ...lexicon.matters.flatMap((m) => m.phrases),
    ...patterns.emergency.flatMap((e) => e.patterns),
    ...patterns.legalProcess.patterns,
    ...patterns.privateDispute.patterns,
    ...patterns.unlawfulDemand.patterns,
    ...patterns.abuse.threats,
    ...patterns.contextClauses,
  ];
  for (const source of allPatterns) {
    try {
      compilePattern(source);
    } catch (err) {
      problems.push(`pattern "${source}" does not compile: ${(err as Error).message}`);
    }
  }
  if (problems.length > 0) throw new IntakeDataError(problems);
  return { gazetteer, lexicon, patterns };
}
