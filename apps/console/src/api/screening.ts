import type { paths } from '../generated/api-schema';

/** POST /orders/screening — the live suggestion while the operator types (generated types). */
export type ScreeningRequest = NonNullable<
  paths['/orders/screening']['post']['requestBody']
>['content']['application/json'];

type Answer = paths['/orders/screening']['post']['responses'][200]['content']['application/json'];

type Candidate = NonNullable<Answer['matter']['candidates']>[number];
export type MatterCandidate = Omit<
  Candidate,
  'matterTypeCode' | 'name' | 'confidence' | 'evidence'
> & {
  matterTypeCode: string;
  name: string;
  confidence: number;
  evidence: string[];
};
export type PlaceCandidate = NonNullable<Answer['place']['candidates']>[number];
export type DuplicateCandidate = Answer['duplicates'][number] & { orderId: string };

/** The answer, with the lists the document leaves optional always present (possibly empty). */
export type ScreeningSuggestion = Omit<
  Answer,
  'matter' | 'place' | 'emergency' | 'filter' | 'duplicates'
> & {
  matter: { candidates: MatterCandidate[] };
  place: Omit<Answer['place'], 'candidates'> & { candidates: PlaceCandidate[] };
  emergency: Omit<Answer['emergency'], 'isEmergency' | 'words'> & {
    isEmergency: boolean;
    words: string[];
  };
  filter: Omit<Answer['filter'], 'evidence'> & { evidence: string[] };
  duplicates: DuplicateCandidate[];
};
