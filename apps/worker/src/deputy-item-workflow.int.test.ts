import { validateEvent } from '@hotline/contracts';
import {
  actOnItem,
  busShelterSuggestion,
  DEPUTY_SCENARIOS,
  deputyStateOf,
  jtw,
  recordItem,
  startDeputyOrder,
  stationDeputy,
} from './testing/deputy-scenarios';
import { sleepUntil, untilCompleted } from './testing/whistle-test-helpers';
import {
  eventsOf,
  refusal,
  startWorkflowTestHarness,
  typesOf,
  until,
  type WorkflowTestHarness,
} from './testing/workflow-test-env';

/**
 * A deputy's item (家站点) on Temporal's time-skipping test server, with the real working
 * calendar, stations and rules of libs/domain: a proposal answered, rated and reported back; an
 * order that tells its item its answer (and one the filter closed at intake); every deadline
 * (hand-over reminder and overdue, answer reminder and overdue, rating lapse, report-back overdue).
 */
let h: WorkflowTestHarness;

beforeAll(async () => {
  h = await startWorkflowTestHarness();
}, 120_000);
afterAll(async () => {
  await h?.stop();
});

describe('deputy item workflow', () => {
  it('hands a proposal to a department, which answers on time; the deputy rates and reports back', async () => {
    const { 'deputy-proposal': id } = await DEPUTY_SCENARIOS['proposal']!(h);
    expect(typesOf(h, id!)).toEqual([
      'DeputyItemRecorded',
      'DeputyItemHandedOver',
      'DeputyItemAnswered',
      'DeputyItemRated',
      'DeputyItemReportedBack',
    ]);
    const events = eventsOf(h, id!);
    for (const e of events) expect(validateEvent(e).ok).toBe(true);
    expect(events.map((e) => e.sequence)).toEqual([1, 2, 3, 4, 5]);
    const handed = events[1]!.payload as { dueAt: string; remindAt: string };
    // 15 working days: three weekends at least, so more than 19 calendar days.
    const days = (Date.parse(handed.dueAt) - Date.parse(events[1]!.occurredAt)) / 86_400_000;
    expect(days).toBeGreaterThan(19);
    expect(Date.parse(handed.remindAt)).toBeLessThan(Date.parse(handed.dueAt));
    expect(events[2]!.payload).toMatchObject({ onTime: true, unitId: 'JTW' });
    expect(events[4]!.payload).toMatchObject({ onTime: true, resident: 'phone', station: true });
  });

  it('takes an order’s answer from the order itself, and waits for the rating', async () => {
    const ids = await DEPUTY_SCENARIOS['order']!(h);
    const itemId = ids['deputy-order']!;
    const orderId = ids['order-deputy']!;
    expect(typesOf(h, itemId)).toEqual([
      'DeputyItemRecorded',
      'DeputyItemHandedOver',
      'DeputyItemAnswered',
      'DeputyItemRated',
      'DeputyItemReportedBack',
    ]);
    expect(eventsOf(h, itemId)[2]!.payload).toMatchObject({
      route: 'order',
      unitId: 'CGZF',
      outcome: 'solved',
      summary: '已约谈施工单位，夜间停工',
      onTime: true,
    });
    expect(eventsOf(h, orderId)[0]!.payload).toMatchObject({
      channel: 'deputy',
      deputyItemId: itemId,
    });
  });

  it('answers an item whose order the filter closed at intake, though the order closed before the hand-over', async () => {
    const input = busShelterSuggestion();
    await recordItem(h, input);
    const orderId = await startDeputyOrder(h, input.itemId, {
      screening: {
        outcome: 'answered_directly',
        explanation: '公交站台设置问题已答复：可拨打公交集团热线申请',
        decidedBy: 'operator',
      },
    });
    await untilCompleted(h, orderId);
    expect((await deputyStateOf(h, input.itemId)).status).toBe('recorded');
    await actOnItem(h, input.itemId, 'handOver', {
      actor: stationDeputy,
      route: 'order',
      orderId,
      note: '转12345',
    });
    const answered = await until('answered by the order', async () => {
      const s = await deputyStateOf(h, input.itemId);
      return s.status === 'answered' ? s : undefined;
    });
    expect(answered.answer).toMatchObject({
      outcome: 'closed_at_intake',
      summary: '公交站台设置问题已答复：可拨打公交集团热线申请',
      onTime: true,
    });
    expect(typesOf(h, input.itemId)).toEqual([
      'DeputyItemRecorded',
      'DeputyItemHandedOver',
      'DeputyItemAnswered',
    ]);
  });

  it('reminds the deputy before the hand-over limit and records it overdue after', async () => {
    const input = busShelterSuggestion();
    const recorded = await recordItem(h, input);
    await sleepUntil(h, recorded.handOverBy!);
    await until('hand-over overdue', async () =>
      typesOf(h, input.itemId).includes('DeputyItemOverdue') ? true : undefined,
    );
    expect(typesOf(h, input.itemId)).toEqual([
      'DeputyItemRecorded',
      'DeputyItemReminded',
      'DeputyItemOverdue',
    ]);
    const [reminded, overdue] = eventsOf(h, input.itemId).slice(1);
    expect(reminded!.payload).toEqual({
      phase: 'hand_over',
      dueAt: recorded.handOverBy,
      remindedId: 'RD-XH-03',
    });
    expect(Date.parse(reminded!.occurredAt)).toBeLessThan(Date.parse(recorded.handOverBy!));
    expect(overdue!.payload).toMatchObject({ phase: 'hand_over', responsibleId: 'RD-XH-03' });
    // Still open: a late hand-over is taken.
    const handed = await actOnItem(h, input.itemId, 'handOver', {
      actor: stationDeputy,
      route: 'proposal',
      unitId: 'JTW',
      note: '逾期转办',
    });
    expect(handed.status).toBe('handed_over');
  });

  it('runs late at every step: answer reminded and overdue, rating lapsed, report-back overdue', async () => {
    const { 'deputy-late': id } = await DEPUTY_SCENARIOS['late']!(h);
    expect(typesOf(h, id!)).toEqual([
      'DeputyItemRecorded',
      'DeputyItemReminded',
      'DeputyItemOverdue',
      'DeputyItemHandedOver',
      'DeputyItemReminded',
      'DeputyItemOverdue',
      'DeputyItemAnswered',
      'DeputyItemReminded',
      'DeputyItemRatingLapsed',
      'DeputyItemOverdue',
      'DeputyItemReportedBack',
    ]);
    const events = eventsOf(h, id!);
    expect(events.map((e) => (e.payload as { phase?: string }).phase).filter(Boolean)).toEqual([
      'hand_over',
      'hand_over',
      'answer',
      'answer',
      'rate',
      'report_back',
    ]);
    expect(events[5]!.payload).toMatchObject({ responsibleId: 'XHJD' });
    expect(events[6]!.payload).toMatchObject({ onTime: false });
    expect(events[10]!.payload).toMatchObject({ onTime: false, resident: 'visit' });
  });

  it('refuses what the rules refuse, with the reason', async () => {
    const input = busShelterSuggestion({ residentReachable: false });
    await recordItem(h, input);
    expect(
      await refusal(
        actOnItem(h, input.itemId, 'handOver', {
          actor: stationDeputy,
          route: 'proposal',
          unitId: 'LYJD',
          note: '交办',
        }),
      ),
    ).toMatch(/不是站点所在的街道/);
    expect(
      await refusal(
        actOnItem(h, input.itemId, 'handOver', {
          actor: { ...stationDeputy, deputyId: 'RD-LY-01', stationId: 'RDZJ-LYJD' },
          route: 'proposal',
          unitId: 'JTW',
          note: '交办',
        }),
      ),
    ).toMatch(/本站点/);
    await actOnItem(h, input.itemId, 'handOver', {
      actor: stationDeputy,
      route: 'proposal',
      unitId: 'JTW',
      note: '交办',
    });
    expect(
      await refusal(
        actOnItem(h, input.itemId, 'answer', {
          actor: { kind: 'unit', unitId: 'CGW', userId: 'x' },
          outcome: 'solved',
          summary: '已办理完毕',
        }),
      ),
    ).toMatch(/承办单位/);
    await actOnItem(h, input.itemId, 'answer', {
      actor: jtw,
      outcome: 'unsolvable',
      summary: '该路段不具备设亭条件，已说明',
    });
    await actOnItem(h, input.itemId, 'rate', {
      actor: stationDeputy,
      rating: 'dissatisfied',
      comment: '未提出替代方案',
    });
    expect(
      await refusal(
        actOnItem(h, input.itemId, 'reportBack', {
          actor: stationDeputy,
          resident: 'phone',
          note: '电话',
        }),
      ),
    ).toMatch(/站点公示/);
    await actOnItem(h, input.itemId, 'reportBack', {
      actor: stationDeputy,
      resident: 'anonymous',
      note: '站点公示',
    });
    await untilCompleted(h, input.itemId);
  });
});
