import { Client, type ClientConfig } from 'pg';

/** Where a dropped connection is reported (the apps log it; the default writes one line to stderr). */
let reportDroppedConnection = (err: Error): void => {
  process.stderr.write(`PostgreSQL connection lost: ${err.message}\n`);
};

export function onDroppedConnection(report: (err: Error) => void): void {
  reportDroppedConnection = report;
}

/**
 * A pooled PostgreSQL connection that never takes the process down with it.
 *
 * When the server goes away (PostgreSQL killed, restarted, or the backend terminated) pg emits
 * `error` on each of its clients. pg-pool listens for it only while a client is idle: on a
 * client checked out by a request, between its queries, nobody listens and Node ends the whole
 * process ("Unhandled 'error' event", 57P01). With a listener always there the request's next
 * query fails on its own (the API answers 503), the pool discards the broken client when it is
 * released, and the next request gets a fresh connection once PostgreSQL is back.
 */
export class ResilientPgClient extends Client {
  constructor(config?: string | ClientConfig) {
    super(config);
    this.on('error', (err) => reportDroppedConnection(err));
  }
}
