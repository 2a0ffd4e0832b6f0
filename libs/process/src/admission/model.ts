import type { AdmissionEvent, AdmissionStatus, AdmissionAppliedV1 } from '@hotline/contracts';
import type {
  AdmissionApplication,
  AdmissionMissingItem,
  AdmissionRefusalReason,
} from '@hotline/domain';
import { ActionRefused, type RefusalCode } from '../shared/refusal';

/** Who acts: the applying department, or the district's office (a supervisor of the centre). */
export type AdmissionActor =
  { kind: 'unit'; unitId: string; userId: string } | { kind: 'supervisor'; userId: string };

export interface AdmissionWorkflowInput {
  applicationId: string;
  application: AdmissionApplication;
  appliedBy: AdmissionActor;
}

export type AdmissionDecision =
  | { decision: 'admit'; note: string }
  | { decision: 'refuse'; reasons: AdmissionRefusalReason[]; note: string }
  | { decision: 'return'; missing: AdmissionMissingItem[]; note: string };

export type AdmissionCommand =
  | ({ type: 'review'; actor: AdmissionActor } & AdmissionDecision)
  | { type: 'resubmit'; actor: AdmissionActor; application: AdmissionApplication }
  | { type: 'withdraw'; actor: AdmissionActor; note: string };

export const ADMISSION_COMMAND_TYPES = ['review', 'resubmit', 'withdraw'] as const;
export type AdmissionCommandType = (typeof ADMISSION_COMMAND_TYPES)[number];

export class AdmissionActionRefused extends ActionRefused<RefusalCode> {
  override name = 'AdmissionActionRefused';
}

export interface AdmissionTimelineLine {
  sequence: number;
  type: AdmissionEvent['type'] | 'ActionRefused';
  at: string;
  detail: Record<string, unknown>;
}

export interface AdmissionState {
  applicationId: string;
  status: AdmissionStatus;
  application: AdmissionApplication;
  appliedBy?: string;
  findings: AdmissionAppliedV1['findings'];
  /** The office decides by then (working days, from the calendar). */
  reviewBy?: string;
  reviewOverdue: boolean;
  /** After a return: the department resubmits by then, or the application lapses. */
  resubmitBy?: string;
  returnCount: number;
  /** Returns allowed before the office must decide (policy, looked up at the start). */
  maxReturns: number;
  entryCode?: string;
  decidedAt?: string;
  firedTimers: string[];
  timeline: AdmissionTimelineLine[];
}

export type { AdmissionAppliedV1 };
