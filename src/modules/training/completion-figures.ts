import { type SQL, sql } from 'drizzle-orm';
import { completionRate } from './rules.js';

// The one definition of "who counts" in a course's completion for a fiscal year, shared by the
// completion report (an actor's subtrees) and the annual figures (the whole agency).

/**
 * Each person's latest assignment of the course in a fiscal year (a person assigned again after a
 * drill counts once), people who left excluded. `unitWhere` limits the people's units (alias u);
 * `extra` is the select list (aliases a: assignment, p: person, u: unit).
 */
export function latestAssignmentsSql(courseId: string, fiscalYear: number, unitWhere: SQL, extra: SQL) {
  return sql`
    with latest as (
      select distinct on (a.person_id) a.*
      from training_assignments a where a.course_id = ${courseId} and a.fiscal_year = ${fiscalYear}
      order by a.person_id, a.assigned_at desc)
    select ${extra} from latest a
      join people p on p.id = a.person_id and p.status <> 'left'
      join org_units u on u.id = p.unit_id
    where ${unitWhere}`;
}

export const completionFigures = (assigned: number, completed: number) => ({
  assigned,
  completed,
  rate: completionRate(assigned, completed),
});
