import { and, asc, eq, isNull, type SQL, sql } from 'drizzle-orm';
import { rowsOf } from '../../db/client.js';
import { writeXlsx, XLSX_TYPE } from '../../lib/tabular.js';
import type { ActorCtx } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import { authorize, can, escapeLike, inScope, scopeRoots } from '../../server/policy.js';
import { orgUnits } from '../org/schema.js';
import { loadCourse } from './course-service.js';
import { today } from './learner-service.js';
import { completionOverQuarters, completionRate, quartersBetween } from './rules.js';
import { trainingCourses } from './schema.js';
import type {
  CompletionOut,
  PeopleStatusQuery,
  PersonStatusOut,
  QuarterlyOut,
  TrainingSummaryOut,
} from './validation.js';

type Unit = typeof orgUnits.$inferSelect;

/** The unit to report on: the one asked for (within training.view scope), else the caller's widest scope root. */
async function reportUnit(ctx: ActorCtx, unitId: string | undefined): Promise<Unit> {
  authorize(ctx.actor, 'training.view');
  let unit: Unit | undefined;
  if (unitId) {
    [unit] = await ctx.db
      .select()
      .from(orgUnits)
      .where(and(eq(orgUnits.id, unitId), eq(orgUnits.tenantId, ctx.actor.tenantId)));
  } else {
    const root = scopeRoots(ctx.actor, 'training.view')[0]!;
    [unit] = await ctx.db
      .select()
      .from(orgUnits)
      .where(and(eq(orgUnits.path, root), eq(orgUnits.tenantId, ctx.actor.tenantId)));
  }
  if (!unit) throw new AppError('not_found');
  authorize(ctx.actor, 'training.view', { tenantId: unit.tenantId, unitPath: unit.path }, { hide: true });
  return unit;
}

/**
 * Each person's latest assignment of the course (a person assigned again after a drill counts once),
 * people who left excluded, limited to a unit's subtree and to the caller's scope.
 */
function latestAssignments(ctx: ActorCtx, courseId: string, unitPath: string, extra: SQL = sql``) {
  return sql`
    with latest as (
      select distinct on (a.person_id) a.*
      from training_assignments a where a.course_id = ${courseId}
      order by a.person_id, a.assigned_at desc)
    select ${extra} from latest a
      join people p on p.id = a.person_id and p.status <> 'left'
      join org_units u on u.id = p.unit_id
    where u.path like ${`${escapeLike(unitPath)}%`} and ${inScope(ctx.actor, 'training.view', sql`u.path`)}`;
}

const figures = (assigned: number, completed: number, overdue: number) => ({
  assigned,
  completed,
  overdue,
  rate: completionRate(assigned, completed),
});

/** Assigned / completed / overdue by child unit (subtree figures), the unit's own members and the total. */
export async function completion(
  ctx: ActorCtx,
  q: { courseId: string; unitId?: string | undefined },
): Promise<CompletionOut> {
  const unit = await reportUnit(ctx, q.unitId);
  const course = await loadCourse(ctx.db, ctx.actor.tenantId, q.courseId);
  const t = today();
  const rows = rowsOf<{ path: string; assigned: number; completed: number; overdue: number }>(
    await ctx.db.execute(sql`
      select path, count(*)::int as assigned, count(completed_at)::int as completed,
        count(*) filter (where completed_at is null and due_on < ${t})::int as overdue
      from (${latestAssignments(ctx, course.id, unit.path, sql`u.path, a.completed_at, a.due_on`)}) x
      group by path`),
  );
  const children = await ctx.db
    .select({
      id: orgUnits.id,
      code: orgUnits.code,
      name: orgUnits.nameJa,
      path: orgUnits.path,
      sortOrder: orgUnits.sortOrder,
      hasChildren: sql<boolean>`exists (select 1 from org_units c where c.parent_id = "org_units"."id")`,
    })
    .from(orgUnits)
    .where(and(eq(orgUnits.parentId, unit.id), isNull(orgUnits.abolishedAt)))
    .orderBy(asc(orgUnits.sortOrder), asc(orgUnits.code));
  const sum = (pred: (path: string) => boolean) => {
    let a = 0;
    let c = 0;
    let o = 0;
    for (const r of rows) {
      if (!pred(r.path)) continue;
      a += r.assigned;
      c += r.completed;
      o += r.overdue;
    }
    return figures(a, c, o);
  };
  return {
    course: { id: course.id, title: course.title },
    unit: { id: unit.id, name: unit.nameJa },
    total: sum(() => true),
    direct: sum((p) => p === unit.path),
    units: children
      .map((c) => ({
        unitId: c.id,
        name: c.name,
        code: c.code,
        hasChildren: c.hasChildren,
        ...sum((p) => p.startsWith(c.path)),
      }))
      .filter((c) => c.assigned > 0 || c.hasChildren),
  };
}

/** Completion at the end of each fiscal quarter (Q1 = Apr–Jun), for the unit and each child unit. */
export async function quarterly(
  ctx: ActorCtx,
  q: { courseId: string; unitId?: string | undefined; from?: string | undefined; to?: string | undefined },
): Promise<QuarterlyOut> {
  const unit = await reportUnit(ctx, q.unitId);
  const course = await loadCourse(ctx.db, ctx.actor.tenantId, q.courseId);
  // Every assignment (not only the latest): a quarter counts each person's latest as of its end.
  const rows = rowsOf<{ person_id: string; path: string; assigned_on: string; completed_on: string | null }>(
    await ctx.db.execute(sql`
      select a.person_id, u.path,
        (a.assigned_at at time zone 'Asia/Tokyo')::date::text as assigned_on,
        (a.completed_at at time zone 'Asia/Tokyo')::date::text as completed_on
      from training_assignments a
        join people p on p.id = a.person_id and p.status <> 'left'
        join org_units u on u.id = p.unit_id
      where a.course_id = ${course.id} and u.path like ${`${escapeLike(unit.path)}%`}
        and ${inScope(ctx.actor, 'training.view', sql`u.path`)}`),
  );
  const to = q.to ?? today();
  const first = rows.reduce((m, r) => (r.assigned_on < m ? r.assigned_on : m), to);
  const quarters = quartersBetween(q.from ?? first, to).slice(-40);
  const mapped = rows.map((r) => ({
    personId: r.person_id,
    path: r.path,
    assignedOn: r.assigned_on,
    completedOn: r.completed_on,
  }));
  const children = await ctx.db
    .select({ id: orgUnits.id, name: orgUnits.nameJa, path: orgUnits.path })
    .from(orgUnits)
    .where(and(eq(orgUnits.parentId, unit.id), isNull(orgUnits.abolishedAt)))
    .orderBy(asc(orgUnits.sortOrder), asc(orgUnits.code));
  return {
    course: { id: course.id, title: course.title },
    unit: { id: unit.id, name: unit.nameJa },
    quarters: completionOverQuarters(mapped, quarters),
    units: children
      .map((c) => ({
        unitId: c.id,
        name: c.name,
        quarters: completionOverQuarters(
          mapped.filter((m) => m.path.startsWith(c.path)),
          quarters,
        ),
      }))
      .filter((c) => c.quarters.some((x) => x.assigned > 0)),
  };
}

/** The status of an assignment in SQL, mirroring rules.assignmentStatus. */
const statusSql = (t: string) => sql`case
  when a.completed_at is not null then 'completed'
  when a.due_on < ${t} then 'overdue'
  when exists (select 1 from training_attempts x where x.assignment_id = a.id and x.state = 'submitted') then 'in_progress'
  else 'not_started' end`;

const personColumns = (t: string) => sql`
  a.id as assignment_id, p.id as person_id, p.staff_no, p.name, u.id as unit_id, u.name_ja as unit_name,
  a.assigned_at, a.due_on::text as due_on, a.completed_at, a.completed_via,
  ${statusSql(t)} as status,
  (select count(*)::int from training_attempts x where x.assignment_id = a.id and x.state = 'submitted') as attempts,
  (select max(x.score)::int from training_attempts x where x.assignment_id = a.id) as best_score`;

interface PersonRow {
  assignment_id: string;
  person_id: string;
  staff_no: string;
  name: string;
  unit_id: string;
  unit_name: string;
  assigned_at: string | Date;
  due_on: string | null;
  completed_at: string | Date | null;
  completed_via: 'test' | 'classroom' | null;
  status: PersonStatusOut['status'];
  attempts: number;
  best_score: number | null;
}

const iso = (v: string | Date) => new Date(v).toISOString();

function presentPerson(r: PersonRow): PersonStatusOut {
  return {
    assignmentId: r.assignment_id,
    personId: r.person_id,
    staffNo: r.staff_no,
    name: r.name,
    unitId: r.unit_id,
    unitName: r.unit_name,
    assignedAt: iso(r.assigned_at),
    dueOn: r.due_on,
    status: r.status,
    completedAt: r.completed_at ? iso(r.completed_at) : null,
    completedVia: r.completed_via,
    attempts: r.attempts,
    bestScore: r.best_score,
  };
}

async function peopleRows(
  ctx: ActorCtx,
  q: Omit<PeopleStatusQuery, 'page' | 'pageSize'>,
  limit?: { page: number; pageSize: number },
) {
  const unit = await reportUnit(ctx, q.unitId);
  const course = await loadCourse(ctx.db, ctx.actor.tenantId, q.courseId);
  const t = today();
  const inner = latestAssignments(ctx, course.id, unit.path, personColumns(t));
  const filters: SQL[] = [sql`true`];
  if (q.status) filters.push(sql`status = ${q.status}`);
  if (q.q) {
    const like = `%${escapeLike(q.q)}%`;
    filters.push(sql`(name ilike ${like} or staff_no ilike ${like})`);
  }
  const where = sql.join(filters, sql` and `);
  const [total] = rowsOf<{ n: number }>(
    await ctx.db.execute(sql`select count(*)::int as n from (${inner}) x where ${where}`),
  );
  const page = limit
    ? sql`limit ${limit.pageSize} offset ${(limit.page - 1) * limit.pageSize}`
    : sql`limit 300000`;
  const rows = rowsOf<PersonRow>(
    await ctx.db.execute(sql`select * from (${inner}) x where ${where} order by unit_name, staff_no ${page}`),
  );
  return { course, unit, total: total?.n ?? 0, items: rows.map(presentPerson) };
}

export async function peopleStatus(ctx: ActorCtx, q: PeopleStatusQuery) {
  const r = await peopleRows(ctx, q, { page: q.page, pageSize: q.pageSize });
  return { total: r.total, page: q.page, pageSize: q.pageSize, items: r.items };
}

const STATUS_JA: Record<PersonStatusOut['status'], string> = {
  not_started: '未受講',
  in_progress: '受講中（未合格）',
  completed: '修了',
  overdue: '期限超過',
};

export async function exportCompletion(ctx: ActorCtx, q: { courseId: string; unitId?: string | undefined }) {
  const r = await peopleRows(ctx, q);
  const body = await writeXlsx(
    '受講状況',
    ['職員番号', '氏名', '所属', '割当日', '期限', '状況', '修了日', '修了方法', '受験回数', '最高点'],
    r.items.map((p) => [
      p.staffNo,
      p.name,
      p.unitName,
      p.assignedAt.slice(0, 10),
      p.dueOn,
      STATUS_JA[p.status],
      p.completedAt?.slice(0, 10) ?? null,
      p.completedVia === 'test' ? '確認テスト' : p.completedVia === 'classroom' ? '集合研修' : null,
      p.attempts,
      p.bestScore,
    ]),
  );
  return { body, type: XLSX_TYPE, filename: `training-${r.course.id.slice(0, 8)}-${today()}.xlsx` };
}

/** The dashboard card: the caller's own training, and with training.view, each published course in scope. */
export async function summary(ctx: ActorCtx): Promise<TrainingSummaryOut> {
  const t = today();
  const [mine] = rowsOf<{ open: number; overdue: number; completed: number }>(
    await ctx.db.execute(sql`
      select count(*) filter (where a.completed_at is null)::int as open,
        count(*) filter (where a.completed_at is null and a.due_on < ${t})::int as overdue,
        count(a.completed_at)::int as completed
      from training_assignments a join training_courses c on c.id = a.course_id
      where a.person_id = ${ctx.actor.personId} and c.status = 'published'`),
  );
  if (!can(ctx.actor, 'training.view')) return { my: mine!, courses: null };
  const courses = await ctx.db
    .select({ id: trainingCourses.id, title: trainingCourses.title })
    .from(trainingCourses)
    .where(and(eq(trainingCourses.tenantId, ctx.actor.tenantId), eq(trainingCourses.status, 'published')))
    .orderBy(asc(trainingCourses.createdAt));
  const out: NonNullable<TrainingSummaryOut['courses']> = [];
  for (const c of courses) {
    const [r] = rowsOf<{ assigned: number; completed: number; overdue: number }>(
      await ctx.db.execute(sql`
        select count(*)::int as assigned, count(completed_at)::int as completed,
          count(*) filter (where completed_at is null and due_on < ${t})::int as overdue
        from (${latestAssignments(ctx, c.id, '/', sql`a.completed_at, a.due_on`)}) x`),
    );
    out.push({ courseId: c.id, title: c.title, ...figures(r!.assigned, r!.completed, r!.overdue) });
  }
  return { my: mine!, courses: out };
}
