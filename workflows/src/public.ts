// Types and definitions that clients (the API, tests) may import without pulling in workflow code.
// They live in @hotline/process; this entry point stays for the apps that know workflows by it.
export type * from '@hotline/process';
export {
  isActionAnswer,
  ORDER_COMMAND_TYPES,
  OrderActionRefused,
  PROACTIVE_TASK_COMMAND_TYPES,
  ProactiveTaskActionRefused,
  WHISTLE_COMMAND_TYPES,
  WhistleActionRefused,
} from '@hotline/process';
