import { createHash, randomBytes } from 'node:crypto';
import { and, asc, count, desc, eq, inArray, sql } from 'drizzle-orm';
import type { ActorCtx, Ctx } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import { sendBatch } from '../../server/mail-batch.js';
import { authorizeTenantWide } from '../../server/policy.js';
import { recordAudit } from '../audit/service.js';
import { people } from '../org/schema.js';
import {
  incidentContactChecks,
  incidentContactConfirmations,
  incidentContactDrills,
  incidentContactLinks,
} from './schema.js';

// Contact drills (連絡体制の確認訓練, 002 L785-791): a test alert mailed down the chain, each link
// acknowledging with its own token, so the CSIRT sees how fast each one answered. The emergency contact
// list re-confirmed before long holidays (003 L1236-1262): a dated request and who has not confirmed.

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

async function agencyPeople(ctx: ActorCtx, ids: string[]) {
  const rows = await ctx.db
    .select({ id: people.id, name: people.name, email: people.email, unitId: people.unitId })
    .from(people)
    .where(and(eq(people.tenantId, ctx.actor.tenantId), inArray(people.id, ids)));
  if (rows.length !== new Set(ids).size)
    throw new AppError('validation_failed', {
      errors: [
        {
          path: 'body.personIds',
          message: {
            ja: 'この機関に存在しない職員が含まれています',
            en: 'names a person this agency does not have',
          },
        },
      ],
    });
  return new Map(rows.map((r) => [r.id, r]));
}

export async function startContactDrill(
  ctx: ActorCtx,
  body: { title: string; message: string; personIds: string[] },
) {
  authorizeTenantWide(ctx.actor, 'incident.handle');
  const ids = [...new Set(body.personIds)];
  const who = await agencyPeople(ctx, ids);
  const tokens = ids.map(() => randomBytes(24).toString('base64url'));
  const drill = await ctx.db.transaction(async (tx) => {
    const [d] = await tx
      .insert(incidentContactDrills)
      .values({
        tenantId: ctx.actor.tenantId,
        title: body.title,
        message: body.message,
        createdBy: ctx.actor.personId,
      })
      .returning();
    await tx.insert(incidentContactLinks).values(
      ids.map((personId, i) => ({
        drillId: d!.id,
        position: i,
        personId,
        tokenHash: hashToken(tokens[i]!),
      })),
    );
    await recordAudit(tx, ctx, {
      action: 'incident.contact_drill',
      tenantId: ctx.actor.tenantId,
      targetId: d!.id,
      after: { links: ids.length },
    });
    return d!;
  });
  const base = ctx.config.publicUrl.replace(/\/$/, '');
  await sendBatch(
    ctx,
    { tenantId: ctx.actor.tenantId, purpose: 'incident.contact-drill', occasion: drill.id },
    ids.map((personId, i) => {
      const p = who.get(personId)!;
      return {
        key: personId,
        personId,
        name: p.name,
        unitId: p.unitId,
        email: p.email,
        subject: `【訓練】${body.title}`,
        text: `${p.name} 様\n\nこれは緊急連絡体制の確認訓練です。\n\n${body.message}\n\n受信を確認したら、次のリンクを開いて「確認しました」を押してください。\n${base}/incident-ack/${tokens[i]}\n`,
      };
    }),
  );
  return getContactDrill(ctx, drill.id);
}

export async function getContactDrill(ctx: ActorCtx, id: string) {
  authorizeTenantWide(ctx.actor, 'incident.handle');
  const [d] = await ctx.db
    .select()
    .from(incidentContactDrills)
    .where(and(eq(incidentContactDrills.id, id), eq(incidentContactDrills.tenantId, ctx.actor.tenantId)));
  if (!d) throw new AppError('not_found');
  const links = await ctx.db
    .select({ link: incidentContactLinks, name: people.name })
    .from(incidentContactLinks)
    .innerJoin(people, eq(people.id, incidentContactLinks.personId))
    .where(eq(incidentContactLinks.drillId, id))
    .orderBy(asc(incidentContactLinks.position));
  return {
    id: d.id,
    title: d.title,
    message: d.message,
    sentAt: d.sentAt.toISOString(),
    links: links.map(({ link, name }) => ({
      position: link.position,
      person: { id: link.personId, name },
      acknowledgedAt: link.acknowledgedAt?.toISOString() ?? null,
      seconds: link.acknowledgedAt
        ? Math.max(0, Math.round((link.acknowledgedAt.getTime() - d.sentAt.getTime()) / 1000))
        : null,
    })),
  };
}

export async function listContactDrills(ctx: ActorCtx) {
  authorizeTenantWide(ctx.actor, 'incident.handle');
  const rows = await ctx.db
    .select({
      id: incidentContactDrills.id,
      title: incidentContactDrills.title,
      sentAt: incidentContactDrills.sentAt,
      links: count(incidentContactLinks.id),
      acknowledged: sql<number>`count(${incidentContactLinks.acknowledgedAt})`.mapWith(Number),
    })
    .from(incidentContactDrills)
    .leftJoin(incidentContactLinks, eq(incidentContactLinks.drillId, incidentContactDrills.id))
    .where(eq(incidentContactDrills.tenantId, ctx.actor.tenantId))
    .groupBy(incidentContactDrills.id)
    .orderBy(desc(incidentContactDrills.sentAt))
    .limit(100);
  return { items: rows.map((r) => ({ ...r, sentAt: r.sentAt.toISOString() })) };
}

/** A link acknowledges with its token (no sign-in: the alert may reach a phone); the first time counts. */
export async function acknowledge(ctx: Ctx, token: string) {
  return ctx.db.transaction(async (tx) => {
    const [link] = await tx
      .select({ link: incidentContactLinks, tenantId: incidentContactDrills.tenantId })
      .from(incidentContactLinks)
      .innerJoin(incidentContactDrills, eq(incidentContactDrills.id, incidentContactLinks.drillId))
      .where(eq(incidentContactLinks.tokenHash, hashToken(token)))
      .for('update', { of: incidentContactLinks });
    if (!link) throw new AppError('not_found');
    if (link.link.acknowledgedAt) return { acknowledgedAt: link.link.acknowledgedAt.toISOString() };
    const at = new Date();
    await tx
      .update(incidentContactLinks)
      .set({ acknowledgedAt: at })
      .where(eq(incidentContactLinks.id, link.link.id));
    await recordAudit(tx, ctx, {
      action: 'incident.contact_ack',
      tenantId: link.tenantId,
      targetId: link.link.drillId,
      after: { position: link.link.position },
      actorLabel: 'contact-drill-link',
    });
    return { acknowledgedAt: at.toISOString() };
  });
}

export async function startContactCheck(
  ctx: ActorCtx,
  body: { title: string; dueDay: string; personIds: string[] },
) {
  authorizeTenantWide(ctx.actor, 'incident.handle');
  const ids = [...new Set(body.personIds)];
  const who = await agencyPeople(ctx, ids);
  const check = await ctx.db.transaction(async (tx) => {
    const [c] = await tx
      .insert(incidentContactChecks)
      .values({
        tenantId: ctx.actor.tenantId,
        title: body.title,
        dueDay: body.dueDay,
        createdBy: ctx.actor.personId,
      })
      .returning();
    await tx
      .insert(incidentContactConfirmations)
      .values(ids.map((personId) => ({ checkId: c!.id, personId })));
    await recordAudit(tx, ctx, {
      action: 'incident.contact_check',
      tenantId: ctx.actor.tenantId,
      targetId: c!.id,
      after: { people: ids.length, dueDay: body.dueDay },
    });
    return c!;
  });
  const base = ctx.config.publicUrl.replace(/\/$/, '');
  await sendBatch(
    ctx,
    { tenantId: ctx.actor.tenantId, purpose: 'incident.contact-check', occasion: check.id },
    ids.map((personId) => {
      const p = who.get(personId)!;
      return {
        key: personId,
        personId,
        name: p.name,
        unitId: p.unitId,
        email: p.email,
        subject: `【確認依頼】${body.title}（${body.dueDay} まで）`,
        text: `${p.name} 様\n\n長期休暇中の緊急連絡先を ${body.dueDay} までに確認してください。\n${base}/incidents/contact-checks/${check.id}\n`,
      };
    }),
  );
  return getContactCheck(ctx, check.id);
}

async function loadCheck(ctx: ActorCtx, id: string) {
  const [c] = await ctx.db
    .select()
    .from(incidentContactChecks)
    .where(and(eq(incidentContactChecks.id, id), eq(incidentContactChecks.tenantId, ctx.actor.tenantId)));
  if (!c) throw new AppError('not_found');
  return c;
}

export async function getContactCheck(ctx: ActorCtx, id: string) {
  authorizeTenantWide(ctx.actor, 'incident.handle');
  const c = await loadCheck(ctx, id);
  const rows = await ctx.db
    .select({ conf: incidentContactConfirmations, name: people.name })
    .from(incidentContactConfirmations)
    .innerJoin(people, eq(people.id, incidentContactConfirmations.personId))
    .where(eq(incidentContactConfirmations.checkId, id))
    .orderBy(asc(people.name));
  return {
    id: c.id,
    title: c.title,
    dueDay: c.dueDay,
    createdAt: c.createdAt.toISOString(),
    people: rows.map(({ conf, name }) => ({
      person: { id: conf.personId, name },
      contact: conf.contact,
      confirmedAt: conf.confirmedAt?.toISOString() ?? null,
    })),
    unconfirmed: rows.filter((r) => r.conf.confirmedAt === null).length,
  };
}

/** A person confirms their own emergency contact for the check; anyone else gets "not found". */
export async function confirmContact(ctx: ActorCtx, id: string, contact: string) {
  await loadCheck(ctx, id);
  await ctx.db.transaction(async (tx) => {
    const updated = await tx
      .update(incidentContactConfirmations)
      .set({ contact, confirmedAt: new Date() })
      .where(
        and(
          eq(incidentContactConfirmations.checkId, id),
          eq(incidentContactConfirmations.personId, ctx.actor.personId),
        ),
      )
      .returning({ id: incidentContactConfirmations.id });
    if (updated.length === 0) throw new AppError('not_found');
    await recordAudit(tx, ctx, {
      action: 'incident.contact_confirm',
      tenantId: ctx.actor.tenantId,
      targetId: id,
    });
  });
  return { confirmed: true };
}
