import { and, desc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { ActorCtx } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import { type Actor, can, type Located } from '../../server/policy.js';
import { recordAudit } from '../audit/service.js';
import { orgUnits } from '../org/schema.js';
import type { InspectionItem } from './inspection-data/shipped-sets.js';
import { canViewRound, targetInScope } from './inspection-round-service.js';
import { type AnswerStatus, tally } from './inspection-rules.js';
import { inspectionAnswers, inspectionRounds, inspectionTargets } from './inspection-schema.js';
import type { TargetOut, TargetSummaryOut } from './inspection-validation.js';
import { isSystemResponsible, systemResponsibles } from './public.js';
import { systems } from './schema.js';

// The owner's side of a round: the system's 情報システムセキュリティ責任者 (or 管理者), as the ledger
// names them now, answers each item of their hosts; system.view holders of the subtree may read.

const canSeeUnit = (actor: Actor, at: Located) =>
  can(actor, 'system.view', at) || can(actor, 'system.manage', at);

type Target = typeof inspectionTargets.$inferSelect;
type Round = typeof inspectionRounds.$inferSelect;

interface Loaded {
  target: Target;
  round: Round;
  systemName: string;
  unitName: string;
  unitPath: string;
  responsible: boolean;
}

async function loadTarget(ctx: ActorCtx, id: string): Promise<Loaded> {
  const [row] = await ctx.db
    .select({
      target: inspectionTargets,
      round: inspectionRounds,
      unitName: orgUnits.nameJa,
      unitPath: orgUnits.path,
    })
    .from(inspectionTargets)
    .innerJoin(inspectionRounds, eq(inspectionRounds.id, inspectionTargets.roundId))
    .innerJoin(orgUnits, eq(orgUnits.id, inspectionTargets.unitId))
    .where(and(eq(inspectionTargets.id, id), eq(inspectionTargets.tenantId, ctx.actor.tenantId)));
  if (!row) throw new AppError('not_found');
  const sys = (await systemResponsibles(ctx.db, ctx.actor.tenantId, [row.target.systemId])).get(
    row.target.systemId,
  );
  const responsible = !!sys && isSystemResponsible(ctx.actor, sys);
  const viewer =
    canViewRound(ctx.actor, row.round) &&
    canSeeUnit(ctx.actor, { tenantId: row.target.tenantId, unitPath: row.unitPath });
  if (!responsible && !viewer) throw new AppError('not_found');
  return { ...row, systemName: sys?.name ?? '', responsible };
}

function itemsOf(round: Round, role: Target['role']): InspectionItem[] {
  return round.itemSets.find((s) => s.role === role)?.items ?? [];
}

async function answersOf(db: Db, targetId: string) {
  const rows = await db.select().from(inspectionAnswers).where(eq(inspectionAnswers.targetId, targetId));
  return new Map(rows.map((a) => [a.itemKey, a]));
}

async function present(ctx: ActorCtx, l: Loaded): Promise<TargetOut> {
  const answers = await answersOf(ctx.db, l.target.id);
  const items = itemsOf(l.round, l.target.role);
  const t = tally(items.map((i) => answers.get(i.key)?.status ?? null));
  return {
    id: l.target.id,
    round: {
      id: l.round.id,
      name: l.round.name,
      referenceDate: l.round.referenceDate,
      dueOn: l.round.dueOn,
      status: l.round.status,
    },
    systemId: l.target.systemId,
    systemName: l.systemName,
    unitName: l.unitName,
    hostName: l.target.hostName,
    role: l.target.role,
    submittedAt: l.target.submittedAt?.toISOString() ?? null,
    items: items.map((i) => {
      const a = answers.get(i.key);
      return {
        ...i,
        probe: i.probe ?? null,
        answer: {
          itemKey: i.key,
          status: a?.status ?? null,
          evidence: a?.evidence ?? '',
          probeRunId: a?.probeRunId ?? null,
          probeSummary: a?.probeSummary ?? null,
          answeredBy: a?.answeredBy ?? null,
          evidenceFile: a?.evidenceFileName
            ? {
                name: a.evidenceFileName,
                type: a.evidenceFileType ?? '',
                size: a.evidenceFileBytes?.length ?? 0,
              }
            : null,
        },
      };
    }),
    tally: { ...t, rate: t.applicable ? t.met / t.applicable : null },
    canAnswer: l.responsible && l.round.status === 'open' && !l.target.submittedAt,
  };
}

export async function getTarget(ctx: ActorCtx, id: string): Promise<TargetOut> {
  return present(ctx, await loadTarget(ctx, id));
}

function assertAnswerable(l: Loaded) {
  if (!l.responsible) throw new AppError('forbidden');
  if (l.round.status !== 'open') {
    throw new AppError('invalid_state', {
      detail: { ja: 'この重点検査は締め切られています。', en: 'This inspection round is closed.' },
    });
  }
  if (l.target.submittedAt) {
    throw new AppError('invalid_state', {
      detail: {
        ja: 'このホストの回答は提出済みです。',
        en: 'The answers for this host are already submitted.',
      },
    });
  }
}

export async function saveAnswers(
  ctx: ActorCtx,
  id: string,
  body: { answers: { itemKey: string; status: AnswerStatus | null; evidence: string }[] },
): Promise<TargetOut> {
  const l = await loadTarget(ctx, id);
  assertAnswerable(l);
  const keys = new Set(itemsOf(l.round, l.target.role).map((i) => i.key));
  const unknown = body.answers.filter((a) => !keys.has(a.itemKey)).map((a) => a.itemKey);
  if (unknown.length) {
    throw new AppError('validation_failed', {
      detail: {
        ja: `この検査にない項目です: ${unknown.join(', ')}`,
        en: `Not items of this round: ${unknown.join(', ')}`,
      },
    });
  }
  await ctx.db.transaction(async (tx) => {
    // Row lock on the target: a concurrent submit cannot slip between the check and the write.
    const [locked] = await tx
      .select({ submittedAt: inspectionTargets.submittedAt })
      .from(inspectionTargets)
      .where(eq(inspectionTargets.id, id))
      .for('update');
    if (locked?.submittedAt)
      assertAnswerable({ ...l, target: { ...l.target, submittedAt: locked.submittedAt } });
    for (const a of body.answers) {
      await tx
        .insert(inspectionAnswers)
        .values({
          targetId: id,
          itemKey: a.itemKey,
          status: a.status,
          evidence: a.evidence,
          answeredBy: 'owner',
          answeredAccount: ctx.actor.accountId,
        })
        .onConflictDoUpdate({
          target: [inspectionAnswers.targetId, inspectionAnswers.itemKey],
          // The probe run stays as evidence; the owner's answer and text now decide.
          set: {
            status: a.status,
            evidence: a.evidence,
            answeredBy: 'owner',
            answeredAccount: ctx.actor.accountId,
            updatedAt: new Date(),
          },
        });
    }
    await recordAudit(tx, ctx, {
      action: 'inspection.answers_save',
      tenantId: l.target.tenantId,
      targetId: id,
      after: { answers: body.answers.map((a) => ({ item: a.itemKey, status: a.status })) },
    });
  });
  return getTarget(ctx, id);
}

/** Submits a host's answers: every item answered; probe-filled items count as confirmed by the owner. */
export async function submitTarget(ctx: ActorCtx, id: string): Promise<TargetOut> {
  const l = await loadTarget(ctx, id);
  assertAnswerable(l);
  const answers = await answersOf(ctx.db, id);
  const items = itemsOf(l.round, l.target.role);
  const missing = items.filter((i) => !answers.get(i.key)?.status).map((i) => i.key);
  if (missing.length) {
    throw new AppError('invalid_state', {
      detail: {
        ja: `未回答の項目があります（${missing.length} 件）。`,
        en: `${missing.length} item(s) are not answered yet.`,
      },
      extra: { missing },
    });
  }
  await ctx.db.transaction(async (tx) => {
    const done = await tx
      .update(inspectionTargets)
      .set({ submittedAt: new Date(), submittedBy: ctx.actor.accountId })
      .where(and(eq(inspectionTargets.id, id), isNull(inspectionTargets.submittedAt)))
      .returning({ id: inspectionTargets.id });
    if (done.length === 0) throw new AppError('conflict');
    await tx
      .update(inspectionAnswers)
      .set({ answeredBy: 'owner', answeredAccount: ctx.actor.accountId, updatedAt: new Date() })
      .where(and(eq(inspectionAnswers.targetId, id), eq(inspectionAnswers.answeredBy, 'probe')));
    const t = tally(items.map((i) => answers.get(i.key)?.status ?? null));
    await recordAudit(tx, ctx, {
      action: 'inspection.target_submit',
      tenantId: l.target.tenantId,
      targetId: id,
      after: { met: t.met, applicable: t.applicable, grade: t.grade },
    });
  });
  return getTarget(ctx, id);
}

async function summaries(ctx: ActorCtx, where: ReturnType<typeof and>): Promise<TargetSummaryOut[]> {
  const rows = await ctx.db
    .select({ target: inspectionTargets, round: inspectionRounds, systemName: systems.name })
    .from(inspectionTargets)
    .innerJoin(inspectionRounds, eq(inspectionRounds.id, inspectionTargets.roundId))
    .innerJoin(systems, eq(systems.id, inspectionTargets.systemId))
    .innerJoin(orgUnits, eq(orgUnits.id, inspectionTargets.unitId))
    .where(where)
    .orderBy(desc(inspectionRounds.createdAt), inspectionTargets.hostName)
    .limit(500);
  const ids = rows.map((r) => r.target.id);
  const answers = ids.length
    ? await ctx.db
        .select({
          targetId: inspectionAnswers.targetId,
          itemKey: inspectionAnswers.itemKey,
          status: inspectionAnswers.status,
        })
        .from(inspectionAnswers)
        .where(inArray(inspectionAnswers.targetId, ids))
    : [];
  const byTarget = new Map<string, Map<string, AnswerStatus | null>>();
  for (const a of answers) {
    const m = byTarget.get(a.targetId) ?? new Map();
    m.set(a.itemKey, a.status);
    byTarget.set(a.targetId, m);
  }
  return rows.map(({ target, round, systemName }) => {
    const items = itemsOf(round, target.role);
    const m = byTarget.get(target.id) ?? new Map();
    const statuses = items.map((i) => m.get(i.key) ?? null);
    const t = tally(statuses);
    return {
      id: target.id,
      roundId: round.id,
      roundName: round.name,
      roundStatus: round.status,
      referenceDate: round.referenceDate,
      dueOn: round.dueOn,
      systemId: target.systemId,
      systemName,
      hostName: target.hostName,
      role: target.role,
      submittedAt: target.submittedAt?.toISOString() ?? null,
      grade: target.submittedAt ? t.grade : null,
      answered: statuses.filter((s) => s !== null).length,
      items: items.length,
    };
  });
}

/** The hosts the actor answers for (as the ledger names them now), in open rounds first. */
export async function myTargets(ctx: ActorCtx): Promise<{ items: TargetSummaryOut[] }> {
  const mine = and(
    eq(inspectionTargets.tenantId, ctx.actor.tenantId),
    or(eq(systems.securityOfficerId, ctx.actor.personId), eq(systems.administratorId, ctx.actor.personId)),
  );
  const items = await summaries(ctx, mine);
  items.sort((a, b) => (a.roundStatus === b.roundStatus ? 0 : a.roundStatus === 'open' ? -1 : 1));
  return { items };
}

/** Every round's result for one system (the panel on the system page): its owners or viewers of its unit. */
export async function systemTargets(ctx: ActorCtx, systemId: string): Promise<{ items: TargetSummaryOut[] }> {
  const sys = (await systemResponsibles(ctx.db, ctx.actor.tenantId, [systemId])).get(systemId);
  if (!sys) throw new AppError('not_found');
  const responsible = isSystemResponsible(ctx.actor, sys);
  const where = and(
    eq(inspectionTargets.tenantId, ctx.actor.tenantId),
    eq(inspectionTargets.systemId, systemId),
    responsible ? sql`true` : targetInScope(ctx.actor),
  );
  const items = await summaries(ctx, where);
  if (!responsible && items.length === 0) {
    // Nothing visible: tell "no rounds yet" from "not yours" only to those who may see the system.
    if (!canSeeUnit(ctx.actor, { tenantId: ctx.actor.tenantId, unitPath: sys.unitPath }))
      throw new AppError('not_found');
  }
  return { items };
}

/** Attaches an evidence file to one item's answer (replacing any earlier one). */
export async function attachEvidence(
  ctx: ActorCtx,
  id: string,
  body: { itemKey: string; name: string; type: string; base64: string },
): Promise<TargetOut> {
  const l = await loadTarget(ctx, id);
  assertAnswerable(l);
  if (!itemsOf(l.round, l.target.role).some((i) => i.key === body.itemKey)) {
    throw new AppError('validation_failed', {
      detail: {
        ja: `この検査にない項目です: ${body.itemKey}`,
        en: `Not an item of this round: ${body.itemKey}`,
      },
    });
  }
  const bytes = Buffer.from(body.base64, 'base64');
  if (bytes.length === 0 || bytes.length > ctx.config.uploadLimit) {
    throw new AppError(bytes.length === 0 ? 'bad_request' : 'payload_too_large', {
      detail: {
        ja: bytes.length === 0 ? 'ファイルが空です。' : 'ファイルが大きすぎます。',
        en: bytes.length === 0 ? 'The file is empty.' : 'The file is too large.',
      },
    });
  }
  const file = { evidenceFileName: body.name, evidenceFileType: body.type, evidenceFileBytes: bytes };
  await ctx.db.transaction(async (tx) => {
    await tx
      .insert(inspectionAnswers)
      .values({
        targetId: id,
        itemKey: body.itemKey,
        answeredBy: 'owner',
        answeredAccount: ctx.actor.accountId,
        ...file,
      })
      .onConflictDoUpdate({
        target: [inspectionAnswers.targetId, inspectionAnswers.itemKey],
        set: { ...file, updatedAt: new Date() },
      });
    await recordAudit(tx, ctx, {
      action: 'inspection.answers_save',
      tenantId: l.target.tenantId,
      targetId: id,
      after: { item: body.itemKey, file: { name: body.name, type: body.type, size: bytes.length } },
    });
  });
  return getTarget(ctx, id);
}

/** An item's evidence file: for the owner and for system.view over the host's division. */
export async function evidenceFile(ctx: ActorCtx, id: string, itemKey: string) {
  await loadTarget(ctx, id);
  const [a] = await ctx.db
    .select()
    .from(inspectionAnswers)
    .where(and(eq(inspectionAnswers.targetId, id), eq(inspectionAnswers.itemKey, itemKey)));
  if (!a?.evidenceFileBytes) throw new AppError('not_found');
  return {
    body: a.evidenceFileBytes,
    type: a.evidenceFileType ?? 'application/octet-stream',
    filename: a.evidenceFileName ?? 'evidence',
  };
}
