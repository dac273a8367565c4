import { and, asc, count, eq, inArray, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { ActorCtx } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import { authorizeTenantWide, can } from '../../server/policy.js';
import { recordAudit } from '../audit/service.js';
import {
  type CourseStatus,
  trainingCourses,
  trainingImages,
  trainingPages,
  trainingQuestions,
} from './schema.js';
import type {
  CourseContentBody,
  CourseDetailOut,
  CourseOut,
  CreateCourseBody,
  UpdateCourseBody,
} from './validation.js';

export type CourseRow = typeof trainingCourses.$inferSelect;

/** The course if it belongs to the actor's agency; "not found" otherwise. */
export async function loadCourse(db: Db, tenantId: string, id: string): Promise<CourseRow> {
  const [c] = await db
    .select()
    .from(trainingCourses)
    .where(and(eq(trainingCourses.id, id), eq(trainingCourses.tenantId, tenantId)));
  if (!c) throw new AppError('not_found');
  return c;
}

async function counts(db: Db, ids: string[]) {
  if (ids.length === 0) return new Map<string, { pages: number; questions: number }>();
  const [p, q] = await Promise.all([
    db
      .select({ id: trainingPages.courseId, n: count() })
      .from(trainingPages)
      .where(inArray(trainingPages.courseId, ids))
      .groupBy(trainingPages.courseId),
    db
      .select({ id: trainingQuestions.courseId, n: count() })
      .from(trainingQuestions)
      .where(inArray(trainingQuestions.courseId, ids))
      .groupBy(trainingQuestions.courseId),
  ]);
  const m = new Map(ids.map((id) => [id, { pages: 0, questions: 0 }]));
  for (const r of p) m.get(r.id)!.pages = r.n;
  for (const r of q) m.get(r.id)!.questions = r.n;
  return m;
}

export function presentCourse(c: CourseRow, n: { pages: number; questions: number }): CourseOut {
  return {
    id: c.id,
    key: c.key,
    title: c.title,
    description: c.description,
    audienceRoleKeys: c.audienceRoleKeys,
    passMark: c.passMark,
    perfectScoreRequired: c.perfectScoreRequired,
    questionsPerAttempt: c.questionsPerAttempt,
    shuffle: c.shuffle,
    reminderAfterDays: c.reminderAfterDays,
    status: c.status,
    version: c.version,
    publishedAt: c.publishedAt?.toISOString() ?? null,
    pageCount: n.pages,
    questionCount: n.questions,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

export async function presentCourses(db: Db, rows: CourseRow[]): Promise<CourseOut[]> {
  const n = await counts(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => presentCourse(r, n.get(r.id)!));
}

/** Course list for those who manage or view training (any scope): titles and settings, no content. */
export async function listCourses(ctx: ActorCtx, q: { status?: CourseStatus | undefined }) {
  if (!can(ctx.actor, 'training.manage') && !can(ctx.actor, 'training.view')) throw new AppError('forbidden');
  const where: SQL[] = [eq(trainingCourses.tenantId, ctx.actor.tenantId)];
  if (q.status) where.push(eq(trainingCourses.status, q.status));
  const rows = await ctx.db
    .select()
    .from(trainingCourses)
    .where(and(...where))
    .orderBy(asc(trainingCourses.createdAt), asc(trainingCourses.title));
  return { items: await presentCourses(ctx.db, rows) };
}

export async function createCourse(ctx: ActorCtx, body: CreateCourseBody, db: Db = ctx.db) {
  authorizeTenantWide(ctx.actor, 'training.manage');
  return db.transaction(async (tx) => {
    const [c] = await tx
      .insert(trainingCourses)
      .values({ ...body, tenantId: ctx.actor.tenantId })
      .returning();
    await recordAudit(tx, ctx, {
      action: 'training.course_create',
      tenantId: c!.tenantId,
      targetId: c!.id,
      after: body,
    });
    return presentCourse(c!, { pages: 0, questions: 0 });
  });
}

export async function getCourseDetail(ctx: ActorCtx, id: string): Promise<CourseDetailOut> {
  authorizeTenantWide(ctx.actor, 'training.manage');
  const c = await loadCourse(ctx.db, ctx.actor.tenantId, id);
  return courseDetail(ctx.db, c);
}

export async function courseDetail(db: Db, c: CourseRow): Promise<CourseDetailOut> {
  const [pages, questions] = await Promise.all([
    db
      .select()
      .from(trainingPages)
      .where(eq(trainingPages.courseId, c.id))
      .orderBy(asc(trainingPages.position)),
    db
      .select()
      .from(trainingQuestions)
      .where(eq(trainingQuestions.courseId, c.id))
      .orderBy(asc(trainingQuestions.position)),
  ]);
  return {
    ...presentCourse(c, { pages: pages.length, questions: questions.length }),
    pages: pages.map((p) => ({
      id: p.id,
      position: p.position,
      title: p.title,
      body: p.body,
      videos: p.videos,
    })),
    questions: questions.map((q) => ({
      id: q.id,
      position: q.position,
      kind: q.kind,
      text: q.text,
      choices: q.choices,
      explanation: q.explanation,
    })),
  };
}

export async function updateCourse(ctx: ActorCtx, id: string, body: UpdateCourseBody) {
  authorizeTenantWide(ctx.actor, 'training.manage');
  return ctx.db.transaction(async (tx) => {
    const before = await loadCourse(tx, ctx.actor.tenantId, id);
    if (before.status === 'archived') throw archived();
    const [c] = await tx
      .update(trainingCourses)
      .set({ ...body, updatedAt: new Date() })
      .where(eq(trainingCourses.id, id))
      .returning();
    await recordAudit(tx, ctx, {
      action: 'training.course_update',
      tenantId: c!.tenantId,
      targetId: id,
      before: Object.fromEntries(Object.keys(body).map((k) => [k, before[k as keyof CourseRow]])),
      after: body,
    });
    return (await presentCourses(tx, [c!]))[0]!;
  });
}

const archived = () =>
  new AppError('invalid_state', {
    detail: { ja: '終了した研修コースは変更できません。', en: 'An archived course cannot be changed.' },
  });

/** Choice ids are letters a, b, c… in the order given (stable for a question's lifetime in an attempt). */
const choiceId = (i: number) => String.fromCharCode(97 + i);

/** Writes pages and questions of a course (replacing the previous ones) inside a transaction. */
export async function writeContent(tx: Db, courseId: string, body: CourseContentBody) {
  await tx.delete(trainingPages).where(eq(trainingPages.courseId, courseId));
  await tx.delete(trainingQuestions).where(eq(trainingQuestions.courseId, courseId));
  if (body.pages.length) {
    await tx.insert(trainingPages).values(
      body.pages.map((p, i) => ({
        courseId,
        position: i + 1,
        title: p.title,
        body: p.body,
        videos: p.videos,
      })),
    );
  }
  if (body.questions.length) {
    await tx.insert(trainingQuestions).values(
      body.questions.map((q, i) => ({
        courseId,
        position: i + 1,
        kind: q.kind,
        text: q.text,
        explanation: q.explanation,
        choices: q.choices.map((c, j) => ({ id: choiceId(j), text: c.text, correct: c.correct })),
      })),
    );
  }
}

/**
 * Replaces a course's pages and question bank. A published course gets a new version; attempts in
 * progress keep the questions they were served (attempts store a snapshot).
 */
export async function putCourseContent(ctx: ActorCtx, id: string, body: CourseContentBody) {
  authorizeTenantWide(ctx.actor, 'training.manage');
  return ctx.db.transaction(async (tx) => {
    const c = await loadCourse(tx, ctx.actor.tenantId, id);
    if (c.status === 'archived') throw archived();
    if (c.status === 'published' && body.questions.length === 0) throw noQuestions();
    await writeContent(tx, id, body);
    const [u] = await tx
      .update(trainingCourses)
      .set({ updatedAt: new Date(), version: c.status === 'published' ? c.version + 1 : c.version })
      .where(eq(trainingCourses.id, id))
      .returning();
    await recordAudit(tx, ctx, {
      action: 'training.course_content',
      tenantId: c.tenantId,
      targetId: id,
      after: { pages: body.pages.length, questions: body.questions.length, version: u!.version },
    });
    return courseDetail(tx, u!);
  });
}

const noQuestions = () =>
  new AppError('invalid_state', {
    detail: {
      ja: '確認テストの問題が1問もない研修コースは公開できません。',
      en: 'A course without test questions cannot be published.',
    },
  });

/** draft → published → archived (and published → draft to withdraw it, archived → published to reopen). */
export async function transitionCourse(ctx: ActorCtx, id: string, to: CourseStatus) {
  authorizeTenantWide(ctx.actor, 'training.manage');
  return ctx.db.transaction(async (tx) => {
    const c = await loadCourse(tx, ctx.actor.tenantId, id);
    if (c.status === to) throw new AppError('invalid_state');
    if (to === 'draft' && c.status !== 'published') throw new AppError('invalid_state');
    if (to === 'published') {
      const [n] = await tx
        .select({ n: count() })
        .from(trainingQuestions)
        .where(eq(trainingQuestions.courseId, id));
      if (!n?.n) throw noQuestions();
    }
    const [u] = await tx
      .update(trainingCourses)
      .set({
        status: to,
        updatedAt: new Date(),
        ...(to === 'published' ? { publishedAt: new Date() } : {}),
      })
      .where(eq(trainingCourses.id, id))
      .returning();
    await recordAudit(tx, ctx, {
      action: 'training.course_transition',
      tenantId: c.tenantId,
      targetId: id,
      before: { status: c.status },
      after: { status: to },
    });
    return (await presentCourses(tx, [u!]))[0]!;
  });
}

// --- images ----------------------------------------------------------------------------------------

export const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'] as const;
const MAX_IMAGE_BYTES = 5 * 1024 * 1024;

/** Checks the bytes really are the image type claimed (magic numbers), so nothing else is served back. */
function sniffImage(b: Buffer): (typeof IMAGE_TYPES)[number] | null {
  if (b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return 'image/png';
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.subarray(0, 4).toString('latin1') === 'GIF8') return 'image/gif';
  if (b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP')
    return 'image/webp';
  return null;
}

export async function uploadImage(ctx: ActorCtx, bytes: Buffer, filename: string) {
  authorizeTenantWide(ctx.actor, 'training.manage');
  const type = sniffImage(bytes);
  if (!type) {
    throw new AppError('unsupported_media_type', {
      detail: {
        ja: '画像は PNG・JPEG・GIF・WebP のいずれかにしてください。',
        en: 'Images must be PNG, JPEG, GIF or WebP.',
      },
    });
  }
  if (bytes.length > MAX_IMAGE_BYTES) throw new AppError('payload_too_large');
  return ctx.db.transaction(async (tx) => {
    const [img] = await tx
      .insert(trainingImages)
      .values({
        tenantId: ctx.actor.tenantId,
        contentType: type,
        filename,
        bytes,
        createdBy: ctx.actor.accountId,
      })
      .returning({ id: trainingImages.id });
    await recordAudit(tx, ctx, {
      action: 'training.image_upload',
      tenantId: ctx.actor.tenantId,
      targetId: img!.id,
      after: { filename, contentType: type, size: bytes.length },
    });
    return { id: img!.id, url: `/api/v1/training/images/${img!.id}`, contentType: type, size: bytes.length };
  });
}

/** Any signed-in member of the agency may load its course images (they are course content). */
export async function getImage(ctx: ActorCtx, id: string) {
  const [img] = await ctx.db
    .select()
    .from(trainingImages)
    .where(and(eq(trainingImages.id, id), eq(trainingImages.tenantId, ctx.actor.tenantId)));
  if (!img) throw new AppError('not_found');
  return { type: img.contentType, body: Buffer.from(img.bytes) };
}
