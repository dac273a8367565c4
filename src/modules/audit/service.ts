import { and, asc, count, desc, eq, gt, gte, ilike, inArray, lte, or, type SQL, sql } from 'drizzle-orm';
import { type Db, pgArray, rowsOf } from '../../db/client.js';
import { toJsonValue } from '../../lib/stable-json.js';
import type { ActorCtx, Ctx } from '../../server/context.js';
import { authorizeTenantWide, escapeLike } from '../../server/policy.js';
import {
  auditKey,
  type ChainBreak,
  type ChainPosition,
  firstBreak,
  GENESIS_HASH,
  hashRow,
  macOf,
} from './chain.js';
import { AUDIT_ACTIONS, type AuditAction } from './events.js';
import { auditEvents } from './schema.js';
import { chainName, chainNamesOf, shardOf, tenantOfChain } from './shards.js';

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

const keys = new WeakMap<Buffer, Buffer>();
function sealKey(secretKey: Buffer): Buffer {
  let k = keys.get(secretKey);
  if (!k) {
    k = auditKey(secretKey);
    keys.set(secretKey, k);
  }
  return k;
}

/**
 * Appends one event to one of its tenant's chains (the shard of who acted, see shards.ts). Must run
 * inside the transaction of the write it records, so the event and the change commit together; the
 * advisory lock orders concurrent writers of that chain and is held until commit, so call it late.
 */
export async function recordAudit(
  tx: Db,
  ctx: Pick<Ctx, 'actor' | 'requestId' | 'ip' | 'env'>,
  e: AuditInput,
) {
  const actorAccountId = e.actorAccountId !== undefined ? e.actorAccountId : (ctx.actor?.accountId ?? null);
  const targetId = e.targetId ?? null;
  const chain = chainName(e.tenantId, shardOf({ actorAccountId, targetId }));
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`audit:${chain}`}))`);
  // The newest row of every chain of the agency in one round trip (one index probe each): our own
  // chain's is the link, the others' seqs are the witness.
  const names = e.tenantId ? chainNamesOf(e.tenantId) : [chain];
  const heads = rowsOf<{ chain: string; seq: string | number | null; hash: string | null }>(
    await tx.execute(sql`
      select n.chain, h.seq, h.hash
      from unnest(${pgArray(names)}::text[]) with ordinality as n(chain, k)
      left join lateral (
        select a.seq, a.hash from audit_events a where a.chain = n.chain order by a.seq desc limit 1
      ) h on true
      order by n.k`),
  );
  const own = heads.find((h) => h.chain === chain);
  const last = own?.hash ? { seq: Number(own.seq), hash: own.hash } : undefined;
  const fields = {
    chain,
    seq: (last?.seq ?? 0) + 1,
    tenantId: e.tenantId,
    at: new Date(),
    actorAccountId,
    actorLabel: e.actorLabel ?? ctx.actor?.login ?? 'system',
    action: e.action,
    targetType: AUDIT_ACTIONS[e.action],
    targetId,
    before: toJsonValue(e.before ?? null),
    after: toJsonValue(e.after ?? null),
    requestId: ctx.requestId,
    ip: ctx.ip,
    prevHash: last?.hash ?? GENESIS_HASH,
    witness: e.tenantId ? heads.map((h) => Number(h.seq ?? 0)) : null,
  };
  const hash = hashRow(fields);
  await tx.insert(auditEvents).values({ ...fields, hash, mac: macOf(sealKey(ctx.env.secretKey), hash) });
}

/** The newest row of a chain: kept outside the database, it lets `verify` notice deleted newest rows. */
export interface AnchorPoint {
  chain: string;
  seq: number;
  hash: string;
}

export interface VerifyResult {
  ok: boolean;
  chains: {
    chain: string;
    rows: number;
    /** Rows written before sealing existed (at the start of the chain). */
    unsealedRows: number;
    firstBreak: ChainBreak | null;
    /** The anchored row is gone or differs: newest rows were deleted or the chain was rewritten. */
    anchorMismatch: { seq: number; expected: string; found: string | null } | null;
  }[];
}

/** The chains of one tenant (all its shards) as a where-clause on `chain`, using the (chain, seq) index. */
const chainsOf = (tenantId: string) => inArray(auditEvents.chain, chainNamesOf(tenantId));

/** The newest row of every chain (or of one tenant's chains), for `mamoru audit anchor`. */
export async function auditAnchor(db: Db, opts: { tenantId?: string } = {}): Promise<AnchorPoint[]> {
  const rows = await db
    .selectDistinctOn([auditEvents.chain], {
      chain: auditEvents.chain,
      seq: auditEvents.seq,
      hash: auditEvents.hash,
    })
    .from(auditEvents)
    .where(opts.tenantId ? chainsOf(opts.tenantId) : undefined)
    .orderBy(asc(auditEvents.chain), desc(auditEvents.seq));
  return rows;
}

/**
 * Re-hashes every chain (or one tenant's chains) from the start and checks each row's seal; reports
 * the first broken link of each. With anchors taken earlier, also checks that each anchored row is still there
 * unchanged, and that no chain is shorter than a later row of its agency witnessed (missing_newest).
 * What this cannot detect: deletion of the agency's newest rows (no later row witnessed them) since
 * the last anchor, or a rewrite by someone who holds SECRET_KEY.
 */
export async function verifyAuditTrail(
  ctx: Pick<Ctx, 'db' | 'env'>,
  opts: { tenantId?: string; anchors?: AnchorPoint[] } = {},
): Promise<VerifyResult> {
  const db = ctx.db;
  const key = sealKey(ctx.env.secretKey);
  const chainRows = await db
    .selectDistinct({ chain: auditEvents.chain })
    .from(auditEvents)
    .where(opts.tenantId ? chainsOf(opts.tenantId) : undefined)
    .orderBy(asc(auditEvents.chain));
  const names = new Set(chainRows.map((c) => c.chain));
  // A chain deleted whole is still named by its anchor.
  for (const a of opts.anchors ?? []) {
    if (!names.has(a.chain) && (!opts.tenantId || tenantOfChain(a.chain) === opts.tenantId)) {
      chainRows.push({ chain: a.chain });
      names.add(a.chain);
    }
  }
  const chains: VerifyResult['chains'] = [];
  // The longest each chain was seen to be by any row (of any chain of its agency), and by which row.
  const witnessed = new Map<string, { seq: number; id: number }>();
  const witness = (rows: (typeof auditEvents.$inferSelect)[]) => {
    for (const r of rows) {
      if (!r.witness || !r.tenantId) continue;
      r.witness.forEach((seq, k) => {
        const name = chainName(r.tenantId, k);
        if (seq > (witnessed.get(name)?.seq ?? 0)) witnessed.set(name, { seq, id: r.id });
      });
    }
  };
  const lastSeq = new Map<string, number>();
  for (const { chain } of chainRows) {
    let after = 0;
    let rows = 0;
    let unsealedRows = 0;
    let prev: ChainPosition = { seq: 0, hash: GENESIS_HASH };
    let broken: ChainBreak | null = null;
    for (;;) {
      const batch = await db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.chain, chain), gt(auditEvents.seq, after)))
        .orderBy(asc(auditEvents.seq))
        .limit(5000);
      if (batch.length === 0) break;
      broken = firstBreak(batch, prev, key);
      witness(batch);
      rows += batch.length;
      unsealedRows += batch.filter((r) => !r.mac).length;
      if (broken) break;
      const last = batch[batch.length - 1]!;
      prev = { seq: last.seq, hash: last.hash, sealed: prev.sealed || batch.some((r) => r.mac) };
      after = last.seq;
    }
    let anchorMismatch: VerifyResult['chains'][number]['anchorMismatch'] = null;
    const anchor = opts.anchors?.find((a) => a.chain === chain);
    if (anchor) {
      const [row] = await db
        .select({ hash: auditEvents.hash })
        .from(auditEvents)
        .where(and(eq(auditEvents.chain, chain), eq(auditEvents.seq, anchor.seq)));
      if (row?.hash !== anchor.hash)
        anchorMismatch = { seq: anchor.seq, expected: anchor.hash, found: row?.hash ?? null };
    }
    lastSeq.set(chain, prev.seq);
    chains.push({ chain, rows, unsealedRows, firstBreak: broken, anchorMismatch });
  }
  // A chain shorter than a later row saw it (or gone whole) lost its newest rows.
  for (const [chain, seen] of witnessed) {
    if (opts.tenantId && tenantOfChain(chain) !== opts.tenantId) continue;
    let c = chains.find((x) => x.chain === chain);
    if (!c) {
      c = { chain, rows: 0, unsealedRows: 0, firstBreak: null, anchorMismatch: null };
      chains.push(c);
    }
    const end = lastSeq.get(chain) ?? 0;
    if (!c.firstBreak && seen.seq > end)
      c.firstBreak = { seq: end + 1, id: seen.id, reason: 'missing_newest' };
  }
  return { ok: chains.every((c) => c.firstBreak === null && c.anchorMismatch === null), chains };
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

/**
 * The tenant's audit trail (all its chains), newest first. Reading it is a tenant-wide permission.
 */
export async function listAuditEvents(ctx: ActorCtx, query: AuditQuery) {
  authorizeTenantWide(ctx.actor, 'audit.read');
  const conds: SQL[] = [eq(auditEvents.tenantId, ctx.actor.tenantId)];
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
      // Newest first across shards: (tenant_id, at, id) is the index audit_events_tenant_at.
      .orderBy(desc(auditEvents.at), desc(auditEvents.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    ctx.db.select({ n: count() }).from(auditEvents).where(where),
  ]);
  return { total: total?.n ?? 0, items: rows };
}
