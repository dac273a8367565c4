import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { pgArray, rowsOf } from '../../db/client.js';
import type { Ctx } from '../../server/context.js';
import { defineJob } from '../../server/jobs/queue.js';
import { recordAudit } from '../audit/service.js';
import { assignCourse } from '../training/assignment-service.js';
import { drillRecipients, drills } from './schema.js';

const CHUNK = 1000;

/**
 * Assigns the drill's follow-up course to everyone who clicked the link or opened the attachment
 * (events not flagged as scanners) and has not had it yet (000 L975-1000: フォローアップ研修).
 * Idempotent: recipients are marked, and assignCourse skips open assignments.
 */
export async function assignFollowUp(ctx: Ctx, drillId: string, courseId?: string | null) {
  const [d] = await ctx.db.select().from(drills).where(eq(drills.id, drillId));
  const course = courseId ?? d?.followUpCourseId;
  if (!d || !course) return { assigned: 0, alreadyAssigned: 0, people: 0 };
  let assigned = 0;
  let alreadyAssigned = 0;
  let total = 0;
  for (;;) {
    const due = rowsOf<{ id: number | string; person_id: string }>(
      await ctx.db.execute(sql`
        select r.id, r.person_id from drill_recipients r
        where r.drill_id = ${drillId} and r.follow_up_at is null
          and exists (select 1 from drill_events e where e.recipient_id = r.id
                      and e.kind in ('click', 'attachment') and not e.flagged)
        order by r.id limit ${CHUNK}`),
    );
    if (due.length === 0) break;
    await ctx.db.transaction(async (tx) => {
      const res = await assignCourse(tx, ctx, {
        courseId: course,
        personIds: due.map((r) => r.person_id),
        source: { kind: 'drill_followup', id: drillId },
      });
      assigned += res.assigned;
      alreadyAssigned += res.alreadyAssigned;
      await tx
        .update(drillRecipients)
        .set({ followUpAt: new Date() })
        .where(sql`${drillRecipients.id} = any(${pgArray(due.map((r) => Number(r.id)))}::bigint[])`);
      await recordAudit(tx, ctx, {
        action: 'drill.follow_up',
        tenantId: d.tenantId,
        targetId: d.id,
        ...(ctx.actor ? {} : { actorLabel: 'job' }),
        after: { courseId: course, people: due.length, assigned: res.assigned },
      });
    });
    total += due.length;
  }
  return { assigned, alreadyAssigned, people: total };
}

export const followUpJob = defineJob({
  name: 'drills.follow-up',
  payload: z.object({ drillId: z.uuid() }),
  handler: async (ctx, p) => {
    await assignFollowUp(ctx, p.drillId);
  },
});
