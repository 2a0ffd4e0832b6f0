import { type FailureKind } from '@hotline/messaging';

/**
 * A failure of the database itself (down, restarting, a deadlock between partitions) is retried
 * until it passes; anything else may be the event's own and is retried a few times alone.
 */
export function classifyFailure(err: unknown): FailureKind {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === 'string') {
    if (/^(08|40|53|57|58)/.test(code)) return 'transient';
    if (/^E(CONN|PIPE|TIMEDOUT|HOSTUNREACH|NETUNREACH|AI_AGAIN)/.test(code)) return 'transient';
  }
  const message = err instanceof Error ? err.message : String(err);
  if (/connection|terminat|timeout|not queryable|ECONN/i.test(message)) return 'transient';
  return 'event';
}
