import { OrderViewEntity } from '@hotline/persistence';
import type { OrderState } from '@hotline/workflows';
import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { WorkflowNotFoundError } from '@temporalio/client';
import { type Repository } from 'typeorm';
import { type Principal } from '../auth/principal';
import { WorkflowGateway } from '../common/workflow-gateway';

/** Order numbers: HL + the Shanghai date + a 7-digit sequence. */
export const ORDER_ID = /^HL\d{8}-\d{7}$/;

/** What an order says about who handles it: the live state, or the read model without one. */
export interface OrderParties {
  status: string;
  leadUnitId: string | null;
  assistingUnitIds: readonly string[];
  returnedByUnitIds: readonly string[];
}

/**
 * Reads an order as the API needs it around actions: its live state from the workflow, and
 * whether a unit may know anything about it. Shared by the order use cases and Open311.
 */
@Injectable()
export class OrderReader {
  private readonly logger = new Logger('orders');

  constructor(
    private readonly workflows: WorkflowGateway,
    @InjectRepository(OrderViewEntity) private readonly views: Repository<OrderViewEntity>,
  ) {}

  /**
   * The workflow's own state; null once past retention, or when it cannot be read now (no worker
   * answers in time, or a closed order's history no longer replays on changed workflow code):
   * the read model answers instead of a 500 or a hang.
   */
  async liveState(orderId: string): Promise<OrderState | null> {
    try {
      return await this.workflows.query<OrderState>(orderId, 'orderState');
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) return null; // past retention: the read model remains
      this.logger.warn(
        `order ${orderId}: live state unreadable, answering from the read model: ${err instanceof Error ? err.message : String(err)}`,
      );
      return null;
    }
  }

  /** Who handles the order and its status, from the workflow or else the read model. */
  async parties(orderId: string): Promise<OrderParties | null> {
    const state = await this.liveState(orderId);
    if (state)
      return {
        status: state.status,
        leadUnitId: state.leadUnitId ?? null,
        assistingUnitIds: state.assistingUnitIds,
        returnedByUnitIds: state.returnedByUnitIds,
      };
    const view = await this.views.findOneBy({ orderId }).catch(() => null);
    if (!view) return null;
    return {
      status: view.status,
      leadUnitId: view.leadUnitId,
      assistingUnitIds: view.assistingUnitIds,
      returnedByUnitIds: [],
    };
  }
}

/** Units read only their own orders (lead, assisting, or one that returned it); the centre reads all. */
export function mayRead(principal: Principal, parties: OrderParties | null): boolean {
  if (principal.role !== 'unit') return true;
  const unitId = principal.unitId!;
  return (
    !!parties &&
    (parties.leadUnitId === unitId ||
      parties.assistingUnitIds.includes(unitId) ||
      parties.returnedByUnitIds.includes(unitId))
  );
}

/** The one refusal a unit gets for an order that is not its business: it learns nothing more. */
export function notYourOrder(orderId: string, principal: Principal): string {
  return `Order ${orderId} is not assigned to unit ${principal.unitId}`;
}
