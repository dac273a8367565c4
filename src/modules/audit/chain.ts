import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { stableStringify } from '../../lib/stable-json.js';

/** The fields a hash covers: everything in the row except its id and its own hash. */
export interface ChainedFields {
  chain: string;
  seq: number;
  tenantId: string | null;
  at: Date;
  actorAccountId: string | null;
  actorLabel: string;
  action: string;
  targetType: string;
  targetId: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
  ip: string | null;
  prevHash: string;
  /** Heads of the agency's chains when written (see schema.ts); covered only when present. */
  witness?: number[] | null;
}

export const GENESIS_HASH = '0'.repeat(64);

export function hashRow(row: ChainedFields): string {
  // Name every field: rows read back carry more (id, hash) that the hash must not cover.
  const fields: ChainedFields = {
    chain: row.chain,
    seq: row.seq,
    tenantId: row.tenantId,
    at: row.at,
    actorAccountId: row.actorAccountId,
    actorLabel: row.actorLabel,
    action: row.action,
    targetType: row.targetType,
    targetId: row.targetId,
    before: row.before ?? null,
    after: row.after ?? null,
    requestId: row.requestId,
    ip: row.ip,
    prevHash: row.prevHash,
    // Absent on rows written before witnesses existed, so their hashes stay what they were.
    witness: row.witness ?? undefined,
  };
  const text = stableStringify({ ...fields, at: new Date(row.at).toISOString() });
  return createHash('sha256').update(text).digest('hex');
}

/** The key that seals audit rows, derived from the instance secret (never stored in the database). */
export function auditKey(secretKey: Buffer): Buffer {
  return createHash('sha256').update(secretKey).update('mamoru:audit-chain:v1').digest();
}

/** The seal of a row: HMAC-SHA256 of its hash. */
export function macOf(key: Buffer, hash: string): string {
  return createHmac('sha256', key).update(hash).digest('hex');
}

function sameHex(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}

export type ChainBreak = {
  seq: number;
  id: number;
  /**
   * edited: the row no longer matches its hash; missing_before: a row before it was deleted;
   * bad_link: its link to the previous row is wrong; bad_seal: its seal does not match (re-chained
   * without the secret, or SECRET_KEY changed); unsealed: an unsealed row after a sealed one;
   * missing_newest: a later row of another of the agency's chains (id) saw this chain reach seq, but
   * it ends before (its newest rows, or all of it, were deleted).
   */
  reason: 'edited' | 'missing_before' | 'bad_link' | 'bad_seal' | 'unsealed' | 'missing_newest';
};

export interface ChainPosition {
  seq: number;
  hash: string;
  /** Whether a sealed row has been seen (then every later row must be sealed). */
  sealed?: boolean;
}

/**
 * Walks one chain's rows (ordered by seq) and returns the first broken link, if any.
 * An edited row no longer matches its hash; a deleted row leaves a gap in seq and a bad link after it.
 */
export function firstBreak(
  rows: Iterable<ChainedFields & { id: number; hash: string; mac?: string | null }>,
  start: ChainPosition = { seq: 0, hash: GENESIS_HASH },
  key?: Buffer,
): ChainBreak | null {
  let prev = start;
  for (const row of rows) {
    if (row.seq !== prev.seq + 1) return { seq: row.seq, id: row.id, reason: 'missing_before' };
    if (row.prevHash !== prev.hash) return { seq: row.seq, id: row.id, reason: 'bad_link' };
    if (hashRow(row) !== row.hash) return { seq: row.seq, id: row.id, reason: 'edited' };
    let sealed = prev.sealed ?? false;
    if (key) {
      if (row.mac) {
        if (!sameHex(row.mac, macOf(key, row.hash))) return { seq: row.seq, id: row.id, reason: 'bad_seal' };
        sealed = true;
      } else if (sealed) return { seq: row.seq, id: row.id, reason: 'unsealed' };
    }
    prev = { seq: row.seq, hash: row.hash, sealed };
  }
  return null;
}
