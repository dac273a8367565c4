import { and, asc, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { mulberry32, sample } from '../../lib/random.js';
import type { ActorCtx } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import { authorizeTenantWide } from '../../server/policy.js';
import { recordAudit } from '../audit/service.js';
import { orgUnits, people } from '../org/schema.js';
import { computeCampaignMetrics } from './campaign-metrics.js';
import { auditedMeaning, metricReading, readAnswer } from './campaign-rules.js';
import { loadCampaign } from './campaign-service.js';
import { type Answer, createMetricsAccumulator, type Figures, type MetricsResult } from './metrics.js';
import { drawPeople, drawUnits, shortfalls, withinUnits } from './sample-rules.js';
import type { SampleBody } from './sample-validation.js';
import {
  auditSampleEntries,
  auditSamples,
  campaignItems,
  campaignMembers,
  type campaigns,
} from './schema.js';

type CampaignRow = typeof campaigns.$inferSelect;

function requireAudit(ctx: ActorCtx) {
  authorizeTenantWide(ctx.actor, 'selfcheck.audit');
}

const fieldError = (path: string, ja: string, en: string) => ({ path: `body.${path}`, message: { ja, en } });

/** Step 1 (002 L459): the sample units, drawn with the seed among units of a kind, or picked. */
async function chooseUnits(
  ctx: ActorCtx,
  rng: () => number,
  input: SampleBody['units'],
  memberPaths: string[],
) {
  if (input.mode === 'all') return [];
  if (input.mode === 'picked') {
    const picked = await ctx.db
      .select({ id: orgUnits.id, path: orgUnits.path })
      .from(orgUnits)
      .where(and(eq(orgUnits.tenantId, ctx.actor.tenantId), inArray(orgUnits.id, input.unitIds)));
    if (picked.length !== new Set(input.unitIds).size) {
      throw new AppError('validation_failed', {
        errors: [
          fieldError(
            'units.unitIds',
            'この機関に存在しない組織が含まれています',
            'names a unit this agency does not have',
          ),
        ],
      });
    }
    return picked.sort((a, b) => (a.path < b.path ? -1 : 1));
  }
  // Only units with someone to check count as the population.
  const population = (
    await ctx.db
      .select({ id: orgUnits.id, path: orgUnits.path })
      .from(orgUnits)
      .where(
        and(
          eq(orgUnits.tenantId, ctx.actor.tenantId),
          eq(orgUnits.kind, input.kind),
          isNull(orgUnits.abolishedAt),
        ),
      )
  ).filter((u) => memberPaths.some((p) => p.startsWith(u.path)));
  if (input.count > population.length) {
    throw new AppError('sample_too_large', {
      detail: {
        ja: `組織（${input.kind}）: ${input.count} 件を求めましたが、回答者のいる組織は ${population.length} 件です。`,
        en: `Units (${input.kind}): ${input.count} requested, ${population.length} with submitted answers.`,
      },
      errors: [
        fieldError(
          'units.count',
          `回答者のいる組織は ${population.length} 件です`,
          `only ${population.length} units have submitted answers`,
        ),
      ],
    });
  }
  return drawUnits(rng, population, input.count);
}

/**
 * Auditing the self-check (002 L453-470): the units first, then per role the number of submitted
 * questionnaires the auditor set, then from each person `itemsPerMember` answers (or all of them).
 * Drawn with a seeded generator over stable orders: the same seed and settings on the same campaign
 * give the same sample. A sample larger than its population is refused, naming the role and units.
 */
export async function drawSample(ctx: ActorCtx, campaignId: string, input: SampleBody) {
  requireAudit(ctx);
  const c = await loadCampaign(ctx, campaignId);
  if (c.state === 'draft')
    throw new AppError('invalid_state', {
      detail: { ja: 'まだ開始していません。', en: 'The campaign has not opened yet.' },
    });
  const members = await ctx.db
    .select({ id: campaignMembers.id, roleKey: campaignMembers.roleKey, unitPath: campaignMembers.unitPath })
    .from(campaignMembers)
    .where(
      and(
        eq(campaignMembers.campaignId, c.id),
        eq(campaignMembers.inScope, true),
        eq(campaignMembers.state, 'submitted'),
      ),
    );
  const rng = mulberry32(input.seed);
  const units = await chooseUnits(
    ctx,
    rng,
    input.units,
    members.map((m) => m.unitPath),
  );
  const pool = withinUnits(members, units);
  const short = shortfalls(input.roleCounts, pool);
  if (short.length) {
    const names = units.length
      ? await unitNames(
          ctx.db,
          units.map((u) => u.id),
        )
      : [];
    const where = names.length ? names.map((u) => u.nameJa).join('・') : '機関全体';
    const whereEn = names.length ? names.map((u) => u.nameEn ?? u.nameJa).join(', ') : 'the whole agency';
    throw new AppError('sample_too_large', {
      detail: {
        ja: `${where}で提出済みの人数が足りません。`,
        en: `Not enough submitted questionnaires in ${whereEn}.`,
      },
      errors: short.map((s) =>
        fieldError(
          `roleCounts.${s.roleKey}`,
          `${s.roleKey}: ${s.requested} 名を求めましたが、${where}の提出済みは ${s.available} 名です`,
          `${s.roleKey}: ${s.requested} requested, ${s.available} submitted in ${whereEn}`,
        ),
      ),
    });
  }
  const chosen = drawPeople(rng, pool, input.roleCounts);
  const answers = new Map(
    chosen.length
      ? (
          await ctx.db
            .select({ id: campaignMembers.id, answers: campaignMembers.answers })
            .from(campaignMembers)
            .where(
              inArray(
                campaignMembers.id,
                chosen.map((m) => m.id),
              ),
            )
        ).map((m) => [m.id, m.answers])
      : [],
  );
  const items = await ctx.db
    .select({ idx: campaignItems.idx, roleKeys: campaignItems.roleKeys })
    .from(campaignItems)
    .where(eq(campaignItems.campaignId, c.id))
    .orderBy(asc(campaignItems.idx));
  const entries: { memberId: string; itemIdx: number; answer: string | null }[] = [];
  for (const m of chosen) {
    const packed = answers.get(m.id) ?? '';
    const own = items.filter((i) => i.roleKeys.includes(m.roleKey) && readAnswer(packed, i.idx) !== null);
    const checked = input.itemsPerMember === null ? own : sample(rng, own, input.itemsPerMember);
    for (const it of [...checked].sort((a, b) => a.idx - b.idx)) {
      const option = readAnswer(packed, it.idx)!;
      entries.push({ memberId: m.id, itemIdx: it.idx, answer: c.answerOptions[option]?.key ?? null });
    }
  }
  const settings = {
    seed: input.seed,
    roleCounts: input.roleCounts,
    unitMode: input.units.mode,
    unitIds: units.map((u) => u.id),
    itemsPerMember: input.itemsPerMember,
  };
  return ctx.db.transaction(async (tx) => {
    const [s] = await tx
      .insert(auditSamples)
      .values({ campaignId: c.id, ...settings, createdBy: ctx.actor.accountId })
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
      after: { sampleId: s!.id, ...settings, people: chosen.length, entries: entries.length },
    });
    return { id: s!.id, entries: entries.length };
  });
}

async function unitNames(db: Db, ids: string[]) {
  if (ids.length === 0) return [];
  const rows = await db
    .select({ id: orgUnits.id, nameJa: orgUnits.nameJa, nameEn: orgUnits.nameEn, path: orgUnits.path })
    .from(orgUnits)
    .where(inArray(orgUnits.id, ids));
  return rows.sort((a, b) => (a.path < b.path ? -1 : 1)).map(({ path: _p, ...u }) => u);
}

async function presentSample(db: Db, s: typeof auditSamples.$inferSelect) {
  return {
    id: s.id,
    seed: s.seed,
    perRole: s.perRole,
    roleCounts: s.roleCounts,
    unitMode: s.unitMode,
    units: await unitNames(db, s.unitIds),
    itemsPerMember: s.itemsPerMember,
    createdAt: s.createdAt.toISOString(),
  };
}

export async function listSamples(ctx: ActorCtx, campaignId: string) {
  requireAudit(ctx);
  const c = await loadCampaign(ctx, campaignId);
  const rows = await ctx.db
    .select()
    .from(auditSamples)
    .where(eq(auditSamples.campaignId, c.id))
    .orderBy(desc(auditSamples.createdAt));
  return Promise.all(rows.map((s) => presentSample(ctx.db, s)));
}

const summaryOf = (f: Figures | undefined) => {
  if (!f) return null;
  const { items: _items, ...rest } = f;
  return rest;
};

/**
 * The sample's own 実施率 and 到達率 beside the agency's (002 L466: 監査対象職員の自己点検結果は実施率、
 * 到達率ともに…), by the plan's metric definition: the sampled people's whole questionnaires as they
 * answered them and as verified (answers found untrue count as not implemented).
 */
async function sampleRates(db: Db, c: CampaignRow, sampleId: string) {
  const definition = c.plan?.metricDefinition ?? 'nisc';
  const { variant, naPasses } = metricReading(definition);
  const members = await db
    .selectDistinct({ m: campaignMembers })
    .from(auditSampleEntries)
    .innerJoin(campaignMembers, eq(campaignMembers.id, auditSampleEntries.memberId))
    .where(eq(auditSampleEntries.sampleId, sampleId));
  const verdicts = await db
    .select({
      memberId: auditSampleEntries.memberId,
      itemIdx: auditSampleEntries.itemIdx,
      verified: auditSampleEntries.verified,
    })
    .from(auditSampleEntries)
    .where(eq(auditSampleEntries.sampleId, sampleId));
  const verdict = new Map(verdicts.map((v) => [`${v.memberId}:${v.itemIdx}`, v.verified]));
  const items = await db
    .select({ idx: campaignItems.idx, itemId: campaignItems.itemId, roleKeys: campaignItems.roleKeys })
    .from(campaignItems)
    .where(eq(campaignItems.campaignId, c.id));
  const answered = createMetricsAccumulator({ naPasses });
  const verified = createMetricsAccumulator({ naPasses });
  for (const { m } of members) {
    const own: [string, Answer, number][] = [];
    for (const it of items) {
      if (!it.roleKeys.includes(m.roleKey)) continue;
      const option = readAnswer(m.answers, it.idx);
      const meaning = option === null ? undefined : c.answerOptions[option]?.meaning;
      if (meaning) own.push([it.itemId, meaning, it.idx]);
    }
    const base = { group: m.metricGroup, role: m.roleKey, unitPath: [], inScope: true, submitted: true };
    answered.addMember({ ...base, answers: own.map(([id, a]) => [id, a] as const) });
    verified.addMember({
      ...base,
      answers: own.map(
        ([id, a, idx]) => [id, auditedMeaning(a, verdict.get(`${m.id}:${idx}`) ?? null)] as const,
      ),
    });
  }
  const agency = await computeCampaignMetrics(db, c, { naPasses, unitItems: () => false });
  const [a, s, v]: [MetricsResult, MetricsResult, MetricsResult] = [
    agency,
    answered.result(),
    verified.result(),
  ];
  const groups = [...new Set([...Object.keys(s.groups), ...Object.keys(a.groups)])].sort();
  return {
    definition,
    variant,
    naPasses,
    overall: {
      agency: summaryOf(a.overall),
      sample: members.length ? summaryOf(s.overall) : null,
      verified: members.length ? summaryOf(v.overall) : null,
    },
    groups: Object.fromEntries(
      groups.map((g) => [
        g,
        { agency: summaryOf(a.groups[g]), sample: summaryOf(s.groups[g]), verified: summaryOf(v.groups[g]) },
      ]),
    ),
  };
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
    ...(await presentSample(ctx.db, s)),
    summary: {
      entries: entries.length,
      checked: checked.length,
      confirmed: checked.filter((e) => e.verified).length,
      people: new Set(rows.map((r) => r.m.id)).size,
    },
    rates: await sampleRates(ctx.db, c, s.id),
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
