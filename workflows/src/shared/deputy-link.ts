import type { DeputyOrderAnswer, OrderState } from '@hotline/process';
import { defineSignal, getExternalWorkflowHandle, log } from '@temporalio/workflow';

/**
 * How an order made from a deputy's item (channel `deputy`) tells the item its answer: the unit
 * resolved it (办结), or the order closed without one (filtered at intake, terminated). The item
 * takes the first answer and ignores the rest.
 */
export const deputyOrderAnsweredSignal = defineSignal<[DeputyOrderAnswer]>('deputyOrderAnswered');

/**
 * Sends the item the answers its order has not told it yet. Orders without a deputy item send
 * nothing (and so record no new command: histories of such orders replay unchanged).
 */
export function deputyItemNotifier(
  deputyItemId: string | undefined,
  orderId: string,
  /** Timeline lines a run before this one (continue-as-new) has told already. */
  alreadyTold = 0,
) {
  let told = alreadyTold;
  return Object.assign(notify, { told: () => told });
  async function notify(state: OrderState): Promise<void> {
    if (!deputyItemId) return;
    const lines = state.timeline.filter((l) => l.sequence > 0);
    const news = lines.slice(told);
    told = lines.length;
    const answers: DeputyOrderAnswer[] = [];
    for (const line of news) {
      const d = line.detail as Record<string, string | boolean | undefined>;
      if (line.type === 'OrderResolved')
        answers.push({
          orderId,
          kind: 'resolved',
          unitId: String(d['unitId']),
          outcome: d['outcome'] as 'solved' | 'partly_solved' | 'unsolvable',
          summary: String(d['summary']),
          withinLimit: d['withinLimit'] === true,
        });
      if (line.type === 'OrderClosed' && !lines.some((l) => l.type === 'OrderResolved')) {
        const why = lines.find((l) => l.type === 'OrderFiltered' || l.type === 'OrderTerminated');
        const detail = (why?.detail ?? {}) as Record<string, unknown>;
        answers.push({
          orderId,
          kind: 'closed',
          closure: String((line.detail as Record<string, unknown>)['closure']),
          explanation: String(detail['explanation'] ?? detail['reason'] ?? '工单已关闭'),
        });
      }
    }
    for (const answer of answers) {
      try {
        await getExternalWorkflowHandle(deputyItemId).signal(deputyOrderAnsweredSignal, answer);
      } catch (err) {
        // The item has ended or never existed: the order goes on regardless.
        log.warn('deputy item not told of its order’s answer', {
          orderId,
          deputyItemId,
          reason: err instanceof Error ? err.message : String(err),
        });
      }
    }
  }
}
