import { createHash } from 'node:crypto';
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
  };
  const text = stableStringify({ ...fields, at: new Date(row.at).toISOString() });
  return createHash('sha256').update(text).digest('hex');
}

export type ChainBreak = { seq: number; id: number; reason: 'edited' | 'missing_before' | 'bad_link' };

/**
 * Walks one chain's rows (ordered by seq) and returns the first broken link, if any.
 * An edited row no longer matches its hash; a deleted row leaves a gap in seq and a bad link after it.
 */
export function firstBreak(
  rows: Iterable<ChainedFields & { id: number; hash: string }>,
  start: { seq: number; hash: string } = { seq: 0, hash: GENESIS_HASH },
): ChainBreak | null {
  let prev = start;
  for (const row of rows) {
    if (row.seq !== prev.seq + 1) return { seq: row.seq, id: row.id, reason: 'missing_before' };
    if (row.prevHash !== prev.hash) return { seq: row.seq, id: row.id, reason: 'bad_link' };
    if (hashRow(row) !== row.hash) return { seq: row.seq, id: row.id, reason: 'edited' };
    prev = { seq: row.seq, hash: row.hash };
  }
  return null;
}
