import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  type HttpException,
  NotFoundException,
} from '@nestjs/common';
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';

/**
 * Turns a workflow's refusal of an action into the API's answer: forbidden → 403, invalid → 400,
 * anything about the moment (wrong state, too late) → 409 with the current status. Other errors
 * are returned unchanged (and end as a logged 500).
 */
export async function refusalToHttp(
  err: unknown,
  what: string,
  refusalType: 'OrderActionRefused' | 'WhistleActionRefused' | 'AdmissionActionRefused',
  currentStatus: () => Promise<string | undefined>,
): Promise<HttpException | unknown> {
  if (err instanceof WorkflowNotFoundError) return new NotFoundException(`No open ${what}`);
  if (
    !(err instanceof WorkflowUpdateFailedError) ||
    !(err.cause instanceof ApplicationFailure) ||
    err.cause.type !== refusalType
  )
    return err;
  const code = (err.cause.details?.[0] as string | undefined) ?? 'wrong_state';
  const message = err.cause.message;
  if (code === 'forbidden') return new ForbiddenException(message);
  if (code === 'invalid') return new BadRequestException(message);
  return new ConflictException({
    message,
    currentStatus: (await currentStatus().catch(() => undefined)) ?? 'unknown',
  });
}
