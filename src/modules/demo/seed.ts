// Writes a demo plan (generate.ts) into the database in one transaction, in bulk: a few hundred
// statements for 50,000 people instead of one per row, and one audit event for the whole seed.
import { randomUUID } from 'node:crypto';
import { eq, getTableColumns, inArray, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.js';
import type { Ctx } from '../../server/context.js';
import { hashPassword } from '../../server/crypto.js';
import { accounts } from '../accounts/schema.js';
import { recordAudit } from '../audit/service.js';
import { childPath, depthOf } from '../org/rules.js';
import { orgUnits, people, tenants } from '../org/schema.js';
import { createTenant } from '../org/service.js';
import { CENTRAL_ROLES } from '../roles/catalog.js';
import { roleAssignments, roles } from '../roles/schema.js';
import { seedDemoAlerts } from './alerts-seed.js';
import { seedDemoClassification } from './classification-seed.js';
import { seedDemoDrills } from './drill-seed.js';
import { DEMO_TENANT, type DemoPlan, ROOT_CODE } from './generate.js';
import { seedDemoPortal } from './portal-seed.js';
import { seedDemoReport } from './report-seed.js';
import { seedDemoSystems } from './systems-seed.js';
import { seedTraining } from './training-seed.js';

export const ADMIN_LOGIN = 'admin';
export const CENTRAL_LOGIN = 'nisc';
const CENTRAL_TENANT = {
  code: 'nisc',
  kind: 'central',
  nameJa: '内閣サイバーセキュリティセンター',
  nameEn: 'National center of Incident readiness and Strategy for Cybersecurity',
} as const;
/** Rows per INSERT: large enough to amortise a round trip, small enough for the parameter limit. */
const CHUNK = 1000;

export type SeedPhase = 'hash' | 'central' | 'tenant' | 'units' | 'people' | 'accounts' | 'roles';
export type SeedProgress = (phase: SeedPhase, done: number, total: number) => void;
/** The seed's named steps, in order (a progress line counts them). */
export const SEED_STEPS = [
  'hash',
  'central',
  'tenant',
  'units',
  'people',
  'accounts',
  'roles',
  'classification',
  'training',
  'drills',
  'systems',
  'alerts',
  'portal',
  'report',
] as const;
export type SeedStep = (typeof SEED_STEPS)[number];
/** Called when a named step of the seed ends, with its wall time: the per-seed breakdown of `--timings`. */
export type SeedTiming = (step: string, ms: number) => void;

/** Runs one step and reports its wall time. */
export async function timed<T>(
  onTiming: SeedTiming | undefined,
  step: string,
  fn: () => Promise<T>,
): Promise<T> {
  const started = performance.now();
  const out = await fn();
  onTiming?.(step, performance.now() - started);
  return out;
}

export interface SeedResult {
  tenantId: string;
  units: number;
  people: number;
  accounts: number;
  assignments: number;
}

export async function findDemoTenant(db: Db) {
  const [tenant] = await db.select().from(tenants).where(eq(tenants.code, DEMO_TENANT.code));
  return tenant ?? null;
}

/**
 * Inserts rows in chunks through json_to_recordset: one parameter per statement instead of one per
 * value. Measured on PGlite for 50,000 people: 2.2 s, against 10.4 s for multi-row VALUES.
 */
async function insertBulk<T extends PgTable>(
  tx: Db,
  table: T,
  rows: T['$inferInsert'][],
  onChunk?: (done: number) => void,
) {
  if (rows.length === 0) return;
  const columns = getTableColumns(table) as Record<string, PgColumn>;
  // Every row has the keys of the first; columns left out take their defaults.
  const keys = Object.keys(rows[0]!).filter((k) => columns[k]);
  const names = keys.map((k) => columns[k]!.name);
  const list = sql.join(
    names.map((n) => sql.identifier(n)),
    sql`, `,
  );
  const defs = sql.join(
    keys.map((k) => sql`${sql.identifier(columns[k]!.name)} ${sql.raw(columns[k]!.getSQLType())}`),
    sql`, `,
  );
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK) as Record<string, unknown>[];
    const json = JSON.stringify(chunk.map((r) => Object.fromEntries(keys.map((k, j) => [names[j], r[k]]))));
    await tx.execute(
      sql`insert into ${table} (${list}) select ${list} from json_to_recordset(${json}::json) as t(${defs})`,
    );
    onChunk?.(Math.min(i + CHUNK, rows.length));
  }
}

async function roleIds(tx: Db, tenantId: string) {
  const rows = await tx
    .select({ id: roles.id, key: roles.key })
    .from(roles)
    .where(eq(roles.tenantId, tenantId));
  return new Map(rows.map((r) => [r.key, r.id]));
}

/** The central body (NISC) with one analyst, so the cross-agency view has someone to show it to. */
async function seedCentral(ctx: Ctx, tx: Db, passwordHash: string, loginTaken: boolean) {
  const [existing] = await tx.select().from(tenants).where(eq(tenants.code, CENTRAL_TENANT.code));
  if (existing) return existing;
  const { tenant, root } = await createTenant(
    { ...ctx, db: tx },
    { ...CENTRAL_TENANT, roleCatalog: CENTRAL_ROLES },
  );
  const [analyst] = await tx
    .insert(people)
    .values({
      tenantId: tenant.id,
      staffNo: 'N000001',
      name: '中央 分析',
      kana: 'ちゅうおう ぶんせき',
      email: 'analyst@nisc.demo.go.jp',
      unitId: root.id,
    })
    .returning();
  const ids = await roleIds(tx, tenant.id);
  await tx.insert(roleAssignments).values({
    tenantId: tenant.id,
    personId: analyst!.id,
    roleId: ids.get('central_analyst')!,
    unitId: root.id,
  });
  if (!loginTaken) {
    await tx
      .insert(accounts)
      .values({ tenantId: tenant.id, personId: analyst!.id, login: CENTRAL_LOGIN, passwordHash });
  }
  return tenant;
}

/**
 * Seeds the demo agency. Every account shares ONE password hashed ONCE: argon2 takes ~50 ms a hash,
 * so 50,000 hashes would take most of an hour. That is acceptable only because this is demo data.
 */
export async function seedDemo(
  ctx: Ctx,
  opts: {
    plan: DemoPlan;
    password: string;
    onProgress?: SeedProgress;
    onTiming?: SeedTiming;
    /** Called when a step starts. */
    onStep?: (step: SeedStep) => void;
  },
): Promise<SeedResult> {
  const { plan, onProgress, onTiming, onStep } = opts;
  const step = <T>(name: SeedStep, fn: () => Promise<T>) => {
    onStep?.(name);
    return timed(onTiming, name, fn);
  };
  if (await findDemoTenant(ctx.db)) throw new Error('The demo agency already exists.');
  const taken = await ctx.db
    .select({ login: accounts.login })
    .from(accounts)
    .where(inArray(accounts.login, [ADMIN_LOGIN, CENTRAL_LOGIN]));
  if (taken.some((a) => a.login === ADMIN_LOGIN)) throw new Error(`The login "${ADMIN_LOGIN}" is taken.`);

  onProgress?.('hash', 0, 1);
  const passwordHash = await step('hash', () => hashPassword(opts.password, ctx.config.passwordHash));
  onProgress?.('hash', 1, 1);

  return ctx.db.transaction(async (tx) => {
    onProgress?.('central', 0, 1);
    const central = await step('central', () =>
      seedCentral(
        ctx,
        tx,
        passwordHash,
        taken.some((a) => a.login === CENTRAL_LOGIN),
      ),
    );
    onProgress?.('tenant', 0, 1);
    const { tenant, root } = await step('tenant', () =>
      createTenant({ ...ctx, db: tx }, { ...DEMO_TENANT, kind: 'agency' }),
    );
    await tx.update(tenants).set({ parentTenantId: central.id }).where(eq(tenants.id, tenant.id));
    const tenantId = tenant.id;

    // Ids are made here, so paths and references need no round trip to read them back.
    const unitByCode = new Map([[ROOT_CODE, { id: root.id, path: root.path }]]);
    const unitRows = plan.units.map((u) => {
      const parent = unitByCode.get(u.parentCode)!;
      const id = randomUUID();
      const path = childPath(parent.path, id);
      unitByCode.set(u.code, { id, path });
      const { parentCode: _, ...rest } = u;
      return { ...rest, id, tenantId, parentId: parent.id, path, depth: depthOf(path) };
    });
    await step('units', () =>
      insertBulk(tx, orgUnits, unitRows, (n) => onProgress?.('units', n, unitRows.length)),
    );

    const personId = new Map<string, string>();
    const personRows = plan.people.map((p) => {
      const id = randomUUID();
      personId.set(p.staffNo, id);
      const { unitCode, ...rest } = p;
      return { ...rest, id, tenantId, unitId: unitByCode.get(unitCode)!.id };
    });
    await step('people', () =>
      insertBulk(tx, people, personRows, (n) => onProgress?.('people', n, personRows.length)),
    );

    // Staff log in with their staff number in lower case; the administrator with `admin`.
    const accountRows = plan.people.map((p) => ({
      tenantId,
      personId: personId.get(p.staffNo)!,
      login: p.staffNo === plan.adminStaffNo ? ADMIN_LOGIN : p.staffNo.toLowerCase(),
      passwordHash,
    }));
    await step('accounts', () =>
      insertBulk(tx, accounts, accountRows, (n) => onProgress?.('accounts', n, accountRows.length)),
    );

    const ids = await roleIds(tx, tenantId);
    const assignmentRows = plan.assignments.map((a) => ({
      tenantId,
      personId: personId.get(a.staffNo)!,
      roleId: ids.get(a.role)!,
      unitId: unitByCode.get(a.unitCode)!.id,
    }));
    await step('roles', () =>
      insertBulk(tx, roleAssignments, assignmentRows, (n) => onProgress?.('roles', n, assignmentRows.length)),
    );
    const tctx = { ...ctx, db: tx };
    await step('classification', () => seedDemoClassification(tctx, { tenantId, plan }));
    await step('training', () => seedTraining(tctx, { tenantId, plan }));
    await step('drills', () => seedDemoDrills(tctx, { tenantId }));
    await step('systems', () => seedDemoSystems(tctx, { tenantId, plan }));
    await step('alerts', () => seedDemoAlerts(tctx, { centralId: central.id, tenantId }));
    await step('portal', () => seedDemoPortal(tctx, { tenantId }));
    await step('report', () => seedDemoReport(tctx, { tenantId, plan, staffQuota: personRows.length }));

    const result: SeedResult = {
      tenantId,
      units: unitRows.length + 1,
      people: personRows.length,
      accounts: accountRows.length,
      assignments: assignmentRows.length,
    };
    const byRole: Record<string, number> = {};
    for (const a of plan.assignments) byRole[a.role] = (byRole[a.role] ?? 0) + 1;
    await recordAudit(tx, ctx, {
      action: 'demo.seed',
      tenantId,
      targetId: tenantId,
      actorLabel: 'demo',
      after: { seed: plan.seed, ...result, byRole },
    });
    return result;
  });
}
