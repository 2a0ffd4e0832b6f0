/**
 * The words an order is described with, listed once for every layer: libs/contracts re-exports
 * them for the API and the events, the reference data and the rules here use them as types.
 */

/** 紧急程度: emergency (紧急), urgent (加急), normal (一般). */
export const URGENCIES = ['emergency', 'urgent', 'normal'] as const;
export type Urgency = (typeof URGENCIES)[number];

/** Why a unit returns an order (退单): 管辖错误, 权属不清, 职责交叉. */
export const RETURN_REASONS = [
  'wrong_jurisdiction',
  'unclear_ownership',
  'overlapping_duties',
] as const;
export type ReturnReason = (typeof RETURN_REASONS)[number];
