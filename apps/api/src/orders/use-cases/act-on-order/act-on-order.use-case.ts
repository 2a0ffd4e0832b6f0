import type { OrderState } from '@hotline/workflows';
import { type ReferenceData } from '@hotline/domain';
import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  Inject,
  Injectable,
  Logger,
  NotFoundException,
} from '@nestjs/common';
import { WorkflowNotFoundError } from '@temporalio/client';
import { actorOf, type Principal } from '../../../auth/principal';
import { WorkflowGateway } from '../../../common/workflow-gateway';
import { refusalOf, refusalToHttp } from '../../../common/workflow-refusal';
import { type OrderAction } from '../../order-actions.table';
import { mayRead, notYourOrder, ORDER_ID, OrderReader } from '../../order-reader';
import { CITY_REFERENCE_DATA } from '../../../tokens';
import { confinedDistrict, districtOfOrder } from '../../../views/shared/view-access';

/**
 * A unit or the centre acts on an order: one workflow update (bounded in time), answered with
 * the order's new state, or a refusal a client can act on:
 * - 409 with `currentStatus` when the moment is wrong — also for an order already closed, so a
 *   retried action whose first answer was lost is told where the order stands (not 404);
 * - 403 with no detail to a unit that may not read the order: a refusal never tells another
 *   unit's order's status or lead unit;
 * - 503 with Retry-After when the worker, Temporal or Kafka is down (WorkflowGateway).
 */
@Injectable()
export class ActOnOrder {
  private readonly logger = new Logger('orders');

  constructor(
    private readonly workflows: WorkflowGateway,
    private readonly orders: OrderReader,
    @Inject(CITY_REFERENCE_DATA) private readonly ref: ReferenceData,
  ) {}

  async execute(
    orderId: string,
    principal: Principal,
    action: OrderAction,
    body: object,
  ): Promise<OrderState> {
    if (!ORDER_ID.test(orderId))
      throw new BadRequestException(`"${orderId}" is not an order number like HL20261123-0000042`);
    // 三级: district centre staff act on their district's orders only.
    const own = confinedDistrict(principal);
    if (own) {
      const state = await this.orders.liveState(orderId);
      if (state && districtOfOrder(this.ref, state) !== own) {
        this.logger.warn(
          `403 ${action} on ${orderId} by district ${own} (user ${principal.userId})`,
        );
        throw new ForbiddenException(`工单 ${orderId} 不属于本区（${own}），区级账号不能办理`);
      }
    }
    try {
      return await this.workflows.act<OrderState>(
        orderId,
        action,
        { ...body, actor: actorOf(principal) },
        'orderState',
      );
    } catch (err) {
      const answer = await this.answerFor(err, orderId, principal);
      this.logger.warn(
        `refused ${action} on ${orderId} by ${principal.role} ${principal.unitId ?? principal.userId}: ${answer.message}`,
      );
      throw answer;
    }
  }

  private async answerFor(err: unknown, orderId: string, principal: Principal): Promise<Error> {
    if (err instanceof WorkflowNotFoundError) return this.closedOrUnknown(orderId, principal);
    const refusal = refusalOf(err, 'OrderActionRefused');
    if (!refusal) throw err; // a 503 (WorkflowGateway) or a bug (500, logged)
    const parties = await this.orders.parties(orderId);
    if (!mayRead(principal, parties))
      return new ForbiddenException(notYourOrder(orderId, principal));
    return refusalToHttp(refusal, parties?.status);
  }

  /** No running workflow: a closed order (409, as it stands) or no such order (404). */
  private async closedOrUnknown(orderId: string, principal: Principal): Promise<Error> {
    const parties = await this.orders.parties(orderId);
    const exists =
      parties !== null ||
      (await this.workflows.describe(orderId).then(
        () => true,
        (e: unknown) => {
          if (e instanceof WorkflowNotFoundError) return false;
          throw e;
        },
      ));
    if (!exists) return new NotFoundException(`No order ${orderId}`);
    if (!mayRead(principal, parties))
      return new ForbiddenException(notYourOrder(orderId, principal));
    return new ConflictException({
      message: `Order ${orderId} is closed: no action is possible any more`,
      currentStatus: parties?.status ?? 'closed',
    });
  }
}
