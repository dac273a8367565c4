import { and, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import * as OTPAuth from 'otpauth';
import type { Db } from '../../db/client.js';
import type { Ctx } from '../../server/context.js';
import { decryptSecret, hashPassword, randomToken, sha256, verifyPassword } from '../../server/crypto.js';
import { AppError } from '../../server/errors.js';
import { isTokenScope, type TokenScope } from '../../server/policy.js';
import { recordAudit } from '../audit/service.js';
import { tenants } from '../org/schema.js';
import { roleAssignments } from '../roles/schema.js';
import {
  effectiveSessionPolicy,
  type LoginMethod,
  normaliseLogin,
  type SessionPolicy,
  sessionState,
  shouldTouch,
} from './rules.js';
import { accounts, apiTokens, sessions } from './schema.js';
import {
  addressOf,
  isThrottled,
  purgeStaleThrottles,
  recordLoginFailure,
  recordLoginSuccess,
  throttlePolicy,
} from './throttle-service.js';

export const SESSION_COOKIE = 'mamoru_session';
export const TOKEN_PREFIX = 'mmr_';

// Verified against when the login does not exist, so a wrong login and a wrong password take as long.
let dummyHash: Promise<string> | undefined;

type SessionRow = typeof sessions.$inferSelect;
type AccountRow = typeof accounts.$inferSelect;

/** The session timeouts of an agency: its own where its security office set them, else the server's. */
export async function sessionPolicyOf(
  ctx: Pick<Ctx, 'db' | 'config'>,
  tenantId: string,
): Promise<SessionPolicy> {
  const [t] = await ctx.db
    .select({
      sessionIdleMinutes: tenants.sessionIdleMinutes,
      sessionAbsoluteHours: tenants.sessionAbsoluteHours,
    })
    .from(tenants)
    .where(eq(tenants.id, tenantId));
  return effectiveSessionPolicy(
    ctx.config.session,
    t ?? { sessionIdleMinutes: null, sessionAbsoluteHours: null },
  );
}

/**
 * Every login gets a new random token (never one the browser brought: no fixation); the session the
 * browser presented before, if any, ends here.
 */
export async function openSession(
  ctx: Ctx,
  account: Pick<AccountRow, 'id' | 'tenantId'>,
  opts: { mfaPending: boolean; userAgent: string | null; method: LoginMethod; replaces: string | null },
) {
  const token = randomToken(32);
  const now = new Date();
  const policy = await sessionPolicyOf(ctx, account.tenantId);
  if (opts.replaces) await ctx.db.delete(sessions).where(eq(sessions.id, sha256(opts.replaces)));
  const [row] = await ctx.db
    .insert(sessions)
    .values({
      id: sha256(token),
      accountId: account.id,
      csrfToken: randomToken(24),
      mfaPending: opts.mfaPending,
      method: opts.method,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + policy.absoluteHours * 3_600_000),
      ip: ctx.ip,
      userAgent: opts.userAgent,
    })
    .returning();
  return { token, session: row! };
}

/** Counts a failed attempt and audits it, in one transaction. */
async function recordFailure(
  ctx: Ctx,
  account: typeof accounts.$inferSelect | null,
  loginName: string,
  action: 'auth.login_failed' | 'auth.totp_failed',
  refused: boolean,
) {
  const now = new Date();
  await ctx.db.transaction(async (tx) => {
    await recordLoginFailure(tx, ctx, {
      account,
      address: addressOf(ctx),
      refused,
      policy: throttlePolicy(ctx.config),
      now,
    });
    await recordAudit(tx, ctx, {
      action,
      tenantId: account?.tenantId ?? null,
      targetId: account?.id ?? null,
      actorLabel: account?.login ?? loginName,
      ...(account ? { actorAccountId: account.id } : {}),
      ...(refused ? { after: { throttled: true } } : {}),
    });
  });
}

// The same words for an unknown login, a wrong password and a throttled address.
const LOGIN_REFUSED = {
  ja: '失敗が続いた場合は、しばらく待ってから再度お試しください。',
  en: 'After repeated failures, wait a while before trying again.',
};

/**
 * Password step. An unknown login, a wrong password and a throttled address get the same answer
 * after the same work (one argon2 verification, one counted failure), so the answer tells nobody
 * whether a login exists or is being throttled.
 */
export async function login(
  ctx: Ctx,
  input: { login: string; password: string; userAgent: string | null; replaces: string | null },
) {
  const loginName = normaliseLogin(input.login);
  const [account] = await ctx.db.select().from(accounts).where(eq(accounts.login, loginName));
  const throttled = await isThrottled(ctx.db, account?.id ?? null, addressOf(ctx), new Date());
  dummyHash ??= hashPassword('not-a-real-password', ctx.config.passwordHash);
  const passwordOk = await verifyPassword(account?.passwordHash ?? (await dummyHash), input.password);
  if (!account || throttled || !passwordOk) {
    await recordFailure(ctx, account ?? null, loginName, 'auth.login_failed', throttled);
    throw new AppError('invalid_credentials', { detail: LOGIN_REFUSED });
  }
  if (account.disabledAt) throw new AppError('account_disabled');

  const mfaPending = account.totpEnabled;
  const opened = await openSession(ctx, account, {
    mfaPending,
    userAgent: input.userAgent,
    method: 'password',
    replaces: input.replaces,
  });
  if (!mfaPending) await completeLogin(ctx, account, 'password');
  const status = mfaPending
    ? 'totp_required'
    : account.mustChangePassword
      ? 'password_change_required'
      : 'ok';
  return { ...opened, status: status as 'ok' | 'totp_required' | 'password_change_required' };
}

/**
 * A signed-in user re-enters their password (to change it, or to turn off the second factor): the
 * same throttle as the login, so a stolen session cannot be used to guess the password.
 */
export async function verifyPasswordGuess(
  ctx: Ctx,
  account: typeof accounts.$inferSelect,
  password: string,
): Promise<boolean> {
  const throttled = await isThrottled(ctx.db, account.id, addressOf(ctx), new Date());
  const ok = await verifyPassword(account.passwordHash, password);
  if (ok && !throttled) return true;
  await recordFailure(ctx, account, account.login, 'auth.login_failed', throttled);
  return false;
}

export async function completeLogin(ctx: Ctx, account: AccountRow, method: LoginMethod) {
  await ctx.db.transaction(async (tx) => {
    const now = new Date();
    await tx.update(accounts).set({ lastLoginAt: now }).where(eq(accounts.id, account.id));
    await recordLoginSuccess(tx, account.id, addressOf(ctx), now);
    await recordAudit(tx, ctx, {
      action: 'auth.login',
      tenantId: account.tenantId,
      targetId: account.id,
      actorLabel: account.login,
      actorAccountId: account.id,
      after: { method },
    });
  });
}

export function totpFor(secret: string, label: string) {
  return new OTPAuth.TOTP({ issuer: 'Mamoru', label, algorithm: 'SHA1', digits: 6, period: 30, secret });
}

/** Accepts a code for the current step ±1, never the same step twice (no replay). Returns the step. */
export function checkTotp(
  secret: string,
  code: string,
  lastStep: number | null,
  now = Date.now(),
): number | null {
  const totp = totpFor(secret, 'check');
  const delta = totp.validate({ token: code.replace(/\s/g, ''), window: 1, timestamp: now });
  if (delta === null) return null;
  const step = Math.floor(now / 30_000) + delta;
  if (lastStep !== null && step <= lastStep) return null;
  return step;
}

/** Second step of login: a pending session becomes a full one under a new token (no fixation). */
export async function completeTotp(ctx: Ctx, session: SessionRow, code: string, userAgent: string | null) {
  const [account] = await ctx.db.select().from(accounts).where(eq(accounts.id, session.accountId));
  if (!account?.totpSecret || !account.totpEnabled) throw new AppError('unauthenticated');
  if (account.disabledAt) throw new AppError('account_disabled');
  // The password is already proven here, so saying "wait" tells an attacker nothing new.
  if (await isThrottled(ctx.db, account.id, addressOf(ctx), new Date())) {
    await recordFailure(ctx, account, account.login, 'auth.totp_failed', true);
    throw new AppError('rate_limited');
  }
  const step = checkTotp(decryptSecret(ctx.env.secretKey, account.totpSecret), code, account.totpLastStep);
  if (step === null) {
    await recordFailure(ctx, account, account.login, 'auth.totp_failed', false);
    throw new AppError('totp_invalid');
  }
  await ctx.db.update(accounts).set({ totpLastStep: step }).where(eq(accounts.id, account.id));
  await ctx.db.delete(sessions).where(eq(sessions.id, session.id));
  const opened = await openSession(ctx, account, {
    mfaPending: false,
    userAgent,
    method: 'password',
    replaces: null,
  });
  await completeLogin(ctx, account, 'password');
  return {
    ...opened,
    status: account.mustChangePassword ? ('password_change_required' as const) : ('ok' as const),
  };
}

export async function logout(ctx: Ctx, session: SessionRow) {
  await ctx.db.transaction(async (tx) => {
    await tx.delete(sessions).where(eq(sessions.id, session.id));
    if (ctx.actor) {
      await recordAudit(tx, ctx, {
        action: 'auth.logout',
        tenantId: ctx.actor.tenantId,
        targetId: ctx.actor.accountId,
      });
    }
  });
}

/** A session whose id changed on this request carries the new cookie value in `token`. */
export type ResolvedSession = { session: SessionRow; token?: string } | { expired: true } | null;

/** After a rotation the old id keeps working this long, for requests the browser already sent. */
export const ROTATION_GRACE_SECONDS = 60;

export async function resolveSession(ctx: Ctx, token: string): Promise<ResolvedSession> {
  const id = sha256(token);
  const [row] = await ctx.db
    .select({
      session: sessions,
      sessionIdleMinutes: tenants.sessionIdleMinutes,
      sessionAbsoluteHours: tenants.sessionAbsoluteHours,
    })
    .from(sessions)
    .innerJoin(accounts, eq(accounts.id, sessions.accountId))
    .innerJoin(tenants, eq(tenants.id, accounts.tenantId))
    .where(eq(sessions.id, id));
  if (!row) return null;
  const { session } = row;
  const now = new Date();
  if (sessionState(session, now, effectiveSessionPolicy(ctx.config.session, row)) !== 'valid') {
    await ctx.db.delete(sessions).where(eq(sessions.id, id));
    return { expired: true };
  }
  if (session.rotationDue) {
    const rotated = await rotateSession(ctx, session, now);
    if (rotated) return rotated;
  }
  if (shouldTouch(session.lastSeenAt, now)) {
    await ctx.db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, id));
  }
  return { session };
}

/**
 * Privileges changed since the session began: it moves to a new id (same CSRF token, same absolute
 * expiry), and the old id dies after a short grace for requests already in flight. Only one of
 * several concurrent requests rotates: the flag is cleared by a conditional update.
 */
async function rotateSession(ctx: Ctx, session: SessionRow, now: Date) {
  const token = randomToken(32);
  const graceEnd = new Date(now.getTime() + ROTATION_GRACE_SECONDS * 1000);
  return ctx.db.transaction(async (tx) => {
    const [claimed] = await tx
      .update(sessions)
      .set({
        rotationDue: false,
        expiresAt: session.expiresAt < graceEnd ? session.expiresAt : graceEnd,
      })
      .where(and(eq(sessions.id, session.id), eq(sessions.rotationDue, true)))
      .returning({ id: sessions.id });
    if (!claimed) return null;
    const [fresh] = await tx
      .insert(sessions)
      .values({ ...session, id: sha256(token), rotationDue: false, lastSeenAt: now })
      .returning();
    return { session: fresh!, token };
  });
}

/**
 * The next request of every session of these people (or of everyone holding this role) gets a new
 * session id. Permissions themselves are re-read on every request (actor.ts), so nothing stale is
 * ever used; the new id ends whatever a copied cookie from before the change could do.
 */
export async function requireSessionRotation(tx: Db, target: { personIds: string[] } | { roleId: string }) {
  const people =
    'personIds' in target
      ? target.personIds
      : tx
          .select({ personId: roleAssignments.personId })
          .from(roleAssignments)
          .where(eq(roleAssignments.roleId, target.roleId));
  if (Array.isArray(people) && people.length === 0) return;
  await tx
    .update(sessions)
    .set({ rotationDue: true })
    .where(
      inArray(
        sessions.accountId,
        tx.select({ id: accounts.id }).from(accounts).where(inArray(accounts.personId, people)),
      ),
    );
}

export async function resolveApiToken(
  ctx: Ctx,
  token: string,
): Promise<{ accountId: string; scopes: TokenScope[] } | null> {
  if (!token.startsWith(TOKEN_PREFIX)) return null;
  const now = new Date();
  const [row] = await ctx.db
    .select()
    .from(apiTokens)
    .where(
      and(
        eq(apiTokens.tokenHash, sha256(token)),
        isNull(apiTokens.revokedAt),
        or(isNull(apiTokens.expiresAt), sql`${apiTokens.expiresAt} > ${now}`),
      ),
    );
  if (!row) return null;
  if (!row.lastUsedAt || shouldTouch(row.lastUsedAt, now)) {
    await ctx.db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, row.id));
  }
  return { accountId: row.accountId, scopes: row.scopes.filter(isTokenScope) };
}

/** Removes sessions past their absolute expiry and forgotten login failures (run by a periodic job). */
export async function purgeExpiredSessions(ctx: Ctx) {
  await ctx.db.delete(sessions).where(lt(sessions.expiresAt, new Date()));
  await purgeStaleThrottles(ctx.db, throttlePolicy(ctx.config));
}
