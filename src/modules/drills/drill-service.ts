import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { analyze, type Db, pgArray, rowsOf } from '../../db/client.js';
import { mulberry32, sample } from '../../lib/random.js';
import type { ActorCtx } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import { authorize, authorizeTenantWide, withinSubtree } from '../../server/policy.js';
import { recordAudit } from '../audit/service.js';
import { orgUnits, people } from '../org/schema.js';
import { roles } from '../roles/schema.js';
import { starterCourseId } from '../training/assignment-service.js';
import { trainingCourses } from '../training/schema.js';
import { attachmentHtml, benignMail, linksFor, lureMail } from './mailer.js';
import { nextSendTime, sampleSize } from './rules.js';
import { type DrillState, drillRecipients, drills } from './schema.js';
import { scheduleSend } from './send.js';
import type { CreateDrillBody, DrillOut, TransitionBody, UpdateDrillBody } from './validation.js';

export type DrillRow = typeof drills.$inferSelect;

const iso = (d: Date | null) => d?.toISOString() ?? null;

export function presentDrill(d: DrillRow, recipients: number): DrillOut {
  return {
    id: d.id,
    title: d.title,
    state: d.state,
    variant: d.variant,
    announced: d.announced,
    senderName: d.senderName,
    senderAddress: d.senderAddress,
    subject: d.subject,
    body: d.body,
    lureKind: d.lureKind,
    attachmentName: d.attachmentName,
    benignSubject: d.benignSubject,
    benignBody: d.benignBody,
    lureDelayHours: d.lureDelayHours,
    trainingContent: d.trainingContent,
    survey: d.survey,
    targetUnitIds: d.targetUnitIds,
    targetRoleKeys: d.targetRoleKeys,
    samplePercent: d.samplePercent,
    sampleSeed: d.sampleSeed,
    startAt: iso(d.startAt),
    windowStart: d.windowStart,
    windowEnd: d.windowEnd,
    ratePerSecond: d.ratePerSecond,
    scannerWindowSeconds: d.scannerWindowSeconds,
    followUpCourseId: d.followUpCourseId,
    createdAt: d.createdAt.toISOString(),
    scheduledAt: iso(d.scheduledAt),
    startedAt: iso(d.startedAt),
    finishedAt: iso(d.finishedAt),
    recipients,
  };
}

async function countRecipients(db: Db, ids: string[]) {
  if (ids.length === 0) return new Map<string, number>();
  const rows = await db
    .select({ id: drillRecipients.drillId, n: sql<number>`count(*)`.mapWith(Number) })
    .from(drillRecipients)
    .where(inArray(drillRecipients.drillId, ids))
    .groupBy(drillRecipients.drillId);
  return new Map(rows.map((r) => [r.id, r.n]));
}

/** A drill of the caller's agency, or "not found". */
export async function loadDrill(ctx: ActorCtx, id: string): Promise<DrillRow> {
  const [d] = await ctx.db
    .select()
    .from(drills)
    .where(and(eq(drills.id, id), eq(drills.tenantId, ctx.actor.tenantId)));
  if (!d) throw new AppError('not_found');
  return d;
}

/** Drill definitions (lure text, targets) are the administrators'; unit heads see results only. */
function requireManage(ctx: ActorCtx) {
  authorizeTenantWide(ctx.actor, 'drill.manage');
}

export async function listDrills(ctx: ActorCtx) {
  authorize(ctx.actor, 'drill.view');
  const rows = await ctx.db
    .select()
    .from(drills)
    .where(eq(drills.tenantId, ctx.actor.tenantId))
    .orderBy(desc(drills.createdAt));
  const counts = await countRecipients(
    ctx.db,
    rows.map((d) => d.id),
  );
  return rows.map((d) => presentDrill(d, counts.get(d.id) ?? 0));
}

export async function getDrill(ctx: ActorCtx, id: string) {
  authorize(ctx.actor, 'drill.view');
  const d = await loadDrill(ctx, id);
  return presentDrill(d, (await countRecipients(ctx.db, [d.id])).get(d.id) ?? 0);
}

function invalid(path: string, ja: string, en: string) {
  return new AppError('validation_failed', { errors: [{ path: `body.${path}`, message: { ja, en } }] });
}

/** Target units, roles and the follow-up course must be the agency's own. */
async function checkReferences(
  ctx: ActorCtx,
  s: { targetUnitIds?: string[]; targetRoleKeys?: string[]; followUpCourseId?: string | null },
) {
  const tenantId = ctx.actor.tenantId;
  if (s.targetUnitIds?.length) {
    const found = await ctx.db
      .select({ id: orgUnits.id })
      .from(orgUnits)
      .where(and(eq(orgUnits.tenantId, tenantId), inArray(orgUnits.id, s.targetUnitIds)));
    if (found.length !== new Set(s.targetUnitIds).size)
      throw invalid(
        'targetUnitIds',
        'この機関に存在しない組織が含まれています',
        'names a unit this agency does not have',
      );
  }
  if (s.targetRoleKeys?.length) {
    const found = await ctx.db
      .select({ key: roles.key })
      .from(roles)
      .where(and(eq(roles.tenantId, tenantId), inArray(roles.key, s.targetRoleKeys)));
    if (found.length !== new Set(s.targetRoleKeys).size)
      throw invalid(
        'targetRoleKeys',
        'この機関に存在しない役割が含まれています',
        'names a role this agency does not have',
      );
  }
  if (s.followUpCourseId) {
    const [c] = await ctx.db
      .select({ id: trainingCourses.id, status: trainingCourses.status })
      .from(trainingCourses)
      .where(and(eq(trainingCourses.id, s.followUpCourseId), eq(trainingCourses.tenantId, tenantId)));
    if (!c)
      throw invalid(
        'followUpCourseId',
        'この機関に存在しない研修コースです',
        'names a course this agency does not have',
      );
    if (c.status !== 'published')
      throw invalid(
        'followUpCourseId',
        '公開中の研修コースを指定してください',
        'must be a published course (only those can be assigned)',
      );
  }
}

function fieldsOf<T extends { startAt?: string | null | undefined }>(
  input: T,
): Omit<T, 'startAt'> & { startAt?: Date | null } {
  const { startAt, ...rest } = input;
  return { ...rest, ...(startAt !== undefined ? { startAt: startAt ? new Date(startAt) : null } : {}) };
}

/** The shipped 標的型メール course, when installed and published (assignable). */
async function publishedStarter(ctx: ActorCtx) {
  const id = await starterCourseId(ctx.db, ctx.actor.tenantId, 'targeted_mail');
  if (!id) return null;
  const [c] = await ctx.db
    .select({ status: trainingCourses.status })
    .from(trainingCourses)
    .where(eq(trainingCourses.id, id));
  return c?.status === 'published' ? id : null;
}

export async function createDrill(ctx: ActorCtx, input: z.infer<typeof CreateDrillBody>) {
  requireManage(ctx);
  await checkReferences(ctx, input);
  const followUpCourseId =
    input.followUpCourseId !== undefined ? input.followUpCourseId : await publishedStarter(ctx);
  return ctx.db.transaction(async (tx) => {
    const [d] = await tx
      .insert(drills)
      .values({
        ...fieldsOf(input),
        followUpCourseId,
        tenantId: ctx.actor.tenantId,
        createdBy: ctx.actor.accountId,
      })
      .returning();
    await recordAudit(tx, ctx, {
      action: 'drill.create',
      tenantId: d!.tenantId,
      targetId: d!.id,
      after: { title: d!.title, variant: d!.variant, lureKind: d!.lureKind },
    });
    return presentDrill(d!, 0);
  });
}

export async function updateDrill(ctx: ActorCtx, id: string, input: z.infer<typeof UpdateDrillBody>) {
  requireManage(ctx);
  const d = await loadDrill(ctx, id);
  if (d.state !== 'draft') throw new AppError('invalid_state');
  await checkReferences(ctx, input);
  const next = { ...d, ...fieldsOf(input) };
  if (next.variant === 'exchange' && !next.benignBody)
    throw invalid(
      'benignBody',
      'やりとり型には最初のメールの本文が必要です',
      'required for an exchange drill',
    );
  if (next.lureKind === 'attachment' && !next.attachmentName)
    throw invalid(
      'attachmentName',
      '添付ファイル型には添付ファイル名が必要です',
      'required for an attachment lure',
    );
  return ctx.db.transaction(async (tx) => {
    const [u] = await tx
      .update(drills)
      .set({ ...fieldsOf(input), updatedAt: new Date() })
      .where(eq(drills.id, id))
      .returning();
    await recordAudit(tx, ctx, {
      action: 'drill.update',
      tenantId: d.tenantId,
      targetId: d.id,
      before: Object.fromEntries(Object.keys(input).map((k) => [k, d[k as keyof DrillRow]])),
      after: input,
    });
    return presentDrill(u!, 0);
  });
}

export async function deleteDrill(ctx: ActorCtx, id: string) {
  requireManage(ctx);
  const d = await loadDrill(ctx, id);
  if (d.state !== 'draft') throw new AppError('invalid_state');
  await ctx.db.transaction(async (tx) => {
    await tx.delete(drills).where(eq(drills.id, id));
    await recordAudit(tx, ctx, {
      action: 'drill.delete',
      tenantId: d.tenantId,
      targetId: d.id,
      before: { title: d.title },
    });
  });
}

/** The lure as the administrator would get it: their own name and unit fill {{name}} and {{unit}}. */
export async function previewDrill(ctx: ActorCtx, id: string) {
  requireManage(ctx);
  const d = await loadDrill(ctx, id);
  const [own] = await ctx.db
    .select({ name: orgUnits.nameJa })
    .from(people)
    .innerJoin(orgUnits, eq(orgUnits.id, people.unitId))
    .where(eq(people.id, ctx.actor.personId));
  const r = { name: ctx.actor.personName, email: 'preview@example.invalid', unitName: own?.name ?? '' };
  const token = 'P'.repeat(32);
  const lure = lureMail(ctx.config, d, r, token, '<preview@mamoru.invalid>');
  const benign =
    d.variant === 'exchange' ? benignMail(ctx.config, d, r, token, '<preview@mamoru.invalid>') : null;
  return {
    from: `${d.senderName} <${d.senderAddress}>`,
    to: r.email,
    subject: String(lure.subject),
    text: String(lure.text),
    html: typeof lure.html === 'string' ? lure.html : null,
    attachmentName: d.lureKind === 'attachment' ? d.attachmentName : null,
    attachmentHtml:
      d.lureKind === 'attachment' ? attachmentHtml(d, linksFor(ctx.config.publicUrl, token)) : null,
    benign: benign ? { subject: String(benign.subject), text: String(benign.text) } : null,
  };
}

/**
 * Freezes the recipients (units' subtrees, roles, a seeded random sample; only active staff with an
 * address — people who left or are on long leave are not mailed) and queues the sending.
 */
export async function scheduleDrill(ctx: ActorCtx, id: string) {
  requireManage(ctx);
  const d = await loadDrill(ctx, id);
  if (d.state !== 'draft') throw new AppError('invalid_state');
  const unitPaths = d.targetUnitIds.length
    ? (
        await ctx.db
          .select({ path: orgUnits.path })
          .from(orgUnits)
          .where(inArray(orgUnits.id, d.targetUnitIds))
      ).map((u) => u.path)
    : [];
  const eligible = rowsOf<{ id: string }>(
    await ctx.db.execute(sql`
      select p.id from people p join org_units u on u.id = p.unit_id
      where p.tenant_id = ${d.tenantId} and p.status = 'active' and p.email is not null and p.email <> ''
        ${
          unitPaths.length
            ? sql`and (${sql.join(
                unitPaths.map((path) => withinSubtree(sql`u.path`, path)),
                sql` or `,
              )})`
            : sql``
        }
        ${
          d.targetRoleKeys.length
            ? sql`and exists (select 1 from role_assignments ra join roles r on r.id = ra.role_id
                  where ra.person_id = p.id and r.key = any(${pgArray(d.targetRoleKeys)}::text[]))`
            : sql``
        }
      order by p.id`),
  ).map((r) => r.id);
  const chosen = sample(mulberry32(d.sampleSeed), eligible, sampleSize(eligible.length, d.samplePercent));
  if (chosen.length === 0) {
    throw new AppError('invalid_state', {
      detail: { ja: '訓練の対象者がいません。', en: 'The drill has no recipients.' },
    });
  }
  const firstSend = nextSendTime(new Date(), { start: d.windowStart, end: d.windowEnd, startAt: d.startAt });
  const result = await ctx.db.transaction(async (tx) => {
    const [moved] = await tx
      .update(drills)
      .set({ state: 'scheduled', scheduledAt: new Date(), updatedAt: new Date() })
      .where(and(eq(drills.id, id), eq(drills.state, 'draft')))
      .returning();
    if (!moved) throw new AppError('invalid_state');
    const exchange = d.variant === 'exchange';
    for (let i = 0; i < chosen.length; i += 5000) {
      await tx.execute(sql`
        insert into drill_recipients (drill_id, tenant_id, person_id, name, email, unit_id, unit_path, role_keys,
          lure_due_at, benign_state)
        select ${d.id}, p.tenant_id, p.id, p.name, p.email, p.unit_id, u.path,
          coalesce((select jsonb_agg(distinct r.key) from role_assignments ra join roles r on r.id = ra.role_id
                    where ra.person_id = p.id), '[]'::jsonb),
          ${exchange ? sql`null` : sql`${firstSend}::timestamptz`}, ${exchange ? 'queued' : null}
        from people p join org_units u on u.id = p.unit_id
        where p.id = any(${pgArray(chosen.slice(i, i + 5000))}::uuid[])
        order by p.id`);
    }
    await scheduleSend(tx, d.id, firstSend);
    await recordAudit(tx, ctx, {
      action: 'drill.schedule',
      tenantId: d.tenantId,
      targetId: d.id,
      after: { recipients: chosen.length, eligible: eligible.length, firstSend: firstSend.toISOString() },
    });
    return moved;
  });
  await analyze(ctx.db, 'drill_recipients');
  return presentDrill(result, chosen.length);
}

const TRANSITIONS: Record<z.infer<typeof TransitionBody>['to'], DrillState[]> = {
  paused: ['scheduled', 'sending'],
  sending: ['paused'],
  cancelled: ['draft', 'scheduled', 'sending', 'paused'],
};

/** Pause, resume or cancel sending. Mail already sent stays sent; tracking keeps recording. */
export async function transitionDrill(ctx: ActorCtx, id: string, to: z.infer<typeof TransitionBody>['to']) {
  requireManage(ctx);
  const d = await loadDrill(ctx, id);
  if (!TRANSITIONS[to].includes(d.state)) throw new AppError('invalid_state');
  const u = await ctx.db.transaction(async (tx) => {
    const [u] = await tx
      .update(drills)
      .set({
        state: to,
        updatedAt: new Date(),
        ...(to === 'cancelled' ? { finishedAt: new Date() } : {}),
      })
      .where(and(eq(drills.id, id), eq(drills.state, d.state)))
      .returning();
    if (!u) throw new AppError('invalid_state');
    if (to === 'sending') await scheduleSend(tx, id, new Date());
    await recordAudit(tx, ctx, {
      action: 'drill.transition',
      tenantId: d.tenantId,
      targetId: d.id,
      before: { state: d.state },
      after: { state: to },
    });
    return u;
  });
  return presentDrill(u, (await countRecipients(ctx.db, [id])).get(id) ?? 0);
}

/** Puts mail whose outcome is unknown (sender crashed mid-send) back in the queue — an explicit decision. */
export async function resendUnknown(ctx: ActorCtx, id: string) {
  requireManage(ctx);
  const d = await loadDrill(ctx, id);
  if (!['sending', 'done', 'paused'].includes(d.state)) throw new AppError('invalid_state');
  return ctx.db.transaction(async (tx) => {
    const requeued = rowsOf<{ id: number }>(
      await tx.execute(sql`
        update drill_recipients set state = 'queued', error = null,
          lure_due_at = coalesce(lure_due_at, now())
        where drill_id = ${id} and state = 'unknown' and coalesce(benign_state, 'sent') = 'sent'
        returning id`),
    ).length;
    if (requeued > 0 && d.state === 'done') {
      await tx.update(drills).set({ state: 'sending', finishedAt: null }).where(eq(drills.id, id));
    }
    if (requeued > 0 && d.state !== 'paused') await scheduleSend(tx, id, new Date());
    await recordAudit(tx, ctx, {
      action: 'drill.resend_unknown',
      tenantId: d.tenantId,
      targetId: id,
      after: { requeued },
    });
    return { requeued };
  });
}
