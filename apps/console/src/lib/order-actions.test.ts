import { availableActions } from './order-actions';

const order = {
  status: 'dispatched',
  leadUnitId: 'CGZF',
  assistingUnitIds: ['SJJ'],
  returnable: true,
};
const isStreet = (id: string) => id.endsWith('JD');

describe('availableActions', () => {
  it('offers the lead unit 签收 and 退单 on a dispatched order, nothing to another unit', () => {
    expect(availableActions(order, { role: 'unit', unitId: 'CGZF' }, isStreet)).toEqual([
      'acknowledge',
      'return',
    ]);
    expect(availableActions(order, { role: 'unit', unitId: 'XHJD' }, isStreet)).toEqual([]);
  });

  it('no 退单 after arbitration (not returnable)', () => {
    expect(
      availableActions({ ...order, returnable: false }, { role: 'unit', unitId: 'CGZF' }, isStreet),
    ).toEqual(['acknowledge']);
  });

  it('follows the handling steps: 响应 after 签收, 办结 after 响应, 剔除 after 办结', () => {
    const unit = { role: 'unit' as const, unitId: 'CGZF' };
    expect(availableActions({ ...order, status: 'acknowledged' }, unit, isStreet)).toEqual([
      'respond',
      'progress',
      'extension-request',
    ]);
    expect(availableActions({ ...order, status: 'responded' }, unit, isStreet)).toEqual([
      'progress',
      'extension-request',
      'resolve',
    ]);
    expect(availableActions({ ...order, status: 'resolved' }, unit, isStreet)).toEqual([
      'exclusion-request',
    ]);
  });

  it('lets an assisting unit report progress only', () => {
    expect(
      availableActions(
        { ...order, status: 'in_progress' },
        { role: 'unit', unitId: 'SJJ' },
        isStreet,
      ),
    ).toEqual(['progress']);
  });

  it('offers 吹哨 to a lead street, and no 办结 while its whistle is open', () => {
    const street = { role: 'unit' as const, unitId: 'XHJD' };
    const s = { ...order, leadUnitId: 'XHJD', status: 'responded' };
    expect(availableActions(s, street, isStreet)).toContain('escalate-to-whistle');
    const waiting = availableActions(
      { ...s, whistle: { whistleId: 'W', status: 'waiting' } },
      street,
      isStreet,
    );
    expect(waiting).not.toContain('resolve');
    expect(waiting).not.toContain('escalate-to-whistle');
  });

  it('gives the centre its queues and decisions, and 回访 once resolved', () => {
    const sup = { role: 'supervisor' as const };
    expect(availableActions({ ...order, status: 'awaiting_dispatch' }, sup, isStreet)).toEqual([
      'dispatch',
      'terminate',
    ]);
    expect(
      availableActions(
        {
          ...order,
          status: 'in_progress',
          extension: { status: 'pending', requestedHandleBy: '', reason: '' },
        },
        sup,
        isStreet,
      ),
    ).toEqual(['extension-decision', 'urge', 'supervise', 'terminate']);
    expect(availableActions({ ...order, status: 'resolved' }, sup, isStreet)).toEqual([
      'terminate',
      'callback',
    ]);
    expect(
      availableActions({ ...order, status: 'resolved' }, { role: 'operator' }, isStreet),
    ).toEqual(['callback']);
    expect(availableActions({ ...order, status: 'closed' }, { role: 'auditor' }, isStreet)).toEqual(
      [],
    );
  });
});
