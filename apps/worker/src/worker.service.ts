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
    const connection = await NativeConnection.connect({ address: config.address });
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
