/** Why an action was refused; the API maps each code to an HTTP status (403, 400, 409). */
/** `limit_reached`: a bounded list (progress notes) is full; the API answers 409 like wrong_state. */
export type RefusalCode = 'forbidden' | 'wrong_state' | 'too_late' | 'invalid' | 'limit_reached';

/**
 * A refused action: the code says why, the message is shown to the person who tried it. Each
 * process names its own (OrderActionRefused, WhistleActionRefused), and that name travels as the
 * Temporal failure's type.
 */
export class ActionRefused<Code extends string = RefusalCode> extends Error {
  constructor(
    readonly code: Code,
    message: string,
  ) {
    super(message);
  }
}
