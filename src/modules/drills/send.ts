import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { type Db, pgArray, rowsOf } from '../../db/client.js';
import type { Ctx } from '../../server/context.js';
import { defineJob, enqueue, type JobHandle } from '../../server/jobs/queue.js';
import { type DrillTransport, drillTransport, newMessageId } from './mailer.js';
import { benignComposer, type Compose, lureComposer } from './mime-template.js';
import { nextSendTime, smtpOutcome, windowEndsAt } from './rules.js';
import { drills } from './schema.js';
import { makeToken, tokenKey } from './tokens.js';

/**
 * Sending a drill: a durable job that claims recipients in batches (FOR UPDATE SKIP LOCKED), mails
 * them through the pooled relay at the drill's rate inside its daily window, and records each
 * outcome. AT MOST ONCE: a recipient claimed by a worker that died (its claim expired while still
 * 'sending') is never mailed again automatically — it becomes 'unknown', and an administrator may
 * resend those explicitly (POST /drills/:id/resend-unknown). Only what the dead sender had claimed
 * and not yet recorded (at most one batch per sender) can be unknown. The rate is paced per process:
 * several instances on one drill each pace at the drill's rate. SEVERAL SENDERS per drill (lanes of one run, other jobs, other instances) each claim
 * their own batches under their own name; a sender marks only rows it still holds (claimed_by), and
 * a dead sender's rows become 'unknown' once its claim expires while the live ones continue — a
 * live sender never sends on a claim older than CLAIM_SECONDS − 20 s, so an expired claim is a dead
 * (or stalled, and then fenced) one. The mail is composed once per drill and stage (mime-template.ts).
 */
const CLAIM_SECONDS = 120;
/** How long one job run keeps going before it hands over to a fresh job (keeps leases short). */
const RUN_SECONDS = 240;

type Stage = 'benign' | 'lure';

interface Claimed {
  id: number | string;
  name: string;
  email: string;
  benign_message_id: string | null;
  /** The recipient's unit, for {{unit}} in the mail. */
  unit_name: string | null;
}

interface Outcome {
  id: number;
  state: 'sent' | 'failed' | 'bounced';
  message_id: string;
  sent_at: string;
  error: string | null;
}

export const sendJob = defineJob({
  name: 'drills.send',
  payload: z.object({ drillId: z.uuid() }),
  maxAttempts: 20,
  handler: (ctx, p, job) => runSender(ctx, p.drillId, { job }),
});

export function scheduleSend(db: Db, drillId: string, runAt: Date) {
  return enqueue(
    db,
    sendJob,
    { drillId },
    { runAt, singletonKey: `drills.send:${drillId}:${runAt.toISOString()}` },
  );
}

/** Spaces sends evenly at `perSecond`. */
class Pacer {
  private next = 0;
  constructor(private readonly perSecond: number) {}
  async take() {
    const now = performance.now();
    const at = Math.max(now, this.next);
    this.next = at + 1000 / this.perSecond;
    if (at - now >= 1) await new Promise((r) => setTimeout(r, at - now));
  }
}

export interface SenderOptions {
  job?: JobHandle;
  transport?: DrillTransport;
  /** Stop after this long (the job then continues in a new run). */
  runSeconds?: number;
  /** Tests: the process "dies" — nothing more is sent or recorded. */
  signal?: AbortSignal;
  /** Senders (claim loops) in this run; default config.drills.senders. */
  senders?: number;
  /** Recipients per claim (default: two seconds' worth at the drill's rate, 50–1,000). */
  batchSize?: number;
}

/** Claimed rows this run did not get to send go back to the queue. */
async function release(db: Db, me: string, stage: Stage, ids: number[]) {
  const col = stage === 'benign' ? sql`benign_state` : sql`state`;
  await db.execute(sql`update drill_recipients set ${col} = 'queued', claimed_by = null, claimed_until = null
    where id = any(${pgArray(ids)}::bigint[]) and ${col} = 'sending' and claimed_by = ${me}`);
}

export async function runSender(ctx: Ctx, drillId: string, opts: SenderOptions = {}) {
  const db = ctx.db;
  const [d0] = await db.select().from(drills).where(eq(drills.id, drillId));
  if (!d0 || !['scheduled', 'sending'].includes(d0.state)) return;
  const now = new Date();
  const at = nextSendTime(now, { start: d0.windowStart, end: d0.windowEnd, startAt: d0.startAt });
  if (at.getTime() > now.getTime() + 1000) {
    await scheduleSend(db, drillId, at);
    return;
  }
  // Join the drill's senders: several runs (lanes here, other jobs, other instances) may send at once.
  const [joined] = await db
    .update(drills)
    .set({ state: 'sending', startedAt: sql`coalesce(${drills.startedAt}, now())` })
    .where(and(eq(drills.id, drillId), sql`${drills.state} in ('scheduled', 'sending')`))
    .returning();
  if (!joined) return;
  const d = joined;

  const transport = opts.transport ?? drillTransport(ctx.config);
  const lanes = Math.max(1, opts.senders ?? ctx.config.drills.senders);
  const run: Run = {
    ctx,
    d,
    transport,
    key: tokenKey(ctx.env.secretKey),
    pacer: new Pacer(d.ratePerSecond),
    // In flight per lane: enough to keep every pooled connection busy across the lanes.
    inFlight: Math.max(2, Math.ceil((ctx.config.drills.connections * 2) / lanes)),
    batchSize: opts.batchSize ?? Math.max(50, Math.min(1000, d.ratePerSecond * 2)),
    deadline: Date.now() + (opts.runSeconds ?? RUN_SECONDS) * 1000,
    windowEnd: windowEndsAt(new Date(), { start: d.windowStart, end: d.windowEnd }),
    compose: { lure: lureComposer(ctx.config, d), benign: benignComposer(ctx.config, d) },
    signal: opts.signal,
    job: opts.job,
  };
  const ends = await Promise.all(Array.from({ length: lanes }, () => runLane(run)));
  if (opts.signal?.aborted || ends.includes('halted')) return;
  await finishOrContinue(db, drillId, ends.includes('stopped'), d);
}

interface Run {
  ctx: Ctx;
  d: typeof drills.$inferSelect;
  transport: DrillTransport;
  key: Buffer;
  pacer: Pacer;
  inFlight: number;
  batchSize: number;
  deadline: number;
  windowEnd: Date | null;
  compose: Record<Stage, Compose>;
  signal: AbortSignal | undefined;
  job: JobHandle | undefined;
}

/**
 * One sender: claims its own batches under its own name, so siblings never share a row, and marks
 * only rows it still holds. Returns why it ended: 'drained' (nothing left now), 'stopped' (run time
 * or window over) or 'halted' (paused, cancelled, or this process died).
 */
async function runLane(run: Run): Promise<'drained' | 'stopped' | 'halted'> {
  const { ctx, d, signal } = run;
  const db = ctx.db;
  const me = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const marks = new MarkWriter(db, me, d.lureDelayHours, signal);
  try {
    for (const stage of ['benign', 'lure'] as Stage[]) {
      if (stage === 'benign' && d.variant !== 'exchange') continue;
      const compose = run.compose[stage];
      for (;;) {
        if (Date.now() > run.deadline || (run.windowEnd && Date.now() >= run.windowEnd.getTime()))
          return 'stopped';
        // Never send on a claim that may have run out: recovery could have declared it unknown.
        const claimDeadline = performance.now() + (CLAIM_SECONDS - 20) * 1000;
        // A dead sibling's expired claims become 'unknown' while the live senders go on.
        await recoverDeadClaims(db, d.id);
        const batch = await claim(db, d.id, me, stage, run.batchSize);
        if (batch === null) return 'halted'; // paused or cancelled
        if (batch.length === 0) break;
        const unsent: number[] = [];
        await runLimited(batch, run.inFlight, async (r) => {
          await run.pacer.take();
          const id = Number(r.id);
          if (signal?.aborted) return;
          if (performance.now() > claimDeadline) {
            unsent.push(id);
            return;
          }
          const token = makeToken(run.key, id);
          const messageId = newMessageId(ctx.config.publicUrl);
          const mail = compose(
            {
              name: r.name,
              email: r.email,
              unitName: r.unit_name ?? '',
              benignMessageId: r.benign_message_id,
            },
            token,
            messageId,
          );
          let outcome: Outcome;
          try {
            await run.transport.send(mail);
            outcome = {
              id,
              state: 'sent',
              message_id: messageId,
              sent_at: new Date().toISOString(),
              error: null,
            };
          } catch (err) {
            const e = err as { responseCode?: number; message?: string };
            outcome = {
              id,
              state: smtpOutcome(e) as Outcome['state'],
              message_id: messageId,
              sent_at: new Date().toISOString(),
              error: String(e.message ?? err).slice(0, 500),
            };
          }
          if (signal?.aborted) return; // a dead process records nothing
          marks.add(stage, outcome);
        });
        if (signal?.aborted) return 'halted';
        await marks.flush();
        if (unsent.length) await release(db, me, stage, unsent);
        if (run.job) {
          await run.job.renew(); // through the queue: fenced, throws once another worker owns the job
          const [p] = rowsOf<{ done: number; total: number }>(
            await db.execute(sql`select count(*) filter (where state not in ('queued', 'sending'))::int as done,
              count(*)::int as total from drill_recipients where drill_id = ${d.id}`),
          );
          await run.job.progress({ done: p?.done ?? 0, total: p?.total ?? 0 });
        }
      }
    }
    return 'drained';
  } finally {
    if (!signal?.aborted) await marks.flush();
  }
}

/** Claims held by a worker whose claim ran out while still 'sending': outcome unknown, not resent. */
async function recoverDeadClaims(db: Db, drillId: string) {
  await db.execute(sql`update drill_recipients set state = 'unknown', claimed_by = null,
      error = 'the sender stopped while this mail was in flight: delivery unknown'
    where drill_id = ${drillId} and state = 'sending' and claimed_until < now()`);
  await db.execute(sql`update drill_recipients set benign_state = 'unknown', claimed_by = null, state = 'failed',
      error = 'the sender stopped while the first mail was in flight: delivery unknown'
    where drill_id = ${drillId} and benign_state = 'sending' and claimed_until < now()`);
}

async function claim(
  db: Db,
  drillId: string,
  me: string,
  stage: Stage,
  n: number,
): Promise<Claimed[] | null> {
  const live = rowsOf(
    await db.execute(sql`select 1 from drills where id = ${drillId} and state = 'sending'`),
  );
  if (live.length === 0) return null;
  const pick =
    stage === 'benign' ? sql`benign_state = 'queued'` : sql`state = 'queued' and lure_due_at <= now()`;
  const set = stage === 'benign' ? sql`benign_state = 'sending'` : sql`state = 'sending'`;
  return rowsOf<Claimed>(
    await db.execute(sql`
      update drill_recipients set ${set}, claimed_by = ${me},
        claimed_until = now() + make_interval(secs => ${CLAIM_SECONDS})
      where id in (select id from drill_recipients where drill_id = ${drillId} and ${pick}
                   order by id limit ${n} for update skip locked)
      returning id, name, email, benign_message_id,
        (select u.name_ja from org_units u where u.id = drill_recipients.unit_id) as unit_name`),
  );
}

/** Runs `fn` over items with at most `limit` running at once. */
async function runLimited<T>(items: T[], limit: number, fn: (item: T) => Promise<void>) {
  let i = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (i < items.length) await fn(items[i++]!);
  });
  await Promise.all(lanes);
}

/**
 * Outcomes are written in small groups, only for rows this run still holds (fenced by `claimed_by`):
 * a stalled old worker cannot overwrite what recovery decided.
 */
class MarkWriter {
  private pending: { stage: Stage; o: Outcome }[] = [];
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Db,
    private readonly me: string,
    private readonly delayHours: number,
    private readonly signal?: AbortSignal,
  ) {}

  private timer: NodeJS.Timeout | null = null;

  add(stage: Stage, o: Outcome) {
    this.pending.push({ stage, o });
    if (this.pending.length >= 100) void this.flush().catch(() => {});
    else this.timer ??= setTimeout(() => void this.flush().catch(() => {}), 20);
  }

  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const take = this.pending.splice(0);
    if (take.length === 0 || this.signal?.aborted) return this.writing;
    this.writing = this.writing.then(() => this.write(take));
    return this.writing;
  }

  private async write(items: { stage: Stage; o: Outcome }[]) {
    const lure = items.filter((x) => x.stage === 'lure').map((x) => x.o);
    const benign = items.filter((x) => x.stage === 'benign').map((x) => x.o);
    const values = (xs: Outcome[]) =>
      sql`json_to_recordset(${JSON.stringify(xs)}::json) as v(id bigint, state text, message_id text, sent_at timestamptz, error text)`;
    if (lure.length) {
      await this.db.execute(sql`
        update drill_recipients r set state = v.state, message_id = v.message_id, sent_at = v.sent_at,
          error = v.error, claimed_by = null, claimed_until = null
        from ${values(lure)}
        where r.id = v.id and r.state = 'sending' and r.claimed_by = ${this.me}`);
    }
    if (benign.length) {
      await this.db.execute(sql`
        update drill_recipients r set benign_state = v.state, benign_message_id = v.message_id,
          benign_sent_at = v.sent_at, claimed_by = null, claimed_until = null,
          lure_due_at = case when v.state = 'sent' then v.sent_at + make_interval(hours => ${this.delayHours}) end,
          state = case when v.state = 'sent' then r.state else 'failed' end,
          error = case when v.state = 'sent' then null else 'first mail not delivered: ' || v.error end
        from ${values(benign)}
        where r.id = v.id and r.benign_state = 'sending' and r.claimed_by = ${this.me}`);
    }
  }
}

/**
 * After a run: more to send now → another run; lures due later (exchange) or the window closed → a run
 * then; nothing left → the drill is done.
 */
async function finishOrContinue(db: Db, drillId: string, stopped: boolean, d: typeof drills.$inferSelect) {
  const [left] = rowsOf<{
    queued_now: number;
    queued_later: number;
    next_due: string | null;
    sending: number;
  }>(
    await db.execute(sql`
      select count(*) filter (where (state = 'queued' and lure_due_at <= now()) or benign_state = 'queued')::int as queued_now,
        count(*) filter (where state = 'queued' and (lure_due_at is null or lure_due_at > now()))::int as queued_later,
        min(lure_due_at) filter (where state = 'queued' and lure_due_at > now()) as next_due,
        count(*) filter (where state = 'sending' or benign_state = 'sending')::int as sending
      from drill_recipients where drill_id = ${drillId}`),
  );
  const [still] = await db.select({ state: drills.state }).from(drills).where(eq(drills.id, drillId));
  if (still?.state !== 'sending') return;
  if (left!.queued_now > 0 || stopped) {
    const at = nextSendTime(new Date(Date.now() + 1000), {
      start: d.windowStart,
      end: d.windowEnd,
      startAt: null,
    });
    await scheduleSend(db, drillId, at);
  } else if (left!.sending > 0) {
    await scheduleSend(db, drillId, new Date(Date.now() + CLAIM_SECONDS * 1000));
  } else if (left!.queued_later > 0) {
    // やりとり型: lures wait for a reply or their delay; a run is due at the earliest (replies move it earlier).
    if (left!.next_due) await scheduleSend(db, drillId, new Date(left!.next_due));
  } else {
    await db
      .update(drills)
      .set({ state: 'done', finishedAt: new Date() })
      .where(and(eq(drills.id, drillId), eq(drills.state, 'sending')));
  }
}
