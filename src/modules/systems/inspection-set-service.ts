import { and, asc, eq } from 'drizzle-orm';
import type { ActorCtx } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import { authorize, authorizeTenantWide } from '../../server/policy.js';
import { recordAudit } from '../audit/service.js';
import {
  type InspectionItem,
  SHIPPED_SETS,
  type ShippedItemSet,
  shippedSet,
} from './inspection-data/shipped-sets.js';
import { inspectionItemSets } from './inspection-schema.js';
import type { ItemSetOut } from './inspection-validation.js';
import type { HostRole } from './schema.js';

// Item sets: the shipped ones (read-only, from the sources) and the agency's copies and own sets.
// Editing is agency-wide (system.manage at the root): a bureau does not change what everyone answers.

const SHIPPED_PREFIX = 'shipped:';

const items = (list: readonly InspectionItem[]) =>
  list.map((i) => ({
    key: i.key,
    category: i.category,
    titleJa: i.titleJa,
    titleEn: i.titleEn,
    source: i.source,
    probe: i.probe ?? null,
  }));

function presentShipped(s: ShippedItemSet): ItemSetOut {
  return {
    ref: `${SHIPPED_PREFIX}${s.key}`,
    id: null,
    shipped: true,
    role: s.role,
    name: s.nameJa,
    nameEn: s.nameEn,
    source: s.source,
    basedOn: null,
    version: null,
    items: items(s.items),
  };
}

function presentOwn(s: typeof inspectionItemSets.$inferSelect): ItemSetOut {
  return {
    ref: s.id,
    id: s.id,
    shipped: false,
    role: s.role,
    name: s.name,
    nameEn: null,
    source: null,
    basedOn: s.basedOn,
    version: s.version,
    items: items(s.items),
  };
}

export async function listItemSets(ctx: ActorCtx): Promise<{ items: ItemSetOut[] }> {
  authorize(ctx.actor, 'system.view');
  const own = await ctx.db
    .select()
    .from(inspectionItemSets)
    .where(eq(inspectionItemSets.tenantId, ctx.actor.tenantId))
    .orderBy(asc(inspectionItemSets.role), asc(inspectionItemSets.createdAt));
  return { items: [...SHIPPED_SETS.map(presentShipped), ...own.map(presentOwn)] };
}

/** A set by its ref ("shipped:web" or an agency set id) within the actor's agency; else not found. */
export async function resolveItemSet(ctx: Pick<ActorCtx, 'db' | 'actor'>, ref: string): Promise<ItemSetOut> {
  if (ref.startsWith(SHIPPED_PREFIX)) {
    const s = shippedSet(ref.slice(SHIPPED_PREFIX.length));
    if (!s) throw new AppError('not_found');
    return presentShipped(s);
  }
  if (!/^[0-9a-f-]{36}$/i.test(ref)) throw new AppError('not_found');
  const [row] = await ctx.db
    .select()
    .from(inspectionItemSets)
    .where(and(eq(inspectionItemSets.id, ref), eq(inspectionItemSets.tenantId, ctx.actor.tenantId)));
  if (!row) throw new AppError('not_found');
  return presentOwn(row);
}

export async function getItemSet(ctx: ActorCtx, ref: string) {
  authorize(ctx.actor, 'system.view');
  return resolveItemSet(ctx, ref);
}

export async function createItemSet(
  ctx: ActorCtx,
  body: { name: string; role?: HostRole; basedOn?: string; items?: InspectionItem[] },
): Promise<ItemSetOut> {
  authorizeTenantWide(ctx.actor, 'system.manage');
  const base = body.basedOn !== undefined ? shippedSet(body.basedOn) : undefined;
  if (body.basedOn !== undefined && !base) throw new AppError('not_found');
  const role = base?.role ?? body.role;
  const list = body.items ?? (base ? items(base.items) : undefined);
  if (!role || !list) {
    throw new AppError('validation_failed', {
      detail: {
        ja: '元にする項目セット（basedOn）か、役割と項目（role, items）を指定してください。',
        en: 'Give a shipped set to copy (basedOn), or a role and items.',
      },
    });
  }
  if (base && body.role && body.role !== base.role) {
    throw new AppError('validation_failed', {
      detail: { ja: '元にした項目セットと役割が異なります。', en: 'The role differs from the copied set.' },
    });
  }
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(inspectionItemSets)
      .values({
        tenantId: ctx.actor.tenantId,
        role,
        name: body.name,
        basedOn: base?.key ?? null,
        items: list,
      })
      .returning();
    await recordAudit(tx, ctx, {
      action: 'inspection.item_set_create',
      tenantId: ctx.actor.tenantId,
      targetId: row!.id,
      after: { name: row!.name, role, basedOn: row!.basedOn, items: list.length },
    });
    return presentOwn(row!);
  });
}

export async function updateItemSet(
  ctx: ActorCtx,
  id: string,
  body: { version: number; name?: string; items?: InspectionItem[] },
): Promise<ItemSetOut> {
  authorize(ctx.actor, 'system.view');
  const current = await resolveItemSet(ctx, id);
  if (current.shipped) throw new AppError('not_found');
  authorizeTenantWide(ctx.actor, 'system.manage');
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(inspectionItemSets)
      .set({
        ...(body.name !== undefined ? { name: body.name } : {}),
        ...(body.items !== undefined ? { items: body.items } : {}),
        version: body.version + 1,
        updatedAt: new Date(),
      })
      .where(and(eq(inspectionItemSets.id, id), eq(inspectionItemSets.version, body.version)))
      .returning();
    if (!row) throw new AppError('conflict');
    await recordAudit(tx, ctx, {
      action: 'inspection.item_set_update',
      tenantId: ctx.actor.tenantId,
      targetId: id,
      before: { name: current.name, items: current.items.map((i) => i.key) },
      after: { name: row.name, items: row.items.map((i) => i.key) },
    });
    return presentOwn(row);
  });
}

export async function deleteItemSet(ctx: ActorCtx, id: string): Promise<void> {
  authorize(ctx.actor, 'system.view');
  const current = await resolveItemSet(ctx, id);
  if (current.shipped) throw new AppError('not_found');
  authorizeTenantWide(ctx.actor, 'system.manage');
  // Rounds keep their own copy of the items, so deleting a set changes no round.
  await ctx.db.transaction(async (tx) => {
    await tx.delete(inspectionItemSets).where(eq(inspectionItemSets.id, id));
    await recordAudit(tx, ctx, {
      action: 'inspection.item_set_delete',
      tenantId: ctx.actor.tenantId,
      targetId: id,
      before: { name: current.name, role: current.role },
    });
  });
}
