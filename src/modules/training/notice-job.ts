import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { rowsOf } from '../../db/client.js';
import type { Ctx } from '../../server/context.js';
import { defineJob } from '../../server/jobs/queue.js';

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
 * Mails the assignment notice to everyone assigned the course who has not had one. Each assignment is
 * claimed (notice_sent_at set) before its mail goes out, so a retry never mails anyone twice.
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
        title: string;
        name: string;
        email: string | null;
        due_on: string | null;
      }>(
        await ctx.db.execute(sql`
          with claimed as (
            update training_assignments set notice_sent_at = now()
            where id in (
              select id from training_assignments
              where course_id = ${p.courseId} and notice_sent_at is null and completed_at is null
              order by id limit ${BATCH} for update skip locked)
            returning id, person_id, course_id, due_on)
          select c.id, co.title, pe.name, pe.email, c.due_on::text as due_on
          from claimed c join people pe on pe.id = c.person_id join training_courses co on co.id = c.course_id`),
      );
      if (batch.length === 0) break;
      for (const r of batch) {
        if (!r.email) continue;
        try {
          await ctx.env.mailer.send({ to: r.email, ...noticeMail(r, r.name, r.due_on, url) });
          sent++;
        } catch {
          failed++;
        }
      }
      await job.progress({
        done: sent + failed,
        total: sent + failed,
        note: `${sent} sent, ${failed} failed`,
      });
    }
  },
});
