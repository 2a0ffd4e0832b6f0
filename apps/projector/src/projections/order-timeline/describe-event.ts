import { type EventEnvelope } from '@hotline/contracts';

/** One readable line per order event, with the Chinese term people know it by. */
export interface TimelineLine {
  unitId: string | null;
  summary: string;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const inTime = (v: unknown) => (v === true ? 'in time' : v === false ? 'late' : 'timing unknown');

export function describeEvent(event: EventEnvelope): TimelineLine {
  const p = event.payload;
  const unitId = str(p.unitId) ?? str(p.leadUnitId) ?? null;
  const line = (summary: string): TimelineLine => ({ unitId, summary });
  switch (event.type) {
    case 'OrderReceived':
      return line(`受理 received via ${str(p.channel)}: ${str(p.category)}, ${str(p.urgency)}`);
    case 'OrderFiltered':
      return line(
        `过滤 ${str(p.outcome)}${p.reason ? ` (${str(p.reason)})` : ''} by ${str(p.decidedBy)}`,
      );
    case 'OrderQueuedForManualDispatch':
      return line(`待人工派单 queued for manual dispatch: ${str(p.reason)}`);
    case 'OrderDispatched':
      return line(
        `派单 to ${str(p.leadUnitId)} (attempt ${String(p.attempt)}, ${str(p.dispatchedBy)}: ${str(p.rule)})`,
      );
    case 'OrderReturned':
      return line(`退单 by ${str(p.unitId)}: ${str(p.reason)}`);
    case 'OrderSentToArbitration':
      return line(`争议裁定 sent to arbitration: ${str(p.reason)}`);
    case 'OrderAcknowledged':
      return line(`签收 by ${str(p.unitId)} (${inTime(p.withinLimit)})`);
    case 'OrderResponded':
      return line(`响应 first contact by ${str(p.unitId)} (${inTime(p.withinLimit)})`);
    case 'ProgressReported':
      return line(`进展 progress from ${str(p.unitId)}: ${str(p.note)}`);
    case 'ExtensionRequested':
      return line(`延期申请 extension requested until ${str(p.requestedHandleBy)}`);
    case 'ExtensionDecided':
      return line(`延期${p.approved ? '批准 approved' : '驳回 denied'}: limit ${str(p.handleBy)}`);
    case 'DeadlineReminded':
      return line(
        `提醒 ${str(p.kind)} limit ${str(p.deadline)} (${Math.round(Number(p.fraction) * 100)}%)`,
      );
    case 'DeadlineBreached':
      return line(`超时 ${str(p.kind)} limit ${str(p.deadline)} breached`);
    case 'OrderUrged':
      return line(`催办 ${p.automatic ? 'automatic' : 'by the centre'}: ${str(p.note)}`);
    case 'OrderEscalated':
      return line(`督办 ${p.automatic ? 'automatic' : 'by the centre'}: ${str(p.note)}`);
    case 'OrderResolved':
      return line(
        `办结 ${str(p.outcome)} by ${str(p.unitId)} (round ${String(p.round)}, ${inTime(p.withinLimit)})`,
      );
    case 'CallbackRecorded': {
      const answer = p.reached
        ? `solved: ${p.solved ? 'yes' : 'no'}, ${str(p.satisfaction)}`
        : 'no answer';
      return line(`回访 attempt ${String(p.attempt)}: ${answer}`);
    }
    case 'OrderReworked':
      return line(`重办 round ${String(p.round)} to ${str(p.unitId)}: ${str(p.reason)}`);
    case 'ExclusionRequested':
      return line(`剔除申请 by ${str(p.unitId)}: ${str(p.reason)}`);
    case 'ExclusionDecided':
      return line(`剔除${p.approved ? '批准 approved' : '驳回 denied'}`);
    case 'OrderTerminated':
      return line(`终止办理 terminated: ${str(p.reason)}`);
    case 'OrderClosed':
      return line(`结案 closed (${str(p.closure)})`);
    default:
      return line(event.type);
  }
}
