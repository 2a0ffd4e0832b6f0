import { type CreateOrderRequest } from '@hotline/contracts';
import type { OrderWorkflowInput } from '@hotline/workflows';
import { type IntakeScreening, workflowInputOf } from '../../intake-screening';

/**
 * The order workflow's input from the (masked) request and what intake decided: the recorded
 * place (the operator's ids, else the place read from the address and the words), the urgency
 * (raised to emergency when intake finds one) and the emergency flag.
 */
export function orderWorkflowInput(
  orderId: string,
  r: CreateOrderRequest,
  callerKey: string,
  receivedAt: Date,
  screening: IntakeScreening,
): OrderWorkflowInput {
  return workflowInputOf(orderId, r, callerKey, receivedAt, screening);
}
