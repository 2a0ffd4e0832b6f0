import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  type HttpException,
} from '@nestjs/common';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';

/** A workflow's refusal of an action: why (its code) and its words. */
export interface Refusal {
  code: 'forbidden' | 'invalid' | 'wrong_state' | 'too_late' | string;
  message: string;
}

/** The refusal inside an update's failure, or null when the error is something else. */
export function refusalOf(err: unknown, refusalType: `${string}ActionRefused`): Refusal | null {
  if (
    !(err instanceof WorkflowUpdateFailedError) ||
    !(err.cause instanceof ApplicationFailure) ||
    err.cause.type !== refusalType
  )
    return null;
  return {
    code: (err.cause.details?.[0] as string | undefined) ?? 'wrong_state',
    message: err.cause.message,
  };
}

/**
 * The API's answer to a refusal: forbidden → 403, invalid → 400, anything about the moment
 * (wrong state, too late) → 409 with the current status, so that a client whose earlier try went
 * through (its answer lost) can tell.
 */
export function refusalToHttp(refusal: Refusal, currentStatus: string | undefined): HttpException {
  if (refusal.code === 'forbidden') return new ForbiddenException(refusal.message);
  if (refusal.code === 'invalid') return new BadRequestException(refusal.message);
  return new ConflictException({
    message: refusal.message,
    currentStatus: currentStatus ?? 'unknown',
  });
}
