import {
  bigint,
  bigserial,
  index,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/**
 * Append-only audit trail. Each row carries the hash of the previous row of its chain (16 chains per
 * tenant, see shards.ts, plus "system"), so an edited or deleted row breaks the chain (`mamoru audit verify`).
 * A trigger (migration 0001) also refuses UPDATE and DELETE.
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    chain: text('chain').notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    tenantId: uuid('tenant_id'),
    at: timestamp('at', { withTimezone: true }).notNull(),
    actorAccountId: uuid('actor_account_id'),
    actorLabel: text('actor_label').notNull(),
    action: text('action').notNull(),
    targetType: text('target_type').notNull(),
    targetId: text('target_id'),
    before: jsonb('before'),
    after: jsonb('after'),
    requestId: text('request_id'),
    ip: text('ip'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
    /**
     * HMAC-SHA256 of `hash` under a key derived from the instance secret (SECRET_KEY), so someone who
     * can write to the database but does not hold the secret cannot re-chain edited rows. Null only on
     * rows written before keying existed (they may only precede the chain's first keyed row).
     */
    mac: text('mac'),
    /**
     * The newest seq of each of the agency's chains (by shard) when the row was written: a later row
     * of any chain vouches that the others were at least that long, so deleting a chain's newest rows
     * (or a whole chain) shows unless every later row of the agency goes too. Null on rows written
     * before sharding and on the system chain.
     */
    witness: bigint('witness', { mode: 'number' }).array(),
  },
  (t) => [
    uniqueIndex('audit_events_chain_seq').on(t.chain, t.seq),
    // The agency's trail newest first across its chains (at desc, id desc).
    index('audit_events_tenant_at').on(t.tenantId, t.at, t.id),
  ],
);
