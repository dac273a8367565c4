import { and, asc, eq, inArray } from 'drizzle-orm';
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
  trainingQuestions,
  trainingRules,
  trainingSessions,
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
}

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
  };

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
    .values({ tenantId, courseId: basicId, roleKeys: [], unitIds: [], dueDays: 80 })
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
  const assign = async (courseId: string, ids: string[], ruleId: string) => {
    for (let i = 0; i < ids.length; i += CHUNK) {
      const r = await assignCourse(
        ctx.db,
        ctx,
        {
          courseId,
          personIds: ids.slice(i, i + CHUNK),
          dueOn: '2026-06-30',
          source: { kind: 'rule', id: ruleId },
        },
        { notify: false },
      );
      result.assigned += r.assigned;
    }
    // Assigned (and the notice sent) at the start of the fiscal year.
    await ctx.db
      .update(trainingAssignments)
      .set({ assignedAt: at('2026-04-10', 9), noticeSentAt: at('2026-04-10', 9) })
      .where(eq(trainingAssignments.courseId, courseId));
    return new Map(
      (
        await ctx.db
          .select({ id: trainingAssignments.id, personId: trainingAssignments.personId })
          .from(trainingAssignments)
          .where(eq(trainingAssignments.courseId, courseId))
      ).map((a) => [a.personId, a.id]),
    );
  };

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

  type Attempt = typeof trainingAttempts.$inferInsert;
  const attempts: Attempt[] = [];
  const attendance: (typeof trainingAttendance.$inferInsert)[] = [];
  const completions: { id: string; day: string; via: 'test' | 'classroom' }[] = [];
  const basicServed = await servedOf(ctx, basicId);
  const officerServed = await servedOf(ctx, officerId);
  const attempt = (
    courseId: string,
    served: ServedQuestion[],
    personId: string,
    assignmentId: string,
    day: string,
    wrong: number,
    passed: boolean,
  ): Attempt => {
    const correct = served.length - wrong;
    return {
      tenantId,
      courseId,
      personId,
      assignmentId,
      courseVersion: 1,
      seed: Math.floor(rng() * 2 ** 31),
      served,
      answers: answers(served, wrong),
      state: 'submitted',
      correctCount: correct,
      score: Math.floor((correct * 100) / served.length),
      passed,
      startedAt: at(day, 10),
      submittedAt: at(day, 11),
    };
  };

  for (const [personId, assignmentId] of basicAssignments) {
    const r = rng();
    if (r < 0.62) {
      // passed, some after a failed first try
      const day = dayBetween(rng, '2026-04-10', '2026-10-31');
      if (rng() < 0.15) attempts.push(attempt(basicId, basicServed, personId, assignmentId, day, 3, false));
      attempts.push(attempt(basicId, basicServed, personId, assignmentId, day, rng() < 0.5 ? 0 : 1, true));
      completions.push({ id: assignmentId, day, via: 'test' });
      result.completedByTest++;
    } else if (r < 0.7) {
      attendance.push({ sessionId: session!.id, personId, attended: true, recordedAt: at('2026-04-22', 17) });
      completions.push({ id: assignmentId, day: '2026-04-22', via: 'classroom' });
      result.completedInClassroom++;
    } else if (r < 0.8) {
      const day = dayBetween(rng, '2026-05-01', '2026-11-10');
      attempts.push(attempt(basicId, basicServed, personId, assignmentId, day, 3, false));
      result.failed++;
    } else {
      if (r < 0.83)
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
    attempts.push(attempt(officerId, officerServed, personId, assignmentId, day, 1, false));
    if (rng() < 0.75) {
      attempts.push(attempt(officerId, officerServed, personId, assignmentId, day, 0, true));
      completions.push({ id: assignmentId, day, via: 'test' });
    }
  }

  for (let i = 0; i < attempts.length; i += CHUNK)
    await ctx.db.insert(trainingAttempts).values(attempts.slice(i, i + CHUNK));
  for (let i = 0; i < attendance.length; i += CHUNK)
    await ctx.db.insert(trainingAttendance).values(attendance.slice(i, i + CHUNK));
  const byDay = new Map<string, { ids: string[]; via: 'test' | 'classroom' }>();
  for (const c of completions) {
    const k = `${c.day}|${c.via}`;
    const g = byDay.get(k) ?? { ids: [], via: c.via };
    g.ids.push(c.id);
    byDay.set(k, g);
  }
  for (const [k, g] of byDay) {
    const day = k.split('|')[0]!;
    for (let i = 0; i < g.ids.length; i += CHUNK) {
      await ctx.db
        .update(trainingAssignments)
        .set({ completedAt: at(day, g.via === 'test' ? 11 : 17), completedVia: g.via })
        .where(inArray(trainingAssignments.id, g.ids.slice(i, i + CHUNK)));
    }
  }
  return result;
}
