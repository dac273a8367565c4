// The demo's self-check: a published FY2025 campaign (so results compare years) and an open FY2026
// one, built through the product's own services as the demo administrator, with realistic answers
// written in bulk for everyone except a few people left for the visitor to try.
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { mulberry32 } from '../../lib/random.js';
import type { ActorCtx, Ctx } from '../../server/context.js';
import { loadActor } from '../accounts/actor.js';
import { accounts } from '../accounts/schema.js';
import { recordAudit } from '../audit/service.js';
import { submitToCentral } from '../central/service.js';
import { people } from '../org/schema.js';
import { roleAssignments, roles } from '../roles/schema.js';
import { rebuildCounters } from '../selfcheck/campaign-counters.js';
import { emptyAnswers, optionChar } from '../selfcheck/campaign-rules.js';
import { createCampaign, transitionCampaign } from '../selfcheck/campaign-service.js';
import { ensureShippedCatalog } from '../selfcheck/catalog-service.js';
import { approvePlan } from '../selfcheck/plan-service.js';
import { createPolicy, policyItems, setPolicyChange } from '../selfcheck/policy-service.js';
import { centralSubmission, freezeResults } from '../selfcheck/results-service.js';
import { campaignItems, campaignMembers } from '../selfcheck/schema.js';
import { ADMIN_LOGIN } from './seed.js';

const CHUNK = 1000;

export interface SelfcheckSeedResult {
  policyId: string;
  previousCampaignId: string;
  campaignId: string;
  answered: number;
}

/** Staff numbers whose questionnaires stay unanswered in the open campaign, for people trying the demo. */
export const LEFT_FOR_VISITORS = 5;

async function adminCtx(ctx: Ctx, tenantId: string): Promise<ActorCtx> {
  const [account] = await ctx.db
    .select()
    .from(accounts)
    .where(and(eq(accounts.login, ADMIN_LOGIN), eq(accounts.tenantId, tenantId)));
  const actor = account ? await loadActor(ctx.db, account.id, 'session') : null;
  if (!actor) throw new Error('the demo administrator is missing');
  return { ...ctx, actor, requestId: null, ip: null };
}

/** The demo CISO (the plan's approver, 002 L265-267), acting through their own account. */
async function cisoCtx(ctx: Ctx, tenantId: string): Promise<ActorCtx> {
  const [row] = await ctx.db
    .select({ accountId: accounts.id })
    .from(roleAssignments)
    .innerJoin(roles, eq(roles.id, roleAssignments.roleId))
    .innerJoin(accounts, eq(accounts.personId, roleAssignments.personId))
    .where(and(eq(roleAssignments.tenantId, tenantId), eq(roles.key, 'ciso')))
    .limit(1);
  const actor = row ? await loadActor(ctx.db, row.accountId, 'session') : null;
  if (!actor) throw new Error('the demo CISO is missing');
  return { ...ctx, actor, requestId: null, ip: null };
}

/** The year's self-check plan (自己点検計画: 方針・対象・点検内容・実施時期・評価方法, 003 L531-535). */
function demoPlan(fiscalYear: number, timing: string) {
  return {
    policy: `令和${fiscalYear - 2018}年度も、デモ省対策基準の遵守状況を職員一人ひとりが役割に応じて自ら点検し、弱い項目を翌年度の教育・対策に反映する。`,
    scope: '全職員（非常勤職員を含む。長期休業者等は対象外）。役割ごとに、その役割の遵守事項を点検する。',
    content:
      'デモ省情報セキュリティ対策基準の遵守事項（統一基準の要約に基づく。デモ省で強化・追加した項目を含む）。',
    timing,
    evaluation:
      '把握率・実施率・到達率（100%・95%・90%）で評価し、前年度と比較する。実施率は NISC の定義（項目ごとの実施率の単純平均）による。',
    metricDefinition: 'nisc' as const,
  };
}

/** The agency's own policy: the Unified Standards summary, a little stricter here and there, each with its reason. */
async function demoPolicy(actx: ActorCtx, versionId: string) {
  const policy = await createPolicy(actx, {
    name: 'デモ省 情報セキュリティ対策基準',
    description: '政府機関統一基準（要約）に基づくデモ省の対策基準',
    catalogVersionId: versionId,
  });
  const items = await policyItems(actx, policy.id);
  const staffItem = items.find((i) => i.roles.includes('staff') && i.tags.some((t) => t.includes('提供')));
  if (staffItem) {
    await setPolicyChange(actx, policy.id, {
      kind: 'tighten',
      itemId: staffItem.itemId,
      reason: '機密性2情報の提供も課室情報セキュリティ責任者の許可制とするため（統一基準では届出）',
      content: { ...staffItem, text: `${staffItem.text} デモ省では、機密性2情報の提供も許可を要する。` },
    });
    await setPolicyChange(actx, policy.id, {
      kind: 'add',
      itemId: '3.1.1(9)(a)-DEMO',
      reason: '機密性4情報の区分を設けているため',
      content: {
        ...staffItem,
        title: '機密性4情報の通し番号管理',
        text: '機密性4情報を作成したときは、通し番号を付して台帳に記録する。',
        guidance: '通し番号は Mamoru の情報台帳が自動で付与します。',
        tags: ['demo'],
      },
    });
  }
  return policy;
}

/**
 * Writes answers straight into the campaign's packed strings: per item a small, item-specific share
 * of staff not implementing it, a few 該当なし, a few not yet submitted. `quality` > 1 means a worse year.
 */
async function fillAnswers(
  db: Db,
  campaignId: string,
  seed: number,
  opts: { submitted: number; drafts: number; quality: number; skipStaffNos: Set<string> },
) {
  const items = await db
    .select()
    .from(campaignItems)
    .where(eq(campaignItems.campaignId, campaignId))
    .orderBy(asc(campaignItems.idx));
  const rng = mulberry32(seed);
  // Staff fall short most on creating and obtaining information, as in the national report (001 L2887-2890,
  // 000 L1109-1113), so the staff-area table shows a weakest area.
  const failP = items.map(
    (it) => (0.004 + rng() ** 3 * 0.09) * opts.quality * (it.area === '情報の作成と入手' ? 2.5 : 1),
  );
  const members = await db
    .select({
      id: campaignMembers.id,
      roleKey: campaignMembers.roleKey,
      staffNo: people.staffNo,
      unitPath: campaignMembers.unitPath,
    })
    .from(campaignMembers)
    .innerJoin(people, eq(people.id, campaignMembers.personId))
    .where(and(eq(campaignMembers.campaignId, campaignId), eq(campaignMembers.inScope, true)))
    .orderBy(asc(people.staffNo), asc(campaignMembers.roleKey));
  const unitFactor = new Map<string, number>();
  const now = new Date();
  const rows: { id: string; answers: string; state: string; submitted_at: string | null }[] = [];
  for (const m of members) {
    const r = rng();
    if (opts.skipStaffNos.has(m.staffNo) || r > opts.submitted + opts.drafts) continue;
    const draft = r > opts.submitted;
    // Some divisions are weaker than others.
    const factor = unitFactor.get(m.unitPath) ?? 0.5 + rng() * 1.2;
    unitFactor.set(m.unitPath, factor);
    const chars = emptyAnswers(items.length).split('');
    for (const it of items) {
      if (!it.roleKeys.includes(m.roleKey)) continue;
      if (draft && rng() < 0.5) continue;
      const x = rng();
      const p = failP[it.idx]! * factor;
      chars[it.idx] = optionChar(x < p * 0.6 ? 1 : x < p ? 2 : x < p + 0.03 ? 3 : 0);
    }
    rows.push({
      id: m.id,
      answers: chars.join(''),
      state: draft ? 'draft' : 'submitted',
      submitted_at: draft ? null : now.toISOString(),
    });
  }
  for (let i = 0; i < rows.length; i += CHUNK) {
    await db.execute(sql`
      update campaign_members m set answers = x.answers, state = x.state, submitted_at = x.submitted_at, updated_at = now()
      from jsonb_to_recordset(${JSON.stringify(rows.slice(i, i + CHUNK))}::jsonb)
        as x(id uuid, answers text, state text, submitted_at timestamptz)
      where m.id = x.id`);
  }
  // Written in bulk past the answer service: the results' counters are recounted from these answers.
  await rebuildCounters(db, campaignId);
  return rows.filter((r) => r.state === 'submitted').length;
}

export async function seedDemoSelfcheck(
  given: Ctx,
  opts: { tenantId: string; seed: number; visitorStaffNos: string[] },
): Promise<SelfcheckSeedResult> {
  // The seed fills answers and closes last year's campaign right after opening it, so every campaign
  // opens with its questionnaires created at once, whatever the agency's size (in the product, large
  // openings are a background job that the seed would otherwise have to wait for).
  const ctx: Ctx = {
    ...given,
    config: {
      ...given.config,
      selfcheck: { ...given.config.selfcheck, syncOpenMaxPeople: Number.MAX_SAFE_INTEGER },
    },
  };
  const versionId = await ensureShippedCatalog(ctx.db);
  const actx = await adminCtx(ctx, opts.tenantId);
  const policy = await demoPolicy(actx, versionId);
  const base = {
    policyId: policy.id,
    scopeUnitIds: [],
    scopeRoleKeys: [],
    itemsPerRole: {},
    excludedStatuses: ['long_leave', 'excluded'] as ('long_leave' | 'excluded')[],
    answerOptions: undefined,
    previousCampaignId: null,
  };

  const previous = await createCampaign(actx, {
    ...base,
    title: '令和7年度 情報セキュリティ対策 自己点検',
    fiscalYear: 2025,
    startsOn: '2025-11-04',
    endsOn: '2025-12-19',
    instructions: '各項目について、この1年間の実施状況を回答してください。',
    reminderEveryDays: null,
    plan: demoPlan(2025, '令和7年11月4日〜12月19日'),
  });
  const ciso = await cisoCtx(ctx, opts.tenantId);
  await approvePlan(ciso, previous.id);
  await transitionCampaign(actx, previous.id, 'open');
  await fillAnswers(ctx.db, previous.id, opts.seed * 31 + 1, {
    submitted: 0.95,
    drafts: 0.01,
    quality: 1.5,
    skipStaffNos: new Set(),
  });
  await transitionCampaign(actx, previous.id, 'closed');
  await transitionCampaign(actx, previous.id, 'published', {
    onPublish: async (tx, c) => {
      await freezeResults(tx, c);
      await submitToCentral(tx, actx, {
        fromTenantId: c.tenantId,
        kind: 'selfcheck.results',
        fiscalYear: c.fiscalYear,
        title: c.title,
        payload: await centralSubmission(tx, c),
      });
    },
  });

  const current = await createCampaign(actx, {
    ...base,
    title: '令和8年度 情報セキュリティ対策 自己点検',
    fiscalYear: 2026,
    startsOn: '2026-11-02',
    endsOn: '2026-12-18',
    instructions:
      '各項目について、現在の実施状況を回答してください。途中で保存し、後から続けられます。締切までは提出後も修正できます。\n' +
      '長期休業中などで対象外の方は、所属の課室情報セキュリティ責任者にお知らせください。',
    reminderEveryDays: 7,
    plan: demoPlan(2026, '令和8年11月2日〜12月18日（未提出者には7日ごとに督促）'),
  });
  await approvePlan(ciso, current.id);
  await transitionCampaign(actx, current.id, 'open');
  const adminPerson = await ctx.db
    .select({ staffNo: people.staffNo })
    .from(people)
    .where(eq(people.id, actx.actor.personId));
  const skip = new Set([...opts.visitorStaffNos, ...adminPerson.map((p) => p.staffNo)]);
  const answered = await fillAnswers(ctx.db, current.id, opts.seed * 31 + 2, {
    submitted: 0.78,
    drafts: 0.06,
    quality: 1,
    skipStaffNos: skip,
  });
  await ctx.db.transaction((tx) =>
    recordAudit(tx, ctx, {
      action: 'demo.seed',
      tenantId: opts.tenantId,
      targetId: opts.tenantId,
      actorLabel: 'demo',
      after: {
        selfcheck: { policyId: policy.id, previousCampaignId: previous.id, campaignId: current.id, answered },
      },
    }),
  );
  return { policyId: policy.id, previousCampaignId: previous.id, campaignId: current.id, answered };
}
