/**
 * POST /orders/screening — the live suggestion while the operator types. Typed by hand until the
 * route is in the committed OpenAPI document; then this file gives way to the generated type.
 * Until the API has the route, it answers 404 and the console hides the panel.
 */
export interface ScreeningRequest {
  content: string;
  address?: string;
  category?: string;
  caller?: { phone: string };
  streetId?: string;
  communityId?: string;
  matterTypeCode?: string;
}

export interface ScreeningSuggestion {
  matter: {
    candidates: {
      matterTypeCode: string;
      name: string;
      leadUnitId?: string | null;
      confidence: number;
      evidence: string[];
    }[];
  };
  place: {
    resolved?: PlaceCandidate | null;
    candidates: PlaceCandidate[];
  };
  emergency: { isEmergency: boolean; words: string[] };
  filter: { outcome: string; reason?: string; evidence: string[] };
  duplicates: {
    orderId: string;
    reason?: string;
    receivedAt?: string;
    matterTypeCode?: string | null;
  }[];
  urgency: string;
  knowledgeAnswer?: { title?: string; question?: string; answer: string } | null;
}

export interface PlaceCandidate {
  streetId?: string;
  communityId?: string;
  gridId?: string;
  name?: string;
  label?: string;
  confidence?: number;
}
