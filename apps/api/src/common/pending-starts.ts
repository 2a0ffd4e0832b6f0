import { Injectable } from '@nestjs/common';

/**
 * Workflows accepted but maybe not started yet (an order answered 201 before its workflow start
 * reached Temporal). Every call the API makes on a workflow first waits for a start pending in
 * this process; a workflow Temporal does not know may be one accepted by a process that crashed
 * or another API instance: `recover` starts it from its intake row when there is one.
 */
@Injectable()
export class PendingStarts {
  private readonly pending = new Map<string, Promise<void>>();
  private recoverer: (workflowId: string) => Promise<boolean> = async () => false;

  /** `started` settles once the workflow runs (or was found already started). */
  track(workflowId: string, started: Promise<void>): void {
    this.pending.set(workflowId, started);
    started.then(
      () => this.forget(workflowId, started),
      () => this.forget(workflowId, started),
    );
  }

  /** Waits for this process's start of the workflow, if one is pending. */
  settled(workflowId: string): Promise<void> | undefined {
    return this.pending.get(workflowId);
  }

  has(workflowId: string): boolean {
    return this.pending.has(workflowId);
  }

  get size(): number {
    return this.pending.size;
  }

  /** Set by the starter: starts an accepted workflow Temporal does not know; false if none. */
  setRecoverer(recover: (workflowId: string) => Promise<boolean>): void {
    this.recoverer = recover;
  }

  recover(workflowId: string): Promise<boolean> {
    return this.recoverer(workflowId);
  }

  private forget(workflowId: string, started: Promise<void>) {
    if (this.pending.get(workflowId) === started) this.pending.delete(workflowId);
  }
}
