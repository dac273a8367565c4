import { sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../../db/client.js';
import { enqueue } from '../../server/jobs/queue.js';
import { followUpJob } from './follow-up.js';
import { requestFlags } from './rules.js';
import type { EventKind } from './schema.js';

export interface TrackedEvent {
  recipientId: number;
  kind: EventKind;
  at: Date;
  method: string;
  userAgent: string | null;
  ip: string | null;
  data?: unknown;
}

/**
 * Stores events in ONE statement (the tracking endpoints' hot path): the request's own flags
 * (scanner agent, HEAD; rules.ts requestFlags) come with each event, the timing flags (before or
 * within seconds of delivery) are added in SQL exactly as rules.ts timingFlags states them (both
 * exercised in drills.test.ts); events of recipients that no longer exist are dropped. Drills in
 * which someone clicked or opened the attachment for real get their follow-up queued. Returns how
 * many rows were stored.
 */
export async function storeEvents(db: Db, events: TrackedEvent[]): Promise<number> {
  if (events.length === 0) return 0;
  const rows = events.map((e) => ({
    recipient_id: e.recipientId,
    kind: e.kind,
    at: e.at.toISOString(),
    flags: requestFlags(e.method, e.userAgent),
    method: e.method,
    user_agent: e.userAgent?.slice(0, 500) ?? null,
    ip: e.ip,
    data: e.data ?? null,
  }));
  const result = rowsOf<{ drill_id: string | null; stored: number | string }>(
    await db.execute(sql`
      with input as (
        select t.*, r.drill_id,
          t.flags || case
            when r.sent_at is null or t.at < r.sent_at then '["before_delivery"]'::jsonb
            when t.at < r.sent_at + make_interval(secs => d.scanner_window_seconds) then '["too_soon"]'::jsonb
            else '[]'::jsonb end as all_flags,
          d.follow_up_course_id
        from json_to_recordset(${JSON.stringify(rows)}::json) as t(
          recipient_id bigint, kind text, at timestamptz, flags jsonb, method text, user_agent text, ip text, data jsonb)
        join drill_recipients r on r.id = t.recipient_id
        join drills d on d.id = r.drill_id),
      ins as (
        insert into drill_events (drill_id, recipient_id, kind, at, flags, flagged, method, user_agent, ip, data)
        select drill_id, recipient_id, kind, at, all_flags, all_flags <> '[]'::jsonb, method, user_agent, ip, data
        from input
        returning 1)
      select (select count(*) from ins) as stored, f.drill_id
      from (select 1) one
      left join (select distinct drill_id from input
                 where kind in ('click', 'attachment') and all_flags = '[]'::jsonb
                   and follow_up_course_id is not null) f on true`),
  );
  for (const r of result) {
    if (r.drill_id) {
      await enqueue(
        db,
        followUpJob,
        { drillId: r.drill_id },
        { singletonKey: `drills.follow-up:${r.drill_id}` },
      );
    }
  }
  return Number(result[0]?.stored ?? 0);
}

interface Waiting {
  event: TrackedEvent | null;
  resolve: () => void;
  reject: (err: unknown) => void;
}

/**
 * Group commit for the tracking endpoints (the 9:00 burst): each request queues its event and waits;
 * a flusher writes everything queued in a single INSERT and then answers all those requests. A
 * request is acknowledged only after its event is committed, so "acknowledged ⇒ stored"; a crash
 * loses only events nobody was told were recorded. Up to `concurrency` flushes run at once (on
 * separate pool connections), so a slow commit does not hold up the events that arrive meanwhile.
 */
export class EventWriter {
  private queue: Waiting[] = [];
  private inFlight = new Set<Promise<void>>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: Db,
    private readonly opts: { maxBatch: number; delayMs: number; concurrency: number } = {
      maxBatch: 2000,
      delayMs: 2,
      concurrency: 3,
    },
  ) {}

  /**
   * Resolves with the next group commit, recording nothing: requests with an unknown token wait for
   * it like real ones (a group of only unknown tokens skips the database, so it is quicker).
   */
  barrier(): Promise<void> {
    return this.record(null);
  }

  record(event: TrackedEvent | null): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ event, resolve, reject });
      this.schedule();
    });
  }

  private schedule() {
    if (this.timer || this.queue.length === 0 || this.inFlight.size >= this.opts.concurrency) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.startFlush();
    }, this.opts.delayMs);
  }

  private startFlush() {
    if (this.queue.length === 0 || this.inFlight.size >= this.opts.concurrency) return;
    const batch = this.queue.splice(0, this.opts.maxBatch);
    const run = this.write(batch).finally(() => {
      this.inFlight.delete(run);
      this.schedule();
    });
    this.inFlight.add(run);
    this.schedule();
  }

  private async write(batch: Waiting[]) {
    try {
      await storeEvents(
        this.db,
        batch.flatMap((w) => (w.event ? [w.event] : [])),
      );
      for (const w of batch) w.resolve();
    } catch (err) {
      for (const w of batch) w.reject(err);
    }
  }

  /** Writes whatever is queued (server shutdown). */
  async close() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    while (this.queue.length || this.inFlight.size) {
      await Promise.all([...this.inFlight]);
      if (this.queue.length) await this.write(this.queue.splice(0));
    }
  }
}
