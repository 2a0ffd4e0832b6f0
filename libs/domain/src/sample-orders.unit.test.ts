import { filterOrder } from './filter/filter-order';
import { sampleReferenceData } from './reference/sample';
import { routeOrder } from './routing/route-order';
import { SAMPLE_ORDERS, type SampleOrder } from './testing/sample-orders';

const ref = sampleReferenceData();

/** Filter, then (for accepted orders) route: what intake and dispatch do with one call. */
function intake({ order, context }: SampleOrder) {
  const decision = filterOrder(order, context, ref);
  const route =
    decision.kind === 'accept' && decision.matterTypeCode
      ? routeOrder({ matterTypeCode: decision.matterTypeCode, ...order.place }, ref)
      : null;
  return { decision, route };
}

describe('sample orders: filter and routing over the sample district', () => {
  it('covers every decision kind with at least 40 orders', () => {
    expect(SAMPLE_ORDERS.length).toBeGreaterThanOrEqual(40);
    const kinds = new Set(SAMPLE_ORDERS.map((s) => s.expected.filter));
    expect([...kinds].sort()).toEqual(['accept', 'answerDirectly', 'merge', 'reject']);
  });

  it.each(SAMPLE_ORDERS.map((s) => [s.order.content, s] as const))('%s', (_content, sample) => {
    const { decision, route } = intake(sample);
    const expected = sample.expected;
    expect(decision.kind).toBe(expected.filter);
    // Every decision is explained in words.
    expect('explanation' in decision && decision.explanation.length).toBeGreaterThan(5);

    switch (expected.filter) {
      case 'accept': {
        expect(decision).toMatchObject({
          matterTypeCode: expected.matter,
          riskToLife: expected.riskToLife ?? false,
        });
        expect(route).toMatchObject({
          kind: 'dispatch',
          leadUnitId: expected.lead,
          assistingUnitIds: expected.assisting,
          supervisingUnitIds: ['ZHZX'],
        });
        if (expected.gridRole !== undefined && route?.kind === 'dispatch') {
          expect(route.gridResponsible?.role ?? null).toBe(expected.gridRole);
        }
        break;
      }
      case 'reject':
        expect(decision).toMatchObject({ reason: expected.reason, ruleId: expected.ruleId });
        expect(decision.kind === 'reject' && decision.guidanceForCaller.length).toBeGreaterThan(10);
        break;
      case 'merge':
        expect(decision).toMatchObject({ intoOrderId: expected.into });
        break;
      case 'answerDirectly':
        expect(decision.kind === 'answerDirectly' && decision.knowledgeBaseEntry.id).toBe(
          expected.entry,
        );
        break;
    }
  });
});
