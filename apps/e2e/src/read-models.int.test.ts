import { validateEvent } from '@hotline/contracts';
import { shanghaiDate, shanghaiMonth } from '@hotline/domain';
import { HotlineApi } from './support/hotline-api';
import { ReadModelDb } from './support/read-model-db';
import { SyntheticOrder } from './support/synthetic-events';
import { RunTopics } from './support/topics';
import { startTestSystem, type TestSystem } from './test-system';

/**
 * The read models of issue 6 on the real stack, in a schema and topics of this run's own (so
 * every row is this test's): orders driven through the API, views read in PostgreSQL.
 */
describe('read models: an order lifecycle produces the expected rows in every view', () => {
  let system: TestSystem;
  let api: HotlineApi;
  let db: ReadModelDb;
  let topics: RunTopics;

  beforeAll(async () => {
    system = await startTestSystem({ isolated: true });
    api = new HotlineApi(system);
    db = await ReadModelDb.open(system);
    topics = new RunTopics(system);
  });
  afterAll(async () => {
    await db?.close();
    await system?.stop();
  });

  it('follows a completed order through order view, timeline, inbox, SLA board and scores', async () => {
    const orderId = await api.submitted();
    await db.untilProjected(orderId, 2);

    const [dispatched] = await db.rows(`SELECT * FROM order_view WHERE order_id = $1`, [orderId]);
    expect(dispatched).toMatchObject({
      status: 'dispatched',
      lead_unit_id: 'CGZF',
      street_id: 'XHJD',
      community_id: 'XHJD-01',
      matter_type_code: 'CG-003',
      next_due_kind: 'acknowledge',
      dispatch_attempt: 1,
    });
    const inbox = await db.rows(
      `SELECT unit_id, role, next_action FROM unit_inbox WHERE order_id = $1 ORDER BY role`,
      [orderId],
    );
    expect(inbox).toEqual(
      expect.arrayContaining([{ unit_id: 'CGZF', role: 'lead', next_action: 'acknowledge' }]),
    );
    expect(inbox.filter((i) => i.role === 'assisting').map((i) => i.next_action)).not.toContain(
      'acknowledge',
    );
    expect(
      await db.rows(`SELECT status, due_kind FROM sla_board WHERE order_id = $1`, [orderId]),
    ).toEqual([{ status: 'dispatched', due_kind: 'acknowledge' }]);

    await api.act(orderId, 'acknowledge', {}, 'unit', 'CGZF');
    await db.untilProjected(orderId, 3);
    expect(
      await db.rows(`SELECT next_action FROM unit_inbox WHERE order_id = $1 AND role = 'lead'`, [
        orderId,
      ]),
    ).toEqual([{ next_action: 'respond' }]);

    const closed = await api.completeAcknowledged(orderId);
    expect(closed.status).toBe('closed');
    await db.untilProjected(orderId, 7);

    const [view] = await db.rows(`SELECT * FROM order_view WHERE order_id = $1`, [orderId]);
    expect(view).toMatchObject({
      status: 'closed',
      closure: 'completed',
      last_sequence: 7,
      responded_within_limit: true,
      resolved_within_limit: true,
      resolution_outcome: 'solved',
      callback_answered: true,
      callback_solved: true,
      callback_satisfaction: 'satisfied',
      next_due_kind: null,
      breaches: [],
    });
    const timeline = await db.rows<{ sequence: number; type: string; summary: string }>(
      `SELECT sequence, type, summary FROM order_timeline WHERE order_id = $1 ORDER BY sequence`,
      [orderId],
    );
    expect(timeline.map((t) => t.type)).toEqual([
      'OrderReceived',
      'OrderDispatched',
      'OrderAcknowledged',
      'OrderResponded',
      'OrderResolved',
      'CallbackRecorded',
      'OrderClosed',
    ]);
    expect(timeline.map((t) => t.sequence)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(timeline[2]!.summary).toMatch(/^签收 by CGZF/);
    expect(await db.rows(`SELECT * FROM unit_inbox WHERE order_id = $1`, [orderId])).toEqual([]);
    expect(await db.rows(`SELECT * FROM sla_board WHERE order_id = $1`, [orderId])).toEqual([]);

    const month = shanghaiMonth(new Date());
    expect(
      await db.rows(`SELECT unit_id, month, closure, excluded, filtered FROM unit_score_record`),
    ).toEqual([{ unit_id: 'CGZF', month, closure: 'completed', excluded: false, filtered: false }]);
    expect(await db.rows(`SELECT * FROM unit_month_score`)).toEqual([
      expect.objectContaining({
        month,
        unit_id: 'CGZF',
        ranking_group: 'departments',
        closed: 1,
        counted: 1,
        responded_in_time: 1,
        callbacks_answered: 1,
        satisfied: 1,
        response_rate: 1,
        resolution_rate: 1,
        satisfaction_rate: 1,
        composite: 100,
      }),
    ]);
    expect(
      await db.rows(`SELECT matter_type_code, street_id, orders FROM matter_month_count`),
    ).toEqual([{ matter_type_code: 'CG-003', street_id: 'XHJD', orders: 1 }]);
    expect(await db.rows(`SELECT order_id, accepted FROM hotspot_order`)).toEqual([
      { order_id: orderId, accepted: true },
    ]);
    expect(await db.rows(`SELECT * FROM projection_gap`)).toEqual([]);
  });

  it('finds a hotspot: five accepted orders of one matter in one community, listed with them and published once', async () => {
    const orderIds: string[] = [];
    for (let i = 0; i < 5; i++) {
      const id = await api.submitted(
        api.noiseCall({
          communityId: 'XHJD-02',
          gridId: 'XHJD-02-1',
          address: `星湖西里${i + 1}号楼旁工地`,
        }),
      );
      orderIds.push(id);
    }
    for (const id of orderIds) await db.untilProjected(id, 2);
    const today = shanghaiDate(new Date());
    const hotspotId = `CG-003|XHJD-02|${today}`;
    expect(await db.rows(`SELECT * FROM hotspot WHERE community_id = 'XHJD-02'`)).toEqual([
      {
        hotspot_id: hotspotId,
        matter_type_code: 'CG-003',
        community_id: 'XHJD-02',
        street_id: 'XHJD',
        window_start: expect.anything(),
        window_end: expect.anything(),
        order_count: 5,
        order_ids: [...orderIds].sort(),
      },
    ]);

    await system.projector.outbox.publishPending();
    const published = (await topics.read(topics.names.proactiveEvents))
      .map((m) => validateEvent(JSON.parse(m.value!.toString('utf8'))))
      .filter((v) => v.ok)
      .map((v) => v.event);
    expect(published).toHaveLength(1);
    expect(published[0]).toMatchObject({
      aggregateType: 'hotspot',
      aggregateId: hotspotId,
      sequence: 1,
      type: 'HotspotDetected',
      payload: { matterTypeCode: 'CG-003', communityId: 'XHJD-02', windowEnd: today, threshold: 5 },
    });
    expect((published[0]!.payload as { orderIds: string[] }).orderIds).toHaveLength(5);

    // A sixth order grows the listed window; the event is not published again.
    const sixth = await api.submitted(
      api.noiseCall({ communityId: 'XHJD-02', gridId: 'XHJD-02-2' }),
    );
    await db.untilProjected(sixth, 2);
    expect(
      await db.rows(`SELECT order_count FROM hotspot WHERE hotspot_id = $1`, [hotspotId]),
    ).toEqual([{ order_count: 6 }]);
    await system.projector.outbox.publishPending();
    expect(await topics.read(topics.names.proactiveEvents)).toHaveLength(1);
  });

  it('puts open orders on the SLA board with their next limit, 督办 and 催办', async () => {
    const orderId = await api.submitted();
    await api.act(orderId, 'supervise', { note: '市民多次反映，请加快办理' }, 'supervisor');
    await api.act(orderId, 'urge', { note: '请尽快签收' }, 'supervisor');
    await db.untilProjected(orderId, 4);
    const [row] = await db.rows<Record<string, unknown>>(
      `SELECT * FROM sla_board WHERE order_id = $1`,
      [orderId],
    );
    expect(row).toMatchObject({
      status: 'dispatched',
      lead_unit_id: 'CGZF',
      due_kind: 'acknowledge',
      escalation_count: 1,
      last_escalation_note: '市民多次反映，请加快办理',
      urge_count: 1,
      breaches: [],
      first_breached_at: null,
    });
    // Acknowledge within the hour (the default limit for a normal order).
    const dueIn = (row!.due_at as Date).getTime() - Date.now();
    expect(dueIn).toBeGreaterThan(0);
    expect(dueIn).toBeLessThanOrEqual(3_600_000);
  });

  it('marks a breached limit on the board and in the inbox (synthetic events: a real breach is an hour away)', async () => {
    const order = new SyntheticOrder();
    const limit = new Date(Date.now() - 60_000);
    await topics.publish([
      order.received(),
      order.dispatched(limit),
      order.next('DeadlineBreached', {
        kind: 'acknowledge',
        deadline: limit.toISOString(),
        unitId: 'CGZF',
      }),
      order.next('OrderEscalated', {
        note: 'acknowledge limit passed: supervised (督办)',
        unitId: 'CGZF',
        automatic: true,
      }),
    ]);
    await db.untilProjected(order.orderId, 4);
    expect(
      await db.rows(
        `SELECT breaches, escalation_count, due_kind, first_breached_at IS NOT NULL AS breached
           FROM sla_board WHERE order_id = $1`,
        [order.orderId],
      ),
    ).toEqual([
      { breaches: ['acknowledge'], escalation_count: 1, due_kind: 'acknowledge', breached: true },
    ]);
    expect(
      await db.rows(
        `SELECT unit_id, role, next_action, breaches FROM unit_inbox WHERE order_id = $1 ORDER BY role`,
        [order.orderId],
      ),
    ).toEqual(
      [
        { unit_id: 'XHJD', role: 'assisting', next_action: 'assist', breaches: ['acknowledge'] },
        { unit_id: 'CGZF', role: 'lead', next_action: 'acknowledge', breaches: ['acknowledge'] },
      ].sort((a, b) => a.role.localeCompare(b.role)),
    );
  });

  it('keeps a consultation answered on the call out of inboxes, the board and the scores', async () => {
    const orderId = await api.submit(
      api.noiseCall({
        category: 'consultation',
        content: '请问办理居住证需要什么材料？',
        streetId: undefined,
        communityId: undefined,
        gridId: undefined,
      }),
    );
    await api.untilStatus(orderId, 'closed');
    await db.untilProjected(orderId, 3);
    expect(
      await db.rows(
        `SELECT status, closure, filter_outcome, lead_unit_id FROM order_view WHERE order_id = $1`,
        [orderId],
      ),
    ).toEqual([
      {
        status: 'closed',
        closure: 'answered_directly',
        filter_outcome: 'answered_directly',
        lead_unit_id: null,
      },
    ]);
    for (const table of ['unit_inbox', 'sla_board', 'unit_score_record']) {
      expect(await db.rows(`SELECT * FROM ${table} WHERE order_id = $1`, [orderId])).toEqual([]);
    }
    // Intake now knows the consultation's matter: the hotspot model keeps it, as not accepted,
    // so it never counts towards a hotspot.
    expect(
      await db.rows(`SELECT accepted FROM hotspot_order WHERE order_id = $1`, [orderId]),
    ).not.toContainEqual({ accepted: true });
    expect(
      (
        await db.rows(`SELECT type FROM order_timeline WHERE order_id = $1 ORDER BY sequence`, [
          orderId,
        ])
      ).map((r) => r.type),
    ).toEqual(['OrderReceived', 'OrderFiltered', 'OrderClosed']);
  });

  it('takes an approved exclusion (剔除) out of the unit\u2019s denominators', async () => {
    const month = shanghaiMonth(new Date());
    const [before] = await db.rows<{ closed: number; excluded: number; counted: number }>(
      `SELECT closed, excluded, counted FROM unit_month_score WHERE unit_id = 'CGZF' AND month = $1`,
      [month],
    );
    const orderId = await api.submitted();
    await api.act(orderId, 'acknowledge', {}, 'unit', 'CGZF');
    await api.act(orderId, 'resolve', { outcome: 'solved', summary: '已处理' }, 'unit', 'CGZF');
    await api.act(
      orderId,
      'exclusion-request',
      { reason: 'caller_refused_contact', explanation: '市民拒绝提供任何信息' },
      'unit',
      'CGZF',
    );
    await api.act(
      orderId,
      'callback',
      { reached: true, solved: false, satisfaction: 'dissatisfied', unitAtFault: false },
      'operator',
    );
    const closed = await api.act(
      orderId,
      'exclusion-decision',
      { approve: true, note: '经核实属实' },
      'supervisor',
    );
    expect(closed.status).toBe('closed');
    await db.untilProjected(orderId, await api.lastSequence(orderId));
    expect(
      await db.rows(`SELECT excluded, filtered FROM unit_score_record WHERE order_id = $1`, [
        orderId,
      ]),
    ).toEqual([{ excluded: true, filtered: false }]);
    const [after] = await db.rows<{ closed: number; excluded: number; counted: number }>(
      `SELECT closed, excluded, counted FROM unit_month_score WHERE unit_id = 'CGZF' AND month = $1`,
      [month],
    );
    expect(after).toEqual({
      closed: (before?.closed ?? 0) + 1,
      excluded: (before?.excluded ?? 0) + 1,
      counted: before?.counted ?? 0,
    });
  });
});
