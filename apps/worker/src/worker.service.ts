import { type TemporalConfig } from '@hotline/temporal';
import { Logger } from '@nestjs/common';
import { NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { workflowBundle } from './workflow-bundle';
import { runtimeOptions, workerTuning } from './worker-options';

let runtimeInstalled = false;

/** One Temporal worker on the hotline task queue: runs until `stop()`. */
export class TemporalWorker {
  private readonly logger = new Logger('worker');
  private running?: Promise<void>;

  private constructor(
    private readonly worker: Worker,
    private readonly connection: NativeConnection,
  ) {}

  static async start(config: TemporalConfig, activities: object): Promise<TemporalWorker> {
    if (!runtimeInstalled) {
      Runtime.install(runtimeOptions());
      runtimeInstalled = true;
    }
    const connection = await connectPatiently(config.address, (line) =>
      new Logger('worker').warn(line),
    );
    const worker = await Worker.create({
      connection,
      namespace: config.namespace,
      taskQueue: config.taskQueue,
      activities,
      ...(await workflowBundle()),
      ...workerTuning(),
    });
    const self = new TemporalWorker(worker, connection);
    self.running = worker.run();
    self.running.catch((err: unknown) => {
      self.logger.error(`worker stopped: ${err instanceof Error ? err.message : String(err)}`);
      process.exitCode = 1;
    });
    return self;
  }

  async stop(): Promise<void> {
    if (this.worker.getState() === 'RUNNING') this.worker.shutdown();
    await this.running?.catch(() => undefined);
    await this.connection.close();
  }
}

/**
 * Connects to Temporal, waiting for it if it is not up yet (a worker started together with the
 * server, or restarted during its outage, must not exit): retries with a growing pause.
 */
async function connectPatiently(
  address: string,
  log: (line: string) => void,
): Promise<NativeConnection> {
  for (let attempt = 1, pause = 500; ; attempt++, pause = Math.min(pause * 2, 10_000)) {
    try {
      return await NativeConnection.connect({ address });
    } catch (err) {
      if (attempt === 1 || attempt % 10 === 0)
        log(
          `Temporal at ${address} is not reachable (${err instanceof Error ? err.message : String(err)}); retrying`,
        );
      await new Promise((r) => setTimeout(r, pause));
    }
  }
}
