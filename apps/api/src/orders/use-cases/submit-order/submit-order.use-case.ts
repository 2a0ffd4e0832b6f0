import { type CreateOrderRequest } from '@hotline/contracts';
import { redactPersonalData, type ReferenceData } from '@hotline/domain';
import { CallerContactEntity, OrderIntakeEntity } from '@hotline/persistence';
import type { OrderWorkflowInput } from '@hotline/workflows';
import { ConflictException, Inject, Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import { type DataSource, type EntityManager } from 'typeorm';
import { WorkflowGateway } from '../../../common/workflow-gateway';
import { type Settings } from '../../../infrastructure/settings';
import {
  callerField,
  maskPhone,
  type PersonalDataCipher,
} from '../../../personal-data/personal-data.cipher';
import { PERSONAL_DATA, REFERENCE_DATA } from '../../../tokens';
import {
  type IntakeScreening,
  isUnknownSearchAttribute,
  screenAtIntake,
  startSearchAttributes,
} from '../../intake-screening';
import { orderWorkflowInput } from './order-workflow-input';
import { requestHash } from './request-hash';

export interface SubmittedOrder {
  orderId: string;
  /** false when the idempotency key had been seen: the existing order is returned. */
  created: boolean;
  /** What the filter (过滤网) suggested and what was applied; only on the first submission. */
  screening?: IntakeScreening;
}

type Intake =
  | { existing: OrderIntakeEntity }
  | { created: { orderId: string; input: OrderWorkflowInput; screening: IntakeScreening } };

/**
 * Intake (受理): screens the call, records the order number for the idempotency key, the
 * workflow input it decided and the encrypted caller in one transaction, then starts the order's
 * workflow (id = order number).
 *
 * Safe to repeat. A repeat with the same key — after a crash or a failed start between the two
 * steps, or a twin request racing this one — starts the recorded input again (a no-op when the
 * workflow runs) and answers with the same order. It never screens again: a second screening
 * would find the order's own intake row as an open order and merge the order into itself.
 */
@Injectable()
export class SubmitOrder {
  private readonly logger = new Logger('orders');
  private readonly taskQueue: string;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly workflows: WorkflowGateway,
    @Inject(PERSONAL_DATA) private readonly personalData: PersonalDataCipher,
    @Inject(REFERENCE_DATA) private readonly ref: ReferenceData,
    config: ConfigService<Settings, true>,
  ) {
    this.taskQueue = config.get('api', { infer: true }).temporal.taskQueue;
  }

  async execute(original: CreateOrderRequest): Promise<SubmittedOrder> {
    const hash = requestHash(original);
    // Phone or ID numbers said in the complaint never travel on: the text is masked from here on.
    const redaction = redactPersonalData(original.content);
    const request = { ...original, content: redaction.text };
    const callerKey = this.personalData.callerKey(request.caller.phone);

    const intake: Intake = await this.db.transaction(async (em) => {
      const existing = await this.intakeOf(em, request.idempotencyKey);
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
          hash,
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
      // A concurrent request with the same key won the race: answer as for a repeat.
      if (inserted.length === 0)
        return { existing: (await this.intakeOf(em, request.idempotencyKey))! };
      const [{ order_id: orderId, created_at: receivedAt }] = inserted as [
        { order_id: string; created_at: Date },
      ];
      const input = orderWorkflowInput(orderId, request, callerKey, receivedAt, screening);
      await em
        .getRepository(OrderIntakeEntity)
        .update({ idempotencyKey: request.idempotencyKey }, { workflowInput: input });
      await em.getRepository(CallerContactEntity).insert({
        orderId,
        nameEncrypted: this.personalData.encrypt(request.caller.name, callerField(orderId, 'name')),
        phoneEncrypted: this.personalData.encrypt(
          request.caller.phone,
          callerField(orderId, 'phone'),
        ),
        phoneMasked: maskPhone(request.caller.phone),
        callerKey,
        contentEncrypted:
          redaction.found.length > 0
            ? this.personalData.encrypt(original.content, callerField(orderId, 'content'))
            : null,
      });
      return { created: { orderId, input, screening } };
    });

    if ('existing' in intake) {
      const { existing } = intake;
      if (existing.requestHash !== hash) {
        throw new ConflictException({
          message: `Idempotency key "${request.idempotencyKey}" was already used for order ${existing.orderId} with different content`,
          orderId: existing.orderId,
        });
      }
      await this.start(await this.recordedInput(existing, request, callerKey));
      return { orderId: existing.orderId, created: false };
    }
    const { orderId, input, screening } = intake.created;
    await this.start(input);
    return { orderId, created: true, screening };
  }

  private intakeOf(em: EntityManager, idempotencyKey: string) {
    return em.getRepository(OrderIntakeEntity).findOneBy({ idempotencyKey });
  }

  /**
   * The input intake decided for an existing order. Orders taken in before the input was kept
   * are screened again as at their intake, minus the order itself (it is no duplicate of itself).
   */
  private async recordedInput(
    existing: OrderIntakeEntity,
    request: CreateOrderRequest,
    callerKey: string,
  ): Promise<OrderWorkflowInput> {
    if (existing.workflowInput) return existing.workflowInput as OrderWorkflowInput;
    const screening = await this.db.transaction((em) =>
      screenAtIntake(em, this.ref, request, callerKey, existing.createdAt),
    );
    const applied =
      screening.applied.outcome === 'merged' && screening.applied.intoOrderId === existing.orderId
        ? ({ outcome: 'accept' } as const)
        : screening.applied;
    return orderWorkflowInput(existing.orderId, request, callerKey, existing.createdAt, {
      ...screening,
      applied,
      matterTypeCode: existing.matterTypeCode,
      place: {
        ...(existing.streetId ? { streetId: existing.streetId } : {}),
        ...(existing.communityId ? { communityId: existing.communityId } : {}),
        ...(existing.gridId ? { gridId: existing.gridId } : {}),
      },
    });
  }

  /** Starts the order's workflow; already started (by an earlier try or a twin) is fine. */
  private async start(input: OrderWorkflowInput, withAttributes = true): Promise<void> {
    try {
      await this.workflows.start('hotlineOrderWorkflow', {
        workflowId: input.orderId,
        taskQueue: this.taskQueue,
        args: [input],
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
        ...(withAttributes ? { typedSearchAttributes: startSearchAttributes(input) } : {}),
      });
    } catch (err) {
      if (err instanceof WorkflowExecutionAlreadyStartedError) return;
      // A cluster without the Emergency attribute must not lose the order: start without it.
      if (withAttributes && isUnknownSearchAttribute(err)) {
        this.logger.error(
          `order ${input.orderId}: ${(err as Error).message}; starting without search attributes`,
        );
        return this.start(input, false);
      }
      this.logger.warn(
        `order ${input.orderId}: its workflow did not start (${err instanceof Error ? err.message : String(err)}); a retry with the same idempotency key starts it`,
      );
      throw err;
    }
  }
}
