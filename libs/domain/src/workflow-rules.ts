/**
 * @hotline/domain/workflow-rules: the pure rules that run inside workflows (through libs/process),
 * without the barrel. Importing @hotline/domain from workflow code puts zod, every parser and the
 * reference-data JSON into the workflow bundle, which the worker re-initialises for each new
 * workflow; these modules import nothing but each other.
 */
export { canAdmit } from './admission/can-admit';
export { reminderAt } from './deputies/reminder';
export { assessTaskEffect, measurementSpans } from './proactive/proactive-task';
export { canExtendTo } from './sla/extension';
export { canReturnOrder } from './routing/returns';
