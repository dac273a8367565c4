import { and, asc, eq, gt, isNull, lte, sql } from 'drizzle-orm';
import { z } from 'zod';
import { todayInJapan } from '../../lib/dates.js';
import type { Ctx } from '../../server/context.js';
import { type AnyJob, defineJob, type Recurring } from '../../server/jobs/queue.js';
import { sendBatch } from '../../server/mail-batch.js';
import { recordAudit } from '../audit/service.js';
import { people } from '../org/schema.js';
import type { HandlingAction } from './policy-model.js';
import { confirmersOf, type Recipient } from './register-access.js';
import { decisionMail, reviewDueMail } from './register-mail.js';
import { entryPolicyIfAny, safeMarking } from './register-policy.js';
import { classificationEntries, handlingRequests } from './register-schema.js';

const BATCH = 200;
const FIRST_ID = '00000000-0000-0000-0000-000000000000';

async function personRecipient(ctx: Ctx, id: string): Promise<Recipient[]> {
  const [p] = await ctx.db.select().from(people).where(eq(people.id, id));
  return p && p.status !== 'left' ? [{ personId: p.id, name: p.name, email: p.email }] : [];
}

async function markingOf(ctx: Ctx, entry: typeof classificationEntries.$inferSelect) {
  const policy = await entryPolicyIfAny(ctx.db, entry.tenantId, entry.policyId);
  return policy ? (safeMarking(policy, entry)?.document ?? null) : null;
}

/**
 * Mails the owner and the division head of every confirmed entry whose review date has come, once per
 * due date: each mail is claimed per (entry, due date, person) by sendBatch before it goes out, and the
 * entry is marked (review_reminded_for = its due date) after, so neither a retry after a crash nor a
 * worker that took the job over mails anyone twice, and a later review date reminds again.
 */
export const reviewRemindersJob = defineJob({
  name: 'classification.review-reminders',
  payload: z.object({}),
  handler: async (ctx: Ctx, _p, job) => {
    const today = todayInJapan();
    let after = FIRST_ID;
    for (;;) {
      const entries = await ctx.db
        .select()
        .from(classificationEntries)
        .where(
          and(
            eq(classificationEntries.status, 'confirmed'),
            lte(classificationEntries.reviewDueOn, today),
            sql`${classificationEntries.reviewRemindedFor} is distinct from ${classificationEntries.reviewDueOn}`,
            gt(classificationEntries.id, after),
          ),
        )
        .orderBy(asc(classificationEntries.id))
        .limit(BATCH);
      if (entries.length === 0) break;
      after = entries[entries.length - 1]!.id;
      for (const entry of entries) {
        const to = new Map<string, Recipient>();
        for (const p of [
          ...(await personRecipient(ctx, entry.ownerPersonId)),
          ...(await confirmersOf(ctx, entry.unitId)),
        ])
          to.set(p.personId, p);
        const marking = await markingOf(ctx, entry);
        const url = `${ctx.config.publicUrl}/classification/entries/${entry.id}`;
        const res = await sendBatch(
          ctx,
          {
            tenantId: entry.tenantId,
            purpose: 'classification.review-remind',
            occasion: `${entry.id}:${entry.reviewDueOn}`,
          },
          [...to.values()].map((p) => ({
            key: p.personId,
            personId: p.personId,
            name: p.name,
            unitId: entry.unitId,
            email: p.email,
            ...reviewDueMail({ title: entry.title, marking, reviewDueOn: entry.reviewDueOn! }, url, p.name),
          })),
          job,
        );
        await ctx.db.transaction(async (tx) => {
          const marked = await tx
            .update(classificationEntries)
            .set({ reviewRemindedFor: entry.reviewDueOn })
            .where(
              and(
                eq(classificationEntries.id, entry.id),
                sql`${classificationEntries.reviewRemindedFor} is distinct from ${entry.reviewDueOn}`,
              ),
            )
            .returning({ id: classificationEntries.id });
          if (marked.length === 0) return; // another run recorded it
          await recordAudit(tx, ctx, {
            action: 'classification.review_remind',
            tenantId: entry.tenantId,
            targetId: entry.id,
            actorLabel: 'job',
            after: {
              reviewDueOn: entry.reviewDueOn,
              recipients: to.size,
              sent: res.sent,
              failed: res.failed,
            },
          });
        });
      }
    }
  },
});

/** Tells each requester once that their approval has expired (claimed per mail, like above). */
export const expiryNoticesJob = defineJob({
  name: 'classification.expiry-notices',
  payload: z.object({}),
  handler: async (ctx: Ctx, _p, job) => {
    let after = FIRST_ID;
    for (;;) {
      const now = new Date();
      const rows = await ctx.db
        .select()
        .from(handlingRequests)
        .where(
          and(
            eq(handlingRequests.status, 'approved'),
            lte(handlingRequests.validUntil, now),
            isNull(handlingRequests.expiryNotifiedAt),
            gt(handlingRequests.id, after),
          ),
        )
        .orderBy(asc(handlingRequests.id))
        .limit(BATCH);
      if (rows.length === 0) break;
      after = rows[rows.length - 1]!.id;
      for (const req of rows) {
        const [entry] = req.entryId
          ? await ctx.db.select().from(classificationEntries).where(eq(classificationEntries.id, req.entryId))
          : [];
        const to = await personRecipient(ctx, req.requesterPersonId);
        const ref = {
          action: req.action as HandlingAction,
          entry: entry ? { title: entry.title, marking: await markingOf(ctx, entry) } : null,
          requester: to[0]?.name ?? '',
          details: req.details,
        };
        const url = `${ctx.config.publicUrl}/classification/requests/${req.id}`;
        const res = await sendBatch(
          ctx,
          { tenantId: req.tenantId, purpose: 'classification.expiry-notice', occasion: req.id },
          to.map((p) => ({
            key: p.personId,
            personId: p.personId,
            name: p.name,
            unitId: req.unitId,
            email: p.email,
            ...decisionMail(ref, 'expired', null, url, p.name),
          })),
          job,
        );
        await ctx.db.transaction(async (tx) => {
          const marked = await tx
            .update(handlingRequests)
            .set({ expiryNotifiedAt: now })
            .where(and(eq(handlingRequests.id, req.id), isNull(handlingRequests.expiryNotifiedAt)))
            .returning({ id: handlingRequests.id });
          if (marked.length === 0) return;
          await recordAudit(tx, ctx, {
            action: 'classification.request_expire',
            tenantId: req.tenantId,
            targetId: req.id,
            actorLabel: 'job',
            after: { validUntil: req.validUntil.toISOString(), sent: res.sent, failed: res.failed },
          });
        });
      }
    }
  },
});

/** This module's background jobs (listed in server/jobs/registry.ts). */
export const MODULE_JOBS: AnyJob[] = [reviewRemindersJob, expiryNoticesJob];
export const MODULE_RECURRING: Recurring[] = [
  // Review reminders in the morning (09:00 JST); expiry notices within the hour an approval ends.
  { def: reviewRemindersJob, cron: '0 9 * * *' },
  { def: expiryNoticesJob, cron: '10 * * * *' },
];
