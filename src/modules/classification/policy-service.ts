// Classification policies (000 L574-700): the shipped ones, an agency's own copies, the policy it
// classifies under, and an entry's marking (the queries are in policy-query-service.ts). Everyone reads
// (every staff member classifies); only classification.manage held agency-wide changes anything.
import { randomUUID } from 'node:crypto';
import { and, asc, eq, sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../../db/client.js';
import type { ActorCtx } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import { authorizeTenantWide, canTenantWide } from '../../server/policy.js';
import { recordAudit } from '../audit/service.js';
import {
  type ClassificationPolicy,
  DIMENSION_NAMES,
  type Dimension,
  type EntryRestriction,
  findLevel,
  HANDLING_ACTION_NAMES,
  HANDLING_ACTIONS,
  type Marking,
  markingText,
  type PolicyError,
  validatePolicy,
} from './policy-model.js';
import { classificationPolicies, classificationSettings } from './policy-schema.js';
import { DEFAULT_POLICY_ID, isShippedPolicyId, SHIPPED_POLICY_IDS, shippedPolicy } from './policy-shipped.js';
import type {
  ClassificationPolicyOut,
  ClassificationPolicySummaryOut,
  CopyPolicyBody,
  UpdatePolicyBody,
} from './policy-validation.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type PolicyRow = typeof classificationPolicies.$inferSelect;

function policyNotFound(policyId: string, path: string) {
  return new AppError('not_found', {
    errors: [
      {
        path,
        message: {
          ja: `格付ポリシー「${policyId}」はありません。`,
          en: `There is no classification policy "${policyId}".`,
        },
      },
    ],
  });
}

async function agencyPolicyRow(db: Db, tenantId: string, policyId: string): Promise<PolicyRow | undefined> {
  if (!UUID.test(policyId)) return undefined;
  const [row] = await db
    .select()
    .from(classificationPolicies)
    .where(and(eq(classificationPolicies.id, policyId), eq(classificationPolicies.tenantId, tenantId)));
  return row;
}

/**
 * A policy by id: a shipped one (`unified-5th`, `meti-2011`) or one of the tenant's own copies. Anything
 * else — including another agency's copy — is a 404 naming `path` (the parameter that carried the id).
 */
export async function loadPolicy(
  db: Db,
  tenantId: string,
  policyId: string,
  path = 'params.policyId',
): Promise<ClassificationPolicy> {
  if (isShippedPolicyId(policyId)) return shippedPolicy(policyId);
  const row = await agencyPolicyRow(db, tenantId, policyId);
  if (!row) throw policyNotFound(policyId, path);
  return row.definition;
}

async function activePolicyId(db: Db, tenantId: string): Promise<{ id: string; updatedAt: Date | null }> {
  const [row] = await db
    .select()
    .from(classificationSettings)
    .where(eq(classificationSettings.tenantId, tenantId));
  return row
    ? { id: row.activePolicyId, updatedAt: row.updatedAt }
    : { id: DEFAULT_POLICY_ID, updatedAt: null };
}

/**
 * The policy with this id, or null when the agency has no such policy (a register entry can outlive
 * its policy's id only through data repair). A database failure is thrown, never read as "no policy".
 */
export async function findPolicy(
  db: Db,
  tenantId: string,
  policyId: string,
): Promise<ClassificationPolicy | null> {
  if (isShippedPolicyId(policyId)) return shippedPolicy(policyId);
  return (await agencyPolicyRow(db, tenantId, policyId))?.definition ?? null;
}

/** The policy the agency classifies new information under (the Unified Standards until it chooses). */
export async function activePolicy(db: Db, tenantId: string): Promise<ClassificationPolicy> {
  return loadPolicy(db, tenantId, (await activePolicyId(db, tenantId)).id);
}

function summary(
  p: ClassificationPolicy,
  activeId: string,
  row?: Pick<PolicyRow, 'createdAt' | 'updatedAt'>,
): ClassificationPolicySummaryOut {
  return {
    id: p.id,
    name: p.name,
    nameEn: p.nameEn ?? null,
    basedOn: p.basedOn ?? null,
    shipped: isShippedPolicyId(p.id),
    active: p.id === activeId,
    createdAt: row?.createdAt.toISOString() ?? null,
    updatedAt: row?.updatedAt.toISOString() ?? null,
  };
}

export async function listPolicies(ctx: ActorCtx) {
  const { id: activeId } = await activePolicyId(ctx.db, ctx.actor.tenantId);
  const rows = await ctx.db
    .select()
    .from(classificationPolicies)
    .where(eq(classificationPolicies.tenantId, ctx.actor.tenantId))
    .orderBy(asc(classificationPolicies.createdAt), asc(classificationPolicies.id));
  return {
    activePolicyId: activeId,
    items: [
      ...SHIPPED_POLICY_IDS.map((id) => summary(shippedPolicy(id), activeId)),
      ...rows.map((r) => summary(r.definition, activeId, r)),
    ],
  };
}

export async function getPolicy(
  ctx: ActorCtx,
  policyId: string,
  path = 'params.id',
): Promise<ClassificationPolicyOut> {
  const { id: activeId } = await activePolicyId(ctx.db, ctx.actor.tenantId);
  const row = isShippedPolicyId(policyId)
    ? undefined
    : await agencyPolicyRow(ctx.db, ctx.actor.tenantId, policyId);
  const p = row ? row.definition : await loadPolicy(ctx.db, ctx.actor.tenantId, policyId, path);
  return present(ctx, p, activeId, row);
}

function present(
  ctx: ActorCtx,
  p: ClassificationPolicy,
  activeId: string,
  row?: PolicyRow,
): ClassificationPolicyOut {
  return {
    ...summary(p, activeId, row),
    descriptionJa: p.descriptionJa ?? null,
    descriptionEn: p.descriptionEn ?? null,
    editable: !isShippedPolicyId(p.id) && canTenantWide(ctx.actor, 'classification.manage'),
    levels: p.levels,
    restrictions: p.restrictions.map((r) => ({ ...r, param: r.param ?? null, forbids: r.forbids ?? [] })),
    rules: p.rules,
    actions: HANDLING_ACTIONS.map((key) => ({
      key,
      nameJa: HANDLING_ACTION_NAMES[key].ja,
      nameEn: HANDLING_ACTION_NAMES[key].en,
    })),
  };
}

/** Copies a shipped policy (or one of the agency's own) into a new, editable agency policy. */
export async function copyPolicy(ctx: ActorCtx, input: CopyPolicyBody): Promise<ClassificationPolicyOut> {
  authorizeTenantWide(ctx.actor, 'classification.manage');
  const source = await loadPolicy(ctx.db, ctx.actor.tenantId, input.from, 'body.from');
  const id = randomUUID();
  const definition: ClassificationPolicy = {
    ...structuredClone(source),
    id,
    name: input.name,
    // The source's English name would describe the source, not the copy.
    nameEn: input.nameEn,
    basedOn: source.basedOn ?? source.id,
  };
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(classificationPolicies)
      .values({
        id,
        tenantId: ctx.actor.tenantId,
        name: input.name,
        basedOn: definition.basedOn as string,
        definition,
      })
      .returning();
    await recordAudit(tx, ctx, {
      action: 'classification.policy_copy',
      tenantId: ctx.actor.tenantId,
      targetId: id,
      after: { from: source.id, name: input.name },
    });
    const { id: activeId } = await activePolicyId(tx, ctx.actor.tenantId);
    return present(ctx, definition, activeId, row);
  });
}

/** Replaces an agency policy's definition; every problem is listed (400), and shipped ones are read-only (409). */
export async function updatePolicy(
  ctx: ActorCtx,
  policyId: string,
  input: UpdatePolicyBody,
): Promise<ClassificationPolicyOut> {
  authorizeTenantWide(ctx.actor, 'classification.manage');
  if (isShippedPolicyId(policyId)) throw new AppError('policy_read_only');
  const before = await agencyPolicyRow(ctx.db, ctx.actor.tenantId, policyId);
  if (!before) throw policyNotFound(policyId, 'params.id');
  const definition: ClassificationPolicy = { ...input, id: policyId, basedOn: before.basedOn };
  const errors = [
    ...validatePolicy(definition),
    ...(await lostInUse(ctx.db, ctx.actor.tenantId, definition)),
  ];
  if (errors.length > 0)
    throw new AppError('validation_failed', {
      errors: errors.map((e) => ({ path: `body.${e.path}`, message: e.reason })),
    });
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(classificationPolicies)
      .set({ name: definition.name, definition, updatedAt: new Date() })
      .where(eq(classificationPolicies.id, policyId))
      .returning();
    await recordAudit(tx, ctx, {
      action: 'classification.policy_update',
      tenantId: ctx.actor.tenantId,
      targetId: policyId,
      before: before.definition,
      after: definition,
    });
    const { id: activeId } = await activePolicyId(tx, ctx.actor.tenantId);
    return present(ctx, definition, activeId, row);
  });
}

/**
 * Levels and restrictions the new definition drops although the agency's live (not archived) entries
 * still use them: those entries could no longer be marked, so the edit is refused until they are reclassified.
 */
async function lostInUse(db: Db, tenantId: string, policy: ClassificationPolicy): Promise<PolicyError[]> {
  const used = rowsOf<{ dim: Dimension | 'restriction'; v: string; n: number }>(
    await db.execute(sql`
      with e as (
        select confidentiality, integrity, availability, restrictions from classification_entries
        where tenant_id = ${tenantId} and policy_id = ${policy.id} and status <> 'archived')
      select 'confidentiality' as dim, confidentiality::text as v, count(*)::int as n from e group by 2
      union all select 'integrity', integrity::text, count(*)::int from e where integrity is not null group by 2
      union all select 'availability', availability::text, count(*)::int from e where availability is not null group by 2
      union all select 'restriction', r->>'key', count(*)::int from e, jsonb_array_elements(e.restrictions) r group by 2`),
  );
  const errors: PolicyError[] = [];
  for (const { dim, v, n } of used) {
    if (dim === 'restriction') {
      if (!policy.restrictions.some((d) => d.key === v))
        errors.push({
          path: 'restrictions',
          reason: {
            ja: `取扱制限 ${v} は登録済みの情報 ${n} 件で使われているため削除できません。`,
            en: `The restriction ${v} is used by ${n} registered entries and cannot be removed.`,
          },
        });
    } else if (!findLevel(policy, dim, Number(v)))
      errors.push({
        path: `levels.${dim}`,
        reason: {
          ja: `${DIMENSION_NAMES[dim].ja}${v} は登録済みの情報 ${n} 件で使われているため削除できません。`,
          en: `${DIMENSION_NAMES[dim].en} ${v} is used by ${n} registered entries and cannot be removed.`,
        },
      });
  }
  return errors;
}

export async function getSettings(ctx: ActorCtx) {
  const { id, updatedAt } = await activePolicyId(ctx.db, ctx.actor.tenantId);
  const policy = await loadPolicy(ctx.db, ctx.actor.tenantId, id);
  return { activePolicyId: id, activePolicyName: policy.name, updatedAt: updatedAt?.toISOString() ?? null };
}

export async function setSettings(ctx: ActorCtx, input: { activePolicyId: string }) {
  authorizeTenantWide(ctx.actor, 'classification.manage');
  const tenantId = ctx.actor.tenantId;
  const policy = await loadPolicy(ctx.db, tenantId, input.activePolicyId, 'body.activePolicyId').catch(
    (e) => {
      // The id is a reference in the body, not the resource of the request: a bad reference is a 400.
      if (e instanceof AppError && e.code === 'not_found')
        throw new AppError('validation_failed', { errors: e.errors });
      throw e;
    },
  );
  return ctx.db.transaction(async (tx) => {
    const before = await activePolicyId(tx, tenantId);
    const now = new Date();
    await tx
      .insert(classificationSettings)
      .values({ tenantId, activePolicyId: policy.id, updatedAt: now })
      .onConflictDoUpdate({
        target: classificationSettings.tenantId,
        set: { activePolicyId: policy.id, updatedAt: now },
      });
    await recordAudit(tx, ctx, {
      action: 'classification.settings_update',
      tenantId,
      targetId: tenantId,
      before: { activePolicyId: before.id },
      after: { activePolicyId: policy.id },
    });
    return { activePolicyId: policy.id, activePolicyName: policy.name, updatedAt: now.toISOString() };
  });
}

export interface EntryLike {
  id: string;
  policyId: string;
  confidentiality: number;
  integrity?: number | null;
  availability?: number | null;
  restrictions: EntryRestriction[];
}

/** The marking of an entry under its policy (documents, mail subject, gateway headers). */
export function markingForEntry(entry: EntryLike, policy: ClassificationPolicy): Marking {
  return markingText(policy, {
    confidentiality: entry.confidentiality,
    integrity: entry.integrity ?? null,
    availability: entry.availability ?? null,
    restrictions: entry.restrictions,
  });
}
