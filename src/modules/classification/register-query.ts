// Reading the register: one entry, or a filtered page — always through visibleEntry() (register-access.ts).
import { and, asc, count, desc, eq, ilike, ne, or, type SQL, sql } from 'drizzle-orm';
import type { ActorCtx } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import { escapeLike } from '../../server/policy.js';
import { entryUnitPath, type Viewer, viewerOf, visibleCandidates, visibleEntry } from './register-access.js';
import {
  type EntryRow,
  presentEntries,
  presentEntryDetail,
  today,
  unitOfTenant,
} from './register-present.js';
import { classificationEntries as e } from './register-schema.js';
import type { ListEntriesQuery } from './register-validation.js';

/** The entry if the caller may see it; otherwise "not found" — never "forbidden", which would tell it exists. */
export async function loadVisibleEntry(ctx: ActorCtx, id: string, viewer?: Viewer): Promise<EntryRow> {
  const v = viewer ?? (await viewerOf(ctx));
  const [row] = await ctx.db
    .select()
    .from(e)
    .where(and(eq(e.id, id), visibleEntry(ctx, v)));
  if (!row) throw new AppError('not_found');
  return row;
}

export async function getEntry(ctx: ActorCtx, id: string) {
  return presentEntryDetail(ctx, await loadVisibleEntry(ctx, id));
}

/** The WHERE of a register list: visibility first, then the filters. */
export async function entryFilter(ctx: ActorCtx, q: Partial<ListEntriesQuery>): Promise<SQL> {
  const viewer = await viewerOf(ctx);
  const parts: (SQL | undefined)[] = [visibleCandidates(ctx, viewer), visibleEntry(ctx, viewer)];
  if (q.unitId) {
    const unit = await unitOfTenant(ctx.db, ctx.actor.tenantId, q.unitId);
    if (!unit) throw new AppError('not_found');
    parts.push(
      q.subtree === 'false'
        ? eq(e.unitId, unit.id)
        : sql`${entryUnitPath} like ${`${escapeLike(unit.path)}%`}`,
    );
  }
  if (q.confidentiality != null) parts.push(eq(e.confidentiality, q.confidentiality));
  if (q.restriction) parts.push(sql`${e.restrictions} @> ${JSON.stringify([{ key: q.restriction }])}::jsonb`);
  if (q.status) parts.push(eq(e.status, q.status));
  else parts.push(ne(e.status, 'archived'));
  if (q.reviewDue === 'true') parts.push(and(eq(e.status, 'confirmed'), sql`${e.reviewDueOn} <= ${today()}`));
  if (q.q) {
    const like = `%${escapeLike(q.q)}%`;
    parts.push(
      or(
        ilike(e.title, like),
        ilike(e.description, like),
        ilike(e.storageLocation, like),
        ilike(e.serialNo, like),
      ),
    );
  }
  return and(...parts)!;
}

export async function listEntries(ctx: ActorCtx, q: ListEntriesQuery) {
  const where = await entryFilter(ctx, q);
  const [{ total } = { total: 0 }] = await ctx.db.select({ total: count() }).from(e).where(where);
  const rows = await ctx.db
    .select()
    .from(e)
    .where(where)
    .orderBy(desc(e.updatedAt), asc(e.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  return { total, page: q.page, pageSize: q.pageSize, items: await presentEntries(ctx, rows) };
}
