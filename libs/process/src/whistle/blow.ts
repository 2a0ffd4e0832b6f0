import { required } from '../shared/time';
import type { WhistleScopeRequest, WhistleScopeResult } from '../activities';
import type { PendingWhistleEvent, WhistleState, WhistleWorkflowInput } from './model';

// ------------------------------------------------------------------ the blow (吹哨)

/** The scope check's request for this whistle. */
export function scopeRequest(input: WhistleWorkflowInput): WhistleScopeRequest {
  return {
    matterTypeCode: input.matterTypeCode,
    streetId: input.streetId,
    summonedUnitIds: input.summonedUnitIds,
  };
}

export interface BlowContext {
  scope: WhistleScopeResult;
  blownAt: string;
  reportBy?: string;
  reportEscalateAt?: string;
  provisional?: boolean;
}

/** The first event: blown, or refused by the scope check (no whistle for everything: 吹哨泛化). */
export function decideBlow(
  input: WhistleWorkflowInput,
  state: WhistleState,
  ctx: BlowContext,
): PendingWhistleEvent[] {
  const base = {
    whistleId: input.whistleId,
    level: state.level,
    whistleType: input.whistleType,
    streetId: input.streetId,
    summonedUnitIds: [...new Set(input.summonedUnitIds)],
    linkedOrderIds: state.linkedOrderIds,
  };
  if (!ctx.scope.ok) {
    return [
      {
        type: 'WhistleRefused',
        payload: { ...base, matterTypeCode: input.matterTypeCode, refusals: ctx.scope.refusals },
      },
    ];
  }
  return [
    {
      type: 'WhistleBlown',
      payload: {
        ...base,
        ownerUnitId: state.ownerUnitId,
        matterTypeCode: input.matterTypeCode,
        title: input.title,
        description: input.description,
        place: input.place,
        ...(input.escalatedFromWhistleId
          ? { escalatedFromWhistleId: input.escalatedFromWhistleId }
          : {}),
        scope: ctx.scope.explanation,
        blownAt: ctx.blownAt,
        reportBy: required(ctx.reportBy, 'reportBy'),
        reportEscalateAt: required(ctx.reportEscalateAt, 'reportEscalateAt'),
        ...(ctx.provisional ? { provisional: true } : {}),
      },
    },
  ];
}
