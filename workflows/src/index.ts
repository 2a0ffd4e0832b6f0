// The workflows the worker registers. Deterministic code only: no I/O, time from the workflow.
export * from './order/order.workflow';
export * from './whistle/whistle.workflow';
export * from './admission/admission.workflow';
export * from './deputy/deputy-item.workflow';
export * from './proactive/proactive-task.workflow';
