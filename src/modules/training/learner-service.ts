import { randomInt } from 'node:crypto';
import { and, asc, count, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { todayInJapan } from '../../lib/dates.js';
import type { ActorCtx } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import { recordAudit } from '../audit/service.js';
import { completeOpenAssignments } from './assignment-service.js';
import { loadCourse } from './course-service.js';
import { assignmentStatus, drawAttempt, isPass, isRight, scorePercent } from './rules.js';
import {
  type ServedQuestion,
  trainingAssignments,
  trainingAttempts,
  trainingCourses,
  trainingPages,
  trainingQuestions,
  trainingServedSets,
} from './schema.js';
import type {
  AttemptHistoryOut,
  AttemptResultOut,
  AttemptStartOut,
  CourseContentOut,
  MyAssignmentOut,
  MyTrainingOut,
  SubmitAttemptBody,
} from './validation.js';

async function questionCount(db: Db, courseId: string) {
  const [n] = await db
    .select({ n: count() })
    .from(trainingQuestions)
    .where(eq(trainingQuestions.courseId, courseId));
  return n?.n ?? 0;
}

function brief(c: typeof trainingCourses.$inferSelect, questions: number) {
  return {
    id: c.id,
    title: c.title,
    description: c.description,
    passMark: c.passMark,
    perfectScoreRequired: c.perfectScoreRequired,
    questionsPerAttempt: c.questionsPerAttempt,
    questionCount: c.questionsPerAttempt ? Math.min(c.questionsPerAttempt, questions) : questions,
  };
}

/** The caller's own assignments: open ones first (by due date), then completed ones. */
export async function myTraining(ctx: ActorCtx): Promise<MyTrainingOut> {
  const rows = await ctx.db
    .select({
      a: trainingAssignments,
      c: trainingCourses,
      attempts: sql<number>`(select count(*)::int from training_attempts t where t.assignment_id = ${trainingAssignments.id} and t.state = 'submitted')`,
      bestScore: sql<
        number | null
      >`(select max(t.score)::int from training_attempts t where t.assignment_id = ${trainingAssignments.id})`,
      openAttemptId: sql<
        string | null
      >`(select t.id from training_attempts t where t.person_id = ${trainingAssignments.personId} and t.course_id = ${trainingAssignments.courseId} and t.state = 'open' order by t.started_at desc limit 1)`,
      questions: sql<number>`(select count(*)::int from training_questions q where q.course_id = ${trainingCourses.id})`,
      // An open assignment replaced by a later fiscal year's is history, not something to do.
      superseded: sql<boolean>`exists (select 1 from training_assignments b where b.person_id = ${trainingAssignments.personId} and b.course_id = ${trainingAssignments.courseId} and b.fiscal_year > ${trainingAssignments.fiscalYear})`,
      surveyAnswered: sql<boolean>`exists (select 1 from training_survey_answers s where s.assignment_id = ${trainingAssignments.id})`,
    })
    .from(trainingAssignments)
    .innerJoin(trainingCourses, eq(trainingCourses.id, trainingAssignments.courseId))
    .where(
      and(
        eq(trainingAssignments.personId, ctx.actor.personId),
        eq(trainingAssignments.tenantId, ctx.actor.tenantId),
      ),
    )
    .orderBy(sql`${trainingAssignments.dueOn} asc nulls last`, desc(trainingAssignments.assignedAt));
  const t = todayInJapan();
  const items: MyAssignmentOut[] = rows
    .filter((r) => r.a.completedAt || (r.c.status !== 'archived' && !r.superseded))
    .map((r) => ({
      id: r.a.id,
      course: brief(r.c, r.questions),
      assignedAt: r.a.assignedAt.toISOString(),
      dueOn: r.a.dueOn,
      source: r.a.sourceKind,
      status: assignmentStatus({ completedAt: r.a.completedAt, dueOn: r.a.dueOn, attempts: r.attempts }, t),
      completedAt: r.a.completedAt?.toISOString() ?? null,
      completedVia: r.a.completedVia,
      attempts: r.attempts,
      bestScore: r.bestScore,
      openAttemptId: r.openAttemptId,
      fiscalYear: r.a.fiscalYear,
      surveyPending: r.a.completedAt !== null && r.c.survey.length > 0 && !r.surveyAnswered,
    }));
  return { open: items.filter((i) => !i.completedAt), completed: items.filter((i) => i.completedAt) };
}

/** A course the caller may read and be tested on: a published course of their agency (with their open assignment, if any). */
async function learnableCourse(db: Db, ctx: ActorCtx, courseId: string) {
  const c = await loadCourse(db, ctx.actor.tenantId, courseId);
  const [open] = await db
    .select({ id: trainingAssignments.id })
    .from(trainingAssignments)
    .where(
      and(
        eq(trainingAssignments.courseId, courseId),
        eq(trainingAssignments.personId, ctx.actor.personId),
        isNull(trainingAssignments.completedAt),
      ),
    )
    .orderBy(desc(trainingAssignments.fiscalYear), desc(trainingAssignments.assignedAt))
    .limit(1);
  if (c.status !== 'published') throw new AppError('not_found');
  return { course: c, openAssignmentId: open?.id ?? null };
}

export async function courseContent(ctx: ActorCtx, courseId: string): Promise<CourseContentOut> {
  const { course, openAssignmentId } = await learnableCourse(ctx.db, ctx, courseId);
  const pages = await ctx.db
    .select()
    .from(trainingPages)
    .where(eq(trainingPages.courseId, courseId))
    .orderBy(asc(trainingPages.position));
  return {
    course: brief(course, await questionCount(ctx.db, courseId)),
    pages: pages.map((p) => ({
      id: p.id,
      position: p.position,
      title: p.title,
      body: p.body,
      videos: p.videos,
    })),
    assignmentId: openAssignmentId,
  };
}

/**
 * Starts an attempt: draws the questions with a fresh seed (stored, so the draw can be reproduced) and
 * snapshots them with their answer key on the server. Any earlier unfinished attempt is abandoned, so
 * it can no longer be submitted. The client gets the questions without answers or explanations.
 */
export async function startAttempt(ctx: ActorCtx, courseId: string): Promise<AttemptStartOut> {
  return ctx.db.transaction(async (tx) => {
    // One start at a time per person and course, so two quick clicks cannot leave two open attempts.
    await tx.execute(
      sql`select pg_advisory_xact_lock(hashtext(${`training.attempt:${ctx.actor.personId}:${courseId}`}))`,
    );
    const { course, openAssignmentId } = await learnableCourse(tx, ctx, courseId);
    const bank = await tx
      .select()
      .from(trainingQuestions)
      .where(eq(trainingQuestions.courseId, courseId))
      .orderBy(asc(trainingQuestions.position));
    if (bank.length === 0) throw new AppError('invalid_state');
    const seed = randomInt(0, 2 ** 31 - 1);
    const draw = drawAttempt(
      bank.map((q) => ({ id: q.id, choiceIds: q.choices.map((c) => c.id) })),
      { count: course.questionsPerAttempt, shuffle: course.shuffle, seed },
    );
    const byId = new Map(bank.map((q) => [q.id, q]));
    const served: ServedQuestion[] = draw.map((d) => {
      const q = byId.get(d.questionId)!;
      const choices = new Map(q.choices.map((c) => [c.id, c]));
      return {
        questionId: q.id,
        kind: q.kind,
        text: q.text,
        explanation: q.explanation,
        choices: d.choiceIds.map((id) => choices.get(id)!),
      };
    });
    await tx
      .update(trainingAttempts)
      .set({ state: 'abandoned' })
      .where(
        and(
          eq(trainingAttempts.personId, ctx.actor.personId),
          eq(trainingAttempts.courseId, courseId),
          eq(trainingAttempts.state, 'open'),
        ),
      );
    const [a] = await tx
      .insert(trainingAttempts)
      .values({
        tenantId: course.tenantId,
        courseId,
        personId: ctx.actor.personId,
        assignmentId: openAssignmentId,
        courseVersion: course.version,
        seed,
        served,
      })
      .returning();
    await recordAudit(tx, ctx, {
      action: 'training.attempt_start',
      tenantId: course.tenantId,
      targetId: a!.id,
      after: { courseId, questions: served.length, seed },
    });
    return {
      id: a!.id,
      courseId,
      startedAt: a!.startedAt.toISOString(),
      questions: served.map((q) => ({
        questionId: q.questionId,
        kind: q.kind,
        text: q.text,
        choices: q.choices.map((c) => ({ id: c.id, text: c.text })),
      })),
    };
  });
}

/** The questions an attempt served: its own snapshot, or the one it shares with other attempts. */
async function servedOf(
  db: Db,
  a: Pick<typeof trainingAttempts.$inferSelect, 'served' | 'servedSetId'>,
): Promise<ServedQuestion[]> {
  if (a.served) return a.served;
  const [set] = await db
    .select({ served: trainingServedSets.served })
    .from(trainingServedSets)
    .where(eq(trainingServedSets.id, a.servedSetId!));
  return set!.served;
}

const badAnswer = (ja: string, en: string) => new AppError('bad_request', { detail: { ja, en } });

/**
 * Grades an attempt against the questions served for it. Only the person's own open attempt can be
 * submitted, once; a pass completes their open assignment of the course. Unanswered questions are wrong.
 */
export async function submitAttempt(
  ctx: ActorCtx,
  attemptId: string,
  body: SubmitAttemptBody,
): Promise<AttemptResultOut> {
  return ctx.db.transaction(async (tx) => {
    const [a] = await tx
      .select()
      .from(trainingAttempts)
      .where(
        and(
          eq(trainingAttempts.id, attemptId),
          eq(trainingAttempts.personId, ctx.actor.personId),
          eq(trainingAttempts.tenantId, ctx.actor.tenantId),
        ),
      )
      .for('update');
    if (!a) throw new AppError('not_found');
    if (a.state !== 'open') {
      throw new AppError('invalid_state', {
        detail:
          a.state === 'submitted'
            ? { ja: 'この確認テストは提出済みです。', en: 'This attempt has already been submitted.' }
            : {
                ja: 'この確認テストは、後から開始したテストに置き換えられたため提出できません。',
                en: 'This attempt was replaced by a later one and cannot be submitted.',
              },
      });
    }
    const [course] = await tx.select().from(trainingCourses).where(eq(trainingCourses.id, a.courseId));
    const servedQuestions = await servedOf(tx, a);
    const served = new Map(servedQuestions.map((q) => [q.questionId, q]));
    const answers: Record<string, string[]> = {};
    for (const ans of body.answers) {
      const q = served.get(ans.questionId);
      if (!q)
        badAnswerThrow(
          '回答に、このテストで出題されていない問題が含まれています。',
          'An answer names a question not served in this attempt.',
        );
      if (answers[ans.questionId])
        badAnswerThrow('同じ問題への回答が重複しています。', 'A question is answered twice.');
      const ids = new Set(q!.choices.map((c) => c.id));
      if (ans.choiceIds.some((c) => !ids.has(c)))
        badAnswerThrow('存在しない選択肢が含まれています。', 'An answer names a choice that does not exist.');
      answers[ans.questionId] = ans.choiceIds;
    }
    const results = servedQuestions.map((q) => {
      const chosen = answers[q.questionId] ?? [];
      const correct = q.choices.filter((c) => c.correct).map((c) => c.id);
      return {
        questionId: q.questionId,
        text: q.text,
        chosen,
        right: isRight(q.kind, correct, chosen),
        explanation: q.explanation,
      };
    });
    const correctCount = results.filter((r) => r.right).length;
    const total = results.length;
    const score = scorePercent(correctCount, total);
    const passed = isPass(course!, correctCount, total);
    await tx
      .update(trainingAttempts)
      .set({ state: 'submitted', answers, correctCount, score, passed, submittedAt: new Date() })
      .where(eq(trainingAttempts.id, a.id));
    let completedAssignment = false;
    if (passed) {
      const done = await completeOpenAssignments(tx, {
        courseId: a.courseId,
        personIds: [a.personId],
        at: new Date(),
        via: 'test',
      });
      completedAssignment = done.length > 0;
    }
    await recordAudit(tx, ctx, {
      action: 'training.attempt_submit',
      tenantId: a.tenantId,
      targetId: a.id,
      after: { courseId: a.courseId, correctCount, total, score, passed, completedAssignment },
    });
    return {
      id: a.id,
      courseId: a.courseId,
      correctCount,
      total,
      score,
      passed,
      perfectScoreRequired: course!.perfectScoreRequired,
      passMark: course!.passMark,
      completedAssignment,
      results,
    };
  });
}

function badAnswerThrow(ja: string, en: string): never {
  throw badAnswer(ja, en);
}

/** Every attempt the caller made (history kept: retakes are unlimited), newest first. */
export async function myAttempts(
  ctx: ActorCtx,
  q: { courseId?: string | undefined },
): Promise<AttemptHistoryOut> {
  const rows = await ctx.db
    .select({
      a: trainingAttempts,
      title: trainingCourses.title,
      // The number served, without sending the snapshots themselves.
      total: sql<number>`jsonb_array_length(coalesce(${trainingAttempts.served}, ${trainingServedSets.served}))::int`,
    })
    .from(trainingAttempts)
    .innerJoin(trainingCourses, eq(trainingCourses.id, trainingAttempts.courseId))
    .leftJoin(trainingServedSets, eq(trainingServedSets.id, trainingAttempts.servedSetId))
    .where(
      and(
        eq(trainingAttempts.personId, ctx.actor.personId),
        eq(trainingAttempts.tenantId, ctx.actor.tenantId),
        q.courseId ? eq(trainingAttempts.courseId, q.courseId) : undefined,
      ),
    )
    .orderBy(desc(trainingAttempts.startedAt))
    .limit(500);
  return {
    items: rows.map(({ a, title, total }) => ({
      id: a.id,
      courseId: a.courseId,
      courseTitle: title,
      state: a.state,
      startedAt: a.startedAt.toISOString(),
      submittedAt: a.submittedAt?.toISOString() ?? null,
      correctCount: a.correctCount,
      total,
      score: a.score,
      passed: a.passed,
    })),
  };
}
