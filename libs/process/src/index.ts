/**
 * @hotline/process: the order and whistle processes as deciders. Every rule comes from
 * @hotline/domain, every event from @hotline/contracts; no Temporal, no I/O, no clock.
 * workflows/ runs these over one command loop; the worker implements the lookups (activities.ts).
 */
export * as order from './order';
export * as whistle from './whistle';
export * as admission from './admission';
export * as proactive from './proactive';
export * from './activities';
export {
  ORDER_COMMAND_TYPES,
  OrderActionRefused,
  type Actor,
  type Deadlines,
  type OrderCommand,
  type OrderCommandType,
  type OrderState,
  type OrderWhistle,
  type OrderWorkflowInput,
  type PendingEvent,
  type Screening,
  type TimelineEntry,
} from './order/model';
export * from './whistle/model';
export {
  ADMISSION_COMMAND_TYPES,
  AdmissionActionRefused,
  type AdmissionActor,
  type AdmissionCommand,
  type AdmissionState,
  type AdmissionWorkflowInput,
} from './admission/model';
export {
  PROACTIVE_TASK_COMMAND_TYPES,
  ProactiveTaskActionRefused,
  type ProactiveTaskActor,
  type ProactiveTaskCommand,
  type ProactiveTaskState,
  type ProactiveTaskWorkflowInput,
} from './proactive/model';
export type { ProactiveTaskActivities } from './proactive/activities';
export { ActionRefused, type RefusalCode } from './shared/refusal';
export { type ActionAnswer, type ActionResult, isActionAnswer } from './shared/answer';
export * as deputy from './deputy';
export {
  DEPUTY_COMMAND_TYPES,
  DeputyActionRefused,
  type DeputyActor,
  type DeputyCommand,
  type DeputyItemState,
  type DeputyItemWorkflowInput,
  type DeputyOrderAnswer,
} from './deputy/model';
