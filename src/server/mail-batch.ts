import { randomUUID } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { pgArray } from '../db/client.js';
import type { Ctx } from './context.js';
import type { JobHandle } from './jobs/queue.js';
import { mailSends } from './mail-schema.js';
import type { Permission } from './policy.js';

/**
 * The one way to mail many people (reminders, notices). Each mail is a row keyed by
 * (purpose, occasion, recipient): it is claimed (pending → sending) right before its send and marked
 * sent or failed right after, so a retried, concurrent or taken-over run mails nobody twice. A row
 * left 'sending' by a process that died is never resent: after STALE_MINUTES it counts as failed
 * ("delivery unknown") and the office sees it with the other failures.
 */

/** Every purpose of batch mail, and the permission that lets the office see its failures. */
export const MAIL_PURPOSES = {
  'selfcheck.remind': 'selfcheck.manage',
  'training.remind': 'training.manage',
  'training.notice': 'training.manage',
  'classification.review-remind': 'classification.manage',
  'classification.expiry-notice': 'classification.manage',
  'exception.expiry-remind': 'exception.approve',
  'secaudit.milestone-remind': 'secaudit.manage',
  'incident.contact-drill': 'incident.handle',
  'incident.contact-check': 'incident.handle',
  'systems.advisory-notice': 'system.manage',
  'inspection.notice': 'system.manage',
  'vendors.reconfirm-remind': 'vendor.manage',
  'alerts.publish-notice': 'alert.handle',
  'alerts.forward': 'alert.handle',
} as const satisfies Record<string, Permission>;
export type MailPurpose = keyof typeof MAIL_PURPOSES;

/** A send claimed this long ago and not finished belongs to a process that died mid-send. */
export const STALE_MINUTES = 15;
/** Claimed together; a crash leaves at most this many mails "delivery unknown". */
const CLAIM_GROUP = 10;
const INSERT_CHUNK = 500;

export interface BatchMail {
  /** Unique within the occasion: a person or assignment id. */
  key: string;
  personId?: string | null;
  name?: string | null;
  /** The unit the mail concerns: decides who may see a failure. */
  unitId?: string | null;
  /** No address: recorded as failed, so the office can follow up. */
  email: string | null;
  subject: string;
  text: string;
}

export interface BatchSpec {
  tenantId: string;
  purpose: MailPurpose;
  occasion: string;
}

export interface BatchResult {
  sent: number;
  failed: number;
  /** Already handled by an earlier or concurrent run of the same occasion. */
  skipped: number;
}

/**
 * Sends each mail at most once per (purpose, occasion, key). With `job`, the job's lease is renewed
 * (and ownership checked) before each group of sends: a run that lost its job throws JobLeaseLost
 * before mailing anyone, and hands the rows it had claimed but not sent back for the new owner.
 */
export async function sendBatch(
  ctx: Pick<Ctx, 'db' | 'env'>,
  spec: BatchSpec,
  mails: BatchMail[],
  job?: JobHandle | null,
): Promise<BatchResult> {
  const result: BatchResult = { sent: 0, failed: 0, skipped: 0 };
  if (mails.length === 0) return result;
  const { db } = ctx;
  const me = job ? `job:${job.id}:${job.claim}` : `run:${randomUUID()}`;
  const byKey = new Map(mails.map((m) => [m.key, m]));
  const keys = [...byKey.keys()];
  const ofOccasion = and(eq(mailSends.purpose, spec.purpose), eq(mailSends.occasion, spec.occasion));

  for (let i = 0; i < keys.length; i += INSERT_CHUNK) {
    await db
      .insert(mailSends)
      .values(
        keys.slice(i, i + INSERT_CHUNK).map((key) => {
          const m = byKey.get(key)!;
          return {
            tenantId: spec.tenantId,
            purpose: spec.purpose,
            occasion: spec.occasion,
            recipientKey: key,
            personId: m.personId ?? null,
            recipientName: m.name ?? null,
            unitId: m.unitId ?? null,
            email: m.email,
            subject: m.subject,
          };
        }),
      )
      .onConflictDoNothing();
  }
  const noAddress = await db
    .update(mailSends)
    .set({ status: 'failed', error: 'no mail address', finishedAt: new Date() })
    .where(
      and(
        ofOccasion,
        eq(mailSends.status, 'pending'),
        sql`${mailSends.email} is null`,
        sql`${mailSends.recipientKey} = any(${pgArray(keys)}::text[])`,
      ),
    )
    .returning({ id: mailSends.id });
  result.failed += noAddress.length;

  for (let i = 0; i < keys.length; i += CLAIM_GROUP) {
    const group = keys.slice(i, i + CLAIM_GROUP);
    await job?.renew(); // fence: throws before any mail once another worker owns the job
    const claimed = await db
      .update(mailSends)
      .set({
        status: 'sending',
        claimedBy: me,
        claimedAt: new Date(),
        attempts: sql`${mailSends.attempts} + 1`,
      })
      .where(
        and(
          ofOccasion,
          eq(mailSends.status, 'pending'),
          sql`${mailSends.recipientKey} = any(${pgArray(group)}::text[])`,
        ),
      )
      .returning({ id: mailSends.id, key: mailSends.recipientKey, email: mailSends.email });
    let started = 0;
    try {
      for (const row of claimed) {
        if (job?.signal.aborted) throw job.signal.reason;
        const m = byKey.get(row.key)!;
        started++;
        let outcome: Partial<typeof mailSends.$inferInsert>;
        try {
          const info = await ctx.env.mailer.send({ to: row.email!, subject: m.subject, text: m.text });
          outcome = { status: 'sent', messageId: info.messageId, error: null };
          result.sent++;
        } catch (err) {
          outcome = { status: 'failed', error: sendError(err) };
          result.failed++;
        }
        await db
          .update(mailSends)
          .set({ ...outcome, finishedAt: new Date() })
          .where(and(eq(mailSends.id, row.id), eq(mailSends.claimedBy, me)));
      }
    } catch (err) {
      // Stopped mid-group (lost job, database error): give back the claims not yet tried, so the next
      // run sends them once; the one in flight, if any, stays "sending" (delivery unknown).
      const untried = claimed.slice(started).map((r) => r.id);
      if (untried.length) {
        await db
          .update(mailSends)
          .set({ status: 'pending', claimedBy: null, claimedAt: null })
          .where(and(inArray(mailSends.id, untried), eq(mailSends.claimedBy, me)));
      }
      throw err;
    }
  }
  result.skipped = keys.length - result.sent - result.failed;
  return result;
}

/** The relay's answer, short enough to show: "550 5.1.1 user unknown", a timeout, a refused connection. */
function sendError(err: unknown): string {
  const e = err as { responseCode?: number; response?: string; code?: string; message?: string };
  const text = e.response ?? e.message ?? String(err);
  return (
    e.responseCode && !text.startsWith(String(e.responseCode)) ? `${e.responseCode} ${text}` : text
  ).slice(0, 500);
}
