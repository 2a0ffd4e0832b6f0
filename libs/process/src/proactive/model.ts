import type { ProactiveTaskEvent, ProactiveTaskStatus } from '@hotline/contracts';
import type {
  DutyAdmissionCheck,
  ProactiveTaskScope,
  ProactiveTaskSource,
  TaskEffectVerdict,
} from '@hotline/domain';
import { ActionRefused, type RefusalCode } from '../shared/refusal';

/** Who acts: the owning street or department, or the centre (a supervisor). */
export type ProactiveTaskActor =
  { kind: 'unit'; unitId: string; userId: string } | { kind: 'supervisor'; userId: string };

export interface ProactiveTaskWorkflowInput {
  taskId: string;
  source: ProactiveTaskSource;
  scope: ProactiveTaskScope;
  title: string;
  description: string;
  /** The street or department that owns the task (承办单位). */
  ownerUnitId: string;
  /** The admitted task (准入事项) it is done under, when the centre names one. */
  admissionEntryCode?: string;
  startedBy: ProactiveTaskActor;
  /** The owner's deadline, set by the centre (ISO). */
  dueBy: string;
}

/** What the workflow looked up at the start (activities): limits and measurement rules. */
export interface ProactiveTaskPolicySnapshot {
  measureWeeks: number;
  measureGraceHours: number;
  effectiveDrop: number;
  minOrdersBefore: number;
  /** Progress notes a task keeps (each one is in the workflow's history). */
  maxProgressNotes: number;
}

export type ProactiveTaskVerification =
  { decision: 'accept'; note: string } | { decision: 'send_back'; note: string };

export type ProactiveTaskCommand =
  | { type: 'submitPlan'; actor: ProactiveTaskActor; plan: string; measures: string[] }
  | { type: 'reportProgress'; actor: ProactiveTaskActor; note: string; percent: number }
  | { type: 'complete'; actor: ProactiveTaskActor; summary: string }
  | ({ type: 'verify'; actor: ProactiveTaskActor } & ProactiveTaskVerification)
  | { type: 'cancel'; actor: ProactiveTaskActor; reason: string };

export const PROACTIVE_TASK_COMMAND_TYPES = [
  'submitPlan',
  'reportProgress',
  'complete',
  'verify',
  'cancel',
] as const;
export type ProactiveTaskCommandType = (typeof PROACTIVE_TASK_COMMAND_TYPES)[number];

export class ProactiveTaskActionRefused extends ActionRefused<RefusalCode> {
  override name = 'ProactiveTaskActionRefused';
}

export interface ProactiveTaskTimelineLine {
  sequence: number;
  type: ProactiveTaskEvent['type'] | 'ActionRefused';
  at: string;
  detail: Record<string, unknown>;
}

export interface ProactiveTaskState {
  taskId: string;
  status: ProactiveTaskStatus;
  source: ProactiveTaskSource;
  scope: ProactiveTaskScope;
  title: string;
  ownerUnitId: string;
  policy: ProactiveTaskPolicySnapshot;
  admission?: DutyAdmissionCheck;
  startedAt?: string;
  planBy?: string;
  dueBy: string;
  plan?: string;
  measures: string[];
  progress: { note: string; percent: number; at: string }[];
  percent: number;
  completedAt?: string;
  verifyBy?: string;
  sendBackCount: number;
  verifiedAt?: string;
  before?: { from: string; to: string };
  after?: { from: string; to: string };
  measureAt?: string;
  effect?: {
    verdict: TaskEffectVerdict;
    change: number | null;
    beforeOrders: number;
    afterOrders: number;
    explanation: string;
  };
  planOverdue: boolean;
  deadlineMissed: boolean;
  verificationOverdue: boolean;
  firedTimers: string[];
  timeline: ProactiveTaskTimelineLine[];
}
