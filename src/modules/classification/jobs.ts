import { eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { rowsOf } from '../../db/client.js';
import type { Ctx } from '../../server/context.js';
import { type AnyJob, defineJob, type Recurring } from '../../server/jobs/queue.js';
import { recordAudit } from '../audit/service.js';
import { people } from '../org/schema.js';
import type { HandlingAction } from './policy-model.js';
import { confirmersOf, type Recipient } from './register-access.js';
import { decisionMail, reviewDueMail, sendAll } from './register-mail.js';
import { entryPolicyIfAny, safeMarking } from './register-policy.js';
import { classificationEntries, handlingRequests } from './register-schema.js';

const BATCH = 200;

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
 * due date: an entry is claimed (review_reminded_for = its due date) before its mail, so a retry after a
 * crash never mails it twice, and a later review date reminds again.
 */
export const reviewRemindersJob = defineJob({
  name: 'classification.review-reminders',
  payload: z.object({}),
  handler: async (ctx: Ctx) => {
    const today = new Date().toISOString().slice(0, 10);
    for (;;) {
      const ids = rowsOf<{ id: string }>(
        await ctx.db.execute(sql`
          update classification_entries set review_reminded_for = review_due_on
          where id in (
            select id from classification_entries
            where status = 'confirmed' and review_due_on <= ${today}
              and review_reminded_for is distinct from review_due_on
            order by id limit ${BATCH} for update skip locked)
          returning id`),
      ).map((r) => r.id);
      if (ids.length === 0) break;
      const entries = await ctx.db
        .select()
        .from(classificationEntries)
        .where(inArray(classificationEntries.id, ids));
      for (const entry of entries) {
        const to = new Map<string, Recipient>();
        for (const p of [
          ...(await personRecipient(ctx, entry.ownerPersonId)),
          ...(await confirmersOf(ctx, entry.unitId)),
        ])
          to.set(p.personId, p);
        const marking = await markingOf(ctx, entry);
        const url = `${ctx.config.publicUrl}/classification/entries/${entry.id}`;
        const sent = await sendAll(ctx, [...to.values()], (p) =>
          reviewDueMail({ title: entry.title, marking, reviewDueOn: entry.reviewDueOn! }, url, p.name),
        );
        await ctx.db.transaction((tx) =>
          recordAudit(tx, ctx, {
            action: 'classification.review_remind',
            tenantId: entry.tenantId,
            targetId: entry.id,
            actorLabel: 'job',
            after: { reviewDueOn: entry.reviewDueOn, recipients: to.size, sent },
          }),
        );
      }
    }
  },
});

/** Tells each requester once that their approval has expired (claimed before the mail, like above). */
export const expiryNoticesJob = defineJob({
  name: 'classification.expiry-notices',
  payload: z.object({}),
  handler: async (ctx: Ctx) => {
    for (;;) {
      const now = new Date();
      const ids = rowsOf<{ id: string }>(
        await ctx.db.execute(sql`
          update handling_requests set expiry_notified_at = ${now}
          where id in (
            select id from handling_requests
            where status = 'approved' and valid_until <= ${now} and expiry_notified_at is null
            order by id limit ${BATCH} for update skip locked)
          returning id`),
      ).map((r) => r.id);
      if (ids.length === 0) break;
      const rows = await ctx.db.select().from(handlingRequests).where(inArray(handlingRequests.id, ids));
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
        const sent = await sendAll(ctx, to, (p) => decisionMail(ref, 'expired', null, url, p.name));
        await ctx.db.transaction((tx) =>
          recordAudit(tx, ctx, {
            action: 'classification.request_expire',
            tenantId: req.tenantId,
            targetId: req.id,
            actorLabel: 'job',
            after: { validUntil: req.validUntil.toISOString(), sent },
          }),
        );
      }
    }
  },
});

/** This module's background jobs (listed in server/jobs/registry.ts). */
export const MODULE_JOBS: AnyJob[] = [reviewRemindersJob, expiryNoticesJob];
export const MODULE_RECURRING: Recurring[] = [
  { def: reviewRemindersJob, everySeconds: 3600 },
  { def: expiryNoticesJob, everySeconds: 3600 },
];
