import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { mulberry32, sample } from '../../lib/random.js';
import type { ActorCtx } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import { authorizeTenantWide } from '../../server/policy.js';
import { recordAudit } from '../audit/service.js';
import { orgUnits, people } from '../org/schema.js';
import { readAnswer } from './campaign-rules.js';
import { loadCampaign } from './campaign-service.js';
import { auditSampleEntries, auditSamples, campaignItems, campaignMembers } from './schema.js';

function requireAudit(ctx: ActorCtx) {
  authorizeTenantWide(ctx.actor, 'selfcheck.audit');
}

/**
 * Auditing the self-check (002 L453-470): per role, `perRole` submitted questionnaires and, from each,
 * `itemsPerMember` answered items, drawn with a seeded generator over a stable order, so the same seed
 * on the same campaign always gives the same sample.
 */
export async function drawSample(
  ctx: ActorCtx,
  campaignId: string,
  input: { seed: number; perRole: number; itemsPerMember: number },
) {
  requireAudit(ctx);
  const c = await loadCampaign(ctx, campaignId);
  if (c.state === 'draft') throw new AppError('invalid_state');
  const members = await ctx.db
    .select({ id: campaignMembers.id, roleKey: campaignMembers.roleKey, answers: campaignMembers.answers })
    .from(campaignMembers)
    .where(
      and(
        eq(campaignMembers.campaignId, c.id),
        eq(campaignMembers.inScope, true),
        eq(campaignMembers.state, 'submitted'),
      ),
    )
    .orderBy(asc(campaignMembers.roleKey), asc(campaignMembers.id));
  const items = await ctx.db
    .select()
    .from(campaignItems)
    .where(eq(campaignItems.campaignId, c.id))
    .orderBy(asc(campaignItems.idx));
  const rng = mulberry32(input.seed);
  const byRole = new Map<string, typeof members>();
  for (const m of members) byRole.set(m.roleKey, [...(byRole.get(m.roleKey) ?? []), m]);
  const entries: { memberId: string; itemIdx: number; answer: string | null }[] = [];
  for (const role of [...byRole.keys()].sort()) {
    for (const m of sample(rng, byRole.get(role)!, input.perRole)) {
      const own = items.filter((i) => i.roleKeys.includes(role) && readAnswer(m.answers, i.idx) !== null);
      for (const it of sample(rng, own, input.itemsPerMember)) {
        const option = readAnswer(m.answers, it.idx)!;
        entries.push({ memberId: m.id, itemIdx: it.idx, answer: c.answerOptions[option]?.key ?? null });
      }
    }
  }
  return ctx.db.transaction(async (tx) => {
    const [s] = await tx
      .insert(auditSamples)
      .values({ campaignId: c.id, ...input, createdBy: ctx.actor.accountId })
      .returning();
    for (let i = 0; i < entries.length; i += 500) {
      await tx
        .insert(auditSampleEntries)
        .values(entries.slice(i, i + 500).map((e) => ({ ...e, sampleId: s!.id })));
    }
    await recordAudit(tx, ctx, {
      action: 'selfcheck.sample_draw',
      tenantId: c.tenantId,
      targetId: c.id,
      after: { sampleId: s!.id, ...input, entries: entries.length },
    });
    return { id: s!.id, entries: entries.length };
  });
}

export async function listSamples(ctx: ActorCtx, campaignId: string) {
  requireAudit(ctx);
  const c = await loadCampaign(ctx, campaignId);
  const rows = await ctx.db
    .select()
    .from(auditSamples)
    .where(eq(auditSamples.campaignId, c.id))
    .orderBy(desc(auditSamples.createdAt));
  return rows.map((s) => ({
    id: s.id,
    seed: s.seed,
    perRole: s.perRole,
    itemsPerMember: s.itemsPerMember,
    createdAt: s.createdAt.toISOString(),
  }));
}

export async function getSample(ctx: ActorCtx, campaignId: string, sampleId: string) {
  requireAudit(ctx);
  const c = await loadCampaign(ctx, campaignId);
  const [s] = await ctx.db
    .select()
    .from(auditSamples)
    .where(and(eq(auditSamples.id, sampleId), eq(auditSamples.campaignId, c.id)));
  if (!s) throw new AppError('not_found');
  const rows = await ctx.db
    .select({ e: auditSampleEntries, m: campaignMembers, p: people, u: orgUnits })
    .from(auditSampleEntries)
    .innerJoin(campaignMembers, eq(campaignMembers.id, auditSampleEntries.memberId))
    .innerJoin(people, eq(people.id, campaignMembers.personId))
    .innerJoin(orgUnits, eq(orgUnits.id, campaignMembers.unitId))
    .where(eq(auditSampleEntries.sampleId, s.id))
    .orderBy(asc(campaignMembers.roleKey), asc(people.staffNo), asc(auditSampleEntries.itemIdx));
  const idxs = [...new Set(rows.map((r) => r.e.itemIdx))];
  const items = idxs.length
    ? await ctx.db
        .select()
        .from(campaignItems)
        .where(and(eq(campaignItems.campaignId, c.id), inArray(campaignItems.idx, idxs)))
    : [];
  const itemByIdx = new Map(items.map((i) => [i.idx, i]));
  const entries = rows.map((r) => ({
    id: r.e.id,
    roleKey: r.m.roleKey,
    staffNo: r.p.staffNo,
    name: r.p.name,
    unitName: r.u.nameJa,
    unitNameEn: r.u.nameEn,
    itemId: itemByIdx.get(r.e.itemIdx)?.itemId ?? '',
    itemTitle: itemByIdx.get(r.e.itemIdx)?.title ?? '',
    answer: r.e.answer,
    verified: r.e.verified,
    note: r.e.note,
  }));
  const checked = entries.filter((e) => e.verified !== null);
  return {
    id: s.id,
    seed: s.seed,
    perRole: s.perRole,
    itemsPerMember: s.itemsPerMember,
    createdAt: s.createdAt.toISOString(),
    summary: {
      entries: entries.length,
      checked: checked.length,
      confirmed: checked.filter((e) => e.verified).length,
    },
    entries,
  };
}

/** Records whether a sampled answer was found to be true (with the auditor's note). */
export async function verifyEntry(
  ctx: ActorCtx,
  campaignId: string,
  entryId: string,
  input: { verified: boolean; note: string },
) {
  requireAudit(ctx);
  const c = await loadCampaign(ctx, campaignId);
  const [row] = await ctx.db
    .select({ e: auditSampleEntries })
    .from(auditSampleEntries)
    .innerJoin(auditSamples, eq(auditSamples.id, auditSampleEntries.sampleId))
    .where(and(eq(auditSampleEntries.id, entryId), eq(auditSamples.campaignId, c.id)));
  if (!row) throw new AppError('not_found');
  await ctx.db.transaction(async (tx) => {
    await tx
      .update(auditSampleEntries)
      .set({
        verified: input.verified,
        note: input.note,
        verifiedBy: ctx.actor.accountId,
        verifiedAt: new Date(),
      })
      .where(eq(auditSampleEntries.id, entryId));
    await recordAudit(tx, ctx, {
      action: 'selfcheck.sample_verify',
      tenantId: c.tenantId,
      targetId: c.id,
      before: { entryId, verified: row.e.verified, note: row.e.note },
      after: { entryId, ...input },
    });
  });
}
