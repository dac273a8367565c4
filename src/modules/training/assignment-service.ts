import { and, eq, ne, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { pgArray, rowsOf } from '../../db/client.js';
import { fiscalYearOf } from '../../lib/dates.js';
import type { ActorCtx, Ctx } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import { enqueue } from '../../server/jobs/queue.js';
import { authorize, inScope, withinSubtree } from '../../server/policy.js';
import { recordAudit } from '../audit/service.js';
import { orgUnits, people } from '../org/schema.js';
import { assignmentNoticeJob } from './notice-job.js';
import { type AssignmentSource, type CompletedVia, trainingAssignments, trainingCourses } from './schema.js';

export interface AssignInput {
  courseId: string;
  personIds: string[];
  /** yyyy-mm-dd; null or absent = no due date. */
  dueOn?: string | null;
  source: { kind: AssignmentSource; id?: string | null };
  /** The fiscal year the assignment counts toward; default the current one in Japan. */
  fiscalYear?: number;
}

export const STARTER_KEYS = ['basic', 'division_officer', 'targeted_mail'] as const;
export type StarterKey = (typeof STARTER_KEYS)[number];

/**
 * Assigns a published course to people for a fiscal year, inside the caller's transaction. Idempotent:
 * whoever already has an open (incomplete) assignment of the course in that fiscal year is counted as
 * `alreadyAssigned`, not assigned again. The course must belong to the actor's agency (for a system context: the people must belong
 * to the course's agency); people who left are skipped. Authorisation of *who may assign* is the
 * caller's (training.manage for manual assignment, drill.manage for drill follow-ups).
 * Assignment notices are mailed by a job queued in the same transaction.
 */
export async function assignCourse(
  tx: Db,
  ctx: Ctx,
  input: AssignInput,
  opts: { notify?: boolean } = {},
): Promise<{ assigned: number; alreadyAssigned: number }> {
  const [course] = await tx.select().from(trainingCourses).where(eq(trainingCourses.id, input.courseId));
  if (!course || (ctx.actor && course.tenantId !== ctx.actor.tenantId)) throw new AppError('not_found');
  if (course.status !== 'published') {
    throw new AppError('invalid_state', {
      detail: {
        ja: '公開中の研修コースだけを割り当てられます。',
        en: 'Only a published course can be assigned.',
      },
    });
  }
  const ids = [...new Set(input.personIds)];
  if (ids.length === 0) return { assigned: 0, alreadyAssigned: 0 };
  const found = await tx
    .select({ id: people.id, status: people.status })
    .from(people)
    .where(and(eq(people.tenantId, course.tenantId), sql`${people.id} = any(${pgArray(ids)}::uuid[])`));
  if (found.length !== ids.length) throw new AppError('not_found');
  const eligible = found.filter((p) => p.status !== 'left').map((p) => p.id);
  const fiscalYear = input.fiscalYear ?? fiscalYearOf(new Date());
  // One array parameter per statement (not six parameters per row): assigning a 300,000-person agency
  // stays a handful of statements. An open assignment of the same course is kept (the partial unique index).
  let assigned = 0;
  const CHUNK = 10_000;
  for (let i = 0; i < eligible.length; i += CHUNK) {
    const rows = rowsOf(
      await tx.execute(sql`
        insert into ${trainingAssignments} (tenant_id, course_id, person_id, fiscal_year, due_on, source_kind, source_id)
        select ${course.tenantId}, ${course.id}, p, ${fiscalYear}::int, ${input.dueOn ?? null}::date, ${input.source.kind},
          ${input.source.id ?? null}::uuid
        from unnest(${pgArray(eligible.slice(i, i + CHUNK))}::uuid[]) as p
        on conflict do nothing
        returning id`),
    );
    assigned += rows.length;
  }
  const result = { assigned, alreadyAssigned: eligible.length - assigned };
  await recordAudit(tx, ctx, {
    action: 'training.assign',
    tenantId: course.tenantId,
    targetId: course.id,
    after: {
      source: { kind: input.source.kind, id: input.source.id ?? null },
      dueOn: input.dueOn ?? null,
      fiscalYear,
      ...result,
      skippedLeft: found.length - eligible.length,
      personIds: ids.length <= 50 ? ids : undefined,
    },
  });
  if (assigned > 0 && opts.notify !== false) {
    await enqueue(tx, assignmentNoticeJob, { courseId: course.id });
  }
  return result;
}

/**
 * Completes each person's current open assignment of a course: the latest one whose fiscal year is not
 * after the completion day's. Earlier fiscal years' open assignments stay as they were (history: last
 * year's figures do not change when someone catches up this year). Returns the completed ids.
 */
export async function completeOpenAssignments(
  tx: Db,
  input: { courseId: string; personIds: string[]; at: Date; via: CompletedVia },
): Promise<{ id: string; personId: string; fiscalYear: number }[]> {
  if (input.personIds.length === 0) return [];
  const fiscalYear = fiscalYearOf(input.at);
  return rowsOf<{ id: string; person_id: string; fiscal_year: number }>(
    await tx.execute(sql`
      update ${trainingAssignments} set completed_at = ${input.at.toISOString()}::timestamptz,
        completed_via = ${input.via}
      where id in (
        select distinct on (person_id) id from ${trainingAssignments}
        where course_id = ${input.courseId} and person_id = any(${pgArray(input.personIds)}::uuid[])
          and completed_at is null and fiscal_year <= ${fiscalYear}
        order by person_id, fiscal_year desc, assigned_at desc)
      returning id, person_id, fiscal_year`),
  ).map((r) => ({ id: r.id, personId: r.person_id, fiscalYear: r.fiscal_year }));
}

/** The id of a shipped starter course in the agency, or null when it has not been installed. */
export async function starterCourseId(db: Db, tenantId: string, key: StarterKey): Promise<string | null> {
  const [c] = await db
    .select({ id: trainingCourses.id })
    .from(trainingCourses)
    .where(
      and(
        eq(trainingCourses.tenantId, tenantId),
        eq(trainingCourses.key, key),
        ne(trainingCourses.status, 'archived'),
      ),
    );
  return c?.id ?? null;
}

/**
 * Manual assignment by a training manager: named people and/or everyone in named units' subtrees,
 * all within the manager's training.manage scope (anything outside it is "not found").
 */
export async function assignManually(
  ctx: ActorCtx,
  courseId: string,
  body: { personIds: string[]; unitIds: string[]; dueOn: string | null },
) {
  authorize(ctx.actor, 'training.manage');
  return ctx.db.transaction(async (tx) => {
    const ids = new Set<string>();
    if (body.personIds.length) {
      const found = await tx
        .select({ id: people.id })
        .from(people)
        .innerJoin(orgUnits, eq(orgUnits.id, people.unitId))
        .where(
          and(
            eq(people.tenantId, ctx.actor.tenantId),
            sql`${people.id} = any(${pgArray(body.personIds)}::uuid[])`,
            inScope(ctx.actor, 'training.manage', orgUnits.path),
          ),
        );
      if (found.length !== new Set(body.personIds).size) throw new AppError('not_found');
      for (const p of found) ids.add(p.id);
    }
    for (const unitId of body.unitIds) {
      const [u] = await tx
        .select()
        .from(orgUnits)
        .where(and(eq(orgUnits.id, unitId), eq(orgUnits.tenantId, ctx.actor.tenantId)));
      if (!u) throw new AppError('not_found');
      authorize(ctx.actor, 'training.manage', { tenantId: u.tenantId, unitPath: u.path }, { hide: true });
      const members = await tx
        .select({ id: people.id })
        .from(people)
        .innerJoin(orgUnits, eq(orgUnits.id, people.unitId))
        .where(
          and(
            eq(people.tenantId, ctx.actor.tenantId),
            withinSubtree(orgUnits.path, u.path),
            ne(people.status, 'left'),
          ),
        );
      for (const p of members) ids.add(p.id);
    }
    return assignCourse(tx, ctx, {
      courseId,
      personIds: [...ids],
      dueOn: body.dueOn,
      source: { kind: 'manual' },
    });
  });
}
