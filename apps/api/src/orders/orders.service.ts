import { type CreateOrderRequest } from '@hotline/contracts';
import { CallerContactEntity, OrderIntakeEntity, OrderViewEntity } from '@hotline/persistence';
import { type TemporalConfig } from '@hotline/temporal';
import type { OrderWorkflowInput } from '@hotline/workflows';
import { ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { type Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import { createHash } from 'node:crypto';
import { type DataSource } from 'typeorm';
import { maskPhone, type PersonalDataCipher } from '../personal-data/personal-data.cipher';
import { API_CONFIG, DATA_SOURCE, PERSONAL_DATA, TEMPORAL_CLIENT } from '../tokens';

export interface SubmittedOrder {
  orderId: string;
  /** false when the idempotency key had been seen: the existing order is returned. */
  created: boolean;
}

@Injectable()
export class OrdersService {
  constructor(
    @Inject(DATA_SOURCE) private readonly db: DataSource,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    @Inject(API_CONFIG) private readonly config: { temporal: TemporalConfig },
    @Inject(PERSONAL_DATA) private readonly personalData: PersonalDataCipher,
  ) {}

  /**
   * Intake (受理): records the order number for the idempotency key and the encrypted caller in
   * one transaction, then starts the order's workflow (id = order number). Safe to repeat: a
   * crash between the two steps is healed by the client's retry with the same key.
   */
  async submit(request: CreateOrderRequest): Promise<SubmittedOrder> {
    const requestHash = hashRequest(request);
    const { orderId, created, receivedAt } = await this.db.transaction(async (em) => {
      const inserted: { order_id: string; created_at: Date }[] = await em.query(
        `INSERT INTO order_intake (idempotency_key, order_id, request_hash)
         VALUES ($1, 'HL' || to_char(now() AT TIME ZONE 'Asia/Shanghai', 'YYYYMMDD') || '-' || lpad(nextval('order_number_seq')::text, 7, '0'), $2)
         ON CONFLICT (idempotency_key) DO NOTHING
         RETURNING order_id, created_at`,
        [request.idempotencyKey, requestHash],
      );
      if (inserted.length === 0) {
        const existing = await em
          .getRepository(OrderIntakeEntity)
          .findOneByOrFail({ idempotencyKey: request.idempotencyKey });
        if (existing.requestHash !== requestHash) {
          throw new ConflictException({
            message: `Idempotency key "${request.idempotencyKey}" was already used for order ${existing.orderId} with different content`,
            orderId: existing.orderId,
          });
        }
        return { orderId: existing.orderId, created: false, receivedAt: existing.createdAt };
      }
      const [{ order_id, created_at }] = inserted;
      await em.getRepository(CallerContactEntity).insert({
        orderId: order_id,
        nameEncrypted: this.personalData.encrypt(request.caller.name),
        phoneEncrypted: this.personalData.encrypt(request.caller.phone),
        phoneMasked: maskPhone(request.caller.phone),
        callerKey: this.personalData.callerKey(request.caller.phone),
      });
      return { orderId: order_id, created: true, receivedAt: created_at };
    });

    await this.startWorkflow(this.workflowInput(orderId, request, receivedAt));
    return { orderId, created };
  }

  async get(
    orderId: string,
  ): Promise<OrderViewEntity | { orderId: string; status: string; projected: false }> {
    const view = await this.db.getRepository(OrderViewEntity).findOneBy({ orderId });
    if (view) return view;
    const intake = await this.db.getRepository(OrderIntakeEntity).findOneBy({ orderId });
    if (!intake) throw new NotFoundException(`No order ${orderId}`);
    // Accepted, but the read model has not caught up yet.
    return { orderId, status: 'received', projected: false };
  }

  private workflowInput(
    orderId: string,
    r: CreateOrderRequest,
    receivedAt: Date,
  ): OrderWorkflowInput {
    return {
      orderId,
      channel: r.channel,
      category: r.category,
      content: r.content,
      urgency: r.urgency,
      ...(r.matterTypeCode ? { matterTypeCode: r.matterTypeCode } : {}),
      location: {
        address: r.address,
        ...(r.streetId ? { streetId: r.streetId } : {}),
        ...(r.communityId ? { communityId: r.communityId } : {}),
        ...(r.gridId ? { gridId: r.gridId } : {}),
      },
      callerKey: this.personalData.callerKey(r.caller.phone),
      receivedAt: receivedAt.toISOString(),
    };
  }

  private async startWorkflow(input: OrderWorkflowInput): Promise<void> {
    try {
      await this.temporal.workflow.start('hotlineOrderWorkflow', {
        workflowId: input.orderId,
        taskQueue: this.config.temporal.taskQueue,
        args: [input],
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      });
    } catch (err) {
      // Already submitted (by this request's earlier try, or a concurrent one): nothing to do.
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    }
  }
}

/** The request minus its key, in a stable form: the same key with other content is a conflict. */
function hashRequest(request: CreateOrderRequest): string {
  const { idempotencyKey: _key, ...rest } = request;
  return createHash('sha256').update(stableStringify(rest)).digest('hex');
}

function stableStringify(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => a.localeCompare(b));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(',')}}`;
}
