/**
 * Naming of the audit chains. Each agency writes to AUDIT_SHARDS chains instead of one, so writers
 * acting for different people do not wait on one lock; one person's events stay ordered in one chain.
 * Shard 0 keeps the agency id as its name (the single chain of earlier versions), the others are
 * `${tenantId}/${k}`; events of no agency go to the one chain "system".
 */
export const AUDIT_SHARDS = 16;
export const SYSTEM_CHAIN = 'system';

/** FNV-1a (32-bit): stable across processes and versions, unlike anything seeded. */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** The shard of an event: from who acted, else what it is about, else shard 0. */
export function shardOf(key: { actorAccountId?: string | null; targetId?: string | null }): number {
  const k = key.actorAccountId || key.targetId;
  return k ? fnv1a(k) % AUDIT_SHARDS : 0;
}

export function chainName(tenantId: string | null, shard: number): string {
  if (tenantId === null) return SYSTEM_CHAIN;
  if (!Number.isInteger(shard) || shard < 0 || shard >= AUDIT_SHARDS)
    throw new RangeError(`audit shard ${shard} out of range`);
  return shard === 0 ? tenantId : `${tenantId}/${shard}`;
}

/** Every chain an agency may have written to, shard 0 first. */
export function chainNamesOf(tenantId: string): string[] {
  return Array.from({ length: AUDIT_SHARDS }, (_, k) => chainName(tenantId, k));
}

/** The agency and shard a chain name belongs to (tenantId null: the system chain, or not a name we write). */
export function parseChain(chain: string): { tenantId: string | null; shard: number } {
  const m = /^([^/]+)\/(\d+)$/.exec(chain);
  if (m) return { tenantId: m[1]!, shard: Number(m[2]) };
  return chain === SYSTEM_CHAIN ? { tenantId: null, shard: 0 } : { tenantId: chain, shard: 0 };
}

export function tenantOfChain(chain: string): string | null {
  return parseChain(chain).tenantId;
}

/** A chain for people: the agency's code (or the id when unknown), and the shard when not 0. */
export function chainLabel(chain: string, codeOf: (tenantId: string) => string | undefined): string {
  const { tenantId, shard } = parseChain(chain);
  if (tenantId === null) return chain;
  const name = codeOf(tenantId) ?? tenantId;
  return shard === 0 ? name : `${name}/${shard}`;
}
