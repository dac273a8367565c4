import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { pgArray, rowsOf } from '../../db/client.js';
import { todayInJapan } from '../../lib/dates.js';
import type { Ctx } from '../../server/context.js';
import { defineJob, enqueue } from '../../server/jobs/queue.js';
import { sendBatch } from '../../server/mail-batch.js';
import { withinSubtree } from '../../server/policy.js';
import { recordAudit } from '../audit/service.js';
import { campaignMembers, campaigns } from './schema.js';

const BATCH = 200;

/** The reminder text, in Japanese then English (one mail per person, whatever roles they answer for). */
export function reminderMail(c: { title: string; endsOn: string }, name: string, url: string) {
  return {
    subject: `【自己点検】未提出のお知らせ：${c.title} / Self-check reminder`,
    text: [
      `${name} 様`,
      '',
      `自己点検「${c.title}」の回答がまだ提出されていません。`,
      `締切は ${c.endsOn} です。次の画面から回答・提出してください。`,
      url,
      '',
      '長期休業などで対象外の場合は、所属の課室情報セキュリティ責任者にお知らせください。',
      '',
      '---',
      `Your answers to the self-check "${c.title}" have not been submitted yet.`,
      `The deadline is ${c.endsOn}. Please answer and submit here: ${url}`,
    ].join('\n'),
  };
}

/**
 * Mails every in-scope non-submitter (of one unit's subtree, or all). Safe to retry after a crash or
 * a lost lease: each mail is claimed per (campaign, request, person) by sendBatch before it goes out,
 * and whoever was reminded after the request was made is skipped.
 */
export const remindJob = defineJob({
  name: 'selfcheck.remind',
  payload: z.object({
    campaignId: z.uuid(),
    unitPath: z.string().nullable(),
    requestedAt: z.iso.datetime(),
    requestedBy: z.string(),
  }),
  maxAttempts: 5,
  handler: async (ctx: Ctx, p, job) => {
    const [c] = await ctx.db.select().from(campaigns).where(eq(campaigns.id, p.campaignId));
    if (c?.state !== 'open' || c.membersPending) return;
    const since = new Date(p.requestedAt);
    const url = `${ctx.config.publicUrl}/selfcheck`;
    const due = () =>
      ctx.db.execute(sql`
        select p.id as person_id, p.name, p.email, array_agg(m.id) as member_ids,
          (array_agg(m.unit_id order by m.unit_path))[1] as unit_id
        from campaign_members m join people p on p.id = m.person_id
        where m.campaign_id = ${c.id} and m.in_scope and m.state <> 'submitted'
          and (m.last_reminded_at is null or m.last_reminded_at < ${since})
          and p.email is not null and p.status <> 'left'
          ${p.unitPath ? sql`and ${withinSubtree(sql`m.unit_path`, p.unitPath)}` : sql``}
        group by p.id, p.name, p.email
        order by p.id
        limit ${BATCH}`);
    let sent = 0;
    let failed = 0;
    const occasion = `${c.id}:${p.requestedAt}`;
    for (;;) {
      const batch = rowsOf<{
        person_id: string;
        name: string;
        email: string;
        member_ids: string[];
        unit_id: string;
      }>(await due());
      if (batch.length === 0) break;
      const res = await sendBatch(
        ctx,
        { tenantId: c.tenantId, purpose: 'selfcheck.remind', occasion },
        batch.map((r) => ({
          key: r.person_id,
          personId: r.person_id,
          name: r.name,
          unitId: r.unit_id,
          email: r.email,
          ...reminderMail(c, r.name, url),
        })),
        job,
      );
      sent += res.sent;
      failed += res.failed;
      // Marked even when the relay refused (the office sees the failure), so one bad address cannot stall the run.
      await ctx.db
        .update(campaignMembers)
        .set({ lastRemindedAt: new Date() })
        .where(sql`${campaignMembers.id} = any(${pgArray(batch.flatMap((r) => r.member_ids))}::uuid[])`);
      await job.progress({
        done: sent + failed,
        total: sent + failed,
        note: `${sent} sent, ${failed} failed`,
      });
    }
    await ctx.db.transaction((tx) =>
      recordAudit(tx, ctx, {
        action: 'selfcheck.remind',
        tenantId: c.tenantId,
        targetId: c.id,
        actorLabel: `job (${p.requestedBy})`,
        after: { unitPath: p.unitPath, sent, failed },
      }),
    );
  },
});

/** Daily (09:00 JST): for open campaigns with a reminder interval, queue a run when one is due (one instance wins). */
export const scheduledRemindersJob = defineJob({
  name: 'selfcheck.scheduled-reminders',
  payload: z.object({}),
  handler: async (ctx: Ctx) => {
    const now = new Date();
    const today = todayInJapan(now);
    const open = await ctx.db
      .select()
      .from(campaigns)
      .where(
        and(
          eq(campaigns.state, 'open'),
          eq(campaigns.membersPending, false),
          sql`${campaigns.reminderEveryDays} is not null`,
          sql`${campaigns.endsOn} >= ${today}`,
        ),
      );
    for (const c of open) {
      const dueBefore = new Date(now.getTime() - c.reminderEveryDays! * 86_400_000 + 60_000);
      const won = await ctx.db
        .update(campaigns)
        .set({ lastReminderAt: now })
        .where(
          and(
            eq(campaigns.id, c.id),
            or(isNull(campaigns.lastReminderAt), lt(campaigns.lastReminderAt, dueBefore)),
          ),
        )
        .returning({ id: campaigns.id });
      if (won.length) {
        await enqueue(
          ctx.db,
          remindJob,
          { campaignId: c.id, unitPath: null, requestedAt: now.toISOString(), requestedBy: 'schedule' },
          { singletonKey: `selfcheck.remind:${c.id}:*` },
        );
      }
    }
  },
});
