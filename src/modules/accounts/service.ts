import { and, asc, count, eq, ilike, isNull, or, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { ActorCtx } from '../../server/context.js';
import { hashPassword, randomToken } from '../../server/crypto.js';
import { AppError } from '../../server/errors.js';
import { authorize, authorizeOver, can, escapeLike, inScope } from '../../server/policy.js';
import { recordAudit } from '../audit/service.js';
import { loadPerson } from '../org/people-service.js';
import { orgUnits, people } from '../org/schema.js';
import { permissionsHeldBy } from '../roles/service.js';
import { type AccountNotice, queueAccountNotice } from './notice.js';
import { normaliseLogin } from './rules.js';
import { accounts, apiTokens, sessions } from './schema.js';
import {
  clearThrottle,
  throttleDetail,
  throttledNow,
  throttledUntil,
  throttlePolicy,
} from './throttle-service.js';
import type { AccountOut } from './validation.js';

type AccountRow = typeof accounts.$inferSelect;
type PersonRow = typeof people.$inferSelect;

function presentAccount(
  a: AccountRow,
  person: PersonRow,
  unit: { id: string; nameJa: string; nameEn: string | null },
  until: Date | undefined,
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
    throttled: until !== undefined,
    throttledUntil: until?.toISOString() ?? null,
    totpEnabled: a.totpEnabled,
    mustChangePassword: a.mustChangePassword,
    lastLoginAt: a.lastLoginAt?.toISOString() ?? null,
  };
}

/** Whether an account is throttled now (for the people screens of the org module). */
export async function accountThrottledUntil(db: Db, accountId: string): Promise<Date | null> {
  return (await throttledUntil(db, [accountId])).get(accountId) ?? null;
}

/** Accounts of people in the actor's account.manage scope. */
export async function listAccounts(
  ctx: ActorCtx,
  query: { q?: string | undefined; throttled?: 'true' | 'false' | undefined; page: number; pageSize: number },
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
  if (query.throttled === 'true') conds.push(throttledNow(accounts.id));
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
  const until = await throttledUntil(
    ctx.db,
    rows.map((r) => r.account.id),
  );
  return {
    total: total?.n ?? 0,
    page: query.page,
    pageSize: query.pageSize,
    items: rows.map((r) => presentAccount(r.account, r.person, r.unit, until.get(r.account.id))),
  };
}

type AccountAction = 'view' | 'disable' | 'enable' | 'reset_password' | 'reset_totp' | 'clear_throttle';

/**
 * Loads an account the actor may act on: in their account.manage scope (else "not found"), not their
 * own for the actions that would let them past their own password or second factor, and held by
 * someone with no permission the actor lacks (policy.ts `authorizeOver`, the rule of role grants).
 */
async function loadAccount(ctx: ActorCtx, id: string, action: AccountAction) {
  const [row] = await ctx.db
    .select({ account: accounts, person: people, unit: orgUnits })
    .from(accounts)
    .innerJoin(people, eq(people.id, accounts.personId))
    .innerJoin(orgUnits, eq(orgUnits.id, people.unitId))
    .where(and(eq(accounts.id, id), eq(accounts.tenantId, ctx.actor.tenantId)));
  if (!row || !can(ctx.actor, 'account.manage', { tenantId: row.unit.tenantId, unitPath: row.unit.path })) {
    throw new AppError('not_found');
  }
  if (action === 'view') return row;
  if (row.account.id === ctx.actor.accountId && action === 'disable') {
    throw new AppError('invalid_state', {
      detail: { ja: '自分のアカウントは無効にできません。', en: 'You cannot disable your own account.' },
    });
  }
  if (row.account.id === ctx.actor.accountId) {
    throw new AppError('forbidden', {
      detail: {
        ja: '自分のアカウントにはこの管理操作を使えません（パスワードや二要素認証は「個人設定」で変更します）。',
        en: 'You cannot use this administrator action on your own account (change your password or two-factor settings in your profile).',
      },
    });
  }
  authorizeOver(ctx.actor, await permissionsHeldBy(ctx.db, row.account.tenantId, row.person.id), 'account');
  return row;
}

/** One account with the counts behind its throttle (per client address, and across addresses). */
export async function getAccount(ctx: ActorCtx, id: string) {
  authorize(ctx.actor, 'account.manage');
  const { account, person, unit } = await loadAccount(ctx, id, 'view');
  const until = await accountThrottledUntil(ctx.db, account.id);
  return {
    ...presentAccount(account, person, unit, until ?? undefined),
    throttles: await throttleDetail(ctx.db, account.id, throttlePolicy(ctx.config)),
  };
}

/** Audits an administrator's action on an account and queues the notice to its holder, in `tx`. */
async function auditAndNotify(
  tx: Db,
  ctx: ActorCtx,
  row: { account: AccountRow; person: PersonRow },
  audit: {
    action:
      | 'account.create'
      | 'account.update'
      | 'account.password_reset'
      | 'account.unlock'
      | 'account.totp_disable';
    before?: Record<string, unknown>;
    after?: Record<string, unknown>;
  },
  notice: AccountNotice,
) {
  const sent = await queueAccountNotice(tx, row.person, {
    kind: notice,
    login: row.account.login,
    by: ctx.actor.login,
  });
  await recordAudit(tx, ctx, {
    action: audit.action,
    tenantId: row.account.tenantId,
    targetId: row.account.id,
    ...(audit.before ? { before: audit.before } : {}),
    after: { ...audit.after, notice: sent },
  });
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
  // The temporary password would let the actor use every right the person holds.
  authorizeOver(ctx.actor, await permissionsHeldBy(ctx.db, person.tenantId, person.id), 'account');
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
    await auditAndNotify(
      tx,
      ctx,
      { account, person },
      { action: 'account.create', after: { login: account.login, person: person.staffNo } },
      'created',
    );
    return { account: presentAccount(account, person, unit, undefined), temporaryPassword: password };
  });
}

export async function setAccountDisabled(ctx: ActorCtx, id: string, disabled: boolean) {
  const { account, person, unit } = await loadAccount(ctx, id, disabled ? 'disable' : 'enable');
  return ctx.db.transaction(async (tx) => {
    const [after] = await tx
      .update(accounts)
      .set({ disabledAt: disabled ? (account.disabledAt ?? new Date()) : null, updatedAt: new Date() })
      .where(eq(accounts.id, id))
      .returning();
    if (disabled) await endSessionsAndTokens(tx, id);
    await auditAndNotify(
      tx,
      ctx,
      { account, person },
      { action: 'account.update', before: { disabled: account.disabledAt !== null }, after: { disabled } },
      disabled ? 'disabled' : 'enabled',
    );
    return presentAccount(after!, person, unit, (await throttledUntil(tx, [id])).get(id));
  });
}

async function endSessionsAndTokens(tx: Db, accountId: string) {
  await tx.delete(sessions).where(eq(sessions.accountId, accountId));
  await tx
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiTokens.accountId, accountId), isNull(apiTokens.revokedAt)));
}

/** An administrator sets a temporary password; the user must change it at the next login. */
export async function resetPassword(ctx: ActorCtx, id: string) {
  const { account, person, unit } = await loadAccount(ctx, id, 'reset_password');
  const password = temporaryPassword();
  const passwordHash = await hashPassword(password, ctx.config.passwordHash);
  return ctx.db.transaction(async (tx) => {
    const [after] = await tx
      .update(accounts)
      .set({ passwordHash, mustChangePassword: true, updatedAt: new Date() })
      .where(eq(accounts.id, id))
      .returning();
    // A reset follows a lost or stolen password: whatever the old holder obtained stops working.
    await endSessionsAndTokens(tx, id);
    await clearThrottle(tx, id);
    await auditAndNotify(
      tx,
      ctx,
      { account, person },
      { action: 'account.password_reset' },
      'password_reset',
    );
    return { account: presentAccount(after!, person, unit, undefined), temporaryPassword: password };
  });
}

/** Lifts the login throttle of an account (every address, and account-wide). */
export async function unlockAccount(ctx: ActorCtx, id: string) {
  const { account, person, unit } = await loadAccount(ctx, id, 'clear_throttle');
  return ctx.db.transaction(async (tx) => {
    const before = (await throttledUntil(tx, [id])).get(id);
    await clearThrottle(tx, id);
    await auditAndNotify(
      tx,
      ctx,
      { account, person },
      { action: 'account.unlock', before: { throttledUntil: before?.toISOString() ?? null } },
      'throttle_cleared',
    );
    return presentAccount(account, person, unit, undefined);
  });
}

/** For a user who lost their authenticator: turns TOTP off so they can enrol again. */
export async function resetTotp(ctx: ActorCtx, id: string) {
  const { account, person, unit } = await loadAccount(ctx, id, 'reset_totp');
  return ctx.db.transaction(async (tx) => {
    const [after] = await tx
      .update(accounts)
      .set({ totpEnabled: false, totpSecret: null, totpLastStep: null, updatedAt: new Date() })
      .where(eq(accounts.id, id))
      .returning();
    await tx.delete(sessions).where(eq(sessions.accountId, id));
    await auditAndNotify(
      tx,
      ctx,
      { account, person },
      { action: 'account.totp_disable', after: { byAdministrator: true } },
      'totp_reset',
    );
    return presentAccount(after!, person, unit, (await throttledUntil(tx, [id])).get(id));
  });
}
