import type { DutyAdmissionCheck, DutyCheckSubject, ProactiveTaskScope } from '@hotline/domain';
import type { EventActivities } from '../activities';
import type { ProactiveTaskPolicySnapshot } from './model';

/** The lookups of the proactive-task workflow; the worker answers them (apps/worker). */
export interface ProactiveTaskActivities extends EventActivities {
  proactiveTaskPolicy(): Promise<ProactiveTaskPolicySnapshot>;
  /** plan: the owner's plan limit; verify: the centre's verification limit (working days). */
  proactiveTaskLimit(request: {
    phase: 'plan' | 'verify';
    from: string;
  }): Promise<{ deadline: string; provisional?: boolean }>;
  /** The duty and admission lists (准入): is this task off the owner's lists? */
  checkDutyAdmission(subject: DutyCheckSubject): Promise<DutyAdmissionCheck>;
  /** Accepted orders of the scope received in [from, to), from the read model. */
  countComplaints(request: {
    scope: ProactiveTaskScope;
    from: string;
    to: string;
  }): Promise<{ orderIds: string[] }>;
}
