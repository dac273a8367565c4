import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorCtx } from '../../server/auth.js';
import { Binary } from '../../server/files.js';
import { str } from '../../server/validation.js';
import { tenants } from '../org/schema.js';
import { IdParams } from '../org/validation.js';
import {
  createCourse,
  getCourseDetail,
  getImage,
  IMAGE_TYPES,
  listCourses,
  putCourseContent,
  transitionCourse,
  updateCourse,
  uploadImage,
} from './course-service.js';
import { printableCourse } from './print.js';
import { installStarterCoursesAs } from './starter-service.js';
import {
  CourseContentBody,
  CourseDetailOut,
  CourseOut,
  CourseTransitionBody,
  CreateCourseBody,
  ImageOut,
  ListCoursesQuery,
  StarterInstallOut,
  UpdateCourseBody,
} from './validation.js';

/** Course administration (training.manage, agency-wide): settings, content, publication, images, print. */
export async function courseRoutes(app: FastifyInstance) {
  const bodyLimit = app.mamoruConfig.uploadLimit;
  app.addContentTypeParser([...IMAGE_TYPES], { parseAs: 'buffer', bodyLimit }, (_req, body, done) =>
    done(null, body),
  );
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['training: courses'];
  const manage = { access: 'training.manage' } as const;

  r.get(
    '/training/courses',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'Courses of the agency (for those who manage or view training)',
        querystring: ListCoursesQuery,
        response: { 200: z.object({ items: z.array(CourseOut) }) },
      },
    },
    async (req) => listCourses(actorCtx(req), req.query),
  );
  r.post(
    '/training/courses',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Create a course (draft)',
        body: CreateCourseBody,
        response: { 201: CourseOut },
      },
    },
    async (req, reply) => reply.code(201).send(await createCourse(actorCtx(req), req.body)),
  );
  r.get(
    '/training/courses/:id',
    {
      config: manage,
      schema: {
        tags,
        summary: 'A course with its pages and question bank (with the answer key)',
        params: IdParams,
        response: { 200: CourseDetailOut },
      },
    },
    async (req) => getCourseDetail(actorCtx(req), req.params.id),
  );
  r.patch(
    '/training/courses/:id',
    {
      config: manage,
      schema: {
        tags,
        summary: "Change a course's settings",
        params: IdParams,
        body: UpdateCourseBody,
        response: { 200: CourseOut },
      },
    },
    async (req) => updateCourse(actorCtx(req), req.params.id, req.body),
  );
  r.put(
    '/training/courses/:id/content',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Replace the pages and question bank (a published course gets a new version)',
        params: IdParams,
        body: CourseContentBody,
        response: { 200: CourseDetailOut },
      },
    },
    async (req) => putCourseContent(actorCtx(req), req.params.id, req.body),
  );
  r.post(
    '/training/courses/:id/transition',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Publish, withdraw (to draft) or archive a course',
        params: IdParams,
        body: CourseTransitionBody,
        response: { 200: CourseOut },
      },
    },
    async (req) => transitionCourse(actorCtx(req), req.params.id, req.body.to),
  );
  r.get(
    '/training/courses/:id/print',
    {
      config: manage,
      schema: {
        tags,
        summary: 'A printable, self-contained HTML version (pages, questions without answers, answer sheet)',
        params: IdParams,
        response: { 200: Binary },
      },
    },
    async (req, reply) => {
      const ctx = actorCtx(req);
      const c = await getCourseDetail(ctx, req.params.id);
      const [t] = await ctx.db
        .select({ name: tenants.nameJa })
        .from(tenants)
        .where(eq(tenants.id, ctx.actor.tenantId));
      const html = printableCourse(c, t?.name ?? '', ctx.config.publicUrl);
      return reply
        .type('text/html; charset=utf-8')
        .header(
          'content-security-policy',
          "default-src 'none'; img-src https: 'self'; style-src 'unsafe-inline'",
        )
        .send(Buffer.from(html, 'utf8'));
    },
  );
  r.post(
    '/training/images',
    {
      config: manage,
      bodyLimit,
      schema: {
        tags,
        summary:
          'Upload an image for course pages (PNG, JPEG, GIF or WebP as the raw body); use the returned url in Markdown',
        querystring: z.strictObject({ filename: str().trim().min(1).max(200).default('image') }),
        response: { 201: ImageOut },
      },
    },
    async (req, reply) => {
      // Anything but image bytes (e.g. a JSON body) is refused by the type check in uploadImage.
      const bytes = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      return reply.code(201).send(await uploadImage(actorCtx(req), bytes, req.query.filename));
    },
  );
  r.get(
    '/training/images/:id',
    {
      config: { access: 'authenticated' },
      schema: { tags, summary: 'A course image', params: IdParams, response: { 200: Binary } },
    },
    async (req, reply) => {
      const img = await getImage(actorCtx(req), req.params.id);
      return reply
        .type(img.type)
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, max-age=86400')
        .send(img.body);
    },
  );
  r.post(
    '/training/starter-courses/install',
    {
      config: manage,
      schema: {
        tags,
        summary:
          "Install Mamoru's starter courses (basic, 課室情報セキュリティ責任者, targeted mail); idempotent",
        response: { 200: StarterInstallOut },
      },
    },
    async (req) => installStarterCoursesAs(actorCtx(req)),
  );
}
