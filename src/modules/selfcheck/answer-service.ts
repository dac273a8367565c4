import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { ActorCtx } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import { recordAudit } from '../audit/service.js';
import { orgUnits } from '../org/schema.js';
import { roles } from '../roles/schema.js';
import { applyQuestionnaireChange } from './campaign-counters.js';
import { countAnswered, isComplete, readAnswer, writeAnswers } from './campaign-rules.js';
import { type CounterLayout, counterLayout } from './counter-rules.js';
import { campaignItems, campaignMembers, campaigns } from './schema.js';

/** The actor's questionnaires: one per role they answer for, in open and past campaigns. */
export async function myQuestionnaires(ctx: ActorCtx) {
  const rows = await ctx.db
    .select({ m: campaignMembers, c: campaigns, r: roles, u: orgUnits })
    .from(campaignMembers)
    .innerJoin(campaigns, eq(campaigns.id, campaignMembers.campaignId))
    .innerJoin(roles, eq(roles.id, campaignMembers.roleId))
    .innerJoin(orgUnits, eq(orgUnits.id, campaignMembers.unitId))
    .where(and(eq(campaignMembers.personId, ctx.actor.personId), eq(campaigns.tenantId, ctx.actor.tenantId)))
    .orderBy(desc(campaigns.fiscalYear), asc(roles.sortOrder));
  const required = await requiredItems(ctx, [...new Set(rows.map((r) => r.c.id))]);
  return rows.map((r) => summary(r, required.get(r.c.id)?.get(r.m.roleKey) ?? []));
}

/** Per campaign, per role key: the item positions that role must answer. */
async function requiredItems(ctx: ActorCtx, campaignIds: string[]) {
  const out = new Map<string, Map<string, number[]>>();
  if (campaignIds.length === 0) return out;
  const items = await ctx.db
    .select({
      campaignId: campaignItems.campaignId,
      idx: campaignItems.idx,
      roleKeys: campaignItems.roleKeys,
    })
    .from(campaignItems)
    .where(inArray(campaignItems.campaignId, campaignIds))
    .orderBy(asc(campaignItems.idx));
  for (const it of items) {
    const byRole = out.get(it.campaignId) ?? new Map<string, number[]>();
    out.set(it.campaignId, byRole);
    for (const k of it.roleKeys) byRole.set(k, [...(byRole.get(k) ?? []), it.idx]);
  }
  return out;
}

type Row = {
  m: typeof campaignMembers.$inferSelect;
  c: typeof campaigns.$inferSelect;
  r: typeof roles.$inferSelect;
  u: typeof orgUnits.$inferSelect;
};

function summary({ m, c, r, u }: Row, required: number[]) {
  return {
    memberId: m.id,
    campaignId: c.id,
    campaignTitle: c.title,
    fiscalYear: c.fiscalYear,
    campaignState: c.state,
    endsOn: c.endsOn,
    roleKey: r.key,
    roleNameJa: r.nameJa,
    roleNameEn: r.nameEn,
    unitName: u.nameJa,
    unitNameEn: u.nameEn,
    state: m.state,
    inScope: m.inScope,
    answered: countAnswered(m.answers, required),
    total: required.length,
    submittedAt: m.submittedAt?.toISOString() ?? null,
  };
}

/** A questionnaire of one's own; anybody else's is "not found". */
async function loadOwn(ctx: ActorCtx, memberId: string): Promise<Row> {
  const [row] = await ctx.db
    .select({ m: campaignMembers, c: campaigns, r: roles, u: orgUnits })
    .from(campaignMembers)
    .innerJoin(campaigns, eq(campaigns.id, campaignMembers.campaignId))
    .innerJoin(roles, eq(roles.id, campaignMembers.roleId))
    .innerJoin(orgUnits, eq(orgUnits.id, campaignMembers.unitId))
    .where(
      and(
        eq(campaignMembers.id, memberId),
        eq(campaignMembers.personId, ctx.actor.personId),
        eq(campaigns.tenantId, ctx.actor.tenantId),
      ),
    );
  if (!row) throw new AppError('not_found');
  return row;
}

// A campaign's items are fixed when it opens and never change afterwards, so every instance may keep
// them in memory: answering then costs no item query. A small bound keeps old campaigns from piling up.
const itemCache = new Map<string, (typeof campaignItems.$inferSelect)[]>();
const ITEM_CACHE_SIZE = 50;

async function campaignItemsOf(ctx: ActorCtx, campaignId: string) {
  const cached = itemCache.get(campaignId);
  if (cached) return cached;
  const all = await ctx.db
    .select()
    .from(campaignItems)
    .where(eq(campaignItems.campaignId, campaignId))
    .orderBy(asc(campaignItems.idx));
  if (all.length === 0) return all; // not opened yet: nothing fixed to keep
  if (itemCache.size >= ITEM_CACHE_SIZE) itemCache.delete(itemCache.keys().next().value!);
  itemCache.set(campaignId, all);
  return all;
}

// The counters' view of a campaign (item chapters, roles, option meanings), fixed like its items.
const layoutCache = new Map<string, CounterLayout>();

async function layoutOf(ctx: ActorCtx, c: typeof campaigns.$inferSelect) {
  const cached = layoutCache.get(c.id);
  if (cached) return cached;
  const all = await campaignItemsOf(ctx, c.id);
  const layout = counterLayout(all, c.answerOptions);
  if (all.length === 0) return layout;
  if (layoutCache.size >= ITEM_CACHE_SIZE) layoutCache.delete(layoutCache.keys().next().value!);
  layoutCache.set(c.id, layout);
  return layout;
}

async function itemsFor(ctx: ActorCtx, campaignId: string, roleKey: string) {
  return (await campaignItemsOf(ctx, campaignId)).filter((i) => i.roleKeys.includes(roleKey));
}

export async function getQuestionnaire(ctx: ActorCtx, memberId: string) {
  const row = await loadOwn(ctx, memberId);
  const items = await itemsFor(ctx, row.c.id, row.m.roleKey);
  const chapters: {
    chapterNo: string;
    chapterTitle: string;
    chapterTitleEn: string | null;
    items: unknown[];
  }[] = [];
  for (const it of items) {
    let ch = chapters.at(-1);
    if (!ch || ch.chapterNo !== it.chapterNo) {
      ch = {
        chapterNo: it.chapterNo,
        chapterTitle: it.chapterTitle,
        chapterTitleEn: it.chapterTitleEn,
        items: [],
      };
      chapters.push(ch);
    }
    const option = readAnswer(row.m.answers, it.idx);
    ch.items.push({
      itemId: it.itemId,
      sectionNo: it.sectionNo,
      sectionTitle: it.sectionTitle,
      title: it.title,
      titleEn: it.titleEn,
      text: it.text,
      guidance: it.guidance,
      answer: option === null ? null : (row.c.answerOptions[option]?.key ?? null),
    });
  }
  return {
    ...summary(
      row,
      items.map((i) => i.idx),
    ),
    instructions: row.c.instructions,
    options: row.c.answerOptions,
    editable: row.c.state === 'open' && row.m.inScope,
    chapters: chapters as never,
  };
}

/**
 * Saves answers as a draft, or submits. A submitted questionnaire can be amended until the campaign
 * closes, but must stay complete. One row write: the answers are packed into one string.
 */
export async function saveAnswers(
  ctx: ActorCtx,
  memberId: string,
  input: { answers: Record<string, string | null>; submit: boolean },
) {
  const row = await loadOwn(ctx, memberId);
  if (row.c.state !== 'open') {
    throw new AppError('invalid_state', {
      detail: { ja: 'この自己点検は受付期間外です。', en: 'This self-check is not open for answers.' },
    });
  }
  if (!row.m.inScope) {
    throw new AppError('invalid_state', {
      detail: { ja: 'あなたはこの自己点検の対象外です。', en: 'You are excluded from this self-check.' },
    });
  }
  const items = await itemsFor(ctx, row.c.id, row.m.roleKey);
  const byId = new Map(items.map((i) => [i.itemId, i.idx]));
  const optionIndex = new Map(row.c.answerOptions.map((o, i) => [o.key, i]));
  const errors: { path: string; message: { ja: string; en: string } }[] = [];
  const updates: [number, number | null][] = [];
  for (const [itemId, key] of Object.entries(input.answers)) {
    const idx = byId.get(itemId);
    const option = key === null ? null : optionIndex.get(key);
    if (idx === undefined)
      errors.push({
        path: `body.answers.${itemId}`,
        message: { ja: 'この質問票にない項目です', en: 'not an item of this questionnaire' },
      });
    else if (option === undefined)
      errors.push({
        path: `body.answers.${itemId}`,
        message: { ja: `選択肢「${key}」はありません`, en: `no option "${key}"` },
      });
    else updates.push([idx, option]);
  }
  if (errors.length) throw new AppError('validation_failed', { errors });
  const required = items.map((i) => i.idx);
  const now = new Date();
  const layout = await layoutOf(ctx, row.c);
  return ctx.db.transaction(async (tx) => {
    // The stored answers under the row's lock: a concurrent save of the same questionnaire cannot be
    // lost, and the counters move from exactly what was stored to what is written.
    const [locked] = await tx
      .select({
        answers: campaignMembers.answers,
        state: campaignMembers.state,
        submittedAt: campaignMembers.submittedAt,
        inScope: campaignMembers.inScope,
        unitPath: campaignMembers.unitPath,
        roleKey: campaignMembers.roleKey,
        metricGroup: campaignMembers.metricGroup,
      })
      .from(campaignMembers)
      .where(eq(campaignMembers.id, memberId))
      .for('update');
    if (!locked) throw new AppError('not_found');
    const answers = writeAnswers(locked.answers, updates);
    const submitting = input.submit || locked.state === 'submitted';
    if (submitting && !isComplete(answers, required)) {
      const missing = items.filter((i) => answers[i.idx] === '.').map((i) => i.itemId);
      throw new AppError('invalid_state', {
        detail: {
          ja: `未回答の項目があります（${missing.length} 件）。`,
          en: `${missing.length} item(s) still unanswered.`,
        },
        extra: { unanswered: missing },
      });
    }
    const state = submitting ? 'submitted' : 'draft';
    const [after] = await tx
      .update(campaignMembers)
      .set({
        answers,
        state,
        updatedAt: now,
        submittedAt: submitting
          ? locked.state === 'submitted' && locked.submittedAt
            ? locked.submittedAt
            : now
          : null,
      })
      .where(eq(campaignMembers.id, memberId))
      .returning();
    await recordAudit(tx, ctx, {
      action: submitting ? 'selfcheck.answers_submit' : 'selfcheck.answers_save',
      tenantId: ctx.actor.tenantId,
      targetId: memberId,
      before: { state: locked.state, answers: locked.answers },
      after: { state, answers },
    });
    // Counters last: their row is shared by everyone of the unit and role, while the audit chain lock
    // above is shared only by the 1/16 of people of the same shard, so the hotter lock is held least.
    const at = { roleKey: locked.roleKey, inScope: locked.inScope };
    await applyQuestionnaireChange(
      tx,
      row.c.id,
      layout,
      { unitPath: locked.unitPath, roleKey: locked.roleKey, metricGroup: locked.metricGroup },
      { ...at, submitted: locked.state === 'submitted', answers: locked.answers },
      { ...at, submitted: state === 'submitted', answers },
    );
    return summary({ ...row, m: after! }, required);
  });
}
