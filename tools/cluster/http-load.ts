import { randomUUID } from 'node:crypto';
import { DEV_AUTH_SECRET } from '../../apps/api/src/api-config';
import { signToken } from '../../apps/api/src/auth/jwt';

/**
 * Orders driven through their whole lifecycle over HTTP, as the people around them would, through
 * the API's load balancer: 受理 (POST /orders), wait for 派单, 签收, 响应, 办结, 回访. A step that
 * fails with a network error or a 5xx is retried (the create by its idempotency key; an action is
 * checked against the order's state first, so a retry never acts twice). Every attempt is timed.
 */
export interface StepRecord {
  order: number;
  action: string;
  start: number;
  end: number;
  /** Attempts that failed with a network error or a 5xx before the step succeeded. */
  retries: number;
}

export interface OrderRecord {
  index: number;
  orderId: string;
  /** Sequence of the last event (from the closing answer's timeline). */
  lastSequence: number;
  closedAt: number;
}

const ORDER = [
  'received',
  'awaiting_dispatch',
  'dispatched',
  'in_arbitration',
  'acknowledged',
  'responded',
  'in_progress',
  'resolved',
  'closed',
];

interface Answer {
  status: number;
  body: Record<string, unknown> & {
    state?: { status?: string; leadUnitId?: string };
    status?: string;
    timeline?: { sequence: number }[];
    orderId?: string;
  };
}

export class HttpLoad {
  readonly steps: StepRecord[] = [];
  readonly orders: OrderRecord[] = [];
  readonly failures: string[] = [];
  private readonly tokens = new Map<string, string>();

  constructor(
    private readonly baseUrl: string,
    private readonly runId: string,
  ) {}

  private token(role: 'operator' | 'unit', unitId?: string): string {
    const key = `${role}:${unitId ?? ''}`;
    let t = this.tokens.get(key);
    if (!t) {
      t = signToken(
        { sub: `failover-${role}`, role, ...(unitId ? { unitId } : {}) },
        process.env.AUTH_JWT_SECRET ?? DEV_AUTH_SECRET,
        3600,
      );
      this.tokens.set(key, t);
    }
    return t;
  }

  private async call(
    method: 'GET' | 'POST',
    path: string,
    token: string,
    body?: object,
  ): Promise<Answer> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(90_000),
    });
    const text = await res.text();
    let parsed: Answer['body'] = {};
    try {
      parsed = JSON.parse(text) as Answer['body'];
    } catch {
      parsed = { raw: text };
    }
    return { status: res.status, body: parsed };
  }

  /** Runs one step until it succeeds; retries network errors and 5xx for up to 3 minutes. */
  private async step(
    order: number,
    action: string,
    attempt: (retry: boolean) => Promise<Answer | 'done'>,
  ): Promise<Answer | 'done'> {
    const start = Date.now();
    let retries = 0;
    for (;;) {
      let answer: Answer | 'done' | undefined;
      let error = '';
      try {
        answer = await attempt(retries > 0);
        if (answer !== 'done' && answer.status >= 500) {
          error = `HTTP ${answer.status} ${JSON.stringify(answer.body).slice(0, 160)}`;
          answer = undefined;
        }
      } catch (err) {
        error = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
      }
      if (answer !== undefined) {
        if (answer !== 'done' && answer.status >= 400)
          throw new Error(
            `order ${order} ${action}: HTTP ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`,
          );
        this.steps.push({ order, action, start, end: Date.now(), retries });
        return answer;
      }
      retries++;
      if (Date.now() - start > 180_000)
        throw new Error(`order ${order} ${action}: still failing after 3 minutes: ${error}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  private async statusOf(orderId: string): Promise<{ status: string; leadUnitId?: string }> {
    const got = await this.call('GET', `/orders/${orderId}`, this.token('operator'));
    if (got.status !== 200) throw new Error(`GET /orders/${orderId}: HTTP ${got.status}`);
    return { status: got.body.state?.status ?? 'unknown', leadUnitId: got.body.state?.leadUnitId };
  }

  /** An action; on a retry, first asks whether an earlier attempt already got through. */
  private async act(
    index: number,
    orderId: string,
    action: string,
    path: string,
    token: string,
    body: object,
    reaches: string,
  ): Promise<Answer | 'done'> {
    return this.step(index, action, async (retry) => {
      if (retry) {
        const { status } = await this.statusOf(orderId);
        if (ORDER.indexOf(status) >= ORDER.indexOf(reaches)) return 'done';
      }
      return this.call('POST', `/orders/${orderId}/${path}`, token, body);
    });
  }

  async lifecycle(index: number): Promise<void> {
    const phone = `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
    const created = await this.step(index, 'create', () =>
      this.call('POST', '/orders', this.token('operator'), {
        idempotencyKey: `${this.runId}-${index}`,
        channel: 'phone',
        category: 'complaint',
        content: '星湖东里3号楼旁的工地夜间施工噪音很大，22点以后还在干',
        address: `星湖街道星湖东里${(index % 30) + 1}号楼旁工地`,
        streetId: 'XHJD',
        communityId: 'XHJD-01',
        gridId: 'XHJD-01-1',
        caller: { name: '王女士', phone },
      }),
    );
    if (created === 'done' || !created.body.orderId) throw new Error(`order ${index}: no order id`);
    const orderId = created.body.orderId;
    let lead: string | undefined;
    const t0 = Date.now();
    await this.step(index, 'dispatch', async () => {
      for (;;) {
        const s = await this.statusOf(orderId);
        if (s.status === 'dispatched' && s.leadUnitId) {
          lead = s.leadUnitId;
          return 'done';
        }
        if (ORDER.indexOf(s.status) > ORDER.indexOf('dispatched'))
          throw new Error(`order ${orderId} is ${s.status}, expected dispatched`);
        if (Date.now() - t0 > 180_000) throw new Error(`order ${orderId} was never dispatched`);
        await new Promise((r) => setTimeout(r, 100));
      }
    });
    const unit = this.token('unit', lead);
    const operator = this.token('operator');
    await this.act(index, orderId, 'acknowledge', 'acknowledge', unit, {}, 'acknowledged');
    await this.act(
      index,
      orderId,
      'respond',
      'respond',
      unit,
      { note: '已电话联系市民' },
      'responded',
    );
    await this.act(
      index,
      orderId,
      'resolve',
      'resolve',
      unit,
      { outcome: 'solved', summary: '已责令夜间停工' },
      'resolved',
    );
    const closed = await this.act(
      index,
      orderId,
      'callback',
      'callback',
      operator,
      { reached: true, solved: true, satisfaction: 'satisfied' },
      'closed',
    );
    let timeline = closed === 'done' ? undefined : closed.body.timeline;
    if (!timeline) {
      const got = await this.call('GET', `/orders/${orderId}`, operator);
      timeline = (got.body.state as { timeline?: { sequence: number }[] } | undefined)?.timeline;
    }
    const lastSequence = Math.max(0, ...(timeline ?? []).map((t) => t.sequence));
    this.orders.push({ index, orderId, lastSequence, closedAt: Date.now() });
  }

  /** `count` lifecycles, `concurrency` at a time; `onDone` after each closed order. */
  async run(count: number, concurrency: number, onDone?: (done: number) => void): Promise<void> {
    let next = 0;
    let done = 0;
    const lane = async () => {
      for (let i = next++; i < count; i = next++) {
        try {
          await this.lifecycle(i);
        } catch (err) {
          this.failures.push(err instanceof Error ? err.message : String(err));
        }
        onDone?.(++done);
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, count) }, lane));
  }
}

export const newRunId = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;
