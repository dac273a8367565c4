import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import * as OTPAuth from 'otpauth';
import type { Ctx } from '../../server/context.js';
import { decryptSecret, hashPassword, randomToken, sha256, verifyPassword } from '../../server/crypto.js';
import { AppError } from '../../server/errors.js';
import { isTokenScope, type TokenScope } from '../../server/policy.js';
import { recordAudit } from '../audit/service.js';
import { normaliseLogin, sessionState, shouldTouch } from './rules.js';
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

async function openSession(ctx: Ctx, accountId: string, mfaPending: boolean, userAgent: string | null) {
  const token = randomToken(32);
  const now = new Date();
  const [row] = await ctx.db
    .insert(sessions)
    .values({
      id: sha256(token),
      accountId,
      csrfToken: randomToken(24),
      mfaPending,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + ctx.config.session.absoluteHours * 3_600_000),
      ip: ctx.ip,
      userAgent,
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
export async function login(ctx: Ctx, input: { login: string; password: string; userAgent: string | null }) {
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
  const opened = await openSession(ctx, account.id, mfaPending, input.userAgent);
  if (!mfaPending) await completeLogin(ctx, account);
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

async function completeLogin(ctx: Ctx, account: typeof accounts.$inferSelect) {
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
  const opened = await openSession(ctx, account.id, false, userAgent);
  await completeLogin(ctx, account);
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

export type ResolvedSession = { session: SessionRow } | { expired: true } | null;

export async function resolveSession(ctx: Ctx, token: string): Promise<ResolvedSession> {
  const id = sha256(token);
  const [session] = await ctx.db.select().from(sessions).where(eq(sessions.id, id));
  if (!session) return null;
  const now = new Date();
  if (sessionState(session, now, ctx.config.session) !== 'valid') {
    await ctx.db.delete(sessions).where(eq(sessions.id, id));
    return { expired: true };
  }
  if (shouldTouch(session.lastSeenAt, now)) {
    await ctx.db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, id));
  }
  return { session };
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
