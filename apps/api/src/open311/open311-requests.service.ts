import { type ReferenceData } from '@hotline/domain';
import { ForbiddenException, Inject, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { type DataSource } from 'typeorm';
import { type Open311Config } from '../api-config';
import { OrderReader } from '../orders/order-reader';
import { SubmitOrder } from '../orders/use-cases/submit-order/submit-order.use-case';
import { API_CONFIG, DATA_SOURCE, REFERENCE_DATA } from '../tokens';
import { type ListQuery, MAX_RESULTS } from './open311-list-query';
import {
  type Open311Request,
  type OrderSnapshot,
  snapshotOfState,
  toOpen311Request,
} from './open311-request-view';
import { buildSubmission, OPEN311_KEY_PREFIX } from './open311-submission';

/** order_intake joined with its read-model row (absent for a moment after intake). */
interface JoinedRow {
  order_id: string;
  idempotency_key: string;
  created_at: Date;
  intake_matter: string | null;
  intake_street: string | null;
  intake_community: string | null;
  intake_grid: string | null;
  status: string | null;
  channel: string | null;
  content: string | null;
  address: string | null;
  matter_type_code: string | null;
  street_id: string | null;
  community_id: string | null;
  grid_id: string | null;
  lead_unit_id: string | null;
  handle_by: Date | null;
  received_at: Date | null;
  updated_at: Date | null;
  closure: string | null;
  filter_reason: string | null;
  merged_into_order_id: string | null;
}

const COLUMNS = `i.order_id, i.idempotency_key, i.created_at, i.matter_type_code AS intake_matter,
  i.street_id AS intake_street, i.community_id AS intake_community, i.grid_id AS intake_grid,
  v.status, v.channel, v.content, v.address, v.matter_type_code, v.street_id, v.community_id,
  v.grid_id, v.lead_unit_id, v.handle_by, v.received_at, v.updated_at, v.closure, v.filter_reason,
  v.merged_into_order_id`;

export const ORDER_ID = /^HL\d{8}-\d{7}$/;
const TOKEN = /^[A-Za-z0-9_-]{16,64}$/;

/** Open311 service requests: intake through SubmitOrder, reads from the workflow and PostgreSQL. */
@Injectable()
export class Open311RequestsService {
  private readonly logger = new Logger('open311');

  constructor(
    private readonly submitOrder: SubmitOrder,
    private readonly orders: OrderReader,
    @Inject(DATA_SOURCE) private readonly db: DataSource,
    @Inject(API_CONFIG) private readonly config: { open311: Open311Config },
    @Inject(REFERENCE_DATA) private readonly ref: ReferenceData,
  ) {}

  /** POST requests: the same intake as an operator's (受理), on channel open311. */
  async submit(params: Record<string, unknown>) {
    const apiKey = typeof params.api_key === 'string' ? params.api_key : '';
    const client = this.config.open311.apiKeys.get(apiKey);
    if (!client) {
      this.logger.warn('403 POST requests: missing or unknown api_key');
      throw new ForbiddenException('Invalid api_key: ask the hotline centre for a key');
    }
    const { request, token } = buildSubmission(params, client, this.ref);
    const result = await this.submitOrder.execute(request);
    this.logger.log(`${client} submitted ${result.orderId} (created: ${result.created})`);
    return {
      created: result.created,
      body: [
        {
          service_request_id: result.orderId,
          token,
          service_notice: result.screening
            ? noticeOf(result.screening.applied)
            : '此前已提交过相同的诉求，工单号不变',
          account_id: null,
        },
      ],
    };
  }

  /** GET requests/{id}: the workflow's live state, or the read model once it is gone. */
  async get(orderId: string): Promise<Open311Request[]> {
    const [row] = ORDER_ID.test(orderId) ? await this.byIds([orderId]) : [];
    if (!row) throw new NotFoundException(`No service request ${orderId}`);
    const state = await this.orders.liveState(orderId);
    const fromRow = snapshotOfRow(row);
    const snapshot = state ? snapshotOfState(state, fromRow.viaOpen311) : fromRow;
    // In the first moments, before the workflow has recorded the text, the read model may have it.
    return [
      toOpen311Request({ ...snapshot, content: snapshot.content ?? fromRow.content }, this.ref),
    ];
  }

  async list(query: ListQuery): Promise<Open311Request[]> {
    const rows = query.kind === 'ids' ? await this.byIds(query.ids) : await this.inWindow(query);
    return rows.map((r) => toOpen311Request(snapshotOfRow(r), this.ref));
  }

  /** GET tokens/{token}: the order a POST created (our POST answers with both at once). */
  async token(token: string) {
    const rows: { order_id: string }[] = TOKEN.test(token)
      ? await this.db.query(`SELECT order_id FROM order_intake WHERE idempotency_key = $1`, [
          `${OPEN311_KEY_PREFIX}${token}`,
        ])
      : [];
    if (!rows[0]) throw new NotFoundException(`No service request for token ${token}`);
    return [{ service_request_id: rows[0].order_id, token }];
  }

  private byIds(ids: string[]): Promise<JoinedRow[]> {
    return this.db.query(
      `SELECT ${COLUMNS} FROM order_intake i LEFT JOIN order_view v ON v.order_id = i.order_id
        WHERE i.order_id = ANY($1) ORDER BY i.created_at DESC`,
      [ids.filter((id) => ORDER_ID.test(id))],
    );
  }

  /** By the read model's received_at (indexed); an order appears once the projector has it. */
  private inWindow(q: Extract<ListQuery, { kind: 'window' }>): Promise<JoinedRow[]> {
    const where = ['v.received_at >= $1', 'v.received_at <= $2'];
    const args: unknown[] = [q.start, q.end];
    if (q.serviceCodes) {
      args.push(q.serviceCodes);
      where.push(`v.matter_type_code = ANY($${args.length})`);
    }
    if (q.status)
      where.push(q.status === 'closed' ? `v.status = 'closed'` : `v.status <> 'closed'`);
    return this.db.query(
      `SELECT ${COLUMNS} FROM order_view v JOIN order_intake i ON i.order_id = v.order_id
        WHERE ${where.join(' AND ')}
        ORDER BY v.received_at DESC, v.order_id DESC LIMIT ${MAX_RESULTS}`,
      args,
    );
  }
}

function viaOpen311(r: JoinedRow): boolean {
  return r.channel ? r.channel === 'open311' : r.idempotency_key.startsWith(OPEN311_KEY_PREFIX);
}

function snapshotOfRow(r: JoinedRow): OrderSnapshot {
  return {
    orderId: r.order_id,
    status: r.status ?? 'received',
    closure: r.closure,
    filterReason: r.filter_reason,
    mergedIntoOrderId: r.merged_into_order_id,
    matterTypeCode: r.matter_type_code ?? r.intake_matter,
    leadUnitId: r.lead_unit_id,
    content: r.content,
    address: r.address,
    streetId: r.street_id ?? r.intake_street,
    communityId: r.community_id ?? r.intake_community,
    gridId: r.grid_id ?? r.intake_grid,
    receivedAt: r.received_at ?? r.created_at,
    updatedAt: r.updated_at ?? r.created_at,
    handleBy: r.handle_by,
    viaOpen311: viaOpen311(r),
  };
}

/** What the filter (过滤网) decided, in the words it has for the citizen. */
function noticeOf(screening: { outcome: string; explanation?: string }): string {
  return screening.outcome === 'accept'
    ? '已受理，将按职责清单派至承办单位办理'
    : (screening.explanation ?? '已受理');
}
