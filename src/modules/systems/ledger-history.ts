// Every change to a ledger entry writes its history row (system_changes) and a typed audit event in
// the caller's transaction, so neither can exist without the other.
import { desc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { ActorCtx } from '../../server/context.js';
import { recordAudit } from '../audit/service.js';
import type { SYSTEM_AUDIT_ACTIONS } from './audit-actions.js';
import { loadSystem } from './ledger-access.js';
import { accountNames } from './ledger-present.js';
import { systemChanges } from './schema.js';

type SystemAuditAction = Exclude<
  keyof typeof SYSTEM_AUDIT_ACTIONS,
  'system.import' | 'system.settings_update'
>;

/** created, updated, reviewed, host_added, software_removed, … (the history's action names). */
const HISTORY_ACTION: Record<SystemAuditAction, string> = {
  'system.create': 'created',
  'system.update': 'updated',
  'system.delete': 'deleted',
  'system.review': 'reviewed',
  'system.host_add': 'host_added',
  'system.host_update': 'host_updated',
  'system.host_remove': 'host_removed',
  'system.software_add': 'software_added',
  'system.software_update': 'software_updated',
  'system.software_remove': 'software_removed',
  'system.certificate_add': 'certificate_added',
  'system.certificate_update': 'certificate_updated',
  'system.certificate_remove': 'certificate_removed',
};

export async function recordChange(
  tx: Db,
  ctx: ActorCtx,
  system: { id: string; tenantId: string; code: string },
  action: SystemAuditAction | { history: string; audit: 'system.import' },
  changes: Record<string, unknown>,
) {
  const history = typeof action === 'string' ? HISTORY_ACTION[action] : action.history;
  const audit = typeof action === 'string' ? action : action.audit;
  if (audit !== 'system.delete') {
    await tx.insert(systemChanges).values({
      tenantId: system.tenantId,
      systemId: system.id,
      actorId: ctx.actor.accountId,
      action: history,
      changes,
    });
  }
  await recordAudit(tx, ctx, {
    action: audit,
    tenantId: system.tenantId,
    targetId: system.id,
    after: { code: system.code, [history]: changes },
  });
}

export async function systemHistory(ctx: ActorCtx, id: string) {
  const { system } = await loadSystem(ctx, id);
  const rows = await ctx.db
    .select()
    .from(systemChanges)
    .where(eq(systemChanges.systemId, system.id))
    .orderBy(desc(systemChanges.at), desc(systemChanges.id))
    .limit(500);
  const names = await accountNames(
    ctx.db,
    rows.map((r) => r.actorId),
  );
  return {
    items: rows.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      actor: r.actorId ? (names.get(r.actorId) ?? null) : null,
      action: r.action,
      changes: r.changes,
    })),
  };
}
