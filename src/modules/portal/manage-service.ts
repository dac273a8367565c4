import { and, count, eq, inArray, max } from 'drizzle-orm';
import type { ActorCtx } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import { authorizeTenantWide } from '../../server/policy.js';
import { recordAudit } from '../audit/service.js';
import { presentCategory } from './present.js';
import { baseType, fileTypeAllowed, isSafeUrl, PORTAL_FILE_MAX_BYTES, validPeriod } from './rules.js';
import { portalCategories as c, portalFiles as f, portalItems as i } from './schema.js';
import { getItem, pageItems } from './service.js';
import type {
  CategoryBody,
  CategoryOut,
  ItemBody,
  ItemDetailOut,
  ItemPatch,
  PortalQuery,
} from './validation.js';

// The security office manages the portal for the whole agency (portal.manage at the root unit).

const fieldError = (path: string, ja: string, en: string) =>
  new AppError('validation_failed', { errors: [{ path, message: { ja, en } }] });

function manage(ctx: ActorCtx) {
  authorizeTenantWide(ctx.actor, 'portal.manage');
}

async function loadCategory(ctx: ActorCtx, id: string) {
  const [row] = await ctx.db
    .select()
    .from(c)
    .where(and(eq(c.id, id), eq(c.tenantId, ctx.actor.tenantId)));
  if (!row) throw new AppError('not_found');
  return row;
}

async function loadItem(ctx: ActorCtx, id: string) {
  const [row] = await ctx.db
    .select()
    .from(i)
    .where(and(eq(i.id, id), eq(i.tenantId, ctx.actor.tenantId)));
  if (!row) throw new AppError('not_found');
  return row;
}

export async function listAllItems(ctx: ActorCtx, query: PortalQuery) {
  manage(ctx);
  return pageItems(ctx, query, false);
}

export async function createCategory(ctx: ActorCtx, body: CategoryBody): Promise<CategoryOut> {
  manage(ctx);
  return ctx.db.transaction(async (tx) => {
    const [last] = await tx
      .select({ n: max(c.sortOrder) })
      .from(c)
      .where(eq(c.tenantId, ctx.actor.tenantId));
    const [row] = await tx
      .insert(c)
      .values({
        tenantId: ctx.actor.tenantId,
        nameJa: body.nameJa,
        nameEn: body.nameEn ?? null,
        sortOrder: (last?.n ?? 0) + 10,
      })
      .returning();
    await recordAudit(tx, ctx, {
      action: 'portal.category_create',
      tenantId: ctx.actor.tenantId,
      targetId: row!.id,
      after: row,
    });
    return presentCategory(row!);
  });
}

export async function updateCategory(ctx: ActorCtx, id: string, body: CategoryBody): Promise<CategoryOut> {
  manage(ctx);
  const before = await loadCategory(ctx, id);
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(c)
      .set({ nameJa: body.nameJa, nameEn: body.nameEn ?? null, updatedAt: new Date() })
      .where(eq(c.id, id))
      .returning();
    await recordAudit(tx, ctx, {
      action: 'portal.category_update',
      tenantId: ctx.actor.tenantId,
      targetId: id,
      before,
      after: row,
    });
    return presentCategory(row!);
  });
}

/** A category is deleted only once it is empty, so no material disappears with it. */
export async function deleteCategory(ctx: ActorCtx, id: string): Promise<void> {
  manage(ctx);
  const before = await loadCategory(ctx, id);
  const [used] = await ctx.db.select({ n: count() }).from(i).where(eq(i.categoryId, id));
  if ((used?.n ?? 0) > 0) {
    throw new AppError('invalid_state', {
      detail: {
        ja: 'この分類には掲載物があります。掲載物を削除するか別の分類に移してから削除してください。',
        en: 'This category still has items. Delete them or move them to another category first.',
      },
    });
  }
  await ctx.db.transaction(async (tx) => {
    await tx.delete(c).where(eq(c.id, id));
    await recordAudit(tx, ctx, {
      action: 'portal.category_delete',
      tenantId: ctx.actor.tenantId,
      targetId: id,
      before,
    });
  });
}

/** The categories in the order given; the list must name every category of the agency once. */
export async function reorderCategories(ctx: ActorCtx, ids: string[]): Promise<CategoryOut[]> {
  manage(ctx);
  const rows = await ctx.db.select().from(c).where(eq(c.tenantId, ctx.actor.tenantId));
  const known = new Set(rows.map((r) => r.id));
  if (new Set(ids).size !== ids.length || ids.length !== rows.length || !ids.every((x) => known.has(x))) {
    throw fieldError(
      'body.ids',
      '全ての分類を一度ずつ指定してください。',
      'Name every category exactly once.',
    );
  }
  return ctx.db.transaction(async (tx) => {
    for (const [n, id] of ids.entries()) {
      await tx
        .update(c)
        .set({ sortOrder: (n + 1) * 10 })
        .where(eq(c.id, id));
    }
    await recordAudit(tx, ctx, {
      action: 'portal.category_reorder',
      tenantId: ctx.actor.tenantId,
      targetId: ctx.actor.tenantId,
      after: { ids },
    });
    const after = await tx.select().from(c).where(inArray(c.id, ids));
    return ids.map((id) => presentCategory(after.find((r) => r.id === id)!));
  });
}

type Fields = Omit<ItemBody, 'pinned' | 'published' | 'body'> & {
  body: string;
  pinned: boolean;
  published: boolean;
};

/** Checks an item's fields together: a link needs a safe URL, a period must not end before it starts. */
async function checkItem(ctx: ActorCtx, x: Fields) {
  const [category] = await ctx.db
    .select({ id: c.id })
    .from(c)
    .where(and(eq(c.id, x.categoryId), eq(c.tenantId, ctx.actor.tenantId)));
  if (!category)
    throw fieldError('body.categoryId', '分類が見つかりません。', 'The category does not exist.');
  if (x.kind === 'link' && !x.url) {
    throw fieldError('body.url', 'リンクには URL が必要です。', 'A link needs a URL.');
  }
  if (x.url && !isSafeUrl(x.url)) {
    throw fieldError(
      'body.url',
      'URL は http:// または https:// で始まるものだけ登録できます。',
      'Only http:// and https:// URLs are accepted.',
    );
  }
  if (!validPeriod(x.publishedFrom ?? null, x.publishedUntil ?? null)) {
    throw fieldError(
      'body.publishedUntil',
      '掲載終了日は掲載開始日以降にしてください。',
      'The end of publication must be on or after its start.',
    );
  }
}

const columns = (x: Fields) => ({
  categoryId: x.categoryId,
  kind: x.kind,
  noticeTopic: x.kind === 'notice' ? (x.noticeTopic ?? 'notice') : null,
  titleJa: x.titleJa,
  titleEn: x.titleEn || null,
  body: x.body,
  url: x.url || null,
  pinned: x.pinned,
  published: x.published,
  publishedFrom: x.publishedFrom ?? null,
  publishedUntil: x.publishedUntil ?? null,
});

export async function createItem(ctx: ActorCtx, body: ItemBody): Promise<ItemDetailOut> {
  manage(ctx);
  await checkItem(ctx, body);
  const id = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(i)
      .values({
        tenantId: ctx.actor.tenantId,
        ...columns(body),
        createdBy: ctx.actor.personId,
        updatedBy: ctx.actor.personId,
      })
      .returning();
    await recordAudit(tx, ctx, {
      action: 'portal.item_create',
      tenantId: ctx.actor.tenantId,
      targetId: row!.id,
      after: row,
    });
    return row!.id;
  });
  return getItem(ctx, id);
}

export async function updateItem(ctx: ActorCtx, id: string, patch: ItemPatch): Promise<ItemDetailOut> {
  manage(ctx);
  const before = await loadItem(ctx, id);
  const merged: Fields = {
    ...before,
    ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)),
  } as Fields;
  await checkItem(ctx, merged);
  await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(i)
      .set({ ...columns(merged), updatedBy: ctx.actor.personId, updatedAt: new Date() })
      .where(eq(i.id, id))
      .returning();
    await recordAudit(tx, ctx, {
      action: 'portal.item_update',
      tenantId: ctx.actor.tenantId,
      targetId: id,
      before,
      after: row,
    });
  });
  return getItem(ctx, id);
}

export async function publishItem(ctx: ActorCtx, id: string, published: boolean): Promise<ItemDetailOut> {
  manage(ctx);
  const before = await loadItem(ctx, id);
  await ctx.db.transaction(async (tx) => {
    await tx
      .update(i)
      .set({ published, updatedBy: ctx.actor.personId, updatedAt: new Date() })
      .where(eq(i.id, id));
    await recordAudit(tx, ctx, {
      action: 'portal.item_publish',
      tenantId: ctx.actor.tenantId,
      targetId: id,
      before: { published: before.published },
      after: { published },
    });
  });
  return getItem(ctx, id);
}

export async function deleteItem(ctx: ActorCtx, id: string): Promise<void> {
  manage(ctx);
  const before = await loadItem(ctx, id);
  await ctx.db.transaction(async (tx) => {
    await tx.delete(f).where(eq(f.itemId, id));
    await tx.delete(i).where(eq(i.id, id));
    await recordAudit(tx, ctx, {
      action: 'portal.item_delete',
      tenantId: ctx.actor.tenantId,
      targetId: id,
      before,
    });
  });
}

/** Attaches (or replaces) a document's file: allow-listed types, at most PORTAL_FILE_MAX_BYTES. */
export async function attachFile(
  ctx: ActorCtx,
  id: string,
  file: { bytes: Buffer; contentType: string; filename: string },
): Promise<ItemDetailOut> {
  manage(ctx);
  const item = await loadItem(ctx, id);
  if (item.kind !== 'document' && item.kind !== 'procedure') {
    throw new AppError('invalid_state', {
      detail: {
        ja: 'ファイルを添付できるのは資料と手続だけです。',
        en: 'Only documents and procedures take a file.',
      },
    });
  }
  if (!fileTypeAllowed(file.contentType)) throw new AppError('unsupported_media_type');
  if (file.bytes.length === 0) {
    throw new AppError('bad_request', { detail: { ja: 'ファイルが空です。', en: 'The file is empty.' } });
  }
  if (file.bytes.length > PORTAL_FILE_MAX_BYTES) throw new AppError('payload_too_large');
  const values = {
    filename: file.filename,
    contentType: baseType(file.contentType),
    size: file.bytes.length,
    bytes: file.bytes,
    uploadedBy: ctx.actor.personId,
    uploadedAt: new Date(),
  };
  await ctx.db.transaction(async (tx) => {
    await tx
      .insert(f)
      .values({ itemId: id, ...values })
      .onConflictDoUpdate({ target: f.itemId, set: values });
    await tx.update(i).set({ updatedBy: ctx.actor.personId, updatedAt: new Date() }).where(eq(i.id, id));
    await recordAudit(tx, ctx, {
      action: 'portal.item_file_upload',
      tenantId: ctx.actor.tenantId,
      targetId: id,
      after: { filename: file.filename, contentType: values.contentType, size: values.size },
    });
  });
  return getItem(ctx, id);
}
