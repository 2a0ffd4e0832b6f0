import { sampleReferenceData } from '../reference/sample';
import { filterOrder } from './filter-order';
import type { CallerHistoryEntry, FilterContext, IncomingOrder, OpenOrderSummary } from './types';

const ref = sampleReferenceData();
const NOW = new Date('2026-11-23T10:00:00+08:00');
const HOUR = 3_600_000;
const empty: FilterContext = { openOrders: [], callerHistory: [] };
const order = (content: string, more: Partial<IncomingOrder> = {}): IncomingOrder => ({
  callerKey: 'c-1',
  category: 'complaint',
  content,
  place: { gridId: 'LHJD-02-1' },
  receivedAt: NOW,
  ...more,
});

describe('filterOrder', () => {
  it('ignores a keyword right after a negation', () => {
    const decision = filterOrder(
      order('我没有起诉，也没有打官司，就是楼下饭馆油烟太大'),
      empty,
      ref,
    );
    expect(decision).toMatchObject({ kind: 'accept', matterTypeCode: 'CG-004' });
    expect(filterOrder(order('这事已起诉了，法院说等通知'), empty, ref)).toMatchObject({
      reason: 'in_legal_process',
    });
  });

  it('takes the operator-recorded matter over the classifier', () => {
    const decision = filterOrder(
      order('楼下饭馆油烟太大', { matterTypeCode: 'CG-018' }),
      empty,
      ref,
    );
    expect(decision).toMatchObject({ kind: 'accept', matterTypeCode: 'CG-018' });
  });

  it('accepts with no matter when nothing matches, and says so', () => {
    const decision = filterOrder(order('小区东门外那个水泥墩子挡路好几个月了'), empty, ref);
    expect(decision).toMatchObject({ kind: 'accept', matterTypeCode: null });
    expect(decision.kind === 'accept' && decision.explanation).toContain('未识别事项');
  });

  it('accepts a terse order whose matter is clear', () => {
    expect(filterOrder(order('停水了'), empty, ref)).toMatchObject({
      kind: 'accept',
      matterTypeCode: 'MS-001',
    });
  });

  it('prefers the private-dispute reason over asking for a place', () => {
    expect(filterOrder(order('邻居借钱不还', { place: null }), empty, ref)).toMatchObject({
      reason: 'outside_public_duty',
    });
  });

  it('needs a place for a complaint but not for a consultation or a placeless matter', () => {
    expect(filterOrder(order('路灯不亮', { place: null }), empty, ref)).toMatchObject({
      ruleId: 'INSUFFICIENT-PLACE',
    });
    expect(
      filterOrder(order('路灯不亮', { place: { address: '星湖路28号' } }), empty, ref).kind,
    ).toBe('accept');
    expect(filterOrder(order('医保报销比例是多少', { place: null }), empty, ref).kind).toBe(
      'accept',
    );
    expect(
      filterOrder(
        order('想问问路灯坏了归哪个部门管', { place: null, category: 'consultation' }),
        empty,
        ref,
      ).kind,
    ).toBe('accept');
  });

  describe('malicious repeated calls', () => {
    const rejected = (hoursAgo: number): CallerHistoryEntry => ({
      orderId: `o-${hoursAgo}`,
      receivedAt: new Date(NOW.getTime() - hoursAgo * HOUR),
      matterTypeCode: null,
      outcome: 'rejected',
      reason: 'abusive',
    });

    it('needs five rejected contacts within 24 hours', () => {
      const four = { openOrders: [], callerHistory: [1, 2, 3, 4].map(rejected) };
      const fiveButOneOld = { openOrders: [], callerHistory: [1, 2, 3, 4, 25].map(rejected) };
      const five = { openOrders: [], callerHistory: [1, 2, 3, 4, 23].map(rejected) };
      expect(filterOrder(order('楼下饭馆油烟太大'), four, ref).kind).toBe('accept');
      expect(filterOrder(order('楼下饭馆油烟太大'), fiveButOneOld, ref).kind).toBe('accept');
      expect(filterOrder(order('楼下饭馆油烟太大'), five, ref)).toMatchObject({
        reason: 'abusive',
        ruleId: 'ABU-REPEAT',
      });
    });

    it('never turns away a risk to life', () => {
      const five = { openOrders: [], callerHistory: [1, 2, 3, 4, 5].map(rejected) };
      expect(filterOrder(order('我不想活了'), five, ref)).toMatchObject({
        kind: 'accept',
        riskToLife: true,
      });
    });
  });

  describe('duplicates (并单)', () => {
    const open = (hoursAgo: number, more: Partial<OpenOrderSummary> = {}): OpenOrderSummary => ({
      orderId: `GD-${hoursAgo}`,
      callerKey: 'c-1',
      matterTypeCode: 'CG-004',
      place: { gridId: 'LHJD-02-1' },
      receivedAt: new Date(NOW.getTime() - hoursAgo * HOUR),
      ...more,
    });
    const withOpen = (...openOrders: OpenOrderSummary[]): FilterContext => ({
      openOrders,
      callerHistory: [],
    });

    it('merges into the most recent matching open order within 7 days', () => {
      expect(
        filterOrder(order('饭馆油烟又来了'), withOpen(open(100), open(5), open(7 * 24)), ref),
      ).toEqual({
        kind: 'merge',
        intoOrderId: 'GD-5',
        explanation: expect.stringContaining('GD-5'),
      });
      expect(filterOrder(order('饭馆油烟又来了'), withOpen(open(7 * 24 + 1)), ref).kind).toBe(
        'accept',
      );
    });

    it('does not merge another matter or another place', () => {
      expect(
        filterOrder(order('饭馆油烟又来了'), withOpen(open(5, { matterTypeCode: 'CG-003' })), ref)
          .kind,
      ).toBe('accept');
      expect(
        filterOrder(
          order('饭馆油烟又来了'),
          withOpen(open(5, { place: { gridId: 'LHJD-02-2' } })),
          ref,
        ).kind,
      ).toBe('accept');
    });

    it('matches by street and written address when no grid or community is known', () => {
      const byAddress = (address: string) => ({ streetId: 'LHJD', address });
      const context = withOpen(open(5, { place: byAddress('临河路 18 号') }));
      expect(
        filterOrder(order('饭馆油烟又来了', { place: byAddress('临河路18号') }), context, ref).kind,
      ).toBe('merge');
      expect(
        filterOrder(order('饭馆油烟又来了', { place: byAddress('临河路20号') }), context, ref).kind,
      ).toBe('accept');
    });
  });

  it('does not mistake a rock-bottom price (跳楼价) for a risk to life', () => {
    const sale = filterOrder(order('商场跳楼价甩卖的羽绒服质量太差，不给退'), empty, ref);
    expect(sale).toMatchObject({ kind: 'accept', riskToLife: false, matterTypeCode: 'MS-022' });
    const both = filterOrder(order('跳楼价买的东西坏了，不给退我就跳楼'), empty, ref);
    expect(both).toMatchObject({ kind: 'accept', riskToLife: true });
  });

  it('answers only consultations from the knowledge base', () => {
    const consultation = filterOrder(
      order('请问什么时候供暖', { category: 'consultation', place: null }),
      empty,
      ref,
    );
    expect(consultation).toMatchObject({
      kind: 'answerDirectly',
      knowledgeBaseEntry: { id: 'KB-001' },
    });
    expect(
      filterOrder(order('什么时候供暖？暖气还不热', { category: 'complaint' }), empty, ref).kind,
    ).toBe('accept');
  });
});
