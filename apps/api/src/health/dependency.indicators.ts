import { createKafka } from '@hotline/messaging';
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { HealthIndicatorService } from '@nestjs/terminus';
import { type Client } from '@temporalio/client';
import { type Admin } from 'kafkajs';
import { type Settings } from '../infrastructure/settings';
import { TEMPORAL_CLIENT } from '../tokens';

/** A check never takes longer than this: readiness answers even when everything hangs. */
const CHECK_TIMEOUT_MS = 3_000;
/** A worker that polled the task queue this recently is taken to be there. */
const WORKER_SEEN_WITHIN_MS = 2 * 60_000;

/**
 * Readiness checks for what terminus has no indicator of its own: Temporal (the frontend
 * answers), the worker (it polls our task queue) and Kafka (a broker answers). PostgreSQL uses
 * terminus' TypeOrmHealthIndicator.
 */
@Injectable()
export class DependencyIndicators implements OnApplicationShutdown {
  private admin: Admin | null = null;
  private readonly settings: Settings;

  constructor(
    private readonly health: HealthIndicatorService,
    @Inject(TEMPORAL_CLIENT) private readonly client: Client,
    config: ConfigService<Settings, true>,
  ) {
    this.settings = {
      api: config.get('api', { infer: true }),
      platform: config.get('platform', { infer: true }),
    };
  }

  async temporal() {
    const check = this.health.check('temporal');
    try {
      const info = await within(
        this.client.workflowService.getSystemInfo({}),
        'Temporal did not answer',
      );
      return check.up({ serverVersion: info.serverVersion ?? 'unknown' });
    } catch (err) {
      return check.down({ message: messageOf(err) });
    }
  }

  async worker() {
    const check = this.health.check('worker');
    const { namespace, taskQueue } = this.settings.api.temporal;
    try {
      const queue = await within(
        this.client.workflowService.describeTaskQueue({
          namespace,
          taskQueue: { name: taskQueue },
          taskQueueType: 1, // TASK_QUEUE_TYPE_WORKFLOW: workers poll it for workflow tasks
        }),
        'Temporal did not answer',
      );
      const recent = (queue.pollers ?? []).filter((p) => {
        const seconds = Number(p.lastAccessTime?.seconds ?? 0);
        return Date.now() - seconds * 1000 < WORKER_SEEN_WITHIN_MS;
      });
      return recent.length > 0
        ? check.up({ taskQueue, pollers: recent.length })
        : check.down({ taskQueue, message: 'no worker polls the task queue' });
    } catch (err) {
      return check.down({ taskQueue, message: messageOf(err) });
    }
  }

  async kafka() {
    const check = this.health.check('kafka');
    try {
      this.admin ??= createKafka(this.settings.platform.kafka).admin({ retry: { retries: 0 } });
      const admin = this.admin;
      await within(admin.connect(), 'no Kafka broker answered');
      const cluster = await within(admin.describeCluster(), 'no Kafka broker answered');
      return check.up({ brokers: cluster.brokers.length });
    } catch (err) {
      await this.admin?.disconnect().catch(() => undefined);
      this.admin = null;
      return check.down({ message: messageOf(err) });
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.admin?.disconnect().catch(() => undefined);
  }
}

async function within<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`${what} within ${CHECK_TIMEOUT_MS} ms`)),
          CHECK_TIMEOUT_MS,
        );
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
