import { type EventEnvelope, validateEvent } from '@hotline/contracts';
import { type EventPublisher } from '@hotline/messaging';
import { type DataSource } from 'typeorm';
import { inTransaction } from '../../runner/transaction';

/**
 * Publishes the HotspotDetected events the hotspot projection put into `hotspot_outbox`.
 * Rows are locked while they are published (SKIP LOCKED: several projectors share the work) and
 * marked once Kafka has them; a crash in between publishes again with the same event id.
 */
export class HotspotOutboxRelay {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private readonly refused = new Set<string>();
  published = 0;

  constructor(
    private readonly db: DataSource,
    private readonly publisher: EventPublisher,
    private readonly log: (line: string) => void,
    private readonly everyMs = 500,
  ) {}

  start(): void {
    this.timer = setInterval(() => {
      this.running ??= this.publishPending()
        .then(() => undefined)
        .catch((err: unknown) => this.log(`hotspot outbox: ${String(err)}`))
        .finally(() => (this.running = undefined));
    }, this.everyMs);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** Publishes what is pending; returns how many events went out. */
  async publishPending(): Promise<number> {
    return inTransaction(this.db, async (sql) => {
      const rows = await sql.rows<{ event_id: string; event: unknown }>(
        `SELECT event_id, event FROM hotspot_outbox WHERE published_at IS NULL
          ORDER BY created_at, event_id LIMIT 100 FOR UPDATE SKIP LOCKED`,
      );
      const events: EventEnvelope[] = [];
      for (const row of rows) {
        if (this.refused.has(row.event_id)) continue;
        // Validated on the way out too: consumers must never see an event they cannot read.
        const checked = validateEvent(row.event);
        if (checked.ok) events.push(checked.event);
        else {
          this.refused.add(row.event_id);
          this.log(
            `hotspot outbox: event ${row.event_id} is invalid, not published: ${checked.reason}`,
          );
        }
      }
      if (events.length === 0) return 0;
      await this.publisher.publish(events);
      await sql.exec(`UPDATE hotspot_outbox SET published_at = now() WHERE event_id = ANY($1)`, [
        events.map((e) => e.eventId),
      ]);
      this.published += events.length;
      return events.length;
    });
  }
}
