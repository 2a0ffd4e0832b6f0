import { randomUUID } from 'node:crypto';
import { sleep } from './processes';

/** What the HTTP clients saw: every answer by status, and what must never happen. */
export class HttpStats {
  requests = 0;
  readonly byStatus = new Map<number, number>();
  /** Requests with no answer within the client's timeout. */
  readonly hung: string[] = [];
  /** 5xx answers other than 503 (and 503s, which are fine during an outage). */
  readonly serverErrors: string[] = [];
  unavailable = 0;
  /** Connection refused or reset: the API process was down. */
  refused = 0;

  record(status: number, what: string, body: string): void {
    this.byStatus.set(status, (this.byStatus.get(status) ?? 0) + 1);
    if (status === 503) this.unavailable += 1;
    else if (status >= 500) this.serverErrors.push(`${status} ${what}: ${body.slice(0, 200)}`);
  }
}

type Answer =
  | { status: number; body: Record<string, unknown>; retryAfter?: number }
  | { status: 'timeout' | 'network' };

export interface LoadOptions {
  baseUrl: string;
  token: (role: 'operator' | 'unit' | 'supervisor', unitId?: string) => string;
  orders: number;
  concurrency: number;
  /** A name for idempotency keys (the scenario). */
  label: string;
  /** No answer within this: counted as hung (the client gives up and retries). */
  requestTimeoutMs: number;
  /** An order not closed by then is left as it is (and reported stuck). */
  deadlineMs: number;
  stats: HttpStats;
  onSubmitted?: (count: number) => void;
}

export interface OrderRecord {
  key: string;
  orderId?: string;
  /** The API accepted the call (201/200 with an order id). */
  accepted: boolean;
  /** The last status the driver saw; `closed` when the lifecycle completed. */
  status?: string;
  /** Why the driver stopped short of `closed`, if it did. */
  problem?: string;
}

const RANK: Record<string, number> = {
  received: 0,
  awaiting_dispatch: 0,
  dispatched: 1,
  acknowledged: 2,
  responded: 3,
  in_progress: 3,
  resolved: 4,
  closed: 5,
};

/**
 * Callers and units over HTTP, as a client with a timeout would: each order is recorded (受理),
 * then acknowledged, responded to and resolved by its lead unit, and called back (回访) until
 * closed. Outages are ridden out as a careful client does: a 503, a timeout or a refused
 * connection is retried after a pause (the same idempotency key for the intake); a 409 or 404
 * after a lost answer is checked against the order's state (the action may have gone through).
 */
export class LoadDriver {
  readonly orders: OrderRecord[] = [];
  private submitted = 0;

  constructor(private readonly o: LoadOptions) {}

  async run(): Promise<OrderRecord[]> {
    const deadline = Date.now() + this.o.deadlineMs;
    let next = 0;
    const lane = async () => {
      for (let i = next++; i < this.o.orders; i = next++) await this.lifecycle(i, deadline);
    };
    await Promise.all(Array.from({ length: Math.min(this.o.concurrency, this.o.orders) }, lane));
    return this.orders;
  }

  /** One more order outside the load (a probe): resolves once the read model shows it dispatched. */
  async probe(deadline: number, readModel: (orderId: string) => Promise<string | undefined>) {
    const rec: OrderRecord = { key: `faults-probe-${randomUUID()}`, accepted: false };
    this.orders.push(rec);
    if (!(await this.submit(rec, deadline))) return rec;
    await this.state(rec, deadline, 'dispatched');
    while (Date.now() < deadline) {
      const status = await readModel(rec.orderId!).catch(() => undefined);
      if (status && RANK[status]! >= RANK.dispatched!) return rec;
      await sleep(250);
    }
    rec.problem = 'not in the read model';
    return rec;
  }

  private async call(
    method: 'GET' | 'POST',
    path: string,
    token: string,
    body?: object,
  ): Promise<Answer> {
    this.o.stats.requests += 1;
    const what = `${method} ${path}`;
    try {
      const res = await fetch(`${this.o.baseUrl}${path}`, {
        method,
        headers: {
          Authorization: `Bearer ${token}`,
          ...(body ? { 'Content-Type': 'application/json' } : {}),
        },
        body: body ? JSON.stringify(body) : undefined,
        signal: AbortSignal.timeout(this.o.requestTimeoutMs),
      });
      const text = await res.text();
      this.o.stats.record(res.status, what, text);
      let parsed: Record<string, unknown> = {};
      try {
        parsed = JSON.parse(text) as Record<string, unknown>;
      } catch {
        // not JSON: kept empty
      }
      const retryAfter = Number(res.headers.get('retry-after'));
      return {
        status: res.status,
        body: parsed,
        ...(Number.isFinite(retryAfter) && retryAfter > 0 ? { retryAfter } : {}),
      };
    } catch (err) {
      const name = err instanceof Error ? err.name : '';
      if (name === 'TimeoutError' || name === 'AbortError') {
        this.o.stats.hung.push(`${what} (no answer in ${this.o.requestTimeoutMs / 1000} s)`);
        return { status: 'timeout' };
      }
      this.o.stats.refused += 1;
      return { status: 'network' };
    }
  }

  private static retryable(a: Answer): boolean {
    return typeof a.status !== 'number' || a.status === 503 || a.status === 429 || a.status >= 500;
  }

  private static pause(a: Answer): Promise<void> {
    const seconds = 'retryAfter' in a && a.retryAfter ? Math.min(a.retryAfter, 5) : 1;
    return sleep(seconds * 1000 * (0.5 + Math.random()));
  }

  private async submit(rec: OrderRecord, deadline: number): Promise<boolean> {
    const phone = `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
    const body = {
      idempotencyKey: rec.key,
      channel: 'phone',
      category: 'complaint',
      content: '星湖东里3号楼旁的工地夜间施工噪音很大，22点以后还在干',
      address: '星湖街道星湖东里3号楼旁工地',
      streetId: 'XHJD',
      communityId: 'XHJD-01',
      gridId: 'XHJD-01-1',
      caller: { name: '故障测试', phone },
    };
    while (Date.now() < deadline) {
      const a = await this.call('POST', '/orders', this.o.token('operator'), body);
      if (a.status === 201 || a.status === 200) {
        const orderId = (a as { body: { orderId?: string } }).body.orderId;
        if (typeof orderId === 'string') {
          rec.orderId = orderId;
          rec.accepted = true;
          return true;
        }
      }
      if (!LoadDriver.retryable(a)) {
        rec.problem = `intake answered ${a.status}`;
        return false;
      }
      await LoadDriver.pause(a);
    }
    rec.problem = 'intake never accepted';
    return false;
  }

  /** Reads the order until it is at least `atLeast`; returns its state (or undefined at the deadline). */
  private async state(rec: OrderRecord, deadline: number, atLeast: string) {
    while (Date.now() < deadline) {
      const a = await this.call('GET', `/orders/${rec.orderId}`, this.o.token('operator'));
      if (a.status === 200) {
        const state = (a as { body: { state?: { status: string; leadUnitId?: string } } }).body
          .state;
        if (state) {
          rec.status = state.status;
          if (state.status === 'closed' || (RANK[state.status] ?? -1) >= RANK[atLeast]!)
            return state;
        }
        await sleep(300);
      } else if (LoadDriver.retryable(a) || a.status === 404) await LoadDriver.pause(a);
      else {
        rec.problem = `reading the order answered ${a.status}`;
        return undefined;
      }
    }
    rec.problem ??= `not ${atLeast} in time`;
    return undefined;
  }

  private async lifecycle(i: number, deadline: number): Promise<void> {
    const rec: OrderRecord = {
      key: `faults-${this.o.label}-${i}-${randomUUID()}`,
      accepted: false,
    };
    this.orders.push(rec);
    if (!(await this.submit(rec, deadline))) return;
    this.o.onSubmitted?.(++this.submitted);
    const dispatched = await this.state(rec, deadline, 'dispatched');
    if (!dispatched || dispatched.status === 'closed') return; // closed at intake (filtered)
    const lead = dispatched.leadUnitId;
    if (!lead) {
      rec.problem = `dispatched without a lead unit`;
      return;
    }
    const steps: [string, 'unit' | 'operator', object, string][] = [
      ['acknowledge', 'unit', {}, 'acknowledged'],
      ['respond', 'unit', { note: '已电话联系来电人' }, 'responded'],
      ['resolve', 'unit', { outcome: 'solved', summary: '已责令夜间停工' }, 'resolved'],
      [
        'callback',
        'operator',
        { reached: true, solved: true, satisfaction: 'satisfied' },
        'closed',
      ],
    ];
    for (const [action, role, body, after] of steps) {
      const token = role === 'unit' ? this.o.token('unit', lead) : this.o.token('operator');
      for (;;) {
        if (Date.now() > deadline) {
          rec.problem = `${action} not done in time`;
          return;
        }
        const a = await this.call('POST', `/orders/${rec.orderId}/${action}`, token, body);
        if (a.status === 200) {
          rec.status = after;
          break;
        }
        if (a.status === 409 || a.status === 404 || LoadDriver.retryable(a)) {
          // A refusal after a lost answer, or an outage: did the action go through?
          if (typeof a.status === 'number' && !LoadDriver.retryable(a)) {
            const now = await this.state(rec, Math.min(deadline, Date.now() + 30_000), 'received');
            if (now && (RANK[now.status] ?? -1) >= RANK[after]!) break;
          }
          await LoadDriver.pause(a);
          continue;
        }
        rec.problem = `${action} answered ${a.status}: ${JSON.stringify((a as { body: object }).body).slice(0, 200)}`;
        return;
      }
    }
  }
}
