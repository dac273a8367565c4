import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { pgArray } from '../../db/client.js';
import { mulberry32 } from '../../lib/random.js';
import type { Ctx } from '../../server/context.js';
import { people } from '../org/schema.js';
import { roleAssignments, roles } from '../roles/schema.js';
import { assignCourse, starterCourseId } from '../training/assignment-service.js';
import {
  type ServedQuestion,
  trainingAssignments,
  trainingAttempts,
  trainingAttendance,
  trainingCourses,
  trainingOfflineCompletions,
  trainingQuestions,
  trainingRules,
  trainingServedSets,
  trainingSessions,
  trainingSurveyAnswers,
} from '../training/schema.js';
import { installStarterCourses } from '../training/starter-service.js';
import type { DemoPlan } from './generate.js';

export interface TrainingSeedResult {
  courses: number;
  assigned: number;
  completedByTest: number;
  completedInClassroom: number;
  failed: number;
  notStarted: number;
  /** Last fiscal year's (FY2025) basic-course history: assigned and completed. */
  lastYear: { assigned: number; completed: number };
  offline: number;
  surveyAnswers: number;
}

/** The basic course's post-course survey (003 L401-403). */
const SURVEY = [
  { id: 'clear', kind: 'scale' as const, text: '研修の内容はわかりやすかったですか。' },
  { id: 'useful', kind: 'scale' as const, text: '日々の業務に役立つ内容でしたか。' },
  { id: 'comment', kind: 'text' as const, text: 'ご意見・ご要望があればお書きください。' },
];
const COMMENTS = [
  '具体的な事例が多く、わかりやすかった。',
  '動画がもう少し短いと受講しやすい。',
  '標的型メールの見分け方をもっと知りたい。',
  '',
  '',
];

const CHUNK = 500;
const at = (day: string, hour = 10) => new Date(`${day}T${String(hour).padStart(2, '0')}:00:00+09:00`);
/** A day between two days (yyyy-mm-dd), picked with the generator. */
function dayBetween(rng: () => number, from: string, to: string): string {
  const a = Date.parse(`${from}T00:00:00Z`);
  const b = Date.parse(`${to}T00:00:00Z`);
  return new Date(a + Math.floor(rng() * ((b - a) / 86_400_000 + 1)) * 86_400_000).toISOString().slice(0, 10);
}

async function servedOf(ctx: Ctx, courseId: string): Promise<ServedQuestion[]> {
  const qs = await ctx.db
    .select()
    .from(trainingQuestions)
    .where(eq(trainingQuestions.courseId, courseId))
    .orderBy(asc(trainingQuestions.position));
  return qs.map((q) => ({
    questionId: q.id,
    kind: q.kind,
    text: q.text,
    choices: q.choices,
    explanation: q.explanation,
  }));
}

/** Answers to a served test with the first `wrong` questions answered wrongly. */
function answers(served: ServedQuestion[], wrong: number): Record<string, string[]> {
  return Object.fromEntries(
    served.map((q, i) => {
      const right = q.choices.filter((c) => c.correct).map((c) => c.id);
      const bad = q.choices.find((c) => !c.correct)!.id;
      return [q.questionId, i < wrong ? [bad] : right];
    }),
  );
}

/**
 * The demo agency's training (called by seedDemo inside its transaction): the starter courses, the
 * basic course assigned to all staff in April by a rule with a realistic mix of passed, failed and
 * untouched, an April classroom session whose attendance completed the course for some, and the
 * 課室情報セキュリティ責任者 course (perfect score required) with a few officers still short of 100 %.
 * The basic course recurs every fiscal year (教育計画, 003 L390-393): FY2025 is history (mostly
 * completed, some offline from printed copies), FY2026 is under way; both have survey answers.
 */
export async function seedTraining(
  ctx: Ctx,
  opts: { tenantId: string; plan: DemoPlan },
): Promise<TrainingSeedResult> {
  const { tenantId, plan } = opts;
  const rng = mulberry32(plan.seed ^ 0x7a11);
  const installed = await installStarterCourses(ctx.db, ctx, tenantId);
  const basicId = (await starterCourseId(ctx.db, tenantId, 'basic'))!;
  const officerId = (await starterCourseId(ctx.db, tenantId, 'division_officer'))!;
  const result: TrainingSeedResult = {
    courses: installed.courses.length,
    assigned: 0,
    completedByTest: 0,
    completedInClassroom: 0,
    failed: 0,
    notStarted: 0,
    lastYear: { assigned: 0, completed: 0 },
    offline: 0,
    surveyAnswers: 0,
  };
  await ctx.db.update(trainingCourses).set({ survey: SURVEY }).where(eq(trainingCourses.id, basicId));

  const staff = await ctx.db
    .select({ id: people.id })
    .from(people)
    .where(and(eq(people.tenantId, tenantId), inArray(people.status, ['active', 'long_leave'])))
    .orderBy(asc(people.staffNo));
  const officers = await ctx.db
    .selectDistinct({ id: roleAssignments.personId })
    .from(roleAssignments)
    .innerJoin(roles, eq(roles.id, roleAssignments.roleId))
    .where(and(eq(roleAssignments.tenantId, tenantId), eq(roles.key, 'division_security_officer')));

  const [basicRule] = await ctx.db
    .insert(trainingRules)
    .values({ tenantId, courseId: basicId, roleKeys: [], unitIds: [], dueDays: 80, everyFiscalYear: true })
    .returning();
  const [officerRule] = await ctx.db
    .insert(trainingRules)
    .values({
      tenantId,
      courseId: officerId,
      roleKeys: ['division_security_officer'],
      unitIds: [],
      dueDays: 80,
    })
    .returning();
  const assigned: { courseId: string; fiscalYear: number; ids: Set<string> }[] = [];
  const assign = async (courseId: string, ids: string[], ruleId: string, fiscalYear = 2026) => {
    const r = await assignCourse(
      ctx.db,
      ctx,
      {
        courseId,
        personIds: ids,
        dueOn: `${fiscalYear}-06-30`,
        source: { kind: 'rule', id: ruleId },
        fiscalYear,
      },
      { notify: false },
    );
    if (fiscalYear === 2026) result.assigned += r.assigned;
    // The start-of-year assignment date is written with the completions (one rewrite of each row, not two).
    const where = and(
      eq(trainingAssignments.courseId, courseId),
      eq(trainingAssignments.fiscalYear, fiscalYear),
    );
    const byPerson = new Map(
      (
        await ctx.db
          .select({ id: trainingAssignments.id, personId: trainingAssignments.personId })
          .from(trainingAssignments)
          .where(where)
      ).map((a) => [a.personId, a.id]),
    );
    assigned.push({ courseId, fiscalYear, ids: new Set(byPerson.values()) });
    return byPerson;
  };

  // FY2025: last year's basic course, now history (people hired since then were not there yet).
  const lastYear = await assign(
    basicId,
    staff.filter(() => rng() < 0.93).map((s) => s.id),
    basicRule!.id,
    2025,
  );
  result.lastYear.assigned = lastYear.size;
  const basicAssignments = await assign(
    basicId,
    staff.map((s) => s.id),
    basicRule!.id,
  );
  const officerAssignments = await assign(
    officerId,
    officers.map((o) => o.id),
    officerRule!.id,
  );

  // The April classroom session for those who prefer it (003: April and October sessions).
  const [session] = await ctx.db
    .insert(trainingSessions)
    .values({
      tenantId,
      courseId: basicId,
      heldOn: '2026-04-22',
      place: '本省 講堂',
      note: '新年度の集合研修',
    })
    .returning();

  /** One seeded attempt; the served snapshot and answers follow from the course and `wrong`. */
  interface Attempt {
    courseId: string;
    personId: string;
    assignmentId: string;
    seed: number;
    day: string;
    wrong: number;
    passed: boolean;
  }
  const attempts: Attempt[] = [];
  const attendance: (typeof trainingAttendance.$inferInsert)[] = [];
  const completions: { id: string; day: string; via: 'test' | 'classroom' | 'offline' }[] = [];
  const offline: (typeof trainingOfflineCompletions.$inferInsert)[] = [];
  const surveyAnswers: (typeof trainingSurveyAnswers.$inferInsert)[] = [];
  const answerSurvey = (assignmentId: string, fiscalYear: number, day: string) => {
    if (rng() >= 0.35) return;
    const score = () => Math.min(5, Math.max(1, Math.round(3.8 + (rng() - 0.5) * 3)));
    const comment = COMMENTS[Math.floor(rng() * COMMENTS.length)]!;
    surveyAnswers.push({
      assignmentId,
      tenantId,
      courseId: basicId,
      fiscalYear,
      answers: { clear: score(), useful: score(), ...(comment ? { comment } : {}) },
      submittedAt: at(day, 12),
    });
  };
  const recordOffline = (assignmentId: string, day: string, method: 'printed' | 'disc') => {
    completions.push({ id: assignmentId, day, via: 'offline' });
    offline.push({
      assignmentId,
      tenantId,
      method,
      completedOn: day,
      note:
        method === 'printed' ? '印刷版の教材を閲覧し、確認書に署名' : 'CD-R 版の教材を閲覧し、確認書に署名',
    });
    result.offline++;
  };
  const basicServed = await servedOf(ctx, basicId);
  const officerServed = await servedOf(ctx, officerId);
  const attempt = (
    courseId: string,
    personId: string,
    assignmentId: string,
    day: string,
    wrong: number,
    passed: boolean,
  ): Attempt => ({ courseId, personId, assignmentId, seed: Math.floor(rng() * 2 ** 31), day, wrong, passed });

  for (const [personId, assignmentId] of lastYear) {
    const r = rng();
    if (r < 0.84) {
      const day = dayBetween(rng, '2025-04-10', '2026-02-27');
      attempts.push(attempt(basicId, personId, assignmentId, day, rng() < 0.5 ? 0 : 1, true));
      completions.push({ id: assignmentId, day, via: 'test' });
      answerSurvey(assignmentId, 2025, day);
      result.lastYear.completed++;
    } else if (r < 0.88) {
      // Staff without a terminal at hand read a printed or disc copy (002 L76-78).
      const day = dayBetween(rng, '2025-05-01', '2026-03-13');
      recordOffline(assignmentId, day, rng() < 0.6 ? 'printed' : 'disc');
      result.lastYear.completed++;
    }
  }
  for (const [personId, assignmentId] of basicAssignments) {
    const r = rng();
    if (r < 0.62) {
      // passed, some after a failed first try
      const day = dayBetween(rng, '2026-04-10', '2026-10-31');
      if (rng() < 0.15) attempts.push(attempt(basicId, personId, assignmentId, day, 3, false));
      attempts.push(attempt(basicId, personId, assignmentId, day, rng() < 0.5 ? 0 : 1, true));
      completions.push({ id: assignmentId, day, via: 'test' });
      answerSurvey(assignmentId, 2026, day);
      result.completedByTest++;
    } else if (r < 0.7) {
      attendance.push({ sessionId: session!.id, personId, attended: true, recordedAt: at('2026-04-22', 17) });
      completions.push({ id: assignmentId, day: '2026-04-22', via: 'classroom' });
      result.completedInClassroom++;
    } else if (r < 0.8) {
      const day = dayBetween(rng, '2026-05-01', '2026-11-10');
      attempts.push(attempt(basicId, personId, assignmentId, day, 3, false));
      result.failed++;
    } else if (r < 0.82) {
      recordOffline(
        assignmentId,
        dayBetween(rng, '2026-05-01', '2026-11-20'),
        rng() < 0.6 ? 'printed' : 'disc',
      );
    } else {
      if (r < 0.85)
        attendance.push({
          sessionId: session!.id,
          personId,
          attended: false,
          recordedAt: at('2026-04-22', 17),
        });
      result.notStarted++;
    }
  }
  for (const [personId, assignmentId] of officerAssignments) {
    const day = dayBetween(rng, '2026-04-15', '2026-09-30');
    // One wrong answer is not enough under the perfect-score rule (000 L1333).
    attempts.push(attempt(officerId, personId, assignmentId, day, 1, false));
    if (rng() < 0.75) {
      attempts.push(attempt(officerId, personId, assignmentId, day, 0, true));
      completions.push({ id: assignmentId, day, via: 'test' });
    }
  }

  await insertAttempts(
    ctx,
    tenantId,
    basicId,
    basicServed,
    attempts.filter((a) => a.courseId === basicId),
  );
  await insertAttempts(
    ctx,
    tenantId,
    officerId,
    officerServed,
    attempts.filter((a) => a.courseId === officerId),
  );
  for (let i = 0; i < attendance.length; i += CHUNK)
    await ctx.db.insert(trainingAttendance).values(attendance.slice(i, i + CHUNK));
  for (let i = 0; i < offline.length; i += CHUNK)
    await ctx.db.insert(trainingOfflineCompletions).values(offline.slice(i, i + CHUNK));
  for (let i = 0; i < surveyAnswers.length; i += CHUNK)
    await ctx.db.insert(trainingSurveyAnswers).values(surveyAnswers.slice(i, i + CHUNK));
  result.surveyAnswers = surveyAnswers.length;
  // Each assignment row is rewritten once: assigned (and the notice sent) at the start of its fiscal
  // year, and completed when it was. Rows without a completion keep completed_at null.
  const completionOf = new Map(completions.map((c) => [c.id, c]));
  for (const { courseId, fiscalYear, ids: mine } of assigned) {
    const ids = [...completionOf.keys()].filter((id) => mine.has(id));
    const start = at(`${fiscalYear}-04-10`, 9);
    await ctx.db.execute(sql`
      update ${trainingAssignments} a set assigned_at = ${start}::timestamptz, notice_sent_at = ${start}::timestamptz,
        completed_at = x.at, completed_via = x.via
      from (select a2.id, c.at, c.via from ${trainingAssignments} a2
        left join unnest(${pgArray(ids)}::uuid[],
          ${pgArray(
            ids.map((id) => {
              const c = completionOf.get(id)!;
              return at(c.day, c.via === 'test' ? 11 : c.via === 'offline' ? 12 : 17).toISOString();
            }),
          )}::timestamptz[],
          ${pgArray(ids.map((id) => completionOf.get(id)!.via))}::text[]) as c(id, at, via) on c.id = a2.id
        where a2.course_id = ${courseId} and a2.fiscal_year = ${fiscalYear}) x
      where a.id = x.id`);
  }
  return result;
}

/**
 * Writes seeded attempts with one INSERT … SELECT per 10,000. They all served the course's questions in
 * order, so the snapshot is stored once (a shared served set) instead of once per row, and the possible
 * answer sets (by number of wrong answers) are sent once per statement: this keeps the 50,000-staff demo fast.
 */
async function insertAttempts(
  ctx: Ctx,
  tenantId: string,
  courseId: string,
  served: ServedQuestion[],
  rows: {
    personId: string;
    assignmentId: string;
    seed: number;
    day: string;
    wrong: number;
    passed: boolean;
  }[],
) {
  const n = served.length;
  const [set] = await ctx.db
    .insert(trainingServedSets)
    .values({ tenantId, courseId, courseVersion: 1, served })
    .returning({ id: trainingServedSets.id });
  const variants = Object.fromEntries(
    [...new Set(rows.map((r) => r.wrong))].map((w) => [String(w), answers(served, w)]),
  );
  for (let i = 0; i < rows.length; i += 10_000) {
    const part = rows.slice(i, i + 10_000);
    await ctx.db.execute(sql`
      insert into ${trainingAttempts} (tenant_id, course_id, person_id, assignment_id, course_version, seed,
        served_set_id, answers, state, correct_count, score, passed, started_at, submitted_at)
      select ${tenantId}, ${courseId}, x.person_id, x.assignment_id, 1, x.seed,
        ${set!.id}::uuid, (${JSON.stringify(variants)}::jsonb) -> (x.wrong::text), 'submitted',
        ${n} - x.wrong, ((${n} - x.wrong) * 100) / ${n}, x.passed,
        (x.day::text || 'T10:00:00+09:00')::timestamptz,
        (x.day::text || 'T11:00:00+09:00')::timestamptz
      from unnest(${pgArray(part.map((r) => r.personId))}::uuid[], ${pgArray(part.map((r) => r.assignmentId))}::uuid[],
        ${pgArray(part.map((r) => r.seed))}::int[], ${pgArray(part.map((r) => r.day))}::date[],
        ${pgArray(part.map((r) => r.wrong))}::int[], ${pgArray(part.map((r) => r.passed))}::boolean[])
        as x(person_id, assignment_id, seed, day, wrong, passed)`);
  }
}
