import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { ActorCtx, Ctx } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import { authorizeTenantWide } from '../../server/policy.js';
import { recordAudit } from '../audit/service.js';
import { STARTER_COURSES } from './course-data/index.js';
import { presentCourses, writeContent } from './course-service.js';
import { trainingCourses } from './schema.js';
import { CourseContentBody, CreateCourseBody } from './validation.js';

/**
 * Installs Mamoru's starter courses (published) into an agency, inside the caller's transaction.
 * Idempotent: a course whose key the agency already has is left as it is (the agency may have edited it).
 * With a system context (demo seed, CLI) pass the agency's id.
 */
export async function installStarterCourses(tx: Db, ctx: Ctx, tenantId?: string) {
  const tenant = ctx.actor?.tenantId ?? tenantId;
  if (!tenant || (ctx.actor && tenantId && tenantId !== ctx.actor.tenantId)) throw new AppError('not_found');
  const installed: string[] = [];
  const existing: string[] = [];
  const ids: string[] = [];
  for (const s of STARTER_COURSES) {
    const [have] = await tx
      .select({ id: trainingCourses.id })
      .from(trainingCourses)
      .where(and(eq(trainingCourses.tenantId, tenant), eq(trainingCourses.key, s.key)));
    if (have) {
      existing.push(s.key);
      ids.push(have.id);
      continue;
    }
    const { pages, questions, key, ...settings } = s;
    const [c] = await tx
      .insert(trainingCourses)
      .values({
        ...CreateCourseBody.parse(settings),
        key,
        tenantId: tenant,
        status: 'published',
        publishedAt: new Date(),
      })
      .onConflictDoNothing()
      .returning({ id: trainingCourses.id });
    if (!c) {
      existing.push(s.key);
      continue;
    }
    await writeContent(tx, c.id, CourseContentBody.parse({ pages, questions }));
    installed.push(s.key);
    ids.push(c.id);
  }
  if (installed.length) {
    await recordAudit(tx, ctx, {
      action: 'training.starter_install',
      tenantId: tenant,
      targetId: tenant,
      after: { installed },
    });
  }
  const rows = (await tx.select().from(trainingCourses).where(eq(trainingCourses.tenantId, tenant))).filter(
    (r) => ids.includes(r.id),
  );
  return { installed, existing, courses: await presentCourses(tx, rows) };
}

export async function installStarterCoursesAs(ctx: ActorCtx) {
  authorizeTenantWide(ctx.actor, 'training.manage');
  return ctx.db.transaction((tx) => installStarterCourses(tx, ctx));
}
