import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { eventually, type TestSystem } from '../test-system';

type Role = 'operator' | 'supervisor' | 'auditor' | 'unit';

/**
 * Drives orders through the HTTP API as the people who use it do: operators record calls, units
 * act with unit tokens, the centre supervises and calls back.
 */
export class HotlineApi {
  constructor(private readonly system: TestSystem) {}

  http() {
    return request(this.system.api.app.getHttpServer());
  }

  as(role: Role, unitId?: string) {
    return { Authorization: `Bearer ${this.system.token(role, unitId)}` };
  }

  /** Night-time construction noise (CG-003) in 星湖东里 (XHJD-01): 城管执法 leads, the street assists. */
  noiseCall(overrides: Record<string, unknown> = {}) {
    return {
      idempotencyKey: `e2e-${randomUUID()}`,
      channel: 'phone',
      category: 'complaint',
      content: '星湖东里3号楼旁的工地夜间施工噪音很大，22点以后还在干',
      address: '星湖街道星湖东里3号楼旁工地',
      streetId: 'XHJD',
      communityId: 'XHJD-01',
      gridId: 'XHJD-01-1',
      // One caller per call: the same caller, matter and place within 7 days is merged (并单).
      caller: {
        name: '张女士',
        phone: `137${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`,
      },
      ...overrides,
    };
  }

  async submit(call: Record<string, unknown> = this.noiseCall()): Promise<string> {
    const res = await this.http().post('/orders').set(this.as('operator')).send(call).expect(201);
    return res.body.orderId as string;
  }

  /** Submits a call and waits until the workflow dispatched it (or closed it at intake). */
  async submitted(call?: Record<string, unknown>, status = 'dispatched'): Promise<string> {
    const orderId = await this.submit(call);
    await this.untilStatus(orderId, status);
    return orderId;
  }

  async untilStatus(orderId: string, status: string) {
    return eventually(
      async () => {
        const r = await this.http().get(`/orders/${orderId}`).set(this.as('supervisor'));
        return r.body.state?.status === status ? r.body.state : undefined;
      },
      30_000,
      `${orderId} ${status}`,
    );
  }

  async act(orderId: string, action: string, body: object, role: Role, unitId?: string) {
    const res = await this.http()
      .post(`/orders/${orderId}/${action}`)
      .set(this.as(role, unitId))
      .send(body);
    if (res.status !== 200)
      throw new Error(`${action} on ${orderId}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { status: string; timeline: { sequence: number }[] };
  }

  /** The last event sequence the workflow has published for the order. */
  async lastSequence(orderId: string): Promise<number> {
    const r = await this.http().get(`/orders/${orderId}`).set(this.as('supervisor')).expect(200);
    const timeline = r.body.state.timeline as { sequence: number }[];
    return Math.max(...timeline.map((t) => t.sequence));
  }

  /** Acknowledge, respond, resolve (by CGZF) and a satisfied callback: a completed order. */
  async complete(orderId: string, callback?: object) {
    await this.act(orderId, 'acknowledge', {}, 'unit', 'CGZF');
    return this.completeAcknowledged(orderId, callback);
  }

  async completeAcknowledged(
    orderId: string,
    callback: object = { reached: true, solved: true, satisfaction: 'satisfied' },
  ) {
    await this.act(orderId, 'respond', { note: '已电话联系市民' }, 'unit', 'CGZF');
    await this.act(
      orderId,
      'resolve',
      { outcome: 'solved', summary: '工地已停止夜间施工' },
      'unit',
      'CGZF',
    );
    return this.act(orderId, 'callback', callback, 'operator');
  }
}
