import { type BlowWhistleRequest, type WhistleActionName } from '@hotline/contracts';
import {
  checkWhistleScope,
  redactPersonalData,
  type ReferenceData,
  shanghaiDate,
} from '@hotline/domain';
import { type TemporalConfig } from '@hotline/temporal';
import type { WhistleState, WhistleWorkflowInput } from '@hotline/workflows';
import {
  BadRequestException,
  ForbiddenException,
  Inject,
  Injectable,
  Logger,
  NotFoundException,
} from '@nestjs/common';
import { type Client, WorkflowNotFoundError } from '@temporalio/client';
import { randomBytes } from 'node:crypto';
import { actorOf, type Principal } from '../auth/principal';
import { refusalToHttp } from '../common/workflow-refusal';
import { API_CONFIG, REFERENCE_DATA, TEMPORAL_CLIENT } from '../tokens';

/** Blown through the API (WS…), from an order (HL…-W1) or escalated to the district (…-district). */
const WHISTLE_ID = /^(WS\d{8}-[A-Z0-9]+-[0-9A-F]{6}|HL\d{8}-\d{7}-W\d+)(-district)?$/;

/** Whistles (街乡吹哨、部门报到) through the API: blow, act, read. The workflow holds the rules. */
@Injectable()
export class WhistlesService {
  private readonly logger = new Logger('whistles');

  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    @Inject(API_CONFIG) private readonly config: { temporal: TemporalConfig },
    @Inject(REFERENCE_DATA) private readonly ref: ReferenceData,
  ) {}

  /**
   * A street blows a whistle. The scope check runs here first so that a whistle for a matter
   * off the whistle list, or a department without a duty for it, is refused at once (400) with
   * the reasons, instead of starting a workflow that would refuse it a moment later.
   */
  async blow(
    principal: Principal,
    request: BlowWhistleRequest,
  ): Promise<{ whistleId: string; reportBy?: string }> {
    const streetId = principal.unitId!;
    const street = this.ref.index.units.get(streetId);
    if (!street || (street.kind !== 'street' && street.kind !== 'township')) {
      throw new ForbiddenException(
        `Only a street or township blows a whistle; ${streetId} is a ${street?.kind ?? 'unknown unit'}`,
      );
    }
    const scope = checkWhistleScope(
      {
        matterTypeCode: request.matterTypeCode,
        streetId,
        summonedUnitIds: request.summonedUnitIds,
      },
      this.ref,
    );
    if (!scope.ok) {
      throw new BadRequestException({
        message: 'The whistle is outside the whistle list’s scope',
        fields: scope.refusals.map((r) => ({
          field: r.unitId ? `summonedUnitIds[${r.unitId}]` : 'matterTypeCode',
          message: r.explanation,
        })),
      });
    }
    const now = new Date();
    const whistleId = `WS${shanghaiDate(now).replaceAll('-', '')}-${streetId}-${randomBytes(3).toString('hex').toUpperCase()}`;
    const input: WhistleWorkflowInput = {
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
    await this.temporal.workflow.start('whistleWorkflow', {
      workflowId: whistleId,
      taskQueue: this.config.temporal.taskQueue,
      args: [input],
    });
    this.logger.log(
      `whistle ${whistleId} blown by ${streetId} for ${request.matterTypeCode}, summoning ${request.summonedUnitIds.join(', ')}`,
    );
    return { whistleId };
  }

  async get(whistleId: string, principal: Principal): Promise<WhistleState> {
    const state = await this.state(whistleId);
    if (principal.role === 'unit' && !this.involves(state, principal.unitId!)) {
      throw new ForbiddenException(
        `Whistle ${whistleId} neither was blown by nor summons unit ${principal.unitId}`,
      );
    }
    return state;
  }

  async act(
    whistleId: string,
    principal: Principal,
    action: WhistleActionName,
    body: object,
  ): Promise<WhistleState> {
    if (!WHISTLE_ID.test(whistleId))
      throw new BadRequestException(
        `"${whistleId}" is not a whistle id like WS20261123-XHJD-1A2B3C`,
      );
    try {
      return await this.temporal.workflow
        .getHandle(whistleId)
        .executeUpdate<WhistleState, [object]>(`${action}Update`, {
          args: [{ ...body, actor: actorOf(principal) }],
        });
    } catch (err) {
      const answer = await refusalToHttp(
        err,
        `whistle ${whistleId}`,
        'WhistleActionRefused',
        async () => (await this.state(whistleId)).status,
      );
      if (answer !== err)
        this.logger.warn(
          `refused ${action} on ${whistleId} by ${principal.unitId ?? principal.role}: ${(answer as Error).message}`,
        );
      throw answer;
    }
  }

  private async state(whistleId: string): Promise<WhistleState> {
    if (!WHISTLE_ID.test(whistleId))
      throw new BadRequestException(
        `"${whistleId}" is not a whistle id like WS20261123-XHJD-1A2B3C`,
      );
    try {
      return await this.temporal.workflow.getHandle(whistleId).query<WhistleState>('whistleState');
    } catch (err) {
      if (err instanceof WorkflowNotFoundError)
        throw new NotFoundException(`No whistle ${whistleId}`);
      throw err;
    }
  }

  private involves(state: WhistleState, unitId: string): boolean {
    return (
      state.streetId === unitId ||
      state.ownerUnitId === unitId ||
      state.departments.some((d) => d.departmentId === unitId)
    );
  }
}
