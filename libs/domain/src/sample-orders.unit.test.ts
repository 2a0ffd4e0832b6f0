import { sampleIntakeModel } from './intake/sample';
import { screenCall } from './intake/screen-call';
import { routeOrder } from './routing/route-order';
import { SAMPLE_ORDERS, type SampleOrder } from './testing/sample-orders';

const model = sampleIntakeModel();

const KIND = {
  accept: 'accept',
  rejected: 'reject',
  merged: 'merge',
  answered_directly: 'answerDirectly',
} as const;

/** Intake screens the call, then (for accepted orders) dispatch routes the chosen matter. */
function intake(sample: SampleOrder) {
  const { order, context } = sample;
  const screening = screenCall(
    {
      content: order.content,
      category: order.category,
      address: order.place?.address ?? null,
      streetId: order.place?.streetId ?? null,
      communityId: order.place?.communityId ?? null,
      gridId: order.place?.gridId ?? null,
      matterTypeCode: order.matterTypeCode,
      receivedAt: order.receivedAt,
    },
    {
      // The API looks up open orders by the caller's key: another caller's are never offered.
      openOrders: context.openOrders.filter((o) => o.callerKey === order.callerKey),
      callerHistory: context.callerHistory,
    },
    model,
  );
  // Where intake may rank a confusable matter first, the operator picks the expected one.
  const offered = screening.matter.candidates.map((c) => c.matterTypeCode);
  const picked =
    sample.expected.filter === 'accept' &&
    sample.expected.confusableWith &&
    offered.includes(sample.expected.matter)
      ? sample.expected.matter
      : screening.matterTypeCode;
  const route =
    screening.filter.outcome === 'accept' && picked
      ? routeOrder({ matterTypeCode: picked, ...order.place }, model.ref)
      : null;
  return { screening, route };
}

describe('sample orders: intake judgment and routing over the sample district', () => {
  it('covers every decision kind with at least 40 orders', () => {
    expect(SAMPLE_ORDERS.length).toBeGreaterThanOrEqual(40);
    const kinds = new Set(SAMPLE_ORDERS.map((s) => s.expected.filter));
    expect([...kinds].sort()).toEqual(['accept', 'answerDirectly', 'merge', 'reject']);
  });

  it.each(SAMPLE_ORDERS.map((s) => [s.order.content, s] as const))('%s', (_content, sample) => {
    const { screening, route } = intake(sample);
    const expected = sample.expected;
    const filter = screening.filter;
    expect(KIND[filter.outcome]).toBe(expected.filter);
    // Every decision is explained in words.
    expect(filter.explanation.length).toBeGreaterThan(5);

    switch (expected.filter) {
      case 'accept': {
        expect(screening.matterTypeCode).toBe(
          screening.matterTypeCode === expected.confusableWith
            ? expected.confusableWith
            : expected.matter,
        );
        expect(screening.matter.candidates.map((c) => c.matterTypeCode)).toContain(expected.matter);
        expect(screening.emergency.isEmergency).toBe(expected.emergency ?? false);
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
        expect(filter.reason).toBe(expected.reason);
        expect(filter.guidanceForCaller?.length).toBeGreaterThan(10);
        break;
      case 'merge':
        expect(filter.intoOrderId).toBe(expected.into);
        break;
      case 'answerDirectly':
        expect(screening.knowledgeAnswer?.entryId).toBe(expected.entry);
        break;
    }
  });
});
