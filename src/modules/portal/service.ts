import {
  and,
  asc,
  count,
  desc,
  eq,
  getTableColumns,
  ilike,
  isNull,
  lte,
  or,
  type SQL,
  sql,
} from 'drizzle-orm';
import { dayInJapan, todayInJapan } from '../../lib/dates.js';
import { renderMarkdown } from '../../lib/html.js';
import type { ActorCtx } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import type { Download } from '../../server/files.js';
import { canTenantWide, escapeLike } from '../../server/policy.js';
import { currentNotices } from '../alerts/public.js';
import { people } from '../org/schema.js';
import { rolesWithHoldersAbove } from '../roles/public.js';
import { STANDARD_DUTIES } from './duties.js';
import { presentCategory, presentItem } from './present.js';
import { portalCategories as c, portalFiles as f, portalItems as i } from './schema.js';
import type { ItemDetailOut, NoticeOut, PortalQuery, RoleDutiesOut } from './validation.js';

const NOTICE_LIMIT = 20;
const HOLDER_LIMIT = 20;

/** What staff see: published items within their period (isCurrent in rules.ts, in SQL). */
export function currentWhere(today: string): SQL {
  return and(
    eq(i.published, true),
    or(isNull(i.publishedFrom), lte(i.publishedFrom, today)),
    or(isNull(i.publishedUntil), sql`${i.publishedUntil} >= ${today}`),
  )!;
}

/** Title or body contains the words (substring, case-insensitive; Japanese has no case to fold). */
export function searchWhere(q: string | undefined): SQL | undefined {
  const words = (q ?? '').split(/[\s\u3000]+/).filter(Boolean);
  if (words.length === 0) return undefined;
  return and(
    ...words.map((w) => {
      const p = `%${escapeLike(w)}%`;
      return or(ilike(i.titleJa, p), ilike(i.titleEn, p), ilike(i.body, p))!;
    }),
  );
}

export const fileFacts = {
  filename: f.filename,
  contentType: f.contentType,
  size: f.size,
};

/** Items with their file facts (never the bytes), in the portal's order. */
export function selectItems(ctx: ActorCtx) {
  return ctx.db
    .select({ item: getTableColumns(i), file: fileFacts, categoryOrder: c.sortOrder })
    .from(i)
    .innerJoin(c, eq(c.id, i.categoryId))
    .leftJoin(f, eq(f.itemId, i.id));
}

export async function listCategories(ctx: ActorCtx) {
  const rows = await ctx.db
    .select()
    .from(c)
    .where(eq(c.tenantId, ctx.actor.tenantId))
    .orderBy(asc(c.sortOrder), asc(c.createdAt));
  return rows.map(presentCategory);
}

/** Listing for managers (everything) or staff (current only), searched, filtered and paged. */
export async function pageItems(ctx: ActorCtx, query: PortalQuery, onlyCurrent: boolean) {
  const today = todayInJapan();
  const where = and(
    eq(i.tenantId, ctx.actor.tenantId),
    onlyCurrent ? currentWhere(today) : undefined,
    query.kind ? eq(i.kind, query.kind) : undefined,
    query.categoryId ? eq(i.categoryId, query.categoryId) : undefined,
    searchWhere(query.q),
  );
  const [total] = await ctx.db.select({ n: count() }).from(i).where(where);
  const rows = await selectItems(ctx)
    .where(where)
    .orderBy(asc(c.sortOrder), desc(i.pinned), desc(i.updatedAt), asc(i.id))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  return {
    total: total?.n ?? 0,
    page: query.page,
    pageSize: query.pageSize,
    items: rows.map((r) => presentItem(r.item, r.file, today)),
  };
}

/** Current notices: the agency's own notice items, then the central body's alerts released to staff. */
async function notices(ctx: ActorCtx): Promise<NoticeOut[]> {
  const today = todayInJapan();
  const own = await ctx.db
    .select()
    .from(i)
    .where(and(eq(i.tenantId, ctx.actor.tenantId), eq(i.kind, 'notice'), currentWhere(today)))
    .orderBy(desc(i.pinned), desc(sql`coalesce(${i.publishedFrom}, ${i.createdAt}::date)`), desc(i.createdAt))
    .limit(NOTICE_LIMIT);
  const alerts = await currentNotices(ctx.db, ctx.actor.tenantId, { limit: NOTICE_LIMIT });
  return [
    ...own.map(
      (x): NoticeOut => ({
        source: 'item',
        id: x.id,
        topic: x.noticeTopic ?? 'notice',
        titleJa: x.titleJa,
        titleEn: x.titleEn,
        body: null,
        publishedOn: x.publishedFrom ?? dayInJapan(x.createdAt),
        pinned: x.pinned,
      }),
    ),
    ...alerts.map(
      (a): NoticeOut => ({
        source: 'alert',
        id: a.id,
        topic: a.kind,
        titleJa: a.titleJa,
        titleEn: a.titleEn,
        body: a.body,
        publishedOn: dayInJapan(new Date(a.publishedAt)),
        pinned: false,
      }),
    ),
  ];
}

/** The portal's front page for any signed-in member of the agency. */
export async function readPortal(ctx: ActorCtx, query: PortalQuery) {
  const [categories, items, current] = await Promise.all([
    listCategories(ctx),
    pageItems(ctx, query, true),
    notices(ctx),
  ]);
  return { categories, notices: current, items };
}

/** Staff read current items only; portal managers read any item of their agency (to preview it). */
async function loadReadable(ctx: ActorCtx, id: string) {
  const manager = canTenantWide(ctx.actor, 'portal.manage');
  const [r] = await selectItems(ctx).where(
    and(eq(i.id, id), eq(i.tenantId, ctx.actor.tenantId), manager ? undefined : currentWhere(todayInJapan())),
  );
  if (!r) throw new AppError('not_found');
  return r;
}

export async function getItem(ctx: ActorCtx, id: string): Promise<ItemDetailOut> {
  const r = await loadReadable(ctx, id);
  const [editor] = await ctx.db
    .select({ name: people.name })
    .from(people)
    .where(eq(people.id, r.item.updatedBy));
  return {
    ...presentItem(r.item, r.file),
    body: r.item.body,
    bodyHtml: renderMarkdown(r.item.body, { headingOffset: 1 }),
    updatedByName: editor?.name ?? '',
  };
}

export async function downloadFile(ctx: ActorCtx, id: string): Promise<Download> {
  const r = await loadReadable(ctx, id);
  const [file] = await ctx.db.select().from(f).where(eq(f.itemId, r.item.id));
  if (!file) throw new AppError('not_found');
  return { body: file.bytes, type: file.contentType, filename: file.filename };
}

/**
 * The duties of each security role (002 L628-662) as the agency names its roles, and who holds each
 * in the reader's own unit chain. Everyone holds 行政事務従事者, so its holders are not listed.
 */
export async function roleDuties(ctx: ActorCtx): Promise<RoleDutiesOut> {
  const list = await rolesWithHoldersAbove(ctx.db, ctx.actor.tenantId, ctx.actor.personId);
  return {
    items: list
      .filter((r) => r.key !== 'mamoru_admin')
      .map((r) => {
        const std = r.standardName ? STANDARD_DUTIES[r.standardName] : undefined;
        return {
          roleId: r.id,
          nameJa: r.nameJa,
          nameEn: r.nameEn,
          standardName: r.standardName,
          dutiesJa: std?.ja ?? r.descriptionJa,
          dutiesEn: std?.en ?? r.descriptionEn,
          source: std?.source ?? null,
          holders: r.standardName === '行政事務従事者' ? [] : r.holders.slice(0, HOLDER_LIMIT),
        };
      }),
  };
}
