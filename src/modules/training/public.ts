import { sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../../db/client.js';
import type { TrainingAnnual } from '../report/figures-model.js';
import { completionFigures, latestAssignmentsSql } from './completion-figures.js';

// What other modules may know of training: the fiscal year's completion figures for the annual report
// and the statement to the central body (教育, 000 L1272-1348; 001 L4252-4282 item (1)).

/** The completion page, filtered to the course and year (the report links every figure to it). */
export const completionLink = (courseId: string, fiscalYear: number) =>
  `/training/report?course=${encodeURIComponent(courseId)}&fy=${fiscalYear}`;

/**
 * Completion of every course assigned in the fiscal year, over the whole agency, counted exactly as the
 * completion report counts it (each person's latest assignment of that year; people who left excluded).
 * By metric group where the course was assigned by a role rule: a person counts in the group of each
 * rule role they hold. Null when nothing was assigned that year.
 */
export async function annualFigures(
  db: Db,
  tenantId: string,
  fiscalYear: number,
): Promise<TrainingAnnual | null> {
  const courses = rowsOf<{ id: string; title: string }>(
    await db.execute(sql`
      select c.id, c.title from training_courses c
      where c.tenant_id = ${tenantId}
        and exists (select 1 from training_assignments a where a.course_id = c.id and a.fiscal_year = ${fiscalYear})
      order by c.created_at, c.id`),
  );
  const out: TrainingAnnual['courses'] = [];
  for (const c of courses) {
    const [total] = rowsOf<{ assigned: number; completed: number }>(
      await db.execute(sql`
        select count(*)::int as assigned, count(completed_at)::int as completed
        from (${latestAssignmentsSql(c.id, fiscalYear, sql`p.tenant_id = ${tenantId}`, sql`a.completed_at`)}) x`),
    );
    if (!total || total.assigned === 0) continue;
    out.push({
      courseId: c.id,
      title: c.title,
      ...completionFigures(total.assigned, total.completed),
      groups: await byMetricGroup(db, tenantId, c.id, fiscalYear),
      link: completionLink(c.id, fiscalYear),
    });
  }
  if (out.length === 0) return null;
  const assigned = out.reduce((n, c) => n + c.assigned, 0);
  const completed = out.reduce((n, c) => n + c.completed, 0);
  return { courses: out, overall: completionFigures(assigned, completed) };
}

/** Assigned / completed per metric group of the roles named by the rules that assigned the course. */
async function byMetricGroup(db: Db, tenantId: string, courseId: string, fiscalYear: number) {
  const latest = latestAssignmentsSql(
    courseId,
    fiscalYear,
    sql`p.tenant_id = ${tenantId}`,
    sql`a.person_id, a.source_kind, a.source_id, a.completed_at`,
  );
  const rows = rowsOf<{ grp: string; assigned: number; completed: number }>(
    await db.execute(sql`
      select ro.metric_group as grp, count(distinct x.person_id)::int as assigned,
        count(distinct x.person_id) filter (where x.completed_at is not null)::int as completed
      from (${latest}) x
        join training_rules tr on x.source_kind = 'rule' and tr.id = x.source_id
        join roles ro on ro.tenant_id = ${tenantId} and ro.metric_group is not null
          and tr.role_keys @> jsonb_build_array(ro.key)
      where exists (select 1 from role_assignments ra where ra.person_id = x.person_id and ra.role_id = ro.id)
      group by ro.metric_group order by ro.metric_group`),
  );
  return Object.fromEntries(rows.map((r) => [r.grp, completionFigures(r.assigned, r.completed)]));
}
