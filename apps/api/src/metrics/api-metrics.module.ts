import {
  Logger,
  Module,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type Type,
} from '@nestjs/common';
import { HttpAdapterHost, ModuleRef } from '@nestjs/core';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { OrderStarter } from '../orders/order-starter';
import { SubmitOrder } from '../orders/use-cases/submit-order/submit-order.use-case';

type RoutedRequest = IncomingMessage & { route?: { path?: string }; baseUrl?: string };

/**
 * The API's request rate and latency for Prometheus: every request the HTTP server answers —
 * rate-limited, refused and unmatched ones included — counted by method, route pattern (never
 * the raw path: ids would make endless series) and status, with its duration. Served at
 * GET /metrics on API_METRICS_PORT (loopback), apart from the public port; unset: not served.
 */
@Module({})
export class ApiMetricsModule implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly registry = new Registry();
  private readonly requests = new Counter({
    name: 'hotline_api_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status code',
    labelNames: ['method', 'route', 'status'],
    registers: [this.registry],
  });
  private readonly duration = new Histogram({
    name: 'hotline_api_request_duration_seconds',
    help: 'Time from the request to the end of the response',
    labelNames: ['method', 'route', 'status_class'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  private server?: Server;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly moduleRef: ModuleRef,
  ) {}

  /** A provider of the app if it has one (the metrics module serves apps with and without intake). */
  private provider<T>(type: Type<T>): T | undefined {
    try {
      return this.moduleRef.get(type, { strict: false });
    } catch {
      return undefined;
    }
  }

  /** The intake starter's backlog and counts: accepted orders whose workflow is not running yet. */
  private starterMetrics(): void {
    const s = this.provider(OrderStarter);
    if (!s) return; // an app without intake
    new Gauge({
      name: 'hotline_api_intake_start_backlog',
      help: 'Accepted orders whose workflow start is queued or in flight in this API process',
      registers: [this.registry],
      collect() {
        this.set(s.backlog);
      },
    });
    new Gauge({
      name: 'hotline_api_intake_starts',
      help: 'Workflow starts of accepted orders since the process started, by outcome',
      labelNames: ['outcome'],
      registers: [this.registry],
      collect() {
        this.set({ outcome: 'started' }, s.counts.started);
        this.set({ outcome: 'already_started' }, s.counts.alreadyStarted);
        this.set({ outcome: 'failed_attempt' }, s.counts.failedAttempts);
        this.set({ outcome: 'swept' }, s.counts.swept);
      },
    });
  }

  /** Intake's group commit: statements sent and the calls they carried (calls ÷ statements = batch). */
  private groupCommitMetrics(): void {
    const submit = this.provider(SubmitOrder);
    if (!submit) return; // an app without intake
    new Gauge({
      name: 'hotline_api_intake_statements',
      help: 'Intake reads and writes sent to PostgreSQL since the process started (group commit: several calls each)',
      labelNames: ['kind'],
      registers: [this.registry],
      collect() {
        const g = submit.groupCommit;
        this.set({ kind: 'read' }, g.reads.batches);
        this.set({ kind: 'write' }, g.writes.batches);
      },
    });
    new Gauge({
      name: 'hotline_api_intake_statement_calls',
      help: 'Intake calls carried by those statements since the process started',
      labelNames: ['kind'],
      registers: [this.registry],
      collect() {
        const g = submit.groupCommit;
        this.set({ kind: 'read' }, g.reads.calls);
        this.set({ kind: 'write' }, g.writes.calls);
      },
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    this.starterMetrics();
    this.groupCommitMetrics();
    const http = this.adapterHost.httpAdapter?.getHttpServer() as Server | undefined;
    http?.on('request', (req: RoutedRequest, res: ServerResponse) => {
      const started = process.hrtime.bigint();
      res.once('finish', () => this.observe(req, res, started));
    });
    const port = process.env.API_METRICS_PORT;
    if (!port || port === '0') return;
    this.server = createServer((req, res) => {
      if ((req.url ?? '').split('?')[0] !== '/metrics') {
        res.writeHead(404).end();
        return;
      }
      this.registry.metrics().then(
        (text) => res.writeHead(200, { 'content-type': this.registry.contentType }).end(text),
        () => res.writeHead(500).end(),
      );
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(Number(port), '127.0.0.1', () => resolve());
    });
    new Logger('api').log(`metrics at http://127.0.0.1:${port}/metrics`);
  }

  async onApplicationShutdown(): Promise<void> {
    await new Promise((resolve) => (this.server ? this.server.close(resolve) : resolve(undefined)));
  }

  private observe(req: RoutedRequest, res: ServerResponse, started: bigint): void {
    const route = req.route?.path ? `${req.baseUrl ?? ''}${req.route.path}` : 'unmatched';
    const method = req.method ?? 'GET';
    this.requests.inc({ method, route, status: String(res.statusCode) });
    this.duration.observe(
      { method, route, status_class: `${Math.floor(res.statusCode / 100)}xx` },
      Number(process.hrtime.bigint() - started) / 1e9,
    );
  }
}
