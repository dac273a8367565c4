// THE visibility rule of the register, in one place: every path (lists, search, detail, exports,
// dashboard, requests) filters entries with `visibleEntry()`, so nobody outside an entry's access scope
// learns that it exists.
import { eq, type SQL, sql } from 'drizzle-orm';
import { pgArray, rowsOf } from '../../db/client.js';
import type { ActorCtx } from '../../server/context.js';
import { can, inScope, isWithin } from '../../server/policy.js';
import { orgUnits, people } from '../org/schema.js';
import { classificationEntries as e } from './register-schema.js';

export interface Viewer {
  tenantId: string;
  personId: string;
  /** Materialised path of the viewer's own unit. */
  unitPath: string;
}

export async function viewerOf(ctx: ActorCtx): Promise<Viewer> {
  const [row] = await ctx.db
    .select({ path: orgUnits.path })
    .from(people)
    .innerJoin(orgUnits, eq(orgUnits.id, people.unitId))
    .where(eq(people.id, ctx.actor.personId));
  return { tenantId: ctx.actor.tenantId, personId: ctx.actor.personId, unitPath: row?.path ?? '/-none-/' };
}

/** The path of the entry's unit (units move, so it is never copied onto the entry). */
export const entryUnitPath = sql`(select ou.path from org_units ou where ou.id = ${e.unitId})`;

/**
 * A person sees an entry's content when they are
 *  - its owner or proposer;
 *  - in its access scope (named, or in a named unit's subtree);
 *  - a member of its unit's subtree, for levels without an access scope (機密性1/2);
 *  - the one who confirms for its unit (confirmedUnits: the nearest classification.confirm holder): the
 *    division head confirms, designates the scope and answers for the division's information
 *    (000 L757-764), so they always see their division's entries;
 *  - an approver of a handling request on it (holds a step's role at the step's unit, or decided one).
 * Everyone else — colleagues outside the scope, officers higher up, the CISO and the system administrator —
 * sees nothing (managers and the CISO get counts from the overview, 000 L905-930).
 */
export function visibleEntry(ctx: ActorCtx, v: Viewer): SQL {
  // The viewer's unit is at or below a unit exactly when that unit's id is in the viewer's path.
  const above = sql`${pgArray(unitIdsOfPath(v.unitPath))}::uuid[]`;
  return sql`(${e.tenantId} = ${v.tenantId} and (
    ${e.ownerPersonId} = ${v.personId} or ${e.proposedBy} = ${v.personId}
    or (not ${e.scopeRestricted} and ${e.unitId} = any(${above}))
    or exists (
      select 1 from classification_entry_access a
      where a.entry_id = ${e.id} and (a.person_id = ${v.personId} or a.unit_id = any(${above})))
    or ${e.unitId} in (${confirmedUnits(ctx, v)})
    or exists (
      select 1 from handling_requests r join handling_request_steps s on s.request_id = r.id
      where r.entry_id = ${e.id} and (s.decided_by_person_id = ${v.personId}
        or s.assignee_person_id = ${v.personId}
        or (s.assignee_person_id is null and exists (
          select 1 from role_assignments ra join roles ro on ro.id = ra.role_id
          where ra.person_id = ${v.personId} and ra.unit_id = s.unit_id and ro.key = s.role_key))))
  ))`;
}

/** The ids in a materialised path ("/a/b/c/"): the unit and every unit above it. */
export function unitIdsOfPath(path: string): string[] {
  return path.split('/').filter((id) => /^[0-9a-f-]{36}$/i.test(id));
}

/**
 * The ids of the units the viewer confirms for: isConfirmerFor() unit by unit, computed once per query
 * (below a unit where they hold classification.confirm, with no active holder at a unit in between;
 * a unit's ancestors are the ids in its path).
 */
export function confirmedUnits(ctx: ActorCtx, v: Viewer): SQL {
  const confirm = sql`'["classification.confirm"]'::jsonb`;
  return sql`
    select u.id from role_assignments ra join roles ro on ro.id = ra.role_id join org_units cu on cu.id = ra.unit_id
      join org_units u on u.tenant_id = cu.tenant_id and ${isWithin(sql`u.path`, sql`cu.path`)}
    where ra.person_id = ${v.personId} and ro.permissions @> ${confirm} and ${inScope(ctx.actor, 'classification.confirm', sql`u.path`)}
      and not exists (
        select 1 from role_assignments ra2 join roles ro2 on ro2.id = ra2.role_id
          join org_units cu2 on cu2.id = ra2.unit_id join people p2 on p2.id = ra2.person_id
        where ra2.unit_id = any(string_to_array(trim(both '/' from u.path), '/')::uuid[])
          and ro2.permissions @> ${confirm} and p2.status <> 'left' and cu2.depth > cu.depth)`;
}

/**
 * A superset of the entries visibleEntry() lets the viewer see, built from indexed lookups only (one
 * branch per way in), so a list reads the viewer's candidates instead of testing the rule on every
 * entry of the agency (a Seq Scan over 1,000,000 entries per page view, bench:lists). Lists AND it with
 * visibleEntry(), which stays the rule.
 */
export function visibleCandidates(ctx: ActorCtx, v: Viewer): SQL {
  const above = sql`${pgArray(unitIdsOfPath(v.unitPath))}::uuid[]`;
  return sql`${e.id} = any(array(
    select ce.id from classification_entries ce where ce.owner_person_id = ${v.personId}
    union select ce.id from classification_entries ce where ce.proposed_by = ${v.personId}
    union select ce.id from classification_entries ce where ce.tenant_id = ${v.tenantId} and ce.unit_id = any(${above})
    union select a.entry_id from classification_entry_access a where a.person_id = ${v.personId}
    union select a.entry_id from classification_entry_access a where a.unit_id = any(${above})
    union select ce.id from classification_entries ce where ce.tenant_id = ${v.tenantId} and ce.unit_id in (${confirmedUnits(ctx, v)})
    union select r.entry_id from handling_requests r join handling_request_steps s on s.request_id = r.id
      where r.tenant_id = ${v.tenantId} and r.entry_id is not null and (s.decided_by_person_id = ${v.personId}
        or s.assignee_person_id = ${v.personId}
        or (s.assignee_person_id is null and exists (
          select 1 from role_assignments ra join roles ro on ro.id = ra.role_id
          where ra.person_id = ${v.personId} and ra.unit_id = s.unit_id and ro.key = s.role_key)))))`;
}

/**
 * The viewer confirms for the unit at `unitPath`: they hold classification.confirm there or above, and
 * nobody holds it closer to the unit. So the division head (課室長) confirms and sees the division's
 * entries, while a bureau officer or the system administrator with the same permission higher up does
 * not — unless the division has no head, when the next level up answers for it (as in confirmersOf).
 */
export function isConfirmerFor(ctx: ActorCtx, v: Viewer, unitPath: SQL): SQL {
  return sql`(${inScope(ctx.actor, 'classification.confirm', unitPath)} and exists (
    select 1 from role_assignments ra join roles ro on ro.id = ra.role_id join org_units cu on cu.id = ra.unit_id
    where ra.person_id = ${v.personId} and ro.permissions @> '["classification.confirm"]'::jsonb
      and ${isWithin(unitPath, sql`cu.path`)}
      and not exists (
        select 1 from role_assignments ra2 join roles ro2 on ro2.id = ra2.role_id
          join org_units cu2 on cu2.id = ra2.unit_id join people p2 on p2.id = ra2.person_id
        where ro2.permissions @> '["classification.confirm"]'::jsonb and p2.status <> 'left'
          and ${isWithin(unitPath, sql`cu2.path`)} and cu2.depth > cu.depth)))`;
}

/** Whether the caller confirms for this unit (the same rule as isConfirmerFor, for one unit). */
export async function confirmsFor(ctx: ActorCtx, unit: { id: string; tenantId: string; path: string }) {
  if (!can(ctx.actor, 'classification.confirm', { tenantId: unit.tenantId, unitPath: unit.path }))
    return false;
  return (await confirmersOf(ctx, unit.id)).some((p) => p.personId === ctx.actor.personId);
}

/**
 * The nearest unit at or above `unitPath` where an active person holds a role with `roleKey`
 * (an approver is resolved there), with how many people hold it; null when nobody does.
 */
export async function resolveRoleUnit(
  ctx: ActorCtx,
  tenantId: string,
  unitPath: string,
  roleKey: string,
): Promise<{ unitId: string; unitName: string; holders: number } | null> {
  const [row] = rowsOf<{ unit_id: string; name_ja: string; holders: number }>(
    await ctx.db.execute(sql`
      select u.id as unit_id, u.name_ja, count(distinct ra.person_id)::int as holders
      from role_assignments ra
        join roles ro on ro.id = ra.role_id
        join org_units u on u.id = ra.unit_id
        join people p on p.id = ra.person_id
      where ra.tenant_id = ${tenantId} and ro.key = ${roleKey} and p.status <> 'left'
        and ${isWithin(sql`${unitPath}`, sql`u.path`)}
      group by u.id, u.name_ja, u.depth
      order by u.depth desc
      limit 1`),
  );
  return row ? { unitId: row.unit_id, unitName: row.name_ja, holders: row.holders } : null;
}

export interface Recipient {
  personId: string;
  name: string;
  email: string | null;
}

/** People holding `roleKey` exactly at `unitId` (a step's eligible approvers). */
export async function roleHolders(
  ctx: Pick<ActorCtx, 'db'>,
  unitId: string,
  roleKey: string,
): Promise<Recipient[]> {
  return rowsOf<{ person_id: string; name: string; email: string | null }>(
    await ctx.db.execute(sql`
      select distinct p.id as person_id, p.name, p.email
      from role_assignments ra join roles ro on ro.id = ra.role_id join people p on p.id = ra.person_id
      where ra.unit_id = ${unitId} and ro.key = ${roleKey} and p.status <> 'left'
      order by p.id`),
  ).map((r) => ({ personId: r.person_id, name: r.name, email: r.email }));
}

/** The division heads who confirm for a unit: classification.confirm holders at the nearest level above it. */
export async function confirmersOf(ctx: Pick<ActorCtx, 'db'>, unitId: string): Promise<Recipient[]> {
  const rows = rowsOf<{ person_id: string; name: string; email: string | null; depth: number }>(
    await ctx.db.execute(sql`
      select distinct p.id as person_id, p.name, p.email, u.depth
      from org_units target
        join org_units u on starts_with(target.path, u.path) and u.tenant_id = target.tenant_id
        join role_assignments ra on ra.unit_id = u.id
        join roles ro on ro.id = ra.role_id
        join people p on p.id = ra.person_id
      where target.id = ${unitId} and p.status <> 'left'
        and ro.permissions @> '["classification.confirm"]'::jsonb
      order by u.depth desc, p.id`),
  );
  const nearest = rows[0]?.depth;
  return rows
    .filter((r) => r.depth === nearest)
    .map((r) => ({ personId: r.person_id, name: r.name, email: r.email }));
}
