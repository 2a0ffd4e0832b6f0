import { type WhistleActionName } from '@hotline/contracts';
import type { WhistleState } from '@hotline/workflows';
import {
  ConflictException,
  ForbiddenException,
  Injectable,
  Logger,
  NotFoundException,
} from '@nestjs/common';
import { WorkflowNotFoundError } from '@temporalio/client';
import { actorOf, type Principal } from '../../../auth/principal';
import { WorkflowGateway } from '../../../common/workflow-gateway';
import { refusalOf, refusalToHttp } from '../../../common/workflow-refusal';
import {
  checkWhistleId,
  mayReadWhistle,
  notYourWhistle,
  WhistleReader,
} from '../../whistle-reader';

/**
 * An action on a whistle, exactly as on an order (ActOnOrder): one bounded workflow update;
 * 409 with the current status for a wrong moment or a whistle already closed, a bare 403 for a
 * unit the whistle does not involve, 503 with Retry-After while a part of the stack is down.
 */
@Injectable()
export class ActOnWhistle {
  private readonly logger = new Logger('whistles');

  constructor(
    private readonly workflows: WorkflowGateway,
    private readonly whistles: WhistleReader,
  ) {}

  async execute(
    whistleId: string,
    principal: Principal,
    action: WhistleActionName,
    body: object,
  ): Promise<WhistleState> {
    checkWhistleId(whistleId);
    try {
      return await this.workflows.act<WhistleState>(
        whistleId,
        action,
        { ...body, actor: actorOf(principal) },
        'whistleState',
      );
    } catch (err) {
      const answer = await this.answerFor(err, whistleId, principal);
      this.logger.warn(
        `refused ${action} on ${whistleId} by ${principal.unitId ?? principal.role}: ${answer.message}`,
      );
      throw answer;
    }
  }

  private async answerFor(err: unknown, whistleId: string, principal: Principal): Promise<Error> {
    const closed = err instanceof WorkflowNotFoundError;
    const refusal = closed ? null : refusalOf(err, 'WhistleActionRefused');
    if (!closed && !refusal) throw err; // a 503 (WorkflowGateway) or a bug (500, logged)
    const state = await this.whistles.stateOrNull(whistleId);
    if (closed && !state) {
      const exists = await this.workflows.describe(whistleId).then(
        () => true,
        () => false,
      );
      if (!exists) return new NotFoundException(`No whistle ${whistleId}`);
    }
    if (!mayReadWhistle(principal, state))
      return new ForbiddenException(notYourWhistle(whistleId, principal));
    if (refusal) return refusalToHttp(refusal, state?.status);
    return new ConflictException({
      message: `Whistle ${whistleId} is closed: no action is possible any more`,
      currentStatus: state?.status ?? 'closed',
    });
  }
}
