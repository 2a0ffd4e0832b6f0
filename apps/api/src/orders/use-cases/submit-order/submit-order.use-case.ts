import { type CreateOrderRequest } from '@hotline/contracts';
import { redactPersonalData, type ReferenceData } from '@hotline/domain';
import { OrderIntakeEntity } from '@hotline/persistence';
import type { OrderWorkflowInput } from '@hotline/workflows';
import { ConflictException, Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager } from 'typeorm';
import {
  callerField,
  maskPhone,
  type PersonalDataCipher,
} from '../../../personal-data/personal-data.cipher';
import { PERSONAL_DATA, REFERENCE_DATA } from '../../../tokens';
import {
  callerContextOf,
  type IntakeScreening,
  screenAtIntake,
  screenInContext,
} from '../../intake-screening';
import { GroupCommit, isRowError } from '../../../common/group-commit';
import { type Settings } from '../../../infrastructure/settings';
import {
  type IntakeKey,
  type IntakeRead,
  type IntakeRecord,
  poolOf,
  readForIntakes,
  recordIntakes,
} from './intake-statements';
import { OrderStarter } from '../../order-starter';
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
 * workflow input it decided and the encrypted caller in one statement, and answers once that
 * is committed — the call is durable when answered. The order's workflow (id = order number) is
 * started right after by the OrderStarter, off the request's path: within milliseconds when
 * Temporal keeps up, after the backlog when it does not, after an outage or an API restart by
 * the starter's sweep. The API's own reads and actions on the order wait for its start.
 *
 * Calls at about the same time share the read and the write (group commit, API_INTAKE_BATCH
 * calls at most to a statement): each is answered once the statement holding its row committed.
 *
 * Safe to repeat. A repeat with the same key — after a lost answer, or a twin request racing
 * this one — starts the recorded input again (a no-op when the workflow runs) and answers with
 * the same order. It never screens again: a second screening would find the order's own intake
 * row as an open order and merge the order into itself.
 */
@Injectable()
export class SubmitOrder {
  private readonly reads: GroupCommit<IntakeKey, IntakeRead>;
  private readonly writes: GroupCommit<IntakeRecord, boolean>;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly starter: OrderStarter,
    @Inject(PERSONAL_DATA) private readonly personalData: PersonalDataCipher,
    @Inject(REFERENCE_DATA) private readonly ref: ReferenceData,
    config: ConfigService<Settings, true>,
  ) {
    const maxBatch = config.get('platform', { infer: true }).intakeBatch;
    // Two statements of each kind at once: one is sent while the other commits.
    const options = { maxBatch, maxInFlight: 2, splitOn: isRowError };
    this.reads = new GroupCommit((keys) => readForIntakes(poolOf(this.db), keys), options);
    this.writes = new GroupCommit((rows) => recordIntakes(poolOf(this.db), rows), options);
  }

  /** Statements sent and calls they carried, reads and writes (GET /metrics, tests). */
  get groupCommit() {
    return { reads: this.reads.counts, writes: this.writes.counts };
  }

  /** `origin.deputyItemId`: the order answers to a deputy's item (channel `deputy`). */
  async execute(
    original: CreateOrderRequest,
    origin: { deputyItemId?: string } = {},
  ): Promise<SubmittedOrder> {
    const hash = requestHash(original);
    // Phone or ID numbers said in the complaint never travel on: the text is masked from here on.
    const redaction = redactPersonalData(original.content);
    const request = { ...original, content: redaction.text };
    const callerKey = this.personalData.callerKey(request.caller.phone);

    const intake: Intake = await this.record(
      request,
      original.content,
      redaction,
      callerKey,
      hash,
      origin,
    );
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

  /**
   * The intake row and the encrypted caller for a new key, in one read and one atomic write on
   * the pool (intake-statements.ts), shared with the calls of the same moment; a seen key — or a
   * twin that wrote first — is the existing order.
   */
  private async record(
    request: CreateOrderRequest,
    originalContent: string,
    redaction: { found: readonly unknown[] },
    callerKey: string,
    hash: string,
    origin: { deputyItemId?: string },
  ): Promise<Intake> {
    const read = await this.reads.submit({ idempotencyKey: request.idempotencyKey, callerKey });
    const existing = async () => ({
      existing: (await this.intakeOf(this.db.manager, request.idempotencyKey))!,
    });
    if (read.seenOrderId || !read.newOrderId) return existing();
    const orderId = read.newOrderId;
    const receivedAt = read.now;
    const screening = screenInContext(request, callerContextOf(read.history), receivedAt);
    const input: OrderWorkflowInput = {
      ...orderWorkflowInput(orderId, request, callerKey, receivedAt, screening),
      ...(origin.deputyItemId ? { deputyItemId: origin.deputyItemId } : {}),
    };
    const written = await this.writes.submit({
      idempotencyKey: request.idempotencyKey,
      orderId,
      requestHash: hash,
      callerKey,
      category: request.category,
      matterTypeCode: screening.matterTypeCode,
      streetId: screening.place.streetId ?? null,
      communityId: screening.place.communityId ?? null,
      gridId: screening.place.gridId ?? null,
      screeningOutcome: screening.applied.outcome,
      screeningReason: screening.applied.outcome === 'rejected' ? screening.applied.reason : null,
      workflowInput: input,
      createdAt: receivedAt,
      nameEncrypted: this.personalData.encrypt(request.caller.name, callerField(orderId, 'name')),
      phoneEncrypted: this.personalData.encrypt(
        request.caller.phone,
        callerField(orderId, 'phone'),
      ),
      phoneMasked: maskPhone(request.caller.phone),
      contentEncrypted:
        redaction.found.length > 0
          ? this.personalData.encrypt(originalContent, callerField(orderId, 'content'))
          : null,
    });
    // A concurrent request with the same key won the race: answer as for a repeat.
    if (!written) return existing();
    return { created: { orderId, input, screening } };
  }

  /**
   * Hands the workflow start to the starter; waits for it only with API_INTAKE_START=inline (the
   * former behaviour, kept for measuring), where a start failing within the call's time limit
   * answers 503 and the row stays for the sweep.
   */
  private async start(input: OrderWorkflowInput): Promise<void> {
    const started = this.starter.enqueue(input);
    if (!this.starter.inline) return;
    await this.starter.within(started);
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
}
