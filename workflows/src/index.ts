// The workflows the worker registers. Deterministic code only: no I/O, time from the workflow.
export * from './order/order.workflow';
export * from './whistle/whistle.workflow';
export * from './admission/admission.workflow';
