import type { WhistleState } from '@hotline/workflows';
import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { WorkflowNotFoundError } from '@temporalio/client';
import { type Principal } from '../auth/principal';
import { WorkflowGateway } from '../common/workflow-gateway';

/**
 * Blown through the API (WS…; a street id of another district has a hyphen: WS20261129-LS-JMJD-1A2B3C),
 * from an order (HL…-W1) or escalated to the district (…-district).
 */
export const WHISTLE_ID =
  /^(WS\d{8}-[A-Z0-9]+(?:-[A-Z0-9]+)*-[0-9A-F]{6}|HL\d{8}-\d{7}-W\d+)(-district)?$/;

export function checkWhistleId(whistleId: string): void {
  if (!WHISTLE_ID.test(whistleId))
    throw new BadRequestException(`"${whistleId}" is not a whistle id like WS20261123-XHJD-1A2B3C`);
}

/** A whistle's live state, and who may know about it. */
@Injectable()
export class WhistleReader {
  constructor(private readonly workflows: WorkflowGateway) {}

  async state(whistleId: string): Promise<WhistleState> {
    checkWhistleId(whistleId);
    try {
      return await this.workflows.query<WhistleState>(whistleId, 'whistleState');
    } catch (err) {
      if (err instanceof WorkflowNotFoundError)
        throw new NotFoundException(`No whistle ${whistleId}`);
      throw err;
    }
  }

  /** The state, or null when it cannot be read (no such whistle, or it cannot be read now). */
  async stateOrNull(whistleId: string): Promise<WhistleState | null> {
    return this.state(whistleId).catch(() => null);
  }
}

/** Units see a whistle they blew, run or were summoned to; the centre sees all. */
export function mayReadWhistle(principal: Principal, state: WhistleState | null): boolean {
  if (principal.role !== 'unit') return true;
  const unitId = principal.unitId!;
  return (
    !!state &&
    (state.streetId === unitId ||
      state.ownerUnitId === unitId ||
      state.departments.some((d) => d.departmentId === unitId))
  );
}

export function notYourWhistle(whistleId: string, principal: Principal): string {
  return `Whistle ${whistleId} neither was blown by nor summons unit ${principal.unitId}`;
}
