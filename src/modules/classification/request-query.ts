// Who sees which handling request, and the request lists (mine, approver queue, unit).
import { and, asc, count, desc, eq, type SQL, sql } from 'drizzle-orm';
import type { ActorCtx } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import { withinSubtree } from '../../server/policy.js';
import { isConfirmerFor, type Viewer, viewerOf, visibleEntry } from './register-access.js';
import { unitOfTenant } from './register-present.js';
import { classificationEntries, handlingRequests as r } from './register-schema.js';
import { presentRequests } from './request-present.js';
import type { ListRequestsQuery, RequestOut, RequestPageOut } from './request-validation.js';

type RequestRow = typeof r.$inferSelect;

const requestUnitPath = sql`(select ou.path from org_units ou where ou.id = ${r.unitId})`;

/**
 * The one rule of who sees a request: its requester, an approver or recipient of one of its steps,
 * or a confirmer of its unit — and, when it names an entry, only if the entry is visible to them.
 */
export function visibleRequest(ctx: ActorCtx, v: Viewer): SQL {
  return sql`(${r.tenantId} = ${v.tenantId}
    and (${r.entryId} is null or exists (
      select 1 from classification_entries where ${classificationEntries.id} = ${r.entryId} and ${visibleEntry(ctx, v)}))
    and (${r.requesterPersonId} = ${v.personId}
      or ${isConfirmerFor(ctx, v, requestUnitPath)}
      or exists (select 1 from handling_request_steps hs where hs.request_id = ${r.id} and (
        hs.decided_by_person_id = ${v.personId} or hs.approver_person_id = ${v.personId} or exists (
          select 1 from role_assignments ra join roles ro on ro.id = ra.role_id
          where ra.person_id = ${v.personId} and ra.unit_id = hs.unit_id and ro.key = hs.role_key)))))`;
}

/** Requests waiting for this person's decision (never their own). */
export function awaitingMe(v: Viewer): SQL {
  return sql`(${r.status} = 'pending' and ${r.requesterPersonId} <> ${v.personId} and exists (
    select 1 from handling_request_steps hs
    where hs.request_id = ${r.id} and hs.kind = 'permission' and hs.decision is null
      and (hs.approver_person_id = ${v.personId} or (hs.approver_person_id is null and exists (
        select 1 from role_assignments ra join roles ro on ro.id = ra.role_id
        where ra.unit_id = hs.unit_id and ra.person_id = ${v.personId} and ro.key = hs.role_key)))))`;
}

export async function loadVisibleRequest(ctx: ActorCtx, v: Viewer, id: string): Promise<RequestRow> {
  const [row] = await ctx.db
    .select()
    .from(r)
    .where(and(eq(r.id, id), visibleRequest(ctx, v)));
  if (!row) throw new AppError('not_found');
  return row;
}

export async function getRequest(ctx: ActorCtx, id: string): Promise<RequestOut> {
  const row = await loadVisibleRequest(ctx, await viewerOf(ctx), id);
  return (await presentRequests(ctx, [row]))[0]!;
}

export async function requestFilter(ctx: ActorCtx, q: Partial<ListRequestsQuery>): Promise<SQL> {
  const v = await viewerOf(ctx);
  const parts: SQL[] = [visibleRequest(ctx, v)];
  const queue = q.queue ?? 'mine';
  if (queue === 'mine') parts.push(eq(r.requesterPersonId, v.personId));
  if (queue === 'approver') parts.push(awaitingMe(v));
  if (queue === 'unit') {
    const unitPath = sql`(select ou.path from org_units ou where ou.id = ${r.unitId})`;
    parts.push(isConfirmerFor(ctx, v, unitPath));
    if (q.unitId) {
      const unit = await unitOfTenant(ctx.db, ctx.actor.tenantId, q.unitId);
      if (!unit) throw new AppError('not_found');
      parts.push(withinSubtree(unitPath, unit.path));
    }
  }
  if (q.entryId) parts.push(eq(r.entryId, q.entryId));
  const now = new Date();
  if (q.status === 'expired') parts.push(sql`${r.status} = 'approved' and ${r.validUntil} <= ${now}`);
  else if (q.status === 'approved') parts.push(sql`${r.status} = 'approved' and ${r.validUntil} > ${now}`);
  else if (q.status) parts.push(eq(r.status, q.status));
  return and(...parts)!;
}

export async function listRequests(ctx: ActorCtx, q: ListRequestsQuery): Promise<RequestPageOut> {
  const where = await requestFilter(ctx, q);
  const [{ total } = { total: 0 }] = await ctx.db.select({ total: count() }).from(r).where(where);
  const rows = await ctx.db
    .select()
    .from(r)
    .where(where)
    .orderBy(desc(r.createdAt), asc(r.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  return { total, page: q.page, pageSize: q.pageSize, items: await presentRequests(ctx, rows) };
}

/** The approver queue's WHERE, for the dashboard. */
export async function approverQueueFilter(ctx: ActorCtx): Promise<SQL> {
  const v = await viewerOf(ctx);
  return and(visibleRequest(ctx, v), awaitingMe(v))!;
}
