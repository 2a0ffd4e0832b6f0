import { type CreateOrderRequest } from '@hotline/contracts';
import type { OrderWorkflowInput } from '@hotline/workflows';
import { type IntakeScreening } from '../../intake-screening';

/** The order workflow's input from the (masked) request and what intake decided. */
export function orderWorkflowInput(
  orderId: string,
  r: CreateOrderRequest,
  callerKey: string,
  receivedAt: Date,
  screening: IntakeScreening,
): OrderWorkflowInput {
  const urgent = screening.suggestion.kind === 'accept' && screening.suggestion.riskToLife;
  return {
    orderId,
    channel: r.channel,
    category: r.category,
    content: r.content,
    // Danger to life makes any order an emergency, whatever was recorded.
    urgency: urgent ? 'emergency' : r.urgency,
    ...(screening.matterTypeCode ? { matterTypeCode: screening.matterTypeCode } : {}),
    location: {
      address: r.address,
      ...(r.streetId ? { streetId: r.streetId } : {}),
      ...(r.communityId ? { communityId: r.communityId } : {}),
      ...(r.gridId ? { gridId: r.gridId } : {}),
    },
    callerKey,
    receivedAt: receivedAt.toISOString(),
    screening: screening.applied,
  };
}
