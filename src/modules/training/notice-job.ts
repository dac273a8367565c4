import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { pgArray, rowsOf } from '../../db/client.js';
import type { Ctx } from '../../server/context.js';
import { defineJob } from '../../server/jobs/queue.js';
import { mailAssignees } from './assignee-mail.js';

const BATCH = 200;

export function noticeMail(c: { title: string }, name: string, dueOn: string | null, url: string) {
  return {
    subject: `【情報セキュリティ研修】受講のお願い：${c.title} / Training assigned`,
    text: [
      `${name} 様`,
      '',
      `情報セキュリティ研修「${c.title}」の受講対象になりました。`,
      dueOn
        ? `${dueOn} までに受講し、確認テストに合格してください。`
        : '受講し、確認テストに合格してください。',
      url,
      '',
      '---',
      `You have been assigned the security training "${c.title}".`,
      `${dueOn ? `Please complete it and pass its test by ${dueOn}: ` : 'Please complete it and pass its test: '}${url}`,
    ].join('\n'),
  };
}

/**
 * Mails the assignment notice to everyone assigned the course who has not had one. Each mail is claimed
 * per (course, assignment) by sendBatch before it goes out, and notice_sent_at is set after, so neither
 * a retry nor a worker that took the job over mails anyone twice; a missing address is listed as failed.
 */
export const assignmentNoticeJob = defineJob({
  name: 'training.assignment-notice',
  payload: z.object({ courseId: z.uuid() }),
  maxAttempts: 5,
  handler: async (ctx: Ctx, p, job) => {
    const url = `${ctx.config.publicUrl}/training`;
    let sent = 0;
    let failed = 0;
    for (;;) {
      const batch = rowsOf<{
        id: string;
        tenant_id: string;
        person_id: string;
        unit_id: string;
        title: string;
        name: string;
        email: string | null;
        due_on: string | null;
      }>(
        await ctx.db.execute(sql`
          select a.id, a.tenant_id, pe.id as person_id, pe.unit_id, co.title, pe.name, pe.email,
            a.due_on::text as due_on
          from training_assignments a join people pe on pe.id = a.person_id
            join training_courses co on co.id = a.course_id
          where a.course_id = ${p.courseId} and a.notice_sent_at is null and a.completed_at is null
          order by a.id limit ${BATCH}`),
      );
      if (batch.length === 0) break;
      const res = await mailAssignees(
        ctx,
        { tenantId: batch[0]!.tenant_id, purpose: 'training.notice', occasion: p.courseId },
        batch,
        (r) => noticeMail(r, r.name, r.due_on, url),
        job,
      );
      sent += res.sent;
      failed += res.failed;
      await ctx.db.execute(sql`
        update training_assignments set notice_sent_at = now()
        where id = any(${pgArray(batch.map((r) => r.id))}::uuid[]) and notice_sent_at is null`);
      await job.progress({
        done: sent + failed,
        total: sent + failed,
        note: `${sent} sent, ${failed} failed`,
      });
    }
  },
});
