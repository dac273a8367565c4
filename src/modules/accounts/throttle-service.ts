import { and, eq, gt, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { Config } from '../../config.js';
import type { Db } from '../../db/client.js';
import type { Ctx } from '../../server/context.js';
import { recordAudit } from '../audit/service.js';
import {
  KNOWN_ADDRESS_DAYS,
  loginThrottled,
  startsThrottle,
  type ThrottlePolicy,
  type ThrottleScope,
  throttleDelaySeconds,
} from './rules.js';
import { loginThrottles } from './schema.js';

// Throttle state lives in the database, so several instances on one PostgreSQL share it (rules.ts).

export function throttlePolicy(config: Pick<Config, 'login' | 'loginThrottle'>): ThrottlePolicy {
  return {
    pairMaxFailures: config.login.maxFailures,
    maxDelayMinutes: config.login.lockMinutes,
    ...config.loginThrottle,
  };
}

/** The client address as counted; requests without one (never over HTTP) share one bucket. */
export function addressOf(ctx: Pick<Ctx, 'ip'>): string {
  return ctx.ip ?? 'unknown';
}

const keyOf = {
  pair: (accountId: string, address: string) => `pair:${accountId}:${address}`,
  address: (address: string) => `address:${address}`,
  account: (accountId: string) => `account:${accountId}`,
};

/** Whether this address may try this account (or, for an unknown login, any login) right now. */
export async function isThrottled(db: Db, accountId: string | null, address: string, now: Date) {
  const keys = [keyOf.address(address)];
  if (accountId) keys.push(keyOf.pair(accountId, address), keyOf.account(accountId));
  const rows = await db.select().from(loginThrottles).where(inArray(loginThrottles.key, keys));
  const by = (scope: ThrottleScope) => rows.find((r) => r.scope === scope);
  return loginThrottled({ pair: by('pair'), address: by('address'), account: by('account') }, now);
}

/**
 * Counts one failed attempt. `refused`: the attempt was turned away by the throttle itself; it still
 * counts against its address (so hammering only lengthens that address's wait) but not against the
 * account across addresses, which counts real guesses only.
 */
export async function recordLoginFailure(
  tx: Db,
  ctx: Ctx,
  input: {
    account: { id: string; tenantId: string; login: string } | null;
    address: string;
    refused: boolean;
    policy: ThrottlePolicy;
    now: Date;
  },
) {
  const { account, address, now, policy } = input;
  const values: (typeof loginThrottles.$inferInsert)[] = [
    { key: keyOf.address(address), scope: 'address', address, failures: 1, lastFailureAt: now },
  ];
  if (account) {
    values.push({
      key: keyOf.pair(account.id, address),
      scope: 'pair',
      accountId: account.id,
      address,
      failures: 1,
      lastFailureAt: now,
    });
    if (!input.refused) {
      values.push({
        key: keyOf.account(account.id),
        scope: 'account',
        accountId: account.id,
        failures: 1,
        lastFailureAt: now,
      });
    }
  }
  const forgetBefore = new Date(now.getTime() - policy.memoryHours * 3_600_000);
  const counted = await tx
    .insert(loginThrottles)
    .values(values)
    .onConflictDoUpdate({
      target: loginThrottles.key,
      set: {
        failures: sql`case when ${loginThrottles.lastFailureAt} is null
          or ${loginThrottles.lastFailureAt} < ${forgetBefore} then 1 else ${loginThrottles.failures} + 1 end`,
        lastFailureAt: now,
      },
    })
    .returning({ key: loginThrottles.key, scope: loginThrottles.scope, failures: loginThrottles.failures });
  for (const row of counted) {
    const delay = throttleDelaySeconds(row.scope, row.failures, policy);
    if (delay === 0) continue;
    const until = new Date(now.getTime() + delay * 1000);
    await tx.update(loginThrottles).set({ blockedUntil: until }).where(eq(loginThrottles.key, row.key));
    if (startsThrottle(row.scope, row.failures, policy)) {
      await recordAudit(tx, ctx, {
        action: 'auth.locked',
        tenantId: account?.tenantId ?? null,
        targetId: row.scope === 'address' ? null : (account?.id ?? null),
        actorLabel: account?.login ?? address,
        ...(account ? { actorAccountId: account.id } : {}),
        after: { scope: row.scope, address: row.scope === 'account' ? null : address, until },
      });
    }
  }
}

/** A login from this address succeeded: its own count restarts and the address becomes known. */
export async function recordLoginSuccess(tx: Db, accountId: string, address: string, now: Date) {
  await tx
    .insert(loginThrottles)
    .values({
      key: keyOf.pair(accountId, address),
      scope: 'pair',
      accountId,
      address,
      failures: 0,
      lastSuccessAt: now,
    })
    .onConflictDoUpdate({
      target: loginThrottles.key,
      set: { failures: 0, blockedUntil: null, lastSuccessAt: now },
    });
}

/** When each account's throttle ends, for those throttled now (any address, or account-wide). */
export async function throttledUntil(db: Db, accountIds: string[], now = new Date()) {
  if (accountIds.length === 0) return new Map<string, Date>();
  const rows = await db
    .select({ accountId: loginThrottles.accountId, until: sql<Date>`max(${loginThrottles.blockedUntil})` })
    .from(loginThrottles)
    .where(and(inArray(loginThrottles.accountId, accountIds), gt(loginThrottles.blockedUntil, now)))
    .groupBy(loginThrottles.accountId);
  return new Map(rows.map((r) => [r.accountId!, new Date(r.until)]));
}

/** A WHERE fragment: the account (column) is throttled now. */
export function throttledNow(accountIdColumn: Parameters<typeof eq>[0], now = new Date()) {
  return sql`exists (select 1 from ${loginThrottles} where ${loginThrottles.accountId} = ${accountIdColumn}
    and ${loginThrottles.blockedUntil} > ${now})`;
}

/** The counts behind an account's throttle, for the administrator: per address, and across addresses. */
export async function throttleDetail(db: Db, accountId: string, policy: ThrottlePolicy, now = new Date()) {
  const forgetBefore = new Date(now.getTime() - policy.memoryHours * 3_600_000);
  const rows = await db
    .select()
    .from(loginThrottles)
    .where(
      and(
        eq(loginThrottles.accountId, accountId),
        or(gt(loginThrottles.blockedUntil, now), gt(loginThrottles.lastFailureAt, forgetBefore)),
        gt(loginThrottles.failures, 0),
      ),
    );
  return rows
    .map((r) => ({
      scope: r.scope as 'pair' | 'account',
      address: r.address,
      failures: r.failures,
      lastFailureAt: r.lastFailureAt?.toISOString() ?? null,
      blockedUntil: r.blockedUntil && r.blockedUntil > now ? r.blockedUntil.toISOString() : null,
    }))
    .sort((a, b) => b.failures - a.failures);
}

/** An administrator lifts every throttle of the account (its addresses stay known). */
export async function clearThrottle(tx: Db, accountId: string) {
  await tx
    .update(loginThrottles)
    .set({ failures: 0, blockedUntil: null, lastFailureAt: null })
    .where(eq(loginThrottles.accountId, accountId));
}

/** Drops counts nobody has added to for a while and addresses not used for a long time. */
export async function purgeStaleThrottles(db: Db, policy: ThrottlePolicy, now = new Date()) {
  const forgetBefore = new Date(now.getTime() - policy.memoryHours * 3_600_000);
  const knownSince = new Date(now.getTime() - KNOWN_ADDRESS_DAYS * 86_400_000);
  await db
    .delete(loginThrottles)
    .where(
      and(
        or(isNull(loginThrottles.lastFailureAt), lt(loginThrottles.lastFailureAt, forgetBefore)),
        or(isNull(loginThrottles.blockedUntil), lt(loginThrottles.blockedUntil, now)),
        or(isNull(loginThrottles.lastSuccessAt), lt(loginThrottles.lastSuccessAt, knownSince)),
      ),
    );
}
