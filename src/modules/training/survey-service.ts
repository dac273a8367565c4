import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { rowsOf } from '../../db/client.js';
import type { ActorCtx } from '../../server/context.js';
import { AppError, type LocalizedFieldError } from '../../server/errors.js';
import { authorize, authorizeTenantWide, inScope } from '../../server/policy.js';
import { recordAudit } from '../audit/service.js';
import { minimumGroupSize } from '../org/service.js';
import { reportYear } from './completion-service.js';
import { loadCourse } from './course-service.js';
import { surveyResults } from './rules.js';
import { trainingAssignments, trainingCourses, trainingSurveyAnswers } from './schema.js';
import type { SurveyAnswerBody, SurveyBody, SurveyOut, SurveyResultsOut } from './validation.js';

/** A course's post-course survey (003 L401-403): any member of the agency may read its questions. */
export async function getSurvey(ctx: ActorCtx, courseId: string): Promise<SurveyOut> {
  const c = await loadCourse(ctx.db, ctx.actor.tenantId, courseId);
  return { courseId: c.id, questions: c.survey };
}

/**
 * Sets (replaces) the survey. New questions get new ids, so answers to earlier questions are never
 * counted as answers to different ones. An empty survey is refused by validation; removing is separate.
 */
export async function setSurvey(ctx: ActorCtx, courseId: string, body: SurveyBody): Promise<SurveyOut> {
  authorizeTenantWide(ctx.actor, 'training.manage');
  return ctx.db.transaction(async (tx) => {
    const before = await loadCourse(tx, ctx.actor.tenantId, courseId);
    const questions = body.questions.map((q) => ({
      id: randomUUID().slice(0, 8),
      kind: q.kind,
      text: q.text,
    }));
    await tx
      .update(trainingCourses)
      .set({ survey: questions, updatedAt: new Date() })
      .where(eq(trainingCourses.id, before.id));
    await recordAudit(tx, ctx, {
      action: 'training.survey_update',
      tenantId: before.tenantId,
      targetId: before.id,
      before: { survey: before.survey },
      after: { survey: questions },
    });
    return { courseId: before.id, questions };
  });
}

/** Removes the survey (answers already given stay stored). */
export async function removeSurvey(ctx: ActorCtx, courseId: string): Promise<void> {
  authorizeTenantWide(ctx.actor, 'training.manage');
  await ctx.db.transaction(async (tx) => {
    const before = await loadCourse(tx, ctx.actor.tenantId, courseId);
    await tx
      .update(trainingCourses)
      .set({ survey: [], updatedAt: new Date() })
      .where(eq(trainingCourses.id, before.id));
    await recordAudit(tx, ctx, {
      action: 'training.survey_update',
      tenantId: before.tenantId,
      targetId: before.id,
      before: { survey: before.survey },
      after: { survey: [] },
    });
  });
}

/**
 * A learner answers the survey of a course they completed, once per assignment (so once per fiscal
 * year). The audit trail notes that they answered, never what.
 */
export async function answerSurvey(ctx: ActorCtx, assignmentId: string, body: SurveyAnswerBody) {
  return ctx.db.transaction(async (tx) => {
    const [a] = await tx
      .select()
      .from(trainingAssignments)
      .where(
        and(
          eq(trainingAssignments.id, assignmentId),
          eq(trainingAssignments.personId, ctx.actor.personId),
          eq(trainingAssignments.tenantId, ctx.actor.tenantId),
        ),
      )
      .for('update');
    if (!a) throw new AppError('not_found');
    const course = await loadCourse(tx, ctx.actor.tenantId, a.courseId);
    if (!a.completedAt || course.survey.length === 0) {
      throw new AppError('invalid_state', {
        detail: {
          ja: 'アンケートは、アンケートのある研修を修了した後に回答できます。',
          en: 'The survey can be answered after completing a course that has one.',
        },
      });
    }
    const [done] = await tx
      .select({ id: trainingSurveyAnswers.assignmentId })
      .from(trainingSurveyAnswers)
      .where(eq(trainingSurveyAnswers.assignmentId, a.id));
    if (done) {
      throw new AppError('conflict', {
        detail: { ja: 'このアンケートには回答済みです。', en: 'You have already answered this survey.' },
      });
    }
    const byId = new Map(course.survey.map((q) => [q.id, q]));
    const errors: LocalizedFieldError[] = [];
    const answers: Record<string, number | string> = {};
    body.answers.forEach((ans, i) => {
      const q = byId.get(ans.questionId);
      const path = `body.answers.${i}`;
      if (!q || answers[ans.questionId] !== undefined) {
        errors.push({
          path: `${path}.questionId`,
          message: { ja: 'この研修のアンケートにない設問です。', en: 'Not a question of this survey.' },
        });
      } else if (q.kind === 'scale' && typeof ans.value !== 'number') {
        errors.push({
          path: `${path}.value`,
          message: { ja: '1〜5 の数値で回答してください。', en: 'Answer with a number from 1 to 5.' },
        });
      } else if (q.kind === 'text' && typeof ans.value !== 'string') {
        errors.push({
          path: `${path}.value`,
          message: { ja: '文章で回答してください。', en: 'Answer with text.' },
        });
      } else if (ans.value !== '') {
        answers[ans.questionId] = ans.value;
      }
    });
    if (errors.length) throw new AppError('validation_failed', { errors });
    await tx.insert(trainingSurveyAnswers).values({
      assignmentId: a.id,
      tenantId: a.tenantId,
      courseId: a.courseId,
      fiscalYear: a.fiscalYear,
      answers,
    });
    await recordAudit(tx, ctx, {
      action: 'training.survey_answer',
      tenantId: a.tenantId,
      targetId: a.courseId,
      after: { assignmentId: a.id, fiscalYear: a.fiscalYear, answered: Object.keys(answers).length },
    });
    return { answered: Object.keys(answers).length };
  });
}

/**
 * Aggregate survey results for a fiscal year over the caller's training.view scope. Fewer answers than
 * the agency's minimum group size: only counts (no means, no comments), so nobody can be singled out.
 */
export async function surveyResultsFor(
  ctx: ActorCtx,
  courseId: string,
  q: { fiscalYear?: number | undefined },
): Promise<SurveyResultsOut> {
  authorize(ctx.actor, 'training.view');
  const course = await loadCourse(ctx.db, ctx.actor.tenantId, courseId);
  const fiscalYear = reportYear(q.fiscalYear);
  const rows = rowsOf<{ answers: Record<string, number | string> }>(
    await ctx.db.execute(sql`
      select s.answers from training_survey_answers s
        join training_assignments a on a.id = s.assignment_id
        join people p on p.id = a.person_id
        join org_units u on u.id = p.unit_id
      where s.course_id = ${course.id} and s.fiscal_year = ${fiscalYear}
        and ${inScope(ctx.actor, 'training.view', sql`u.path`)}
      order by s.submitted_at`),
  );
  const min = await minimumGroupSize(ctx.db, ctx.actor.tenantId);
  const r = surveyResults(
    course.survey,
    rows.map((x) => x.answers),
    min,
  );
  return { courseId: course.id, fiscalYear, minGroupSize: min, ...r };
}
