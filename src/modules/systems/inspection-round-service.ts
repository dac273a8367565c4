import { and, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { pgArray, rowsOf } from '../../db/client.js';
import { fiscalYearOfDay } from '../../lib/dates.js';
import type { ActorCtx } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import { enqueue } from '../../server/jobs/queue.js';
import { type Actor, authorize, can, scopeRoots } from '../../server/policy.js';
import { recordAudit } from '../audit/service.js';
import { orgUnits } from '../org/schema.js';
import { inspectionNoticeJob } from './inspection-job.js';
import { type LatestProbes, probeVerdict } from './inspection-rules.js';
import {
  inspectionAnswers,
  inspectionRounds,
  inspectionTargets,
  type RoundItemSet,
  type RoundUnit,
} from './inspection-schema.js';
import { resolveItemSet } from './inspection-set-service.js';
import type { RoundOut } from './inspection-validation.js';
import { type HostRole, systemHosts, systemProbeRuns, systems } from './schema.js';

// Inspection rounds: opened by system.manage over every unit they cover; read by system.view holders
// whose scope overlaps the round (they see only the hosts of their subtree).

type Round = typeof inspectionRounds.$inferSelect;

export function canManageRound(actor: Actor, round: Pick<Round, 'tenantId' | 'units'>): boolean {
  return round.units.every((u) =>
    can(actor, 'system.manage', { tenantId: round.tenantId, unitPath: u.path }),
  );
}

/** The actor may read some of the round: a unit of it is in their scope, or their scope lies inside one. */
export function canViewRound(actor: Actor, round: Pick<Round, 'tenantId' | 'units'>): boolean {
  if (round.tenantId !== actor.tenantId) return false;
  const roots = [...scopeRoots(actor, 'system.view'), ...scopeRoots(actor, 'system.manage')];
  return round.units.some((u) => roots.some((r) => u.path.startsWith(r) || r.startsWith(u.path)));
}

/** The round, or not found when it is another agency's or outside the actor's scope. */
export async function loadRound(ctx: Pick<ActorCtx, 'db' | 'actor'>, id: string): Promise<Round> {
  const [round] = await ctx.db
    .select()
    .from(inspectionRounds)
    .where(and(eq(inspectionRounds.id, id), eq(inspectionRounds.tenantId, ctx.actor.tenantId)));
  if (!round || !canViewRound(ctx.actor, round)) throw new AppError('not_found');
  return round;
}

/** SQL: the target's unit path is within the actor's system.view or system.manage scope. */
export function targetInScope(actor: Actor) {
  const roots = [...new Set([...scopeRoots(actor, 'system.view'), ...scopeRoots(actor, 'system.manage')])];
  if (roots.length === 0) return sql`false`;
  return sql`(${sql.join(
    roots.map((r) => sql`starts_with(${orgUnits.path}, ${r})`),
    sql` or `,
  )})`;
}

/** Hosts answered (submitted) of all hosts the actor may see in each round. */
async function progressOf(db: Db, actor: Actor, roundIds: string[]) {
  if (roundIds.length === 0) return new Map<string, { answered: number; total: number }>();
  const rows = await db
    .select({
      roundId: inspectionTargets.roundId,
      total: sql<number>`count(*)::int`,
      answered: sql<number>`count(${inspectionTargets.submittedAt})::int`,
    })
    .from(inspectionTargets)
    .innerJoin(orgUnits, eq(orgUnits.id, inspectionTargets.unitId))
    .where(and(inArray(inspectionTargets.roundId, roundIds), targetInScope(actor)))
    .groupBy(inspectionTargets.roundId);
  return new Map(rows.map((r) => [r.roundId, { answered: r.answered, total: r.total }]));
}

async function unitNames(db: Db, ids: string[]) {
  if (ids.length === 0) return new Map<string, string>();
  const rows = await db
    .select({ id: orgUnits.id, name: orgUnits.nameJa })
    .from(orgUnits)
    .where(inArray(orgUnits.id, ids));
  return new Map(rows.map((r) => [r.id, r.name]));
}

function present(
  actor: Actor,
  r: Round,
  names: Map<string, string>,
  progress: { answered: number; total: number } | undefined,
): RoundOut {
  return {
    id: r.id,
    name: r.name,
    fiscalYear: r.fiscalYear,
    referenceDate: r.referenceDate,
    dueOn: r.dueOn,
    status: r.status,
    units: r.units.map((u) => ({ id: u.id, name: names.get(u.id) ?? '' })),
    itemSets: r.itemSets.map((s) => ({
      role: s.role,
      ref: s.ref,
      name: s.name,
      items: s.items.map((i) => ({ ...i, probe: i.probe ?? null })),
    })),
    previousRoundId: r.previousRoundId,
    createdAt: r.createdAt.toISOString(),
    closedAt: r.closedAt?.toISOString() ?? null,
    progress: progress ?? { answered: 0, total: 0 },
    canManage: canManageRound(actor, r),
  };
}

export async function listRounds(ctx: ActorCtx, query: { q?: string; page: number; pageSize: number }) {
  authorize(ctx.actor, 'system.view');
  const all = await ctx.db
    .select()
    .from(inspectionRounds)
    .where(eq(inspectionRounds.tenantId, ctx.actor.tenantId))
    .orderBy(desc(inspectionRounds.createdAt));
  const q = query.q?.trim().toLowerCase();
  const visible = all.filter(
    (r) =>
      canViewRound(ctx.actor, r) && (!q || r.name.toLowerCase().includes(q) || String(r.fiscalYear) === q),
  );
  const page = visible.slice((query.page - 1) * query.pageSize, query.page * query.pageSize);
  const progress = await progressOf(
    ctx.db,
    ctx.actor,
    page.map((r) => r.id),
  );
  const names = await unitNames(ctx.db, [...new Set(page.flatMap((r) => r.units.map((u) => u.id)))]);
  return {
    items: page.map(({ itemSets: _, ...r }) => {
      const { itemSets: __, ...out } = present(ctx.actor, { ...r, itemSets: [] }, names, progress.get(r.id));
      return out;
    }),
    total: visible.length,
    page: query.page,
    pageSize: query.pageSize,
  };
}

export async function getRound(ctx: ActorCtx, id: string): Promise<RoundOut> {
  authorize(ctx.actor, 'system.view');
  const round = await loadRound(ctx, id);
  const progress = await progressOf(ctx.db, ctx.actor, [round.id]);
  const names = await unitNames(
    ctx.db,
    round.units.map((u) => u.id),
  );
  return present(ctx.actor, round, names, progress.get(round.id));
}

/** The latest successful probe run of each kind for each host. */
export async function latestProbes(db: Db, hostIds: string[]): Promise<Map<string, LatestProbes>> {
  const out = new Map<string, LatestProbes>();
  if (hostIds.length === 0) return out;
  const rows = rowsOf<{ id: string; host_id: string; kind: 'tls' | 'http' | 'mail'; result: unknown }>(
    await db.execute(sql`
      select distinct on (host_id, kind) id, host_id, kind, result
      from ${systemProbeRuns}
      where host_id = any(${pgArray(hostIds)}::uuid[]) and result is not null
      order by host_id, kind, started_at desc`),
  );
  for (const r of rows) {
    const p = out.get(r.host_id) ?? {};
    (p as Record<string, unknown>)[r.kind] = { id: r.id, result: r.result };
    out.set(r.host_id, p);
  }
  return out;
}

export interface OpenRoundInput {
  name: string;
  fiscalYear?: number;
  referenceDate: string;
  dueOn: string | null;
  unitIds: string[];
  itemSets: { role: HostRole; ref: string }[];
  previousRoundId?: string | null;
}

/**
 * Opens a round: freezes the chosen item sets, takes every ledger host of those roles in the chosen
 * units' subtrees, pre-fills items a probe can answer from each host's latest run, and queues the
 * mail to each system's 情報システムセキュリティ責任者.
 */
export async function openRound(ctx: ActorCtx, input: OpenRoundInput): Promise<RoundOut> {
  authorize(ctx.actor, 'system.manage');
  const tenantId = ctx.actor.tenantId;
  const unitIds = [...new Set(input.unitIds)];
  const units = await ctx.db
    .select({ id: orgUnits.id, path: orgUnits.path, name: orgUnits.nameJa })
    .from(orgUnits)
    .where(and(eq(orgUnits.tenantId, tenantId), inArray(orgUnits.id, unitIds)));
  if (units.length !== unitIds.length) throw new AppError('not_found');
  for (const u of units)
    authorize(ctx.actor, 'system.manage', { tenantId, unitPath: u.path }, { hide: true });
  const itemSets: RoundItemSet[] = [];
  for (const s of input.itemSets) {
    const set = await resolveItemSet(ctx, s.ref);
    if (set.role !== s.role) {
      throw new AppError('validation_failed', {
        detail: {
          ja: `項目セット「${set.name}」は ${set.role} 用です（${s.role} に指定されました）。`,
          en: `The item set "${set.name}" is for ${set.role}, not ${s.role}.`,
        },
      });
    }
    itemSets.push({ role: s.role, ref: set.ref, name: set.name, items: set.items });
  }
  let previousRoundId = input.previousRoundId ?? null;
  if (previousRoundId) {
    await loadRound(ctx, previousRoundId);
  } else if (input.previousRoundId === undefined) {
    const [prev] = await ctx.db
      .select({ id: inspectionRounds.id })
      .from(inspectionRounds)
      .where(eq(inspectionRounds.tenantId, tenantId))
      .orderBy(desc(inspectionRounds.createdAt))
      .limit(1);
    previousRoundId = prev?.id ?? null;
  }
  const roles = itemSets.map((s) => s.role);
  const roundUnits: RoundUnit[] = units.map((u) => ({ id: u.id, path: u.path }));

  return ctx.db.transaction(async (tx) => {
    const hosts = await tx
      .select({
        hostId: systemHosts.id,
        hostName: systemHosts.name,
        role: systemHosts.role,
        systemId: systems.id,
        unitId: systems.unitId,
        officerId: systems.securityOfficerId,
      })
      .from(systemHosts)
      .innerJoin(systems, eq(systems.id, systemHosts.systemId))
      .innerJoin(orgUnits, eq(orgUnits.id, systems.unitId))
      .where(
        and(
          eq(systemHosts.tenantId, tenantId),
          inArray(systemHosts.role, roles),
          ne(systems.lifecycle, 'retired'),
          sql`(${sql.join(
            roundUnits.map((u) => sql`starts_with(${orgUnits.path}, ${u.path})`),
            sql` or `,
          )})`,
        ),
      );
    const [round] = await tx
      .insert(inspectionRounds)
      .values({
        tenantId,
        name: input.name,
        fiscalYear: input.fiscalYear ?? fiscalYearOfDay(input.referenceDate),
        referenceDate: input.referenceDate,
        dueOn: input.dueOn,
        units: roundUnits,
        itemSets,
        previousRoundId,
        createdBy: ctx.actor.accountId,
      })
      .returning();
    const targets = hosts.length
      ? await tx
          .insert(inspectionTargets)
          .values(
            hosts.map((h) => ({
              tenantId,
              roundId: round!.id,
              hostId: h.hostId,
              systemId: h.systemId,
              unitId: h.unitId,
              role: h.role,
              hostName: h.hostName,
              assigneeId: h.officerId,
            })),
          )
          .returning({
            id: inspectionTargets.id,
            hostId: inspectionTargets.hostId,
            role: inspectionTargets.role,
          })
      : [];
    const probes = await latestProbes(
      tx,
      targets.map((t) => t.hostId),
    );
    const prefills: (typeof inspectionAnswers.$inferInsert)[] = [];
    for (const t of targets) {
      const set = itemSets.find((s) => s.role === t.role)!;
      for (const item of set.items) {
        if (!item.probe) continue;
        const v = probeVerdict(item.probe, probes.get(t.hostId) ?? {});
        if (!v) continue;
        prefills.push({
          targetId: t.id,
          itemKey: item.key,
          status: v.status,
          probeRunId: v.probeRunId,
          probeSummary: v.summary,
          answeredBy: 'probe',
        });
      }
    }
    for (let i = 0; i < prefills.length; i += 1000) {
      await tx.insert(inspectionAnswers).values(prefills.slice(i, i + 1000));
    }
    await recordAudit(tx, ctx, {
      action: 'inspection.round_open',
      tenantId,
      targetId: round!.id,
      after: {
        name: round!.name,
        referenceDate: round!.referenceDate,
        units: unitIds,
        itemSets: itemSets.map((s) => ({ role: s.role, ref: s.ref, items: s.items.length })),
        hosts: targets.length,
        prefilled: prefills.length,
      },
    });
    if (targets.length) await enqueue(tx, inspectionNoticeJob, { roundId: round!.id });
    return present(ctx.actor, round!, new Map(units.map((u) => [u.id, u.name])), {
      answered: 0,
      total: targets.length,
    });
  });
}

export async function closeRound(ctx: ActorCtx, id: string): Promise<RoundOut> {
  authorize(ctx.actor, 'system.manage');
  const round = await loadRound(ctx, id);
  if (!canManageRound(ctx.actor, round)) throw new AppError('forbidden');
  if (round.status !== 'open') {
    throw new AppError('invalid_state', {
      detail: { ja: 'この検査は既に締め切られています。', en: 'This round is already closed.' },
    });
  }
  await ctx.db.transaction(async (tx) => {
    await tx
      .update(inspectionRounds)
      .set({ status: 'closed', closedAt: new Date() })
      .where(eq(inspectionRounds.id, id));
    await recordAudit(tx, ctx, { action: 'inspection.round_close', tenantId: round.tenantId, targetId: id });
  });
  return getRound(ctx, id);
}
