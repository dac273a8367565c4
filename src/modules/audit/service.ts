import { and, asc, count, desc, eq, gt, gte, ilike, lte, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { toJsonValue } from '../../lib/stable-json.js';
import type { ActorCtx, Ctx } from '../../server/context.js';
import { authorizeTenantWide, escapeLike } from '../../server/policy.js';
import { type ChainBreak, firstBreak, GENESIS_HASH, hashRow } from './chain.js';
import { AUDIT_ACTIONS, type AuditAction } from './events.js';
import { auditEvents } from './schema.js';

export interface AuditInput {
  action: AuditAction;
  tenantId: string | null;
  targetId?: string | null;
  before?: unknown;
  after?: unknown;
  /** Who acted when there is no logged-in actor (e.g. "cli", "system", a login name that failed). */
  actorLabel?: string;
  actorAccountId?: string | null;
}

/**
 * Appends one event to its tenant's chain. Must run inside the transaction of the write it records,
 * so the event and the change commit together; the advisory lock orders concurrent writers.
 */
export async function recordAudit(tx: Db, ctx: Pick<Ctx, 'actor' | 'requestId' | 'ip'>, e: AuditInput) {
  const chain = e.tenantId ?? 'system';
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`audit:${chain}`}))`);
  const [last] = await tx
    .select({ seq: auditEvents.seq, hash: auditEvents.hash })
    .from(auditEvents)
    .where(eq(auditEvents.chain, chain))
    .orderBy(desc(auditEvents.seq))
    .limit(1);
  const fields = {
    chain,
    seq: (last?.seq ?? 0) + 1,
    tenantId: e.tenantId,
    at: new Date(),
    actorAccountId: e.actorAccountId !== undefined ? e.actorAccountId : (ctx.actor?.accountId ?? null),
    actorLabel: e.actorLabel ?? ctx.actor?.login ?? 'system',
    action: e.action,
    targetType: AUDIT_ACTIONS[e.action],
    targetId: e.targetId ?? null,
    before: toJsonValue(e.before ?? null),
    after: toJsonValue(e.after ?? null),
    requestId: ctx.requestId,
    ip: ctx.ip,
    prevHash: last?.hash ?? GENESIS_HASH,
  };
  await tx.insert(auditEvents).values({ ...fields, hash: hashRow(fields) });
}

export interface VerifyResult {
  ok: boolean;
  chains: { chain: string; rows: number; firstBreak: ChainBreak | null }[];
}

/** Re-hashes every chain (or one tenant's) from the start; reports the first broken link of each. */
export async function verifyAuditTrail(db: Db, opts: { tenantId?: string } = {}): Promise<VerifyResult> {
  const chainRows = opts.tenantId
    ? [{ chain: opts.tenantId }]
    : await db.selectDistinct({ chain: auditEvents.chain }).from(auditEvents).orderBy(asc(auditEvents.chain));
  const chains: VerifyResult['chains'] = [];
  for (const { chain } of chainRows) {
    let after = 0;
    let rows = 0;
    let prev = { seq: 0, hash: GENESIS_HASH };
    let broken: ChainBreak | null = null;
    for (;;) {
      const batch = await db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.chain, chain), gt(auditEvents.seq, after)))
        .orderBy(asc(auditEvents.seq))
        .limit(5000);
      if (batch.length === 0) break;
      broken = firstBreak(batch, prev);
      rows += batch.length;
      if (broken) break;
      const last = batch[batch.length - 1]!;
      prev = { seq: last.seq, hash: last.hash };
      after = last.seq;
    }
    chains.push({ chain, rows, firstBreak: broken });
  }
  return { ok: chains.every((c) => c.firstBreak === null), chains };
}

export interface AuditQuery {
  action?: string | undefined;
  actor?: string | undefined;
  targetType?: string | undefined;
  targetId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  q?: string | undefined;
  page: number;
  pageSize: number;
}

/** The tenant's audit trail, newest first. Reading it is a tenant-wide permission. */
export async function listAuditEvents(ctx: ActorCtx, query: AuditQuery) {
  authorizeTenantWide(ctx.actor, 'audit.read');
  const conds: SQL[] = [eq(auditEvents.chain, ctx.actor.tenantId)];
  if (query.action) conds.push(ilike(auditEvents.action, `${escapeLike(query.action)}%`));
  if (query.actor) conds.push(eq(auditEvents.actorLabel, query.actor));
  if (query.targetType) conds.push(eq(auditEvents.targetType, query.targetType));
  if (query.targetId) conds.push(eq(auditEvents.targetId, query.targetId));
  if (query.from) conds.push(gte(auditEvents.at, new Date(query.from)));
  if (query.to) conds.push(lte(auditEvents.at, new Date(query.to)));
  if (query.q) {
    const like = `%${escapeLike(query.q)}%`;
    const text = or(
      ilike(auditEvents.actorLabel, like),
      ilike(auditEvents.targetId, like),
      sql`${auditEvents.after}::text ilike ${like}`,
      sql`${auditEvents.before}::text ilike ${like}`,
    );
    if (text) conds.push(text);
  }
  const where = and(...conds);
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select()
      .from(auditEvents)
      .where(where)
      .orderBy(desc(auditEvents.seq))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    ctx.db.select({ n: count() }).from(auditEvents).where(where),
  ]);
  return { total: total?.n ?? 0, items: rows };
}
