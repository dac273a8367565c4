import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import * as OTPAuth from 'otpauth';
import type { Ctx } from '../../server/context.js';
import { decryptSecret, hashPassword, randomToken, sha256, verifyPassword } from '../../server/crypto.js';
import { AppError } from '../../server/errors.js';
import { isTokenScope, type TokenScope } from '../../server/policy.js';
import { recordAudit } from '../audit/service.js';
import { afterFailure, loginGate, normaliseLogin, sessionState, shouldTouch } from './rules.js';
import { accounts, apiTokens, sessions } from './schema.js';

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

async function recordFailure(
  ctx: Ctx,
  account: typeof accounts.$inferSelect,
  action: 'auth.login_failed' | 'auth.totp_failed',
) {
  const now = new Date();
  const next = afterFailure(account.failedLogins, now, ctx.config.login);
  await ctx.db.transaction(async (tx) => {
    await tx.update(accounts).set(next).where(eq(accounts.id, account.id));
    const base = {
      tenantId: account.tenantId,
      targetId: account.id,
      actorLabel: account.login,
      actorAccountId: account.id,
    };
    await recordAudit(tx, ctx, { ...base, action });
    if (next.lockedUntil)
      await recordAudit(tx, ctx, {
        ...base,
        action: 'auth.locked',
        after: { lockedUntil: next.lockedUntil },
      });
  });
}

export async function login(ctx: Ctx, input: { login: string; password: string; userAgent: string | null }) {
  const loginName = normaliseLogin(input.login);
  const [account] = await ctx.db.select().from(accounts).where(eq(accounts.login, loginName));
  if (!account) {
    dummyHash ??= hashPassword('not-a-real-password', ctx.config.passwordHash);
    await verifyPassword(await dummyHash, input.password);
    await ctx.db.transaction((tx) =>
      recordAudit(tx, ctx, {
        action: 'auth.login_failed',
        tenantId: null,
        actorLabel: loginName,
        targetId: null,
      }),
    );
    throw new AppError('invalid_credentials');
  }
  const gate = loginGate(account, new Date());
  if (gate === 'locked') throw new AppError('account_locked');
  if (!(await verifyPassword(account.passwordHash, input.password))) {
    await recordFailure(ctx, account, 'auth.login_failed');
    throw new AppError('invalid_credentials');
  }
  if (gate === 'disabled') throw new AppError('account_disabled');

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

async function completeLogin(ctx: Ctx, account: typeof accounts.$inferSelect) {
  await ctx.db.transaction(async (tx) => {
    await tx
      .update(accounts)
      .set({ failedLogins: 0, lockedUntil: null, lastLoginAt: new Date() })
      .where(eq(accounts.id, account.id));
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
  if (loginGate(account, new Date()) !== 'open') throw new AppError('account_locked');
  const step = checkTotp(decryptSecret(ctx.env.secretKey, account.totpSecret), code, account.totpLastStep);
  if (step === null) {
    await recordFailure(ctx, account, 'auth.totp_failed');
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

/** Removes sessions past their absolute expiry (run by a periodic job). */
export async function purgeExpiredSessions(ctx: Ctx) {
  await ctx.db.delete(sessions).where(lt(sessions.expiresAt, new Date()));
}
