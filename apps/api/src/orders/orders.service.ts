import { type CreateOrderRequest, type OrderActionName } from '@hotline/contracts';
import { redactPersonalData, type ReferenceData } from '@hotline/domain';
import { CallerContactEntity, OrderIntakeEntity, OrderViewEntity } from '@hotline/persistence';
import { type TemporalConfig } from '@hotline/temporal';
import type { OrderState, OrderWorkflowInput } from '@hotline/workflows';
import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  Inject,
  Injectable,
  Logger,
  NotFoundException,
} from '@nestjs/common';
import {
  type Client,
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
} from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import { createHash } from 'node:crypto';
import { type DataSource } from 'typeorm';
import { actorOf, type Principal } from '../auth/principal';
import { refusalToHttp } from '../common/workflow-refusal';
import { maskPhone, type PersonalDataCipher } from '../personal-data/personal-data.cipher';
import { API_CONFIG, DATA_SOURCE, PERSONAL_DATA, REFERENCE_DATA, TEMPORAL_CLIENT } from '../tokens';
import {
  type IntakeScreening,
  isUnknownSearchAttribute,
  screenAtIntake,
  startSearchAttributes,
  workflowInputOf,
} from './intake-screening';

export interface SubmittedOrder {
  orderId: string;
  /** false when the idempotency key had been seen: the existing order is returned. */
  created: boolean;
  /** What the filter (过滤网) suggested and what was applied; only on the first submission. */
  screening?: Omit<IntakeScreening, 'matterSuggestion'> & {
    matterSuggestion: IntakeScreening['matterSuggestion'];
  };
}

export interface CallerView {
  name?: string;
  phone: string;
  /** The complaint as said, when intake masked personal data in it (full view only). */
  originalContent?: string;
  /** true when the phone is shown masked (138****1234): the caller is not this user's business. */
  masked: boolean;
}

export interface OrderDetail {
  orderId: string;
  state: OrderState | null;
  view: OrderViewEntity | null;
  caller: CallerView | null;
}

const ORDER_ID = /^HL\d{8}-\d{7}$/;
/** A query is answered in milliseconds by a live worker; waiting longer only delays the fallback. */
const LIVE_STATE_TIMEOUT_MS = 5_000;

@Injectable()
export class OrdersService {
  private readonly logger = new Logger('orders');

  constructor(
    @Inject(DATA_SOURCE) private readonly db: DataSource,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    @Inject(API_CONFIG) private readonly config: { temporal: TemporalConfig },
    @Inject(PERSONAL_DATA) private readonly personalData: PersonalDataCipher,
    @Inject(REFERENCE_DATA) private readonly ref: ReferenceData,
  ) {}

  /**
   * Intake (受理): screens the call, records the order number for the idempotency key and the
   * encrypted caller in one transaction, then starts the order's workflow (id = order number).
   * Safe to repeat: a crash between the two steps is healed by a retry with the same key.
   */
  async submit(original: CreateOrderRequest): Promise<SubmittedOrder> {
    const requestHash = hashRequest(original);
    // Phone or ID numbers said in the complaint never travel on: the text is masked from here on.
    const redaction = redactPersonalData(original.content);
    const request = { ...original, content: redaction.text };
    const callerKey = this.personalData.callerKey(request.caller.phone);
    const outcome = await this.db.transaction(async (em) => {
      const existing = await em
        .getRepository(OrderIntakeEntity)
        .findOneBy({ idempotencyKey: request.idempotencyKey });
      if (existing) return { existing };
      const screening = await screenAtIntake(em, this.ref, request, callerKey, new Date());
      const inserted: { order_id: string; created_at: Date }[] = await em.query(
        `INSERT INTO order_intake (idempotency_key, order_id, request_hash, caller_key, category, matter_type_code,
                                   street_id, community_id, grid_id, screening_outcome, screening_reason)
         VALUES ($1, 'HL' || to_char(now() AT TIME ZONE 'Asia/Shanghai', 'YYYYMMDD') || '-' || lpad(nextval('order_number_seq')::text, 7, '0'),
                 $2, $3, $4, $5, $6, $7, $8, $9, $10)
         ON CONFLICT (idempotency_key) DO NOTHING
         RETURNING order_id, created_at`,
        [
          request.idempotencyKey,
          requestHash,
          callerKey,
          request.category,
          screening.matterTypeCode,
          screening.place.streetId ?? null,
          screening.place.communityId ?? null,
          screening.place.gridId ?? null,
          screening.applied.outcome,
          screening.applied.outcome === 'rejected' ? screening.applied.reason : null,
        ],
      );
      if (inserted.length === 0) {
        // A concurrent request with the same key won the race: answer as for a repeat.
        return {
          existing: await em
            .getRepository(OrderIntakeEntity)
            .findOneByOrFail({ idempotencyKey: request.idempotencyKey }),
        };
      }
      const [{ order_id, created_at }] = inserted as [{ order_id: string; created_at: Date }];
      await em.getRepository(CallerContactEntity).insert({
        orderId: order_id,
        nameEncrypted: this.personalData.encrypt(request.caller.name),
        phoneEncrypted: this.personalData.encrypt(request.caller.phone),
        phoneMasked: maskPhone(request.caller.phone),
        callerKey,
        contentEncrypted:
          redaction.found.length > 0 ? this.personalData.encrypt(original.content) : null,
      });
      return { created: { orderId: order_id, receivedAt: created_at, screening } };
    });

    if ('existing' in outcome && outcome.existing) {
      const existing = outcome.existing;
      if (existing.requestHash !== requestHash) {
        throw new ConflictException({
          message: `Idempotency key "${request.idempotencyKey}" was already used for order ${existing.orderId} with different content`,
          orderId: existing.orderId,
        });
      }
      await this.startWorkflow(await this.rebuildInput(existing, request, callerKey));
      return { orderId: existing.orderId, created: false };
    }
    const { orderId, receivedAt, screening } = outcome.created!;
    await this.startWorkflow(
      this.workflowInput(orderId, request, callerKey, receivedAt, screening),
    );
    return { orderId, created: true, screening };
  }

  /** The order's live state (from its workflow), its read-model row, and the caller as this user may see it. */
  async get(orderId: string, principal: Principal): Promise<OrderDetail> {
    const intake = await this.db.getRepository(OrderIntakeEntity).findOneBy({ orderId });
    if (!intake) throw new NotFoundException(`No order ${orderId}`);
    const [state, view] = await Promise.all([
      this.liveState(orderId),
      this.db.getRepository(OrderViewEntity).findOneBy({ orderId }),
    ]);
    this.assertMayRead(principal, orderId, state);
    return { orderId, state, view, caller: await this.callerFor(orderId, principal, state) };
  }

  /** A unit or the centre acts on an order: one workflow update, answered with the new state. */
  async act(
    orderId: string,
    principal: Principal,
    action: OrderActionName | 'escalateToWhistle',
    body: object,
  ): Promise<OrderState> {
    if (!ORDER_ID.test(orderId))
      throw new BadRequestException(`"${orderId}" is not an order number like HL20261123-0000042`);
    const command = { ...body, actor: actorOf(principal) };
    try {
      return await this.temporal.workflow
        .getHandle(orderId)
        .executeUpdate<OrderState, [typeof command]>(`${action}Update`, { args: [command] });
    } catch (err) {
      throw await this.translate(err, orderId, principal, action);
    }
  }

  /** The caller's orders of the last 90 days (operators: "has this person called before?"). */
  async callerHistory(phone: string) {
    const callerKey = this.personalData.callerKey(phone);
    const rows: {
      order_id: string;
      created_at: Date;
      category: string | null;
      matter_type_code: string | null;
      screening_outcome: string | null;
      status: string | null;
    }[] = await this.db.query(
      `SELECT i.order_id, i.created_at, i.category, i.matter_type_code, i.screening_outcome, v.status
           FROM order_intake i LEFT JOIN order_view v ON v.order_id = i.order_id
          WHERE i.caller_key = $1 AND i.created_at > now() - interval '90 days'
          ORDER BY i.created_at DESC LIMIT 100`,
      [callerKey],
    );
    return rows.map((r) => ({
      orderId: r.order_id,
      receivedAt: r.created_at.toISOString(),
      category: r.category,
      matterTypeCode: r.matter_type_code,
      screening: r.screening_outcome ?? 'accept',
      status: r.status ?? 'received',
    }));
  }

  // ------------------------------------------------------------------ helpers

  /**
   * The workflow's own state (also read by the Open311 API); null once past retention, or when
   * it cannot be read now (no worker answers in time, or a closed order's history no longer
   * replays on changed workflow code): the read model answers instead of a 500 or a hang.
   */
  async liveState(orderId: string): Promise<OrderState | null> {
    try {
      return await this.temporal.withDeadline(Date.now() + LIVE_STATE_TIMEOUT_MS, () =>
        this.temporal.workflow.getHandle(orderId).query<OrderState>('orderState'),
      );
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) return null; // past retention: the read model remains
      this.logger.error(
        `order ${orderId}: live state unreadable, answering from the read model: ${err instanceof Error ? err.message : String(err)}`,
      );
      return null;
    }
  }

  /** Units read only their own orders (lead or assisting); the centre and auditors read all. */
  private assertMayRead(principal: Principal, orderId: string, state: OrderState | null): void {
    if (principal.role !== 'unit') return;
    const unitId = principal.unitId!;
    if (
      state &&
      (state.leadUnitId === unitId ||
        state.assistingUnitIds.includes(unitId) ||
        state.returnedByUnitIds.includes(unitId))
    )
      return;
    this.logger.warn(
      `403 unit ${unitId} (user ${principal.userId}) tried to read order ${orderId}`,
    );
    throw new ForbiddenException(`Order ${orderId} is not assigned to unit ${unitId}`);
  }

  /** Name and phone in full only for operators and the unit handling the order; masked for others. */
  private async callerFor(
    orderId: string,
    principal: Principal,
    state: OrderState | null,
  ): Promise<CallerView | null> {
    const contact = await this.db.getRepository(CallerContactEntity).findOneBy({ orderId });
    if (!contact) return null;
    const handling =
      principal.role === 'unit' &&
      !!state &&
      state.leadUnitId === principal.unitId &&
      state.status !== 'closed';
    if (principal.role === 'operator' || handling) {
      return {
        name: this.personalData.decrypt(contact.nameEncrypted),
        phone: this.personalData.decrypt(contact.phoneEncrypted),
        ...(contact.contentEncrypted
          ? { originalContent: this.personalData.decrypt(contact.contentEncrypted) }
          : {}),
        masked: false,
      };
    }
    return { phone: contact.phoneMasked, masked: true };
  }

  private async translate(
    err: unknown,
    orderId: string,
    principal: Principal,
    action: string,
  ): Promise<unknown> {
    const answer = await refusalToHttp(
      err,
      `order ${orderId}`,
      'OrderActionRefused',
      async () => (await this.liveState(orderId))?.status,
    );
    if (answer !== err)
      this.logger.warn(
        `refused ${action} on ${orderId} by ${principal.role} ${principal.unitId ?? principal.userId}: ${(answer as Error).message}`,
      );
    return answer;
  }

  private workflowInput(
    orderId: string,
    r: CreateOrderRequest,
    callerKey: string,
    receivedAt: Date,
    screening: IntakeScreening,
  ): OrderWorkflowInput {
    return workflowInputOf(orderId, r, callerKey, receivedAt, screening);
  }

  /** A retry after a crash between the transaction and the start: start with what was recorded. */
  private async rebuildInput(
    existing: OrderIntakeEntity,
    r: CreateOrderRequest,
    callerKey: string,
  ): Promise<OrderWorkflowInput> {
    const screening: IntakeScreening = await this.db.transaction((em) =>
      screenAtIntake(em, this.ref, r, callerKey, existing.createdAt),
    );
    return this.workflowInput(existing.orderId, r, callerKey, existing.createdAt, {
      ...screening,
      matterTypeCode: existing.matterTypeCode,
      place: {
        ...(existing.streetId ? { streetId: existing.streetId } : {}),
        ...(existing.communityId ? { communityId: existing.communityId } : {}),
        ...(existing.gridId ? { gridId: existing.gridId } : {}),
      },
    });
  }

  private async startWorkflow(input: OrderWorkflowInput, withAttributes = true): Promise<void> {
    try {
      await this.temporal.workflow.start('hotlineOrderWorkflow', {
        workflowId: input.orderId,
        taskQueue: this.config.temporal.taskQueue,
        args: [input],
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
        ...(withAttributes ? { typedSearchAttributes: startSearchAttributes(input) } : {}),
      });
    } catch (err) {
      // Already submitted (by this request's earlier try, or a concurrent one): nothing to do.
      if (err instanceof WorkflowExecutionAlreadyStartedError) return;
      // A cluster without the Emergency attribute must not lose the order: start without it.
      if (!isUnknownSearchAttribute(err)) throw err;
      this.logger.error(
        `order ${input.orderId}: ${(err as Error).message}; started without search attributes`,
      );
      await this.startWorkflow(input, false);
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
