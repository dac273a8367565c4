import { and, asc, count, desc, eq, ilike, inArray, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { ActorCtx } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import { authorize, can, escapeLike } from '../../server/policy.js';
import { recordAudit } from '../audit/service.js';
import { existingRegisterEntries } from '../classification/public.js';
import { pathIds } from '../org/rules.js';
import { orgUnits, people } from '../org/schema.js';
import { roleAssignments, roles } from '../roles/schema.js';
import { systemResponsibles } from '../systems/public.js';
import {
  accessOf,
  handles,
  type LoadedCase,
  loadVisibleCase,
  located,
  type StepRow,
  visibleCases,
} from './access.js';
import { flowOf } from './flow-service.js';
import {
  currentStepIndex,
  type FlowStep,
  type HoldersByUnit,
  heldMinutes,
  isCsirtStep,
  mayCompleteStep,
  mustNotifyNisc,
  resolveStep,
} from './rules.js';
import { incidentAttachments, incidentLiaisons, incidentSteps, incidents } from './schema.js';
import type { CaseOut, ListQuery, TriageBody } from './validation.js';

const iso = (d: Date | null) => d?.toISOString() ?? null;

async function namesOf(db: Db, ids: readonly string[]) {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map<string, string>();
  const rows = await db
    .select({ id: people.id, name: people.name })
    .from(people)
    .where(inArray(people.id, unique));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** When the step began to be held: the previous step's completion, or the triage. */
function stepSince(c: LoadedCase, i: number): Date {
  return (i > 0 ? c.steps[i - 1]!.doneAt : null) ?? c.row.triagedAt ?? c.row.createdAt;
}

export async function presentCase(
  ctx: ActorCtx,
  c: LoadedCase,
  access: 'full' | 'reporter',
): Promise<CaseOut> {
  const r = c.row;
  const base = {
    id: r.id,
    view: access,
    state: r.state,
    source: r.source,
    what: r.what,
    when: r.whenText,
    where: r.whereText,
    contact: r.contact,
    discoveredAt: iso(r.discoveredAt),
    createdAt: r.createdAt.toISOString(),
  };
  if (access === 'reporter') {
    return {
      ...base,
      unit: null,
      reporter: null,
      title: null,
      type: null,
      severity: null,
      personalData: null,
      systemIds: [],
      registerEntryIds: [],
      response: null,
      prevention: null,
      triagedAt: null,
      closedAt: iso(r.closedAt),
      mustNotifyNisc: false,
      niscNotifiedAt: null,
      current: null,
      steps: [],
      liaisons: [],
      attachments: [],
      can: { triage: false, completeCurrent: false, liaise: false },
    };
  }
  const [liaisons, attachments] = await Promise.all([
    ctx.db
      .select()
      .from(incidentLiaisons)
      .where(eq(incidentLiaisons.incidentId, r.id))
      .orderBy(asc(incidentLiaisons.at)),
    ctx.db
      .select({
        id: incidentAttachments.id,
        filename: incidentAttachments.filename,
        contentType: incidentAttachments.contentType,
        size: incidentAttachments.size,
      })
      .from(incidentAttachments)
      .where(eq(incidentAttachments.incidentId, r.id)),
  ]);
  const names = await namesOf(ctx.db, [
    ...c.steps.flatMap((s) => [...s.holderIds, ...(s.doneBy ? [s.doneBy] : [])]),
    ...liaisons.flatMap((l) => (l.recordedBy ? [l.recordedBy] : [])),
    ...(r.reporterPersonId ? [r.reporterPersonId] : []),
  ]);
  const ref = (id: string) => ({ id, name: names.get(id) ?? '' });
  const handler = handles(ctx.actor, c);
  const ci = currentStepIndex(c.steps);
  const cur = ci === null ? null : c.steps[ci]!;
  const since = ci === null ? null : stepSince(c, ci);
  const nisc = liaisons.find((l) => l.counterpart === 'nisc' && l.direction === 'sent');
  return {
    ...base,
    unit: { id: r.unitId, nameJa: c.unitNameJa },
    reporter: r.reporterPersonId ? ref(r.reporterPersonId) : null,
    title: r.title,
    type: r.type,
    severity: r.severity,
    personalData: r.personalData,
    systemIds: r.systemIds,
    registerEntryIds: r.registerEntryIds,
    response: r.response,
    prevention: r.prevention,
    triagedAt: iso(r.triagedAt),
    closedAt: iso(r.closedAt),
    mustNotifyNisc: mustNotifyNisc(r.type),
    niscNotifiedAt: iso(nisc?.at ?? null),
    current:
      cur && since
        ? {
            key: cur.key,
            nameJa: cur.nameJa,
            nameEn: cur.nameEn,
            holders: cur.holderIds.map(ref),
            csirt: isCsirtStep(cur),
            since: since.toISOString(),
            minutes: heldMinutes(since, new Date()),
          }
        : null,
    steps: c.steps.map((s) => ({
      key: s.key,
      nameJa: s.nameJa,
      nameEn: s.nameEn,
      resolver: s.resolver,
      roleKey: s.roleKey,
      holders: s.holderIds.map(ref),
      csirt: isCsirtStep(s),
      note: s.note,
      doneAt: iso(s.doneAt),
      doneBy: s.doneBy ? ref(s.doneBy) : null,
    })),
    liaisons: liaisons.map((l) => ({
      id: l.id,
      direction: l.direction,
      counterpart: l.counterpart,
      at: l.at.toISOString(),
      channel: l.channel,
      content: l.content,
      recordedBy: l.recordedBy ? (names.get(l.recordedBy) ?? null) : null,
    })),
    attachments,
    can: {
      triage: handler && r.state !== 'closed',
      completeCurrent: !!cur && mayCompleteStep(cur, ctx.actor.personId, handler),
      liaise: handler,
    },
  };
}

export async function getCase(ctx: ActorCtx, id: string) {
  const c = await loadVisibleCase(ctx, id);
  return presentCase(ctx, c, c.access);
}

export async function listCases(ctx: ActorCtx, q: ListQuery) {
  const conds = [visibleCases(ctx.actor)];
  if (q.state) conds.push(eq(incidents.state, q.state));
  if (q.type) conds.push(eq(incidents.type, q.type));
  if (q.q) {
    const like = `%${escapeLike(q.q)}%`;
    conds.push(or(ilike(incidents.what, like), ilike(incidents.title, like))!);
  }
  const where = and(...conds);
  const [{ n } = { n: 0 }] = await ctx.db
    .select({ n: count() })
    .from(incidents)
    .innerJoin(orgUnits, eq(orgUnits.id, incidents.unitId))
    .where(where);
  const rows = await ctx.db
    .select({ row: incidents, unitPath: orgUnits.path, unitNameJa: orgUnits.nameJa })
    .from(incidents)
    .innerJoin(orgUnits, eq(orgUnits.id, incidents.unitId))
    .where(where)
    .orderBy(desc(incidents.createdAt), desc(incidents.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const ids = rows.map((r) => r.row.id);
  const steps = ids.length
    ? await ctx.db
        .select()
        .from(incidentSteps)
        .where(inArray(incidentSteps.incidentId, ids))
        .orderBy(asc(incidentSteps.position))
    : [];
  const byCase = new Map<string, StepRow[]>();
  for (const s of steps) byCase.set(s.incidentId, [...(byCase.get(s.incidentId) ?? []), s]);
  return {
    total: n,
    page: q.page,
    items: rows.map((r) => {
      const c: LoadedCase = { ...r, steps: byCase.get(r.row.id) ?? [] };
      const full = accessOf(ctx.actor, c) === 'full';
      const ci = currentStepIndex(c.steps);
      return {
        id: r.row.id,
        state: r.row.state,
        title: full ? r.row.title : null,
        what: r.row.what,
        type: full ? r.row.type : null,
        severity: full ? r.row.severity : null,
        unitNameJa: r.unitNameJa,
        createdAt: r.row.createdAt.toISOString(),
        currentStep: full && ci !== null ? c.steps[ci]!.nameJa : null,
      };
    }),
  };
}

/** Who holds which role at the units on the chain (active people only). */
async function holdersOn(
  db: Db,
  tenantId: string,
  unitIds: string[],
  roleKeys: string[],
): Promise<HoldersByUnit> {
  const map = new Map<string, Map<string, string[]>>();
  if (unitIds.length === 0 || roleKeys.length === 0) return map;
  const rows = await db
    .select({ unitId: roleAssignments.unitId, key: roles.key, personId: roleAssignments.personId })
    .from(roleAssignments)
    .innerJoin(roles, eq(roles.id, roleAssignments.roleId))
    .innerJoin(people, eq(people.id, roleAssignments.personId))
    .where(
      and(
        eq(roleAssignments.tenantId, tenantId),
        inArray(roleAssignments.unitId, unitIds),
        inArray(roles.key, roleKeys),
        eq(people.status, 'active'),
      ),
    );
  for (const r of rows) {
    const byRole = map.get(r.unitId) ?? new Map<string, string[]>();
    byRole.set(r.key, [...(byRole.get(r.key) ?? []), r.personId]);
    map.set(r.unitId, byRole);
  }
  return map;
}

/** Each step of the flow resolved to people for a case at this unit with these systems. */
async function resolveFlow(
  db: Db,
  tenantId: string,
  unitPath: string,
  steps: FlowStep[],
  systemOfficers: string[],
) {
  const chain = pathIds(unitPath).reverse();
  const keys = [...new Set(steps.flatMap((s) => (s.roleKey ? [s.roleKey] : [])))];
  const holders = await holdersOn(db, tenantId, chain, keys);
  return steps.map((s) => resolveStep(s, chain, holders, systemOfficers));
}

function invalid(path: string, ja: string, en: string) {
  return new AppError('validation_failed', { errors: [{ path: `body.${path}`, message: { ja, en } }] });
}

/**
 * The CSIRT's triage: type, severity, systems and register entries, personal data, the reporting unit.
 * The first triage starts the case's copy of the flow, each step resolved to people through the org
 * and the ledger; later triages update the facts and the holders of the steps not yet done.
 */
export async function triageCase(ctx: ActorCtx, id: string, body: TriageBody) {
  const tenantId = ctx.actor.tenantId;
  await ctx.db.transaction(async (tx) => {
    const tctx = { ...ctx, db: tx };
    const c = await loadVisibleCase(tctx, id, { forUpdate: true });
    authorize(ctx.actor, 'incident.handle', located(c));
    if (c.row.state === 'closed') throw new AppError('invalid_state');
    let unitPath = c.unitPath;
    let unitId = c.row.unitId;
    if (body.unitId && body.unitId !== unitId) {
      const [u] = await tx
        .select({ id: orgUnits.id, path: orgUnits.path })
        .from(orgUnits)
        .where(and(eq(orgUnits.id, body.unitId), eq(orgUnits.tenantId, tenantId)));
      if (!u)
        throw invalid('unitId', 'この機関に存在しない組織です', 'names a unit this agency does not have');
      authorize(ctx.actor, 'incident.handle', { tenantId, unitPath: u.path });
      unitId = u.id;
      unitPath = u.path;
    }
    const systems = await systemResponsibles(tx, tenantId, body.systemIds);
    if (systems.size !== new Set(body.systemIds).size)
      throw invalid(
        'systemIds',
        '台帳にない情報システムが含まれています',
        'names a system not in the ledger',
      );
    const entries = await existingRegisterEntries(tx, tenantId, body.registerEntryIds);
    if (entries.size !== new Set(body.registerEntryIds).size)
      throw invalid(
        'registerEntryIds',
        '台帳にない情報が含まれています',
        'names a register entry that does not exist',
      );
    const officers = [...systems.values()].flatMap((s) => (s.securityOfficerId ? [s.securityOfficerId] : []));

    const now = new Date();
    if (c.steps.length === 0) {
      const flow = (await flowOf(tx, tenantId)).steps;
      const resolved = await resolveFlow(tx, tenantId, unitPath, flow, officers);
      await tx.insert(incidentSteps).values(
        flow.map((s, i) => ({
          incidentId: id,
          position: i,
          key: s.key,
          nameJa: s.nameJa,
          nameEn: s.nameEn,
          resolver: s.resolver,
          roleKey: s.roleKey,
          holderIds: resolved[i]!,
        })),
      );
    } else {
      const open = c.steps.filter((s) => s.doneAt === null);
      const resolved = await resolveFlow(tx, tenantId, unitPath, open, officers);
      for (const [i, s] of open.entries())
        await tx.update(incidentSteps).set({ holderIds: resolved[i]! }).where(eq(incidentSteps.id, s.id));
    }
    await tx
      .update(incidents)
      .set({
        unitId,
        title: body.title,
        type: body.type,
        severity: body.severity,
        personalData: body.personalData,
        systemIds: body.systemIds,
        registerEntryIds: body.registerEntryIds,
        response: body.response,
        prevention: body.prevention,
        state: 'in_progress',
        triagedAt: c.row.triagedAt ?? now,
        triagedBy: c.row.triagedBy ?? ctx.actor.personId,
      })
      .where(eq(incidents.id, id));
    await recordAudit(tx, ctx, {
      action: 'incident.triage',
      tenantId,
      targetId: id,
      before: { state: c.row.state, type: c.row.type, severity: c.row.severity, unitId: c.row.unitId },
      after: { type: body.type, severity: body.severity, unitId, systems: body.systemIds.length },
    });
  });
  return getCase(ctx, id);
}

/** The current step, done by its resolved holder only (403 to anyone else who can see the case). */
export async function completeStep(ctx: ActorCtx, id: string, key: string, note: string | null) {
  await ctx.db.transaction(async (tx) => {
    const c = await loadVisibleCase({ ...ctx, db: tx }, id, { forUpdate: true });
    const ci = currentStepIndex(c.steps);
    const step = c.steps.find((s) => s.key === key);
    if (!step) throw new AppError('not_found');
    if (c.row.state !== 'in_progress' || ci === null || c.steps[ci]!.id !== step.id)
      throw new AppError('invalid_state', {
        detail: { ja: 'この手順は現在の手順ではありません。', en: 'This is not the current step.' },
      });
    if (!mayCompleteStep(step, ctx.actor.personId, handles(ctx.actor, c))) throw new AppError('forbidden');
    const now = new Date();
    await tx
      .update(incidentSteps)
      .set({ doneAt: now, doneBy: ctx.actor.personId, note })
      .where(eq(incidentSteps.id, step.id));
    const last = ci === c.steps.length - 1;
    if (last) await tx.update(incidents).set({ state: 'closed', closedAt: now }).where(eq(incidents.id, id));
    await recordAudit(tx, ctx, {
      action: 'incident.step_complete',
      tenantId: ctx.actor.tenantId,
      targetId: id,
      after: { step: key, closed: last },
    });
  });
  return getCase(ctx, id);
}

/** Open cases for the dashboard: who holds each now and since when (CISO sees all). */
export async function incidentSummary(ctx: ActorCtx) {
  if (!can(ctx.actor, 'incident.view')) authorize(ctx.actor, 'incident.handle');
  const scope = visibleCases(ctx.actor);
  const rows = await ctx.db
    .select({ row: incidents, unitPath: orgUnits.path, unitNameJa: orgUnits.nameJa })
    .from(incidents)
    .innerJoin(orgUnits, eq(orgUnits.id, incidents.unitId))
    .where(and(scope, sql`${incidents.state} <> 'closed'`))
    .orderBy(asc(incidents.createdAt))
    .limit(500);
  const ids = rows.map((r) => r.row.id);
  const steps = ids.length
    ? await ctx.db
        .select()
        .from(incidentSteps)
        .where(inArray(incidentSteps.incidentId, ids))
        .orderBy(asc(incidentSteps.position))
    : [];
  const names = await namesOf(
    ctx.db,
    steps.flatMap((s) => s.holderIds),
  );
  const items = rows.map((r) => {
    const cs = steps.filter((s) => s.incidentId === r.row.id);
    const c: LoadedCase = { ...r, steps: cs };
    const ci = currentStepIndex(cs);
    const cur = ci === null ? null : cs[ci]!;
    return {
      id: r.row.id,
      title: r.row.title,
      what: r.row.what.slice(0, 200),
      severity: r.row.severity,
      stepNameJa: cur?.nameJa ?? null,
      stepNameEn: cur?.nameEn ?? null,
      holders: cur
        ? isCsirtStep(cur)
          ? ['CSIRT']
          : cur.holderIds.map((p) => names.get(p) ?? '')
        : ['CSIRT'],
      since: (ci === null ? r.row.createdAt : stepSince(c, ci)).toISOString(),
    };
  });
  return {
    open: items.length,
    reported: rows.filter((r) => r.row.state === 'reported').length,
    items: items.slice(0, 20),
  };
}
