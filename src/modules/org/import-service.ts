import { randomUUID } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { analyze, type Db } from '../../db/client.js';
import { readTable, TableError } from '../../lib/tabular.js';
import type { ActorCtx, Ctx } from '../../server/context.js';
import { AppError, importInvalid } from '../../server/errors.js';
import { authorizeTenantWide, canTenantWide, missingPermissions } from '../../server/policy.js';
import { requireSessionRotation } from '../accounts/auth-service.js';
import { recordAudit } from '../audit/service.js';
import { roleAssignments, roles } from '../roles/schema.js';
import { permissionsHeldByPeople } from '../roles/service.js';
import {
  type ExistingPerson,
  type ExistingUnit,
  ORG_HEADER_ALIASES,
  planOrgImport,
  planStaffImport,
  STAFF_HEADER_ALIASES,
} from './import-rules.js';
import { disableAccountsOf } from './people-service.js';
import { childPath, depthOf, rebase } from './rules.js';
import { orgUnits, people } from './schema.js';
import { moveSubtree, rootUnit } from './service.js';

export interface ImportSummary {
  dryRun: boolean;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  /** People marked as having left (full-roster staff imports). */
  left: number;
  rolesAdded: number;
}

const CHUNK = 1000;

function chunks<T>(items: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

async function table(buf: Buffer, aliases: Record<string, string>) {
  try {
    return await readTable(buf, aliases);
  } catch (e) {
    if (e instanceof TableError)
      throw importInvalid([{ line: 1, column: '-', reason: { ja: e.message, en: e.message } }]);
    throw e;
  }
}

/** One import at a time per agency. */
async function lockImports(tx: Db, tenantId: string) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`import:${tenantId}`}))`);
}

// --- org ------------------------------------------------------------------------------------------

/** Creates or updates org units by code (parents first). Units absent from the file stay as they are. */
export async function importOrg(
  ctx: Ctx,
  input: { tenantId: string; file: Buffer; dryRun: boolean },
): Promise<ImportSummary> {
  const t = await table(input.file, ORG_HEADER_ALIASES);
  const result = await ctx.db.transaction(async (tx) => {
    await lockImports(tx, input.tenantId);
    const root = await rootUnit(tx, input.tenantId);
    const units = await tx.select().from(orgUnits).where(eq(orgUnits.tenantId, input.tenantId));
    const codeOf = new Map(units.map((u) => [u.id, u.code]));
    const existing = new Map<string, ExistingUnit>(
      units.map((u) => [u.code, { ...u, parentCode: u.parentId ? (codeOf.get(u.parentId) ?? null) : null }]),
    );
    const plan = planOrgImport(t.header, t.rows, existing, root.code);
    if (plan.errors.length) throw importInvalid(plan.errors);
    const summary = count(plan.rows, input.dryRun);
    if (input.dryRun) return summary;

    const byCode = new Map(units.map((u) => [u.code, { id: u.id, path: u.path, parentId: u.parentId }]));
    for (const row of plan.rows) {
      if (row.change === 'unchanged') continue;
      const parent = byCode.get(row.parentCode ?? root.code)!;
      const current = byCode.get(row.code);
      if (!current) {
        const id = randomUUID();
        const path = childPath(parent.path, id);
        await tx.insert(orgUnits).values({
          id,
          tenantId: input.tenantId,
          parentId: parent.id,
          code: row.code,
          nameJa: row.nameJa,
          nameEn: row.nameEn,
          kind: row.kind,
          path,
          depth: depthOf(path),
          sortOrder: row.sortOrder,
        });
        byCode.set(row.code, { id, path, parentId: parent.id });
        continue;
      }
      if (current.parentId !== parent.id) {
        const oldPath = current.path;
        const newPath = await moveSubtree(
          tx,
          { id: current.id, tenantId: input.tenantId, path: oldPath },
          parent,
        );
        for (const u of byCode.values())
          if (u.path.startsWith(oldPath)) u.path = rebase(u.path, oldPath, newPath);
        current.parentId = parent.id;
      }
      await tx
        .update(orgUnits)
        .set({
          parentId: parent.id,
          nameJa: row.nameJa,
          nameEn: row.nameEn,
          kind: row.kind,
          sortOrder: row.sortOrder,
          updatedAt: new Date(),
        })
        .where(eq(orgUnits.id, current.id));
    }
    await recordAudit(tx, ctx, {
      action: 'import.org',
      tenantId: input.tenantId,
      actorLabel: ctx.actor?.login ?? 'cli',
      after: { ...summary, codes: plan.rows.filter((r) => r.change !== 'unchanged').map((r) => r.code) },
    });
    return summary;
  });
  if (!result.dryRun) await analyze(ctx.db);
  return result;
}

function count(rows: { change: 'create' | 'update' | 'unchanged' }[], dryRun: boolean): ImportSummary {
  return {
    dryRun,
    rows: rows.length,
    created: rows.filter((r) => r.change === 'create').length,
    updated: rows.filter((r) => r.change === 'update').length,
    unchanged: rows.filter((r) => r.change === 'unchanged').length,
    left: 0,
    rolesAdded: 0,
  };
}

// --- staff ----------------------------------------------------------------------------------------

/**
 * A staff import may not mark as left (disabling their login) or re-address (where notices of changes
 * to their account go) anyone who holds a permission the importing actor lacks (policy.ts
 * `authorizeOver`, the rule of role grants and account actions). The CLI (no actor) is not limited.
 */
async function assertNoneOutranks(
  tx: Db,
  ctx: ActorCtx,
  tenantId: string,
  current: (typeof people.$inferSelect)[],
  plan: ReturnType<typeof planStaffImport>,
) {
  const byStaffNo = new Map(current.map((p) => [p.staffNo, p]));
  const touched = new Set(plan.leaving);
  for (const r of plan.rows) {
    const old = byStaffNo.get(r.staffNo);
    if (!old || r.change !== 'update') continue;
    if ((r.status === 'left' && old.status !== 'left') || (r.email ?? null) !== old.email)
      touched.add(r.staffNo);
  }
  const ids = [...touched].map((s) => byStaffNo.get(s)!.id);
  const held = await permissionsHeldByPeople(tx, tenantId, ids);
  const outranking = [...touched].filter(
    (s) => missingPermissions(ctx.actor, held.get(byStaffNo.get(s)!.id) ?? []).length > 0,
  );
  if (outranking.length === 0) return;
  const list = outranking.slice(0, 20).join(', ') + (outranking.length > 20 ? ' …' : '');
  throw new AppError('account_outranks', {
    detail: {
      ja: `あなたが持たない権限を持つ職員を退職扱いにしたり、メールアドレスを変えたりすることはできません（職員番号: ${list}）。何も取り込んでいません。`,
      en: `You cannot mark as left, or change the e-mail address of, people who hold permissions you lack (staff numbers: ${list}). Nothing was imported.`,
    },
    extra: { staffNos: outranking },
  });
}

/**
 * Creates or updates people by staff number; never deletes. With `fullRoster`, people missing from
 * the file are marked as having left and their logins disabled. A `roles` column adds role holdings.
 */
export async function importStaff(
  ctx: Ctx,
  input: {
    tenantId: string;
    file: Buffer;
    dryRun: boolean;
    fullRoster: boolean;
    allowedRoleKeys?: Set<string>;
  },
): Promise<ImportSummary> {
  const t = await table(input.file, STAFF_HEADER_ALIASES);
  const summary = await ctx.db.transaction(async (tx) => {
    await lockImports(tx, input.tenantId);
    const units = await tx
      .select({ id: orgUnits.id, code: orgUnits.code })
      .from(orgUnits)
      .where(eq(orgUnits.tenantId, input.tenantId));
    const unitId = new Map(units.map((u) => [u.code, u.id]));
    const unitCode = new Map(units.map((u) => [u.id, u.code]));
    const current = await tx.select().from(people).where(eq(people.tenantId, input.tenantId));
    const existing = new Map<string, ExistingPerson>(
      current.map((p) => [p.staffNo, { ...p, unitCode: unitCode.get(p.unitId)! }]),
    );
    const roleRows = await tx.select().from(roles).where(eq(roles.tenantId, input.tenantId));
    const roleKeys = new Map<string, string>();
    for (const r of roleRows) {
      if (input.allowedRoleKeys && !input.allowedRoleKeys.has(r.key)) continue;
      for (const name of [r.key, r.nameJa, r.nameEn]) roleKeys.set(name, r.key);
    }
    const plan = planStaffImport(t.header, t.rows, {
      existing,
      unitCodes: new Set(unitId.keys()),
      roleKeys,
      fullRoster: input.fullRoster,
    });
    if (plan.errors.length) throw importInvalid(plan.errors);
    const self = ctx.actor ? current.find((p) => p.id === ctx.actor!.personId) : undefined;
    if (self && plan.leaving.includes(self.staffNo)) {
      throw new AppError('invalid_state', {
        detail: {
          ja: `取り込むファイルに自分（職員番号 ${self.staffNo}）が含まれていません。全職員の名簿として取り込むと自分が退職扱いになります。`,
          en: `The file does not list you (staff number ${self.staffNo}); as a full roster it would mark you as having left.`,
        },
      });
    }
    if (ctx.actor) await assertNoneOutranks(tx, ctx as ActorCtx, input.tenantId, current, plan);
    const summary = { ...count(plan.rows, input.dryRun), left: plan.leaving.length };
    if (input.dryRun) return summary;

    const idOf = new Map(current.map((p) => [p.staffNo, p.id]));
    const now = new Date();
    const creates = plan.rows.filter((r) => r.change === 'create');
    for (const part of chunks(creates)) {
      const values = part.map((r) => {
        const id = randomUUID();
        idOf.set(r.staffNo, id);
        return {
          id,
          tenantId: input.tenantId,
          staffNo: r.staffNo,
          name: r.name,
          kana: r.kana,
          email: r.email,
          unitId: unitId.get(r.unitCode)!,
          employmentType: r.employmentType,
          status: r.status,
          leftAt: r.status === 'left' ? now : null,
        };
      });
      await tx.insert(people).values(values);
    }
    const updates = plan.rows.filter((r) => r.change === 'update');
    for (const part of chunks(updates)) {
      const json = JSON.stringify(
        part.map((r) => ({
          id: idOf.get(r.staffNo),
          name: r.name,
          kana: r.kana,
          email: r.email,
          unit_id: unitId.get(r.unitCode),
          employment_type: r.employmentType,
          status: r.status,
        })),
      );
      await tx.execute(sql`
        update people p set name = x.name, kana = x.kana, email = x.email, unit_id = x.unit_id,
          employment_type = x.employment_type, status = x.status, updated_at = now(),
          left_at = case when x.status = 'left' then coalesce(p.left_at, now()) else null end
        from jsonb_to_recordset(${json}::jsonb)
          as x(id uuid, name text, kana text, email text, unit_id uuid, employment_type text, status text)
        where p.id = x.id`);
    }
    const leavingIds = [
      ...plan.leaving.map((s) => idOf.get(s)!),
      ...plan.rows
        .filter((r) => r.status === 'left' && existing.get(r.staffNo)?.status !== 'left')
        .map((r) => idOf.get(r.staffNo)!),
    ];
    for (const part of chunks(leavingIds)) {
      await tx
        .update(people)
        .set({ status: 'left', leftAt: now, updatedAt: now })
        .where(and(inArray(people.id, part), sql`${people.status} <> 'left'`));
      await disableAccountsOf(tx, part);
    }
    const roleId = new Map(roleRows.map((r) => [r.key, r.id]));
    const holdings = plan.rows.flatMap((r) =>
      r.roles.map((key) => ({
        tenantId: input.tenantId,
        personId: idOf.get(r.staffNo)!,
        roleId: roleId.get(key)!,
        unitId: unitId.get(r.unitCode)!,
      })),
    );
    let rolesAdded = 0;
    for (const part of chunks(holdings)) {
      const added = await tx
        .insert(roleAssignments)
        .values(part)
        .onConflictDoNothing()
        .returning({ id: roleAssignments.id, personId: roleAssignments.personId });
      rolesAdded += added.length;
      await requireSessionRotation(tx, { personIds: added.map((a) => a.personId) });
    }
    const result = { ...summary, rolesAdded };
    await recordAudit(tx, ctx, {
      action: 'import.staff',
      tenantId: input.tenantId,
      actorLabel: ctx.actor?.login ?? 'cli',
      after: {
        ...result,
        createdStaffNos: creates.map((r) => r.staffNo),
        updatedStaffNos: updates.map((r) => r.staffNo),
        leftStaffNos: plan.leaving,
      },
    });
    return result;
  });
  if (!summary.dryRun) await analyze(ctx.db);
  return summary;
}

// --- HTTP entry points: importing is an agency-wide operation ------------------------------------

export async function importOrgAs(ctx: ActorCtx, file: Buffer, dryRun: boolean) {
  authorizeTenantWide(ctx.actor, 'org.manage');
  return importOrg(ctx, { tenantId: ctx.actor.tenantId, file, dryRun });
}

export async function importStaffAs(ctx: ActorCtx, file: Buffer, dryRun: boolean, fullRoster: boolean) {
  authorizeTenantWide(ctx.actor, 'org.manage');
  // A roles column may only name roles whose every permission the importer holds agency-wide.
  const roleRows = await ctx.db.select().from(roles).where(eq(roles.tenantId, ctx.actor.tenantId));
  const allowed = canTenantWide(ctx.actor, 'role.assign')
    ? new Set(
        roleRows
          .filter((r) => r.permissions.every((p) => canTenantWide(ctx.actor, p as never)))
          .map((r) => r.key),
      )
    : new Set<string>();
  return importStaff(ctx, {
    tenantId: ctx.actor.tenantId,
    file,
    dryRun,
    fullRoster,
    allowedRoleKeys: allowed,
  });
}
