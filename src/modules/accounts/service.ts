import { and, asc, count, eq, ilike, or, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { ActorCtx } from '../../server/context.js';
import { hashPassword, randomToken } from '../../server/crypto.js';
import { AppError } from '../../server/errors.js';
import { authorize, can, escapeLike, inScope } from '../../server/policy.js';
import { recordAudit } from '../audit/service.js';
import { loadPerson } from '../org/people-service.js';
import { orgUnits, people } from '../org/schema.js';
import { normaliseLogin } from './rules.js';
import { accounts, sessions } from './schema.js';
import type { AccountOut } from './validation.js';

type AccountRow = typeof accounts.$inferSelect;

function presentAccount(
  a: AccountRow,
  person: typeof people.$inferSelect,
  unit: { id: string; nameJa: string; nameEn: string | null },
): AccountOut {
  return {
    id: a.id,
    login: a.login,
    personId: person.id,
    personName: person.name,
    staffNo: person.staffNo,
    unitId: unit.id,
    unitName: unit.nameJa,
    unitNameEn: unit.nameEn,
    disabled: a.disabledAt !== null,
    locked: a.lockedUntil !== null && a.lockedUntil > new Date(),
    totpEnabled: a.totpEnabled,
    mustChangePassword: a.mustChangePassword,
    lastLoginAt: a.lastLoginAt?.toISOString() ?? null,
  };
}

/** Accounts of people in the actor's account.manage scope. */
export async function listAccounts(
  ctx: ActorCtx,
  query: { q?: string | undefined; page: number; pageSize: number },
) {
  authorize(ctx.actor, 'account.manage');
  const conds: (SQL | undefined)[] = [
    eq(accounts.tenantId, ctx.actor.tenantId),
    inScope(ctx.actor, 'account.manage', orgUnits.path),
  ];
  if (query.q) {
    const like = `%${escapeLike(query.q)}%`;
    conds.push(or(ilike(accounts.login, like), ilike(people.name, like), ilike(people.staffNo, like)));
  }
  const where = and(...conds);
  const base = ctx.db
    .select({
      account: accounts,
      person: people,
      unit: { id: orgUnits.id, nameJa: orgUnits.nameJa, nameEn: orgUnits.nameEn },
    })
    .from(accounts)
    .innerJoin(people, eq(people.id, accounts.personId))
    .innerJoin(orgUnits, eq(orgUnits.id, people.unitId));
  const [rows, [total]] = await Promise.all([
    base
      .where(where)
      .orderBy(asc(accounts.login))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    ctx.db
      .select({ n: count() })
      .from(accounts)
      .innerJoin(people, eq(people.id, accounts.personId))
      .innerJoin(orgUnits, eq(orgUnits.id, people.unitId))
      .where(where),
  ]);
  return {
    total: total?.n ?? 0,
    page: query.page,
    pageSize: query.pageSize,
    items: rows.map((r) => presentAccount(r.account, r.person, r.unit)),
  };
}

async function loadAccount(ctx: ActorCtx, id: string) {
  const [row] = await ctx.db
    .select({ account: accounts, person: people, unit: orgUnits })
    .from(accounts)
    .innerJoin(people, eq(people.id, accounts.personId))
    .innerJoin(orgUnits, eq(orgUnits.id, people.unitId))
    .where(and(eq(accounts.id, id), eq(accounts.tenantId, ctx.actor.tenantId)));
  if (!row || !can(ctx.actor, 'account.manage', { tenantId: row.unit.tenantId, unitPath: row.unit.path })) {
    throw new AppError('not_found');
  }
  return row;
}

export function temporaryPassword(): string {
  return randomToken(12);
}

/** Creates the account row (used by the API, the CLI and the demo). */
export async function insertAccount(
  tx: Db,
  input: {
    tenantId: string;
    personId: string;
    login: string;
    passwordHash: string;
    mustChangePassword: boolean;
  },
) {
  const login = normaliseLogin(input.login);
  const [dup] = await tx
    .select({ id: accounts.id })
    .from(accounts)
    .where(or(eq(accounts.login, login), eq(accounts.personId, input.personId)));
  if (dup) {
    throw new AppError('conflict', {
      detail: {
        ja: 'ログインIDが使用済みか、この職員には既にアカウントがあります。',
        en: 'The login is taken or the person already has an account.',
      },
    });
  }
  const [account] = await tx
    .insert(accounts)
    .values({ ...input, login })
    .returning();
  return account!;
}

export async function createAccount(ctx: ActorCtx, input: { personId: string; login: string }) {
  const { person, unit } = await loadPerson(ctx, input.personId);
  authorize(ctx.actor, 'account.manage', { tenantId: person.tenantId, unitPath: unit.path }, { hide: true });
  if (person.status === 'left') throw new AppError('invalid_state');
  const password = temporaryPassword();
  const passwordHash = await hashPassword(password, ctx.config.passwordHash);
  return ctx.db.transaction(async (tx) => {
    const account = await insertAccount(tx, {
      tenantId: person.tenantId,
      personId: person.id,
      login: input.login,
      passwordHash,
      mustChangePassword: true,
    });
    await recordAudit(tx, ctx, {
      action: 'account.create',
      tenantId: person.tenantId,
      targetId: account.id,
      after: { login: account.login, person: person.staffNo },
    });
    return { account: presentAccount(account, person, unit), temporaryPassword: password };
  });
}

export async function setAccountDisabled(ctx: ActorCtx, id: string, disabled: boolean) {
  const { account, person, unit } = await loadAccount(ctx, id);
  if (disabled && account.id === ctx.actor.accountId) {
    throw new AppError('invalid_state', {
      detail: { ja: '自分のアカウントは無効にできません。', en: 'You cannot disable your own account.' },
    });
  }
  return ctx.db.transaction(async (tx) => {
    const [after] = await tx
      .update(accounts)
      .set({ disabledAt: disabled ? (account.disabledAt ?? new Date()) : null, updatedAt: new Date() })
      .where(eq(accounts.id, id))
      .returning();
    if (disabled) await tx.delete(sessions).where(eq(sessions.accountId, id));
    await recordAudit(tx, ctx, {
      action: 'account.update',
      tenantId: account.tenantId,
      targetId: id,
      before: { disabled: account.disabledAt !== null },
      after: { disabled },
    });
    return presentAccount(after!, person, unit);
  });
}

/** An administrator sets a temporary password; the user must change it at the next login. */
export async function resetPassword(ctx: ActorCtx, id: string) {
  const { account, person, unit } = await loadAccount(ctx, id);
  const password = temporaryPassword();
  const passwordHash = await hashPassword(password, ctx.config.passwordHash);
  return ctx.db.transaction(async (tx) => {
    const [after] = await tx
      .update(accounts)
      .set({
        passwordHash,
        mustChangePassword: true,
        failedLogins: 0,
        lockedUntil: null,
        updatedAt: new Date(),
      })
      .where(eq(accounts.id, id))
      .returning();
    await tx.delete(sessions).where(eq(sessions.accountId, id));
    await recordAudit(tx, ctx, {
      action: 'account.password_reset',
      tenantId: account.tenantId,
      targetId: id,
    });
    return { account: presentAccount(after!, person, unit), temporaryPassword: password };
  });
}

export async function unlockAccount(ctx: ActorCtx, id: string) {
  const { account, person, unit } = await loadAccount(ctx, id);
  return ctx.db.transaction(async (tx) => {
    const [after] = await tx
      .update(accounts)
      .set({ failedLogins: 0, lockedUntil: null, updatedAt: new Date() })
      .where(eq(accounts.id, id))
      .returning();
    await recordAudit(tx, ctx, { action: 'account.unlock', tenantId: account.tenantId, targetId: id });
    return presentAccount(after!, person, unit);
  });
}

/** For a user who lost their authenticator: turns TOTP off so they can enrol again. */
export async function resetTotp(ctx: ActorCtx, id: string) {
  const { account, person, unit } = await loadAccount(ctx, id);
  return ctx.db.transaction(async (tx) => {
    const [after] = await tx
      .update(accounts)
      .set({ totpEnabled: false, totpSecret: null, totpLastStep: null, updatedAt: new Date() })
      .where(eq(accounts.id, id))
      .returning();
    await tx.delete(sessions).where(eq(sessions.accountId, id));
    await recordAudit(tx, ctx, {
      action: 'account.totp_disable',
      tenantId: account.tenantId,
      targetId: id,
      after: { byAdministrator: true },
    });
    return presentAccount(after!, person, unit);
  });
}
