/**
 * What an action's update answers in workflows started since updates were slimmed: the sequence
 * number of the last event recorded when the action was done and the status it left, not the
 * whole state (which went into the workflow's history with every update before). Callers read
 * the rest from the state query or the read model.
 */
export interface ActionAnswer {
  /** The last event sequence recorded when the action was done (0: none yet). */
  sequence: number;
  /** The aggregate's status after the action, where its state has one. */
  status?: string;
}

/** What an update answers: a slim ActionAnswer, or the whole state in runs recorded before. */
export type ActionResult<S> = S | ActionAnswer;

/** Whether an update's result is the slim answer (true) or a whole state of an older run. */
export function isActionAnswer<S>(result: ActionResult<S>): result is ActionAnswer {
  return (
    typeof result === 'object' &&
    result !== null &&
    typeof (result as { sequence?: unknown }).sequence === 'number' &&
    !('timeline' in result)
  );
}
