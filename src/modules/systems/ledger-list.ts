// The ledger list (scoped in the query), server counts against the consolidation target, and the
// agency's ledger settings.
import { and, asc, count, eq, exists, ilike, inArray, isNull, lt, or, type SQL, sql } from 'drizzle-orm';
import { fiscalYearDays, fiscalYearOfDay, todayInJapan } from '../../lib/dates.js';
import type { ActorCtx } from '../../server/context.js';
import {
  authorize,
  authorizeTenantWide,
  can,
  canTenantWide,
  escapeLike,
  inScope,
  withinSubtree,
} from '../../server/policy.js';
import { recordAudit } from '../audit/service.js';
import { orgUnits, people } from '../org/schema.js';
import { readableSystems } from './ledger-access.js';
import type { ListSystemsQuery, SystemListItem } from './ledger-validation.js';
import { overTarget, reviewedInFiscalYear } from './rules.js';
import { type HostRole, systemHosts, systemSoftware, systems, systemsSettings } from './schema.js';

const bool = (v: 'true' | 'false' | undefined) => (v === undefined ? undefined : v === 'true');

export async function listSystems(ctx: ActorCtx, q: ListSystemsQuery) {
  const actor = ctx.actor;
  const today = todayInJapan();
  const conds: SQL[] = [eq(systems.tenantId, actor.tenantId), readableSystems(actor)];
  if (q.q) {
    const like = `%${escapeLike(q.q)}%`;
    conds.push(
      or(
        ilike(systems.name, like),
        ilike(systems.code, like),
        exists(
          ctx.db
            .select({ one: sql`1` })
            .from(systemSoftware)
            .where(
              and(
                eq(systemSoftware.systemId, systems.id),
                or(ilike(systemSoftware.product, like), ilike(systemSoftware.vendor, like)),
              ),
            ),
        ),
      )!,
    );
  }
  if (q.role)
    conds.push(
      exists(
        ctx.db
          .select({ one: sql`1` })
          .from(systemHosts)
          .where(and(eq(systemHosts.systemId, systems.id), eq(systemHosts.role, q.role))),
      ),
    );
  if (q.unitId) {
    const [u] = await ctx.db
      .select({ path: orgUnits.path })
      .from(orgUnits)
      .where(and(eq(orgUnits.id, q.unitId), eq(orgUnits.tenantId, actor.tenantId)));
    conds.push(u ? withinSubtree(orgUnits.path, u.path) : sql`false`);
  }
  const facing = bool(q.internetFacing);
  if (facing !== undefined) conds.push(eq(systems.internetFacing, facing));
  if (q.lifecycle) conds.push(eq(systems.lifecycle, q.lifecycle));
  const eos = bool(q.endOfSupport);
  if (eos !== undefined) {
    const has = exists(
      ctx.db
        .select({ one: sql`1` })
        .from(systemSoftware)
        .where(and(eq(systemSoftware.systemId, systems.id), lt(systemSoftware.endOfSupport, today))),
    );
    conds.push(eos ? has : sql`not ${has}`);
  }
  const unreviewed = bool(q.unreviewed);
  if (unreviewed !== undefined) {
    const { from } = fiscalYearDays(fiscalYearOfDay(today));
    const notThisYear = or(isNull(systems.reviewedOn), lt(systems.reviewedOn, from))!;
    conds.push(unreviewed ? notThisYear : sql`not ${notThisYear}`);
  }
  const where = and(...conds);
  const [{ total } = { total: 0 }] = await ctx.db
    .select({ total: count() })
    .from(systems)
    .innerJoin(orgUnits, eq(orgUnits.id, systems.unitId))
    .where(where);
  const rows = await ctx.db
    .select({
      id: systems.id,
      code: systems.code,
      name: systems.name,
      unitId: systems.unitId,
      unitName: orgUnits.nameJa,
      officerId: systems.securityOfficerId,
      officerName: people.name,
      lifecycle: systems.lifecycle,
      internetFacing: systems.internetFacing,
      reviewedOn: systems.reviewedOn,
    })
    .from(systems)
    .innerJoin(orgUnits, eq(orgUnits.id, systems.unitId))
    .leftJoin(people, eq(people.id, systems.securityOfficerId))
    .where(where)
    .orderBy(asc(systems.code), asc(systems.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const ids = rows.map((r) => r.id);
  const [hosts, software] = ids.length
    ? await Promise.all([
        ctx.db
          .select({ systemId: systemHosts.systemId, role: systemHosts.role, n: count() })
          .from(systemHosts)
          .where(inArray(systemHosts.systemId, ids))
          .groupBy(systemHosts.systemId, systemHosts.role),
        ctx.db
          .select({
            systemId: systemSoftware.systemId,
            n: count(),
            eos: sql<number>`count(*) filter (where ${systemSoftware.endOfSupport} < ${today})`.mapWith(
              Number,
            ),
          })
          .from(systemSoftware)
          .where(inArray(systemSoftware.systemId, ids))
          .groupBy(systemSoftware.systemId),
      ])
    : [[], []];
  const items: SystemListItem[] = rows.map((r) => {
    const h = hosts.filter((x) => x.systemId === r.id);
    const sw = software.find((x) => x.systemId === r.id);
    return {
      id: r.id,
      code: r.code,
      name: r.name,
      unit: { id: r.unitId, name: r.unitName },
      securityOfficer: r.officerId ? { id: r.officerId, name: r.officerName ?? '' } : null,
      lifecycle: r.lifecycle,
      internetFacing: r.internetFacing,
      hostRoles: [...new Set(h.map((x) => x.role as HostRole))].sort(),
      hostCount: h.reduce((n, x) => n + x.n, 0),
      softwareCount: sw?.n ?? 0,
      endOfSupportCount: sw?.eos ?? 0,
      reviewedOn: r.reviewedOn,
      reviewedThisYear: reviewedInFiscalYear(r.reviewedOn, today),
    };
  });
  return { total, page: q.page, pageSize: q.pageSize, items, canManage: can(actor, 'system.manage') };
}

async function settingsOf(ctx: ActorCtx) {
  const [row] = await ctx.db
    .select()
    .from(systemsSettings)
    .where(eq(systemsSettings.tenantId, ctx.actor.tenantId));
  return { webServerTarget: row?.webServerTarget ?? null, mailServerTarget: row?.mailServerTarget ?? null };
}

export async function getSettings(ctx: ActorCtx) {
  authorize(ctx.actor, 'system.view');
  return settingsOf(ctx);
}

export async function updateSettings(
  ctx: ActorCtx,
  input: { webServerTarget?: number | null | undefined; mailServerTarget?: number | null | undefined },
) {
  authorizeTenantWide(ctx.actor, 'system.manage');
  const before = await settingsOf(ctx);
  const after = {
    webServerTarget: input.webServerTarget !== undefined ? input.webServerTarget : before.webServerTarget,
    mailServerTarget: input.mailServerTarget !== undefined ? input.mailServerTarget : before.mailServerTarget,
  };
  await ctx.db.transaction(async (tx) => {
    await tx
      .insert(systemsSettings)
      .values({ tenantId: ctx.actor.tenantId, ...after })
      .onConflictDoUpdate({ target: systemsSettings.tenantId, set: { ...after, updatedAt: new Date() } });
    await recordAudit(tx, ctx, {
      action: 'system.settings_update',
      tenantId: ctx.actor.tenantId,
      targetId: ctx.actor.tenantId,
      before,
      after,
    });
  });
  return after;
}

/**
 * Public web servers (web hosts of internet-facing systems) and mail servers of systems still in use,
 * against the agency's consolidation targets (サーバ集約化, 001 L3131-3143). Counted over the caller's
 * scope; the targets are compared only for a caller who sees the whole agency.
 */
export async function serverCounts(ctx: ActorCtx) {
  authorize(ctx.actor, 'system.view');
  const rows = await ctx.db
    .select({ role: systemHosts.role, facing: systems.internetFacing, n: count() })
    .from(systemHosts)
    .innerJoin(systems, eq(systems.id, systemHosts.systemId))
    .innerJoin(orgUnits, eq(orgUnits.id, systems.unitId))
    .where(
      and(
        eq(systems.tenantId, ctx.actor.tenantId),
        inScope(ctx.actor, 'system.view', orgUnits.path),
        sql`${systems.lifecycle} <> 'retired'`,
        inArray(systemHosts.role, ['web', 'mail']),
      ),
    )
    .groupBy(systemHosts.role, systems.internetFacing);
  const web = rows.filter((r) => r.role === 'web' && r.facing).reduce((n, r) => n + r.n, 0);
  const mail = rows.filter((r) => r.role === 'mail').reduce((n, r) => n + r.n, 0);
  const agencyWide = canTenantWide(ctx.actor, 'system.view');
  const s = await settingsOf(ctx);
  return {
    web,
    mail,
    agencyWide,
    webServerTarget: s.webServerTarget,
    mailServerTarget: s.mailServerTarget,
    webOverTarget: agencyWide ? overTarget(web, s.webServerTarget) : null,
    mailOverTarget: agencyWide ? overTarget(mail, s.mailServerTarget) : null,
  };
}
