import { WorkingCalendar } from '../calendar/working-calendar';
import { sampleReferenceData } from '../reference/sample';
import { orderDeadlines } from '../sla/order-deadlines';
import { canReturnOrder, type ReturnRequest } from './returns';

const ref = sampleReferenceData();
const calendar = WorkingCalendar.fromReference(ref);
const at = (local: string) => new Date(`${local}+08:00`);
const request: ReturnRequest = {
  returnBy: orderDeadlines(
    { urgency: 'normal', handlingClass: 'general', dispatchedAt: at('2026-11-23T10:00:00') },
    calendar,
    ref.policy,
  ).acknowledgement!.returnBy,
  acknowledgedAt: null,
  requestedAt: at('2026-11-23T11:00:00'),
  reason: 'wrong_jurisdiction',
  supportingText: '该地址属于临河街道辖区，门牌号为临河路18号，不在本街道范围',
};

describe('canReturnOrder (退单)', () => {
  it('allows a reasoned return within 2 hours of dispatch, before acknowledging', () => {
    expect(canReturnOrder(request, ref.policy)).toEqual({ ok: true });
    expect(
      canReturnOrder({ ...request, requestedAt: at('2026-11-23T12:00:00') }, ref.policy).ok,
    ).toBe(true);
  });

  it('refuses after acknowledgement, after the window, or without supporting words', () => {
    expect(
      canReturnOrder({ ...request, acknowledgedAt: at('2026-11-23T10:30:00') }, ref.policy),
    ).toMatchObject({
      code: 'already_acknowledged',
    });
    expect(
      canReturnOrder({ ...request, requestedAt: at('2026-11-23T12:00:01') }, ref.policy),
    ).toMatchObject({
      code: 'window_passed',
    });
    expect(canReturnOrder({ ...request, supportingText: '不归我们管' }, ref.policy)).toMatchObject({
      code: 'missing_explanation',
    });
  });
});
