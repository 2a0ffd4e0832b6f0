export const DEV_SESSION_CONFIG = Symbol('DEV_SESSION_CONFIG');

export interface DevSessionConfig {
  authSecret: string;
  ttlSeconds: number;
}
