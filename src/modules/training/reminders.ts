import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { rowsOf } from '../../db/client.js';
import type { ActorCtx, Ctx } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import { defineJob, enqueue, type JobHandle } from '../../server/jobs/queue.js';
import { authorize, authorizeTenantWide, withinSubtree } from '../../server/policy.js';
import { recordAudit } from '../audit/service.js';
import { orgUnits } from '../org/schema.js';
import { mailAssignees } from './assignee-mail.js';
import { loadCourse } from './course-service.js';
import { trainingCourses } from './schema.js';

const BATCH = 200;

export function reminderMail(c: { title: string }, name: string, dueOn: string | null, url: string) {
  return {
    subject: `【情報セキュリティ研修】受講のお願い（督促）：${c.title} / Training reminder`,
    text: [
      `${name} 様`,
      '',
      `情報セキュリティ研修「${c.title}」の受講がまだ完了していません。`,
      dueOn ? `期限は ${dueOn} です。` : '',
      '次の画面から受講し、確認テストに合格してください（何度でも受け直せます）。',
      url,
      '',
      '---',
      `You have not yet completed the security training "${c.title}".${dueOn ? ` It is due on ${dueOn}.` : ''}`,
      `Please take it and pass its test (retakes are unlimited): ${url}`,
    ]
      .filter((l, i, a) => l !== '' || a[i - 1] !== '')
      .join('\n'),
  };
}

/**
 * Mails everyone with an open assignment of the course matching `where`, once per `threshold`: each
 * mail is claimed per (course, threshold, assignment) by sendBatch before it goes out, so a retried,
 * concurrent or taken-over run never mails the same person twice for the same threshold. Assignments
 * are walked in id order (keyset), so those already reminded are passed over in bulk.
 */
async function remindOnce(
  ctx: Ctx,
  course: { id: string; tenantId: string },
  threshold: string,
  where: ReturnType<typeof sql>,
  job: JobHandle | null,
): Promise<{ sent: number; failed: number }> {
  const url = `${ctx.config.publicUrl}/training`;
  let sent = 0;
  let failed = 0;
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const batch = rowsOf<{
      id: string;
      person_id: string;
      unit_id: string;
      title: string;
      name: string;
      email: string;
      due_on: string | null;
    }>(
      await ctx.db.execute(sql`
        select a.id, p.id as person_id, p.unit_id, c.title, p.name, p.email, a.due_on::text as due_on
        from training_assignments a
          join people p on p.id = a.person_id
          join org_units u on u.id = p.unit_id
          join training_courses c on c.id = a.course_id
        where a.course_id = ${course.id} and a.completed_at is null and a.id > ${after}
          -- last year's open assignment, replaced by this year's, is history: nobody is reminded of it
          and not exists (select 1 from training_assignments b where b.person_id = a.person_id
                           and b.course_id = a.course_id and b.fiscal_year > a.fiscal_year)
          and p.email is not null and p.status in ('active', 'long_leave') and ${where}
        order by a.id limit ${BATCH}`),
    );
    if (batch.length === 0) break;
    after = batch[batch.length - 1]!.id;
    const res = await mailAssignees(
      ctx,
      { tenantId: course.tenantId, purpose: 'training.remind', occasion: `${course.id}:${threshold}` },
      batch,
      (r) => reminderMail(r, r.name, r.due_on, url),
      job,
    );
    sent += res.sent;
    failed += res.failed;
  }
  return { sent, failed };
}

/** A reminder run asked for by a training manager (for one unit's subtree, or the whole agency). */
export const remindJob = defineJob({
  name: 'training.remind',
  payload: z.object({
    courseId: z.uuid(),
    unitPath: z.string().nullable(),
    requestedAt: z.iso.datetime(),
    requestedBy: z.string(),
  }),
  maxAttempts: 5,
  handler: async (ctx: Ctx, p, job) => {
    const [c] = await ctx.db.select().from(trainingCourses).where(eq(trainingCourses.id, p.courseId));
    if (c?.status !== 'published') return;
    const res = await remindOnce(
      ctx,
      c,
      `request:${p.requestedAt}`,
      p.unitPath ? withinSubtree(sql`u.path`, p.unitPath) : sql`true`,
      job,
    );
    await job.progress({
      done: res.sent + res.failed,
      total: res.sent + res.failed,
      note: `${res.sent} sent, ${res.failed} failed`,
    });
    await ctx.db.transaction((tx) =>
      recordAudit(tx, ctx, {
        action: 'training.remind',
        tenantId: c.tenantId,
        targetId: c.id,
        actorLabel: `job (${p.requestedBy})`,
        after: { unitPath: p.unitPath, ...res },
      }),
    );
  },
});

export async function requestReminders(ctx: ActorCtx, courseId: string, unitId: string | null) {
  authorize(ctx.actor, 'training.manage');
  const course = await loadCourse(ctx.db, ctx.actor.tenantId, courseId);
  if (course.status !== 'published') throw new AppError('invalid_state');
  let unitPath: string | null = null;
  if (unitId) {
    const [u] = await ctx.db
      .select()
      .from(orgUnits)
      .where(and(eq(orgUnits.id, unitId), eq(orgUnits.tenantId, ctx.actor.tenantId)));
    if (!u) throw new AppError('not_found');
    authorize(ctx.actor, 'training.manage', { tenantId: u.tenantId, unitPath: u.path }, { hide: true });
    unitPath = u.path;
  } else {
    authorizeTenantWide(ctx.actor, 'training.manage');
  }
  return ctx.db.transaction(async (tx) => {
    const jobId = await enqueue(
      tx,
      remindJob,
      { courseId, unitPath, requestedAt: new Date().toISOString(), requestedBy: ctx.actor.login },
      {
        singletonKey: `training.remind:${courseId}:${unitPath ?? '*'}`,
        owner: { tenantId: course.tenantId, accountId: ctx.actor.accountId },
      },
    );
    await recordAudit(tx, ctx, {
      action: 'training.remind',
      tenantId: course.tenantId,
      targetId: courseId,
      after: { unitPath, jobId, alreadyQueued: jobId === null },
    });
    return { jobId, alreadyQueued: jobId === null };
  });
}

/**
 * Daily: mails anyone whose assignment is still incomplete `reminderAfterDays` after it was made
 * (002 L644: a month after notice), once per assignment and threshold.
 */
export const dueRemindersJob = defineJob({
  name: 'training.due-reminders',
  payload: z.object({}),
  handler: async (ctx: Ctx, _p, job) => {
    const courses = await ctx.db
      .select()
      .from(trainingCourses)
      .where(eq(trainingCourses.status, 'published'));
    for (const c of courses) {
      const cutoff = new Date(Date.now() - c.reminderAfterDays * 86_400_000);
      const res = await remindOnce(
        ctx,
        c,
        `after:${c.reminderAfterDays}d`,
        sql`a.assigned_at <= ${cutoff}`,
        job,
      );
      if (res.sent + res.failed > 0) {
        await ctx.db.transaction((tx) =>
          recordAudit(tx, ctx, {
            action: 'training.remind',
            tenantId: c.tenantId,
            targetId: c.id,
            actorLabel: 'job (schedule)',
            after: { afterDays: c.reminderAfterDays, ...res },
          }),
        );
      }
    }
  },
});
