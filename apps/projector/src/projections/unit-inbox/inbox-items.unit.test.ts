import { inboxItems } from './inbox-items';
import { type OrderSnapshot } from '../order-view/order-snapshot';

const base = {
  status: 'acknowledged',
  leadUnitId: 'CGZF',
  assistingUnitIds: ['XHJD', 'CGZF'],
  nextDueKind: 'response',
  nextDueAt: '2026-11-24T02:00:00.000Z',
  handleBy: '2026-11-30T15:59:59.999Z',
} as OrderSnapshot;

describe('inboxItems', () => {
  it('gives the lead unit its next action and each other assisting unit the handling limit', () => {
    expect(inboxItems(base)).toEqual([
      { unitId: 'CGZF', role: 'lead', nextAction: 'respond', dueAt: base.nextDueAt },
      { unitId: 'XHJD', role: 'assisting', nextAction: 'assist', dueAt: base.handleBy },
    ]);
  });

  it('leaves the order out of every inbox while no unit holds it', () => {
    for (const status of ['received', 'awaiting_dispatch', 'in_arbitration', 'closed']) {
      expect(inboxItems({ ...base, status })).toEqual([]);
    }
  });

  it('tells a resolved order’s units that the callback is awaited', () => {
    const items = inboxItems({ ...base, status: 'resolved', nextDueKind: 'callback' });
    expect(items.map((i) => i.nextAction)).toEqual(['await_callback', 'await_callback']);
  });
});
