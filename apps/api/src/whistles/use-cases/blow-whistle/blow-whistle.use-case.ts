import { type BlowWhistleRequest } from '@hotline/contracts';
import {
  checkWhistleScope,
  redactPersonalData,
  type ReferenceData,
  shanghaiDate,
  viewForStreet,
} from '@hotline/domain';
import { WhistleIntakeEntity } from '@hotline/persistence';
import type { WhistleWorkflowInput } from '@hotline/workflows';
import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  Inject,
  Injectable,
  Logger,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectRepository } from '@nestjs/typeorm';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import { randomBytes } from 'node:crypto';
import { type Repository } from 'typeorm';
import { type Principal } from '../../../auth/principal';
import { WorkflowGateway } from '../../../common/workflow-gateway';
import { type Settings } from '../../../infrastructure/settings';
import { requestHash } from '../../../orders/use-cases/submit-order/request-hash';
import { CITY_REFERENCE_DATA, REFERENCE_DATA } from '../../../tokens';

export interface BlownWhistle {
  whistleId: string;
  /** false: the idempotency key had been seen (from this street): the same whistle is returned. */
  created: boolean;
}

/**
 * A street blows a whistle (吹哨). The scope check runs here first so that a whistle for a matter
 * off the whistle list, or a department without a duty for it, is refused at once (400) with
 * the reasons, instead of starting a workflow that would refuse it a moment later.
 *
 * With an idempotency key (as orders have), the key is recorded with the whistle's input before
 * the workflow starts: a repeat — after a lost answer, a failed start, or a twin request — starts
 * the same input again (a no-op when it runs) and answers with the same whistle.
 */
@Injectable()
export class BlowWhistle {
  private readonly logger = new Logger('whistles');
  private readonly taskQueue: string;

  constructor(
    private readonly workflows: WorkflowGateway,
    @InjectRepository(WhistleIntakeEntity)
    private readonly intakes: Repository<WhistleIntakeEntity>,
    @Inject(REFERENCE_DATA) private readonly ref: ReferenceData,
    @Inject(CITY_REFERENCE_DATA) private readonly city: ReferenceData,
    config: ConfigService<Settings, true>,
  ) {
    this.taskQueue = config.get('api', { infer: true }).temporal.taskQueue;
  }

  async execute(principal: Principal, request: BlowWhistleRequest): Promise<BlownWhistle> {
    const streetId = principal.unitId!;
    this.checkScope(streetId, request);
    const input = this.inputFor(streetId, request, new Date());
    if (!request.idempotencyKey) {
      await this.start(input);
      this.blown(input);
      return { whistleId: input.whistleId, created: true };
    }

    const hash = requestHash(request);
    const key = { streetId, idempotencyKey: request.idempotencyKey };
    const inserted = await this.intakes
      .createQueryBuilder()
      .insert()
      .values({ ...key, whistleId: input.whistleId, requestHash: hash, workflowInput: input })
      .orIgnore()
      .returning(['whistle_id'])
      .execute();
    if (inserted.raw.length > 0) {
      await this.start(input);
      this.blown(input);
      return { whistleId: input.whistleId, created: true };
    }
    const existing = await this.intakes.findOneByOrFail(key);
    if (existing.requestHash !== hash) {
      throw new ConflictException({
        message: `Idempotency key "${request.idempotencyKey}" was already used for whistle ${existing.whistleId} with different content`,
        whistleId: existing.whistleId,
      });
    }
    await this.start(existing.workflowInput as WhistleWorkflowInput);
    return { whistleId: existing.whistleId, created: false };
  }

  private checkScope(streetId: string, request: BlowWhistleRequest): void {
    // A street of another district than the deployment's is checked in its own district.
    const data = viewForStreet(this.ref, this.city, streetId) ?? this.city;
    const street = data.index.units.get(streetId);
    if (!street || (street.kind !== 'street' && street.kind !== 'township')) {
      throw new ForbiddenException(
        `只有街道、乡镇可以吹哨；${street ? `${street.name}不是街道或乡镇` : `未知的单位：${streetId}`}`,
      );
    }
    const scope = checkWhistleScope(
      {
        matterTypeCode: request.matterTypeCode,
        streetId,
        summonedUnitIds: request.summonedUnitIds,
      },
      data,
    );
    if (!scope.ok) {
      throw new BadRequestException({
        message: '超出吹哨清单的范围',
        fields: scope.refusals.map((r) => ({
          field: r.unitId ? `summonedUnitIds[${r.unitId}]` : 'matterTypeCode',
          message: r.explanation,
        })),
      });
    }
  }

  private inputFor(streetId: string, request: BlowWhistleRequest, now: Date): WhistleWorkflowInput {
    const whistleId = `WS${shanghaiDate(now).replaceAll('-', '')}-${streetId}-${randomBytes(3).toString('hex').toUpperCase()}`;
    return {
      whistleId,
      whistleType: request.whistleType,
      streetId,
      matterTypeCode: request.matterTypeCode,
      // Personal data said in the text (a resident's phone) never reaches events or history.
      title: redactPersonalData(request.title).text,
      description: redactPersonalData(request.description).text,
      place: request.place,
      summonedUnitIds: request.summonedUnitIds,
      ...(request.linkedOrderIds?.length ? { linkedOrderIds: request.linkedOrderIds } : {}),
    };
  }

  private async start(input: WhistleWorkflowInput): Promise<void> {
    try {
      await this.workflows.start('whistleWorkflow', {
        workflowId: input.whistleId,
        taskQueue: this.taskQueue,
        args: [input],
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      });
    } catch (err) {
      // Already started (by this key's earlier try, or a twin request): nothing to do.
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    }
  }

  private blown(input: WhistleWorkflowInput): void {
    this.logger.log(
      `whistle ${input.whistleId} blown by ${input.streetId} for ${input.matterTypeCode}, summoning ${input.summonedUnitIds.join(', ')}`,
    );
  }
}
