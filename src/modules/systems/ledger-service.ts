// The ledger entry itself: create, read, edit (optimistic concurrency), delete and the yearly review.
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { todayInJapan } from '../../lib/dates.js';
import type { ActorCtx } from '../../server/context.js';
import { AppError, type LocalizedFieldError } from '../../server/errors.js';
import { authorize } from '../../server/policy.js';
import { activePolicy } from '../classification/policy-service.js';
import { orgUnits, people } from '../org/schema.js';
import { type LoadedSystem, loadSystem, requireCapability, systemPermissions } from './ledger-access.js';
import { recordChange } from './ledger-history.js';
import { presentSystem } from './ledger-present.js';
import type { CreateSystemBody, UpdateSystemBody } from './ledger-validation.js';
import { fieldChanges } from './rules.js';
import { systems } from './schema.js';

const fieldError = (path: string, ja: string, en: string): LocalizedFieldError => ({
  path,
  message: { ja, en },
});

/** Confidentiality level keys (`c1` … ) of the classification policy the agency has in force. */
export async function classificationLevelKeys(db: Db, tenantId: string): Promise<string[]> {
  const policy = await activePolicy(db, tenantId);
  return policy.levels.confidentiality.map((l) => `c${l.value}`);
}

interface References {
  unitId?: string | undefined;
  maintenanceUnitId?: string | null | undefined;
  securityOfficerId?: string | null | undefined;
  administratorId?: string | null | undefined;
  maxClassification?: string | null | undefined;
}

/** Units of the tenant, active people of the tenant, a level of the policy in force; returns unit paths. */
async function checkReferences(ctx: ActorCtx, r: References): Promise<Map<string, string>> {
  const tenantId = ctx.actor.tenantId;
  const errors: LocalizedFieldError[] = [];
  const unitIds = [r.unitId, r.maintenanceUnitId].filter((x): x is string => !!x);
  const units = unitIds.length
    ? await ctx.db
        .select({ id: orgUnits.id, path: orgUnits.path })
        .from(orgUnits)
        .where(and(eq(orgUnits.tenantId, tenantId), inArray(orgUnits.id, unitIds)))
    : [];
  const paths = new Map(units.map((u) => [u.id, u.path]));
  for (const key of ['unitId', 'maintenanceUnitId'] as const) {
    const id = r[key];
    if (id && !paths.has(id))
      errors.push(
        fieldError(`body.${key}`, 'この機関に存在しない組織です', 'names a unit this agency does not have'),
      );
  }
  const personIds = [r.securityOfficerId, r.administratorId].filter((x): x is string => !!x);
  const found = personIds.length
    ? await ctx.db
        .select({ id: people.id })
        .from(people)
        .where(and(eq(people.tenantId, tenantId), eq(people.status, 'active'), inArray(people.id, personIds)))
    : [];
  const active = new Set(found.map((p) => p.id));
  for (const key of ['securityOfficerId', 'administratorId'] as const) {
    const id = r[key];
    if (id && !active.has(id))
      errors.push(
        fieldError(
          `body.${key}`,
          'この機関の在職中の職員を指定してください',
          'must be an active person of this agency',
        ),
      );
  }
  if (r.maxClassification) {
    const keys = await classificationLevelKeys(ctx.db, tenantId);
    if (!keys.includes(r.maxClassification))
      errors.push(
        fieldError(
          'body.maxClassification',
          `施行中の格付ポリシーの機密性区分（${keys.join(', ')}）を指定してください`,
          `must be a confidentiality level of the policy in force (${keys.join(', ')})`,
        ),
      );
  }
  if (errors.length) throw new AppError('validation_failed', { errors });
  return paths;
}

const codeTaken = () =>
  new AppError('conflict', {
    detail: { ja: 'このシステムIDは既に使われています。', en: 'This system ID is already in use.' },
  });

async function codeInUse(db: Db, tenantId: string, code: string, except?: string) {
  const [row] = await db
    .select({ id: systems.id })
    .from(systems)
    .where(and(eq(systems.tenantId, tenantId), eq(systems.code, code)));
  return row !== undefined && row.id !== except;
}

export async function createSystem(ctx: ActorCtx, input: CreateSystemBody) {
  authorize(ctx.actor, 'system.manage');
  const paths = await checkReferences(ctx, input);
  const at = { tenantId: ctx.actor.tenantId, unitPath: paths.get(input.unitId)! };
  authorize(ctx.actor, 'system.manage', at);
  if (await codeInUse(ctx.db, ctx.actor.tenantId, input.code)) throw codeTaken();
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(systems)
      .values({ ...input, tenantId: ctx.actor.tenantId })
      .returning();
    const s: LoadedSystem = { ...row!, unitPath: at.unitPath };
    await recordChange(tx, ctx, s, 'system.create', { ...input });
    return presentSystem(tx, s, systemPermissions(ctx.actor, s));
  });
}

export async function getSystem(ctx: ActorCtx, id: string) {
  const { system, can } = await loadSystem(ctx, id);
  return presentSystem(ctx.db, system, can);
}

const staleEdit = () =>
  new AppError('conflict', {
    detail: {
      ja: 'この台帳は他の人が先に更新しました。画面を再読み込みしてからやり直してください。',
      en: 'Someone else changed this entry first. Reload it and make your change again.',
    },
    extra: { reason: 'stale_version' },
  });

export async function updateSystem(ctx: ActorCtx, id: string, input: UpdateSystemBody) {
  const { system, can } = await loadSystem(ctx, id);
  requireCapability(can, 'manage');
  const { version, ...fields } = input;
  if (version !== system.version) throw staleEdit();
  const paths = await checkReferences(ctx, fields);
  let unitPath = system.unitPath;
  if (fields.unitId && fields.unitId !== system.unitId) {
    unitPath = paths.get(fields.unitId)!;
    // Moving a system needs system.manage where it goes too.
    authorize(ctx.actor, 'system.manage', { tenantId: system.tenantId, unitPath });
  }
  if (
    fields.code &&
    fields.code !== system.code &&
    (await codeInUse(ctx.db, system.tenantId, fields.code, system.id))
  )
    throw codeTaken();
  const changes = fieldChanges(system as unknown as Record<string, unknown>, fields);
  return ctx.db.transaction(async (tx) => {
    if (Object.keys(changes).length === 0) return presentSystem(tx, system, can);
    const [row] = await tx
      .update(systems)
      .set({ ...fields, version: version + 1, updatedAt: new Date() })
      .where(and(eq(systems.id, system.id), eq(systems.version, version)))
      .returning();
    if (!row) throw staleEdit();
    const s: LoadedSystem = { ...row, unitPath };
    await recordChange(tx, ctx, s, 'system.update', changes);
    return presentSystem(tx, s, systemPermissions(ctx.actor, s));
  });
}

export async function deleteSystem(ctx: ActorCtx, id: string, version: number) {
  const { system, can } = await loadSystem(ctx, id);
  requireCapability(can, 'manage');
  if (version !== system.version) throw staleEdit();
  try {
    await ctx.db.transaction(async (tx) => {
      await recordChange(tx, ctx, system, 'system.delete', { code: system.code, name: system.name });
      const gone = await tx
        .delete(systems)
        .where(and(eq(systems.id, system.id), eq(systems.version, version)))
        .returning({ id: systems.id });
      if (gone.length === 0) throw staleEdit();
    });
  } catch (err) {
    // Advisory responses, inspection answers or findings still name it: keep it, marked as retired.
    if (isForeignKeyViolation(err))
      throw new AppError('conflict', {
        detail: {
          ja: '他の記録（脆弱性対応、検査、指摘など）が参照しているため削除できません。ライフサイクルを「廃止」にしてください。',
          en: 'Other records (advisory responses, inspections, findings) refer to it. Set its lifecycle to retired instead.',
        },
      });
    throw err;
  }
}

function isForeignKeyViolation(err: unknown): boolean {
  for (let e = err as { code?: unknown; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (e.code === '23503') return true;
  }
  return false;
}

/** "This entry is true": the yearly review, dated today in Japan (issue #14 §1). */
export async function reviewSystem(ctx: ActorCtx, id: string) {
  const { system, can } = await loadSystem(ctx, id);
  requireCapability(can, 'review');
  const today = todayInJapan();
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(systems)
      .set({ reviewedOn: today, reviewedBy: ctx.actor.accountId })
      .where(eq(systems.id, system.id))
      .returning();
    const s: LoadedSystem = { ...row!, unitPath: system.unitPath };
    await recordChange(tx, ctx, s, 'system.review', { reviewedOn: [system.reviewedOn, today] });
    return presentSystem(tx, s, can);
  });
}
