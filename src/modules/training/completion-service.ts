import { and, asc, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import { rowsOf } from '../../db/client.js';
import { dayInJapan, fiscalYearDays, fiscalYearOf, todayInJapan } from '../../lib/dates.js';
import { writeXlsx, XLSX_TYPE } from '../../lib/tabular.js';
import type { ActorCtx } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import { authorize, can, escapeLike, inScope, scopeRoots, withinSubtree } from '../../server/policy.js';
import { orgUnits } from '../org/schema.js';
import { completionFigures, latestAssignmentsSql } from './completion-figures.js';
import { loadCourse } from './course-service.js';
import { completionOverQuarters, quartersBetween } from './rules.js';
import { type CompletedVia, type OfflineMethod, trainingCourses } from './schema.js';
import type {
  CompletionOut,
  PeopleStatusQuery,
  PersonStatusOut,
  QuarterlyOut,
  TrainingSummaryOut,
} from './validation.js';

type Unit = typeof orgUnits.$inferSelect;

interface ReportScope {
  /** The unit asked for; null when reporting over all the caller's subtrees at once. */
  unit: Unit | null;
  /** The subtrees reported on (one unit, or each of the caller's training.view roots). */
  roots: Unit[];
}

/**
 * What to report on: the unit asked for (within training.view scope), else every subtree the caller
 * holds training.view on (a person may hold it on two divisions: both are reported, nothing else).
 */
async function reportScope(ctx: ActorCtx, unitId: string | undefined): Promise<ReportScope> {
  authorize(ctx.actor, 'training.view');
  if (unitId) {
    const [unit] = await ctx.db
      .select()
      .from(orgUnits)
      .where(and(eq(orgUnits.id, unitId), eq(orgUnits.tenantId, ctx.actor.tenantId)));
    if (!unit) throw new AppError('not_found');
    authorize(ctx.actor, 'training.view', { tenantId: unit.tenantId, unitPath: unit.path }, { hide: true });
    return { unit, roots: [unit] };
  }
  const paths = scopeRoots(ctx.actor, 'training.view');
  const roots = await ctx.db
    .select()
    .from(orgUnits)
    .where(and(inArray(orgUnits.path, paths), eq(orgUnits.tenantId, ctx.actor.tenantId)))
    .orderBy(asc(orgUnits.sortOrder), asc(orgUnits.code));
  if (roots.length === 0) throw new AppError('not_found');
  return { unit: roots.length === 1 ? roots[0]! : null, roots };
}

/** A unit-path column within any of the reported subtrees (and, always, the caller's scope). */
function inReport(ctx: ActorCtx, scope: ReportScope, pathColumn: SQL): SQL {
  const parts = scope.roots.map((r) => withinSubtree(pathColumn, r.path));
  return sql`(${sql.join(parts, sql` or `)}) and ${inScope(ctx.actor, 'training.view', pathColumn)}`;
}

/** An open assignment not replaced by a later fiscal year's assignment of the same course (SQL, alias a). */
export const notSuperseded = sql`not exists (select 1 from training_assignments b
  where b.person_id = a.person_id and b.course_id = a.course_id and b.fiscal_year > a.fiscal_year)`;

/** The fiscal year asked for, else the current one in Japan. */
export const reportYear = (fiscalYear: number | undefined) => fiscalYear ?? fiscalYearOf(new Date());

/** Each person's latest assignment of the course in the fiscal year, within the reported subtrees. */
function latestAssignments(
  ctx: ActorCtx,
  courseId: string,
  scope: ReportScope,
  fiscalYear: number,
  extra: SQL = sql``,
) {
  return latestAssignmentsSql(courseId, fiscalYear, inReport(ctx, scope, sql`u.path`), extra);
}

const figures = (assigned: number, completed: number, overdue: number) => ({
  ...completionFigures(assigned, completed),
  overdue,
});

interface UnitRow {
  id: string;
  code: string;
  name: string;
  path: string;
  hasChildren: boolean;
}

const unitColumns = {
  id: orgUnits.id,
  code: orgUnits.code,
  name: orgUnits.nameJa,
  path: orgUnits.path,
  hasChildren: sql<boolean>`exists (select 1 from org_units c where c.parent_id = "org_units"."id")`,
};

/** The rows a report breaks down by: the unit's children, or the caller's subtrees themselves. */
async function breakdownUnits(ctx: ActorCtx, scope: ReportScope): Promise<UnitRow[]> {
  if (!scope.unit) {
    return ctx.db
      .select(unitColumns)
      .from(orgUnits)
      .where(
        inArray(
          orgUnits.id,
          scope.roots.map((r) => r.id),
        ),
      )
      .orderBy(asc(orgUnits.sortOrder), asc(orgUnits.code));
  }
  return ctx.db
    .select(unitColumns)
    .from(orgUnits)
    .where(and(eq(orgUnits.parentId, scope.unit.id), isNull(orgUnits.abolishedAt)))
    .orderBy(asc(orgUnits.sortOrder), asc(orgUnits.code));
}

const presentScope = (scope: ReportScope) =>
  scope.unit ? { id: scope.unit.id, name: scope.unit.nameJa } : null;

/** Assigned / completed / overdue by child unit (subtree figures), the unit's own members and the total. */
export async function completion(
  ctx: ActorCtx,
  q: { courseId: string; unitId?: string | undefined; fiscalYear?: number | undefined },
): Promise<CompletionOut> {
  const scope = await reportScope(ctx, q.unitId);
  const course = await loadCourse(ctx.db, ctx.actor.tenantId, q.courseId);
  const fiscalYear = reportYear(q.fiscalYear);
  const t = todayInJapan();
  const rows = rowsOf<{
    path: string;
    assigned: number;
    completed: number;
    overdue: number;
    offline: number;
  }>(
    await ctx.db.execute(sql`
      select path, count(*)::int as assigned, count(completed_at)::int as completed,
        count(*) filter (where completed_at is null and due_on < ${t})::int as overdue,
        count(*) filter (where completed_via = 'offline')::int as offline
      from (${latestAssignments(ctx, course.id, scope, fiscalYear, sql`u.path, a.completed_at, a.completed_via, a.due_on`)}) x
      group by path`),
  );
  const children = await breakdownUnits(ctx, scope);
  const sum = (pred: (path: string) => boolean) => {
    let a = 0;
    let c = 0;
    let o = 0;
    let off = 0;
    for (const r of rows) {
      if (!pred(r.path)) continue;
      a += r.assigned;
      c += r.completed;
      o += r.overdue;
      off += r.offline;
    }
    return { ...figures(a, c, o), offline: off };
  };
  return {
    course: { id: course.id, title: course.title },
    unit: presentScope(scope),
    fiscalYear,
    total: sum(() => true),
    direct: scope.unit ? sum((p) => p === scope.unit!.path) : sum(() => false),
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

/**
 * Completion at the end of each fiscal quarter (Q1 = Apr–Jun), for the unit and each child unit.
 * With a fiscal year: that year's assignments over its four quarters (up to today).
 */
export async function quarterly(
  ctx: ActorCtx,
  q: {
    courseId: string;
    unitId?: string | undefined;
    from?: string | undefined;
    to?: string | undefined;
    fiscalYear?: number | undefined;
  },
): Promise<QuarterlyOut> {
  const scope = await reportScope(ctx, q.unitId);
  const course = await loadCourse(ctx.db, ctx.actor.tenantId, q.courseId);
  const year = q.fiscalYear === undefined ? sql`true` : sql`a.fiscal_year = ${q.fiscalYear}`;
  // Every assignment (not only the latest): a quarter counts each person's latest as of its end.
  const rows = rowsOf<{ person_id: string; path: string; assigned_on: string; completed_on: string | null }>(
    await ctx.db.execute(sql`
      select a.person_id, u.path,
        (a.assigned_at at time zone 'Asia/Tokyo')::date::text as assigned_on,
        (a.completed_at at time zone 'Asia/Tokyo')::date::text as completed_on
      from training_assignments a
        join people p on p.id = a.person_id and p.status <> 'left'
        join org_units u on u.id = p.unit_id
      where a.course_id = ${course.id} and ${year} and ${inReport(ctx, scope, sql`u.path`)}`),
  );
  const today = todayInJapan();
  const span = q.fiscalYear === undefined ? null : fiscalYearDays(q.fiscalYear);
  const to = q.to ?? (span && span.to < today ? span.to : today);
  const first = span?.from ?? rows.reduce((m, r) => (r.assigned_on < m ? r.assigned_on : m), to);
  const quarters = quartersBetween(q.from ?? (first < to ? first : to), to).slice(-40);
  const mapped = rows.map((r) => ({
    personId: r.person_id,
    path: r.path,
    // An assignment made for a fiscal year before it began (or recorded later) counts from its start.
    assignedOn: span && r.assigned_on > span.to ? span.to : r.assigned_on,
    completedOn: r.completed_on,
  }));
  const children = await breakdownUnits(ctx, scope);
  return {
    course: { id: course.id, title: course.title },
    unit: presentScope(scope),
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
  a.fiscal_year, a.assigned_at, a.due_on::text as due_on, a.completed_at, a.completed_via,
  ${statusSql(t)} as status,
  (select count(*)::int from training_attempts x where x.assignment_id = a.id and x.state = 'submitted') as attempts,
  (select max(x.score)::int from training_attempts x where x.assignment_id = a.id) as best_score,
  o.method as offline_method, o.note as offline_note, (o.file_name is not null) as offline_file`;

interface PersonRow {
  assignment_id: string;
  person_id: string;
  staff_no: string;
  name: string;
  unit_id: string;
  unit_name: string;
  fiscal_year: number;
  assigned_at: string | Date;
  due_on: string | null;
  completed_at: string | Date | null;
  completed_via: CompletedVia | null;
  status: PersonStatusOut['status'];
  attempts: number;
  best_score: number | null;
  offline_method: OfflineMethod | null;
  offline_note: string | null;
  offline_file: boolean | null;
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
    fiscalYear: r.fiscal_year,
    assignedAt: iso(r.assigned_at),
    dueOn: r.due_on,
    status: r.status,
    completedAt: r.completed_at ? iso(r.completed_at) : null,
    completedVia: r.completed_via,
    offline: r.offline_method
      ? { method: r.offline_method, note: r.offline_note ?? '', hasFile: r.offline_file === true }
      : null,
    attempts: r.attempts,
    bestScore: r.best_score,
  };
}

async function peopleRows(
  ctx: ActorCtx,
  q: Omit<PeopleStatusQuery, 'page' | 'pageSize'>,
  limit?: { page: number; pageSize: number },
) {
  const scope = await reportScope(ctx, q.unitId);
  const course = await loadCourse(ctx.db, ctx.actor.tenantId, q.courseId);
  const fiscalYear = reportYear(q.fiscalYear);
  const t = todayInJapan();
  const inner = sql`select * from (${latestAssignments(ctx, course.id, scope, fiscalYear, sql`a.id as aid, p.id as pid, u.id as uid`)}) l`;
  const full = sql`
    select ${personColumns(t)} from (${inner}) l
      join training_assignments a on a.id = l.aid
      join people p on p.id = l.pid
      join org_units u on u.id = l.uid
      left join training_offline_completions o on o.assignment_id = a.id`;
  const filters: SQL[] = [sql`true`];
  if (q.status) filters.push(sql`status = ${q.status}`);
  if (q.q) {
    const like = `%${escapeLike(q.q)}%`;
    filters.push(sql`(name ilike ${like} or staff_no ilike ${like})`);
  }
  const where = sql.join(filters, sql` and `);
  const [total] = rowsOf<{ n: number }>(
    await ctx.db.execute(sql`select count(*)::int as n from (${full}) x where ${where}`),
  );
  const page = limit
    ? sql`limit ${limit.pageSize} offset ${(limit.page - 1) * limit.pageSize}`
    : sql`limit 300000`;
  const rows = rowsOf<PersonRow>(
    await ctx.db.execute(sql`select * from (${full}) x where ${where} order by unit_name, staff_no ${page}`),
  );
  return { course, fiscalYear, total: total?.n ?? 0, items: rows.map(presentPerson) };
}

export async function peopleStatus(ctx: ActorCtx, q: PeopleStatusQuery) {
  const r = await peopleRows(ctx, q, { page: q.page, pageSize: q.pageSize });
  return { fiscalYear: r.fiscalYear, total: r.total, page: q.page, pageSize: q.pageSize, items: r.items };
}

const STATUS_JA: Record<PersonStatusOut['status'], string> = {
  not_started: '未受講',
  in_progress: '受講中（未合格）',
  completed: '修了',
  overdue: '期限超過',
};

const VIA_JA: Record<CompletedVia, string> = {
  test: '確認テスト',
  classroom: '集合研修',
  offline: 'オフライン受講',
};

const METHOD_JA: Record<OfflineMethod, string> = { printed: '印刷物', disc: 'CD-R等', other: 'その他' };

export async function exportCompletion(
  ctx: ActorCtx,
  q: { courseId: string; unitId?: string | undefined; fiscalYear?: number | undefined },
) {
  const r = await peopleRows(ctx, q);
  const body = await writeXlsx(
    '受講状況',
    [
      '年度',
      '職員番号',
      '氏名',
      '所属',
      '割当日',
      '期限',
      '状況',
      '修了日',
      '修了方法',
      '受験回数',
      '最高点',
    ],
    r.items.map((p) => [
      p.fiscalYear,
      p.staffNo,
      p.name,
      p.unitName,
      p.assignedAt.slice(0, 10),
      p.dueOn,
      STATUS_JA[p.status],
      p.completedAt ? dayInJapan(new Date(p.completedAt)) : null,
      p.completedVia
        ? p.offline
          ? `${VIA_JA[p.completedVia]}（${METHOD_JA[p.offline.method]}）`
          : VIA_JA[p.completedVia]
        : null,
      p.attempts,
      p.bestScore,
    ]),
  );
  return {
    body,
    type: XLSX_TYPE,
    filename: `training-${r.course.id.slice(0, 8)}-FY${r.fiscalYear}-${todayInJapan()}.xlsx`,
  };
}

/**
 * The dashboard card: the caller's own training, and with training.view, each published course in
 * scope for the current fiscal year. Rates are fractions 0..1.
 */
export async function summary(ctx: ActorCtx): Promise<TrainingSummaryOut> {
  const t = todayInJapan();
  const fiscalYear = fiscalYearOf(new Date());
  const [mine] = rowsOf<{ open: number; overdue: number; completed: number }>(
    await ctx.db.execute(sql`
      select count(*) filter (where a.completed_at is null)::int as open,
        count(*) filter (where a.completed_at is null and a.due_on < ${t})::int as overdue,
        count(*) filter (where a.completed_at is not null and a.fiscal_year = ${fiscalYear})::int as completed
      from training_assignments a join training_courses c on c.id = a.course_id
      where a.person_id = ${ctx.actor.personId} and c.status = 'published'
        and (a.completed_at is not null or ${notSuperseded})`),
  );
  if (!can(ctx.actor, 'training.view')) return { fiscalYear, my: mine!, courses: null };
  const scope = await reportScope(ctx, undefined);
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
        from (${latestAssignments(ctx, c.id, scope, fiscalYear, sql`a.completed_at, a.due_on`)}) x`),
    );
    out.push({ courseId: c.id, title: c.title, ...figures(r!.assigned, r!.completed, r!.overdue) });
  }
  return { fiscalYear, my: mine!, courses: out };
}
