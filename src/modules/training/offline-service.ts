import { and, desc, eq, sql } from 'drizzle-orm';
import { fiscalYearOfDay, instantInJapan, todayInJapan } from '../../lib/dates.js';
import type { ActorCtx } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import type { Download } from '../../server/files.js';
import { authorize, inScope } from '../../server/policy.js';
import { recordAudit } from '../audit/service.js';
import { orgUnits, people } from '../org/schema.js';
import { loadCourse } from './course-service.js';
import { trainingAssignments, trainingOfflineCompletions } from './schema.js';
import type { OfflineCompletionBody, OfflineCompletionOut } from './validation.js';

const fieldError = (path: string, ja: string, en: string) =>
  new AppError('validation_failed', { errors: [{ path, message: { ja, en } }] });

/**
 * Records that a person read an offline copy of a course (a CD-R or printed copy read and confirmed,
 * 002 L76-78), with evidence: counts as completion for the fiscal year of the day it was confirmed.
 * The person's assignment of that year is completed; without one, an already-completed manual
 * assignment is made for that year. Only the office (training.manage, over the person's unit) may.
 */
export async function recordOfflineCompletion(
  ctx: ActorCtx,
  courseId: string,
  body: OfflineCompletionBody,
): Promise<OfflineCompletionOut> {
  authorize(ctx.actor, 'training.manage');
  if (body.completedOn > todayInJapan()) {
    throw fieldError(
      'body.completedOn',
      '受講日に未来の日付は指定できません。',
      'The completion day cannot be in the future.',
    );
  }
  const file = body.file ? Buffer.from(body.file.base64, 'base64') : null;
  if (body.file && (!file || file.length === 0)) {
    throw fieldError('body.file.base64', 'ファイルが空です。', 'The file is empty.');
  }
  if (file && file.length > ctx.config.uploadLimit) {
    throw fieldError('body.file.base64', 'ファイルが大きすぎます。', 'The file is too large.');
  }
  const fiscalYear = fiscalYearOfDay(body.completedOn);
  const completedAt = instantInJapan(body.completedOn, 12);
  return ctx.db.transaction(async (tx) => {
    const course = await loadCourse(tx, ctx.actor.tenantId, courseId);
    if (course.status === 'draft') throw new AppError('not_found');
    const [person] = await tx
      .select({ id: people.id })
      .from(people)
      .innerJoin(orgUnits, eq(orgUnits.id, people.unitId))
      .where(
        and(
          eq(people.id, body.personId),
          eq(people.tenantId, ctx.actor.tenantId),
          inScope(ctx.actor, 'training.manage', orgUnits.path),
        ),
      );
    if (!person) throw new AppError('not_found');
    const [existing] = await tx
      .select()
      .from(trainingAssignments)
      .where(
        and(
          eq(trainingAssignments.courseId, course.id),
          eq(trainingAssignments.personId, person.id),
          eq(trainingAssignments.fiscalYear, fiscalYear),
        ),
      )
      .orderBy(sql`${trainingAssignments.completedAt} is null desc`, desc(trainingAssignments.assignedAt))
      .limit(1)
      .for('update');
    if (existing?.completedAt) {
      throw new AppError('conflict', {
        detail: {
          ja: `この職員は${fiscalYear}年度にこの研修を既に修了しています。`,
          en: `This person already completed the course for fiscal year ${fiscalYear}.`,
        },
      });
    }
    let assignmentId: string;
    if (existing) {
      await tx
        .update(trainingAssignments)
        .set({ completedAt, completedVia: 'offline' })
        .where(eq(trainingAssignments.id, existing.id));
      assignmentId = existing.id;
    } else {
      const [a] = await tx
        .insert(trainingAssignments)
        .values({
          tenantId: course.tenantId,
          courseId: course.id,
          personId: person.id,
          fiscalYear,
          sourceKind: 'manual',
          completedAt,
          completedVia: 'offline',
        })
        .returning({ id: trainingAssignments.id });
      assignmentId = a!.id;
    }
    await tx.insert(trainingOfflineCompletions).values({
      assignmentId,
      tenantId: course.tenantId,
      method: body.method,
      completedOn: body.completedOn,
      note: body.note,
      fileName: body.file?.name ?? null,
      fileType: body.file?.type ?? null,
      fileBytes: file,
      recordedBy: ctx.actor.accountId,
    });
    const out: OfflineCompletionOut = {
      assignmentId,
      personId: person.id,
      fiscalYear,
      completedOn: body.completedOn,
      method: body.method,
      note: body.note,
      hasFile: file !== null,
    };
    await recordAudit(tx, ctx, {
      action: 'training.offline_complete',
      tenantId: course.tenantId,
      targetId: course.id,
      after: { ...out, file: body.file ? { name: body.file.name, size: file!.length } : null },
    });
    return out;
  });
}

/** The evidence file of an offline completion (training.manage over the person's unit). */
export async function offlineEvidenceFile(ctx: ActorCtx, assignmentId: string): Promise<Download> {
  authorize(ctx.actor, 'training.manage');
  const [row] = await ctx.db
    .select({ o: trainingOfflineCompletions })
    .from(trainingOfflineCompletions)
    .innerJoin(trainingAssignments, eq(trainingAssignments.id, trainingOfflineCompletions.assignmentId))
    .innerJoin(people, eq(people.id, trainingAssignments.personId))
    .innerJoin(orgUnits, eq(orgUnits.id, people.unitId))
    .where(
      and(
        eq(trainingOfflineCompletions.assignmentId, assignmentId),
        eq(trainingOfflineCompletions.tenantId, ctx.actor.tenantId),
        inScope(ctx.actor, 'training.manage', orgUnits.path),
      ),
    );
  if (!row?.o.fileBytes) throw new AppError('not_found');
  return {
    body: row.o.fileBytes,
    type: row.o.fileType ?? 'application/octet-stream',
    filename: row.o.fileName ?? 'evidence',
  };
}
