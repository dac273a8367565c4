import { and, asc, desc, eq, isNull } from 'drizzle-orm';
import * as OTPAuth from 'otpauth';
import type { z } from 'zod';
import type { ActorCtx } from '../../server/context.js';
import { decryptSecret, encryptSecret, hashPassword, randomToken, sha256 } from '../../server/crypto.js';
import { AppError } from '../../server/errors.js';
import { PERMISSIONS, scopeRoots } from '../../server/policy.js';
import { recordAudit } from '../audit/service.js';
import { orgUnits, people, tenants } from '../org/schema.js';
import { roleAssignments, roles } from '../roles/schema.js';
import { checkTotp, TOKEN_PREFIX, totpFor, verifyPasswordGuess } from './auth-service.js';
import { passwordProblem } from './rules.js';
import { accounts, apiTokens, sessions } from './schema.js';
import type { CreateTokenBody, MeOut } from './validation.js';

export async function getMe(ctx: ActorCtx, csrfToken: string | null): Promise<MeOut> {
  const { actor } = ctx;
  const [row] = await ctx.db
    .select({ account: accounts, person: people, unit: orgUnits, tenant: tenants })
    .from(accounts)
    .innerJoin(people, eq(people.id, accounts.personId))
    .innerJoin(orgUnits, eq(orgUnits.id, people.unitId))
    .innerJoin(tenants, eq(tenants.id, accounts.tenantId))
    .where(eq(accounts.id, actor.accountId));
  if (!row) throw new AppError('unauthenticated');
  const held = await ctx.db
    .select({ role: roles, unit: orgUnits })
    .from(roleAssignments)
    .innerJoin(roles, eq(roles.id, roleAssignments.roleId))
    .innerJoin(orgUnits, eq(orgUnits.id, roleAssignments.unitId))
    .where(eq(roleAssignments.personId, actor.personId))
    .orderBy(asc(roles.sortOrder));
  const lastId = (path: string) => path.split('/').filter(Boolean).at(-1)!;
  return {
    account: {
      id: row.account.id,
      login: row.account.login,
      locale: row.account.locale,
      totpEnabled: row.account.totpEnabled,
      mustChangePassword: row.account.mustChangePassword,
    },
    person: {
      id: row.person.id,
      staffNo: row.person.staffNo,
      name: row.person.name,
      kana: row.person.kana,
      email: row.person.email,
      unitId: row.unit.id,
      unitNameJa: row.unit.nameJa,
      unitNameEn: row.unit.nameEn,
    },
    tenant: {
      id: row.tenant.id,
      code: row.tenant.code,
      kind: row.tenant.kind,
      nameJa: row.tenant.nameJa,
      nameEn: row.tenant.nameEn,
    },
    roles: held.map((h) => ({
      roleId: h.role.id,
      roleKey: h.role.key,
      roleNameJa: h.role.nameJa,
      roleNameEn: h.role.nameEn,
      unitId: h.unit.id,
      unitNameJa: h.unit.nameJa,
      unitNameEn: h.unit.nameEn,
    })),
    permissions: PERMISSIONS.map((p) => ({
      permission: p,
      unitIds: scopeRoots(actor, p).map(lastId),
    })).filter((p) => p.unitIds.length > 0),
    csrfToken,
  };
}

export async function updateMe(ctx: ActorCtx, input: { locale: 'ja' | 'en' | null }) {
  await ctx.db.transaction(async (tx) => {
    await tx
      .update(accounts)
      .set({ locale: input.locale, updatedAt: new Date() })
      .where(eq(accounts.id, ctx.actor.accountId));
    await recordAudit(tx, ctx, {
      action: 'account.update',
      tenantId: ctx.actor.tenantId,
      targetId: ctx.actor.accountId,
      after: input,
    });
  });
}

async function myAccount(ctx: ActorCtx) {
  const [account] = await ctx.db.select().from(accounts).where(eq(accounts.id, ctx.actor.accountId));
  if (!account) throw new AppError('unauthenticated');
  return account;
}

export function assertPasswordPolicy(password: string, login: string) {
  if (passwordProblem(password, login)) throw new AppError('password_too_weak');
}

/** Changing one's password ends every other session of the account. */
export async function changePassword(
  ctx: ActorCtx,
  input: { currentPassword: string; newPassword: string },
  keepSessionId: string | null,
) {
  const account = await myAccount(ctx);
  if (!(await verifyPasswordGuess(ctx, account, input.currentPassword)))
    throw new AppError('invalid_credentials');
  assertPasswordPolicy(input.newPassword, account.login);
  if (input.currentPassword === input.newPassword) throw new AppError('password_too_weak');
  const passwordHash = await hashPassword(input.newPassword, ctx.config.passwordHash);
  await ctx.db.transaction(async (tx) => {
    await tx
      .update(accounts)
      .set({ passwordHash, mustChangePassword: false, updatedAt: new Date() })
      .where(eq(accounts.id, account.id));
    const others = await tx
      .select({ id: sessions.id })
      .from(sessions)
      .where(eq(sessions.accountId, account.id));
    for (const s of others)
      if (s.id !== keepSessionId) await tx.delete(sessions).where(eq(sessions.id, s.id));
    await recordAudit(tx, ctx, {
      action: 'account.password_change',
      tenantId: account.tenantId,
      targetId: account.id,
    });
  });
}

export async function setupTotp(ctx: ActorCtx) {
  const account = await myAccount(ctx);
  if (account.totpEnabled) throw new AppError('invalid_state');
  const secret = new OTPAuth.Secret({ size: 20 }).base32;
  await ctx.db.transaction(async (tx) => {
    await tx
      .update(accounts)
      .set({ totpSecret: encryptSecret(ctx.env.secretKey, secret), updatedAt: new Date() })
      .where(eq(accounts.id, account.id));
    // The secret itself never goes into the trail.
    await recordAudit(tx, ctx, {
      action: 'account.totp_setup',
      tenantId: account.tenantId,
      targetId: account.id,
    });
  });
  return { secret, otpauthUri: totpFor(secret, account.login).toString() };
}

export async function enableTotp(ctx: ActorCtx, code: string) {
  const account = await myAccount(ctx);
  if (account.totpEnabled || !account.totpSecret) throw new AppError('invalid_state');
  const step = checkTotp(decryptSecret(ctx.env.secretKey, account.totpSecret), code, account.totpLastStep);
  if (step === null) throw new AppError('totp_invalid');
  await ctx.db.transaction(async (tx) => {
    await tx
      .update(accounts)
      .set({ totpEnabled: true, totpLastStep: step, updatedAt: new Date() })
      .where(eq(accounts.id, account.id));
    await recordAudit(tx, ctx, {
      action: 'account.totp_enable',
      tenantId: account.tenantId,
      targetId: account.id,
    });
  });
}

export async function disableTotp(ctx: ActorCtx, password: string) {
  const account = await myAccount(ctx);
  if (!account.totpEnabled) throw new AppError('invalid_state');
  if (!(await verifyPasswordGuess(ctx, account, password))) throw new AppError('invalid_credentials');
  await ctx.db.transaction(async (tx) => {
    await tx
      .update(accounts)
      .set({ totpEnabled: false, totpSecret: null, totpLastStep: null, updatedAt: new Date() })
      .where(eq(accounts.id, account.id));
    await recordAudit(tx, ctx, {
      action: 'account.totp_disable',
      tenantId: account.tenantId,
      targetId: account.id,
    });
  });
}

// --- API tokens ---------------------------------------------------------------------------------

type TokenRow = typeof apiTokens.$inferSelect;
export function presentToken(t: TokenRow) {
  return {
    id: t.id,
    name: t.name,
    prefix: t.prefix,
    scopes: t.scopes,
    createdAt: t.createdAt.toISOString(),
    expiresAt: t.expiresAt?.toISOString() ?? null,
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
    revokedAt: t.revokedAt?.toISOString() ?? null,
  };
}

export async function listMyTokens(ctx: ActorCtx) {
  const rows = await ctx.db
    .select()
    .from(apiTokens)
    .where(eq(apiTokens.accountId, ctx.actor.accountId))
    .orderBy(desc(apiTokens.createdAt));
  return rows.map(presentToken);
}

/** A token never carries more than its owner holds; its secret is shown once and stored hashed. */
export async function createToken(ctx: ActorCtx, input: z.infer<typeof CreateTokenBody>) {
  // `self` is what every user may do anyway; a permission must be held (through this token, if one).
  const missing = input.scopes.filter((s) => s !== 'self' && scopeRoots(ctx.actor, s).length === 0);
  if (missing.length) {
    throw new AppError('forbidden', {
      detail: {
        ja: `持っていない権限は付与できません: ${missing.join(', ')}`,
        en: `You do not hold: ${missing.join(', ')}`,
      },
    });
  }
  const token = `${TOKEN_PREFIX}${randomToken(32)}`;
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(apiTokens)
      .values({
        accountId: ctx.actor.accountId,
        name: input.name,
        tokenHash: sha256(token),
        prefix: token.slice(0, TOKEN_PREFIX.length + 6),
        scopes: input.scopes,
        expiresAt: input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86_400_000) : null,
      })
      .returning();
    await recordAudit(tx, ctx, {
      action: 'token.create',
      tenantId: ctx.actor.tenantId,
      targetId: row!.id,
      after: { name: row!.name, scopes: row!.scopes, expiresAt: row!.expiresAt },
    });
    return { ...presentToken(row!), token };
  });
}

export async function revokeMyToken(ctx: ActorCtx, id: string) {
  const [row] = await ctx.db
    .select()
    .from(apiTokens)
    .where(
      and(eq(apiTokens.id, id), eq(apiTokens.accountId, ctx.actor.accountId), isNull(apiTokens.revokedAt)),
    );
  if (!row) throw new AppError('not_found');
  await ctx.db.transaction(async (tx) => {
    await tx.update(apiTokens).set({ revokedAt: new Date() }).where(eq(apiTokens.id, id));
    await recordAudit(tx, ctx, { action: 'token.revoke', tenantId: ctx.actor.tenantId, targetId: id });
  });
}
