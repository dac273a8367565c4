import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { accounts } from '../modules/accounts/schema.js';
import { insertAccount } from '../modules/accounts/service.js';
import { childPath, depthOf } from '../modules/org/rules.js';
import { orgUnits, people, type UnitKind } from '../modules/org/schema.js';
import { createTenant, rootUnit } from '../modules/org/service.js';
import { CENTRAL_ROLES } from '../modules/roles/catalog.js';
import { roleAssignments, roles } from '../modules/roles/schema.js';
import type { Ctx } from '../server/context.js';
import { hashPassword } from '../server/crypto.js';
import { Client, type TestApp } from './app.js';

let seq = 0;
const next = () => ++seq;

export const PASSWORD = 'correct horse battery staple';

/** Factories that read like the domain: buildAgency(), buildUnit(), buildPerson({ role: 'division_security_officer' }). */
export async function buildAgency(
  t: TestApp,
  opts: {
    code?: string;
    nameJa?: string;
    kind?: 'agency' | 'central';
    /** The central body it reports to, or a ministry: then the agency is that ministry's 独法. */
    parent?: { id: string };
  } = {},
) {
  const n = next();
  const { tenant, root } = await createTenant(t.sys, {
    code: opts.code ?? `agency${n}`,
    kind: opts.kind ?? 'agency',
    nameJa: opts.nameJa ?? `テスト省${n}`,
    nameEn: `Test Ministry ${n}`,
    parentTenantId: opts.parent?.id ?? null,
    ...(opts.kind === 'central' ? { roleCatalog: CENTRAL_ROLES } : {}),
  });
  return { tenant, root };
}

export async function buildUnit(
  t: TestApp,
  parent: { id: string; tenantId: string; path: string },
  opts: { code?: string; nameJa?: string; kind?: UnitKind } = {},
) {
  const n = next();
  const id = randomUUID();
  const path = childPath(parent.path, id);
  const [unit] = await t.sys.db
    .insert(orgUnits)
    .values({
      id,
      tenantId: parent.tenantId,
      parentId: parent.id,
      code: opts.code ?? `U${n}`,
      nameJa: opts.nameJa ?? `テスト課${n}`,
      kind: opts.kind ?? 'division',
      path,
      depth: depthOf(path),
    })
    .returning();
  return unit!;
}

export async function roleByKey(ctx: Ctx, tenantId: string, key: string) {
  const [role] = await ctx.db
    .select()
    .from(roles)
    .where(and(eq(roles.tenantId, tenantId), eq(roles.key, key)));
  if (!role) throw new Error(`no role ${key}`);
  return role;
}

export interface PersonOpts {
  unit: { id: string; tenantId: string };
  name?: string;
  staffNo?: string;
  status?: 'active' | 'long_leave' | 'excluded' | 'left';
  /** Role keys held at `roleUnit` (default: the person's own unit). */
  roles?: string[];
  roleUnit?: { id: string };
  /** Create an account with PASSWORD; default true. */
  account?: boolean;
  login?: string;
}

export async function buildPerson(t: TestApp, opts: PersonOpts) {
  const n = next();
  const [person] = await t.sys.db
    .insert(people)
    .values({
      tenantId: opts.unit.tenantId,
      staffNo: opts.staffNo ?? `S${String(n).padStart(6, '0')}`,
      name: opts.name ?? `職員 ${n}`,
      kana: `しょくいん ${n}`,
      email: `staff${n}@example.go.jp`,
      unitId: opts.unit.id,
      status: opts.status ?? 'active',
    })
    .returning();
  for (const key of opts.roles ?? []) {
    const role = await roleByKey(t.sys, opts.unit.tenantId, key);
    await t.sys.db.insert(roleAssignments).values({
      tenantId: opts.unit.tenantId,
      personId: person!.id,
      roleId: role.id,
      unitId: (opts.roleUnit ?? opts.unit).id,
    });
  }
  let login: string | null = null;
  if (opts.account !== false) {
    login = opts.login ?? `user${n}`;
    await insertAccount(t.sys.db, {
      tenantId: opts.unit.tenantId,
      personId: person!.id,
      login,
      passwordHash: await hashPassword(PASSWORD, t.config.passwordHash),
      mustChangePassword: false,
    });
  }
  return { person: person!, login: login! };
}

/** A person with the given roles at `unit`, already logged in. */
export async function loginAs(t: TestApp, opts: PersonOpts) {
  const built = await buildPerson(t, opts);
  const client = new Client(t.app);
  await client.login(built.login, PASSWORD);
  return { ...built, client };
}

export async function accountOf(t: TestApp, login: string) {
  const [a] = await t.sys.db.select().from(accounts).where(eq(accounts.login, login));
  return a!;
}

/** A small agency: root → two bureaus → two divisions each, with an administrator. */
export async function buildAgencyTree(t: TestApp, opts: { parent?: { id: string } } = {}) {
  const { tenant, root } = await buildAgency(t, opts);
  const bureauA = await buildUnit(t, root, { kind: 'bureau', nameJa: '第一局' });
  const bureauB = await buildUnit(t, root, { kind: 'bureau', nameJa: '第二局' });
  const divA1 = await buildUnit(t, bureauA, { nameJa: '第一課' });
  const divA2 = await buildUnit(t, bureauA, { nameJa: '第二課' });
  const divB1 = await buildUnit(t, bureauB, { nameJa: '第三課' });
  const admin = await loginAs(t, { unit: root, roles: ['mamoru_admin', 'staff'] });
  return { tenant, root, bureauA, bureauB, divA1, divA2, divB1, admin };
}

export { rootUnit };
