import type { WhistleConclusion, WhistleState } from './model';

// ------------------------------------------------------------------ linked orders

/** What the linked orders are told once the whistle has ended at its level. */
export function conclusionOf(state: WhistleState): WhistleConclusion | undefined {
  if (state.status === 'refused') {
    return {
      whistleId: state.whistleId,
      outcome: 'refused',
      summary: (state.refusals ?? []).map((r) => r.explanation).join('; '),
    };
  }
  if (!state.outcome) return undefined;
  return {
    whistleId: state.whistleId,
    outcome: state.outcome,
    summary: state.closingSummary ?? '',
    ...(state.districtWhistleId ? { districtWhistleId: state.districtWhistleId } : {}),
  };
}

/** A readable line for the Temporal UI, without personal data. */
export function memoSummary(state: WhistleState, summoned: number): string {
  return [
    `${state.level} whistle`,
    state.whistleType,
    state.matterTypeCode,
    state.streetId,
    `${summoned} department(s)`,
    ...(state.linkedOrderIds.length ? [`${state.linkedOrderIds.length} order(s)`] : []),
  ].join(' · ');
}
