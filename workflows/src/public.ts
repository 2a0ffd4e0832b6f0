// Types and definitions that clients (the API, tests) may import without pulling in workflow code.
// They live in @hotline/process; this entry point stays for the apps that know workflows by it.
export type * from '@hotline/process';
export {
  isActionAnswer,
  ORDER_COMMAND_TYPES,
  OrderActionRefused,
  WHISTLE_COMMAND_TYPES,
  WhistleActionRefused,
} from '@hotline/process';
