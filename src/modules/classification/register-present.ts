// Presenters of register entries: every response shape of an entry is decided here.

import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { todayInJapan } from '../../lib/dates.js';
import type { ActorCtx } from '../../server/context.js';
import { orgUnits, people } from '../org/schema.js';
import { confirmsFor } from './register-access.js';
import { type ClassificationPolicy, entryPolicyIfAny, safeMarking } from './register-policy.js';
import { entryAbilities, isReviewDue } from './register-rules.js';
import {
  type classificationEntries,
  classificationEntryAccess,
  classificationEntryEvents,
} from './register-schema.js';
import type { EntryDetailOut, EntryOut } from './register-validation.js';
import { entrySystems } from './request-systems.js';

export type EntryRow = typeof classificationEntries.$inferSelect;

const iso = (d: Date | null) => d?.toISOString() ?? null;
export const today = () => todayInJapan();

/** Loads each policy once per response. */
export class PolicyCache {
  private readonly cache = new Map<string, Promise<ClassificationPolicy | null>>();
  constructor(
    private readonly db: Db,
    private readonly tenantId: string,
  ) {}
  get(policyId: string): Promise<ClassificationPolicy | null> {
    let p = this.cache.get(policyId);
    if (!p) {
      p = entryPolicyIfAny(this.db, this.tenantId, policyId);
      this.cache.set(policyId, p);
    }
    return p;
  }
}

async function names(db: Db, ids: string[]) {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map<string, string>();
  const rows = await db
    .select({ id: people.id, name: people.name })
    .from(people)
    .where(inArray(people.id, unique));
  return new Map(rows.map((r) => [r.id, r.name]));
}

async function units(db: Db, ids: string[]) {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map<string, { name: string; path: string; tenantId: string }>();
  const rows = await db
    .select({ id: orgUnits.id, name: orgUnits.nameJa, path: orgUnits.path, tenantId: orgUnits.tenantId })
    .from(orgUnits)
    .where(inArray(orgUnits.id, unique));
  return new Map(rows.map((r) => [r.id, r]));
}

/** Entries the caller can see (callers filtered them with visibleEntry), with names, marking and abilities. */
export async function presentEntries(ctx: ActorCtx, rows: EntryRow[]): Promise<EntryOut[]> {
  const who = await names(
    ctx.db,
    rows.flatMap((r) => [r.ownerPersonId, r.proposedBy, ...(r.confirmedBy ? [r.confirmedBy] : [])]),
  );
  const unitMap = await units(
    ctx.db,
    rows.map((r) => r.unitId),
  );
  const policies = new PolicyCache(ctx.db, ctx.actor.tenantId);
  const confirming = new Map<string, boolean>();
  for (const [id, u] of unitMap) confirming.set(id, await confirmsFor(ctx, { id, ...u }));
  const now = today();
  const out: EntryOut[] = [];
  for (const r of rows) {
    const unit = unitMap.get(r.unitId);
    const policy = await policies.get(r.policyId);
    const marking = policy ? safeMarking(policy, r) : null;
    const isOwner = r.ownerPersonId === ctx.actor.personId || r.proposedBy === ctx.actor.personId;
    const isConfirmer = confirming.get(r.unitId) ?? false;
    const person = (id: string) => ({ id, name: who.get(id) ?? '' });
    out.push({
      id: r.id,
      unitId: r.unitId,
      unitName: unit?.name ?? '',
      policyId: r.policyId,
      title: r.title,
      description: r.description,
      owner: person(r.ownerPersonId),
      form: r.form,
      storageLocation: r.storageLocation,
      confidentiality: r.confidentiality,
      integrity: r.integrity,
      availability: r.availability,
      restrictions: r.restrictions.map((x) => ({ key: x.key, param: x.param ?? null })),
      retentionUntil: r.retentionUntil,
      retentionNote: r.retentionNote,
      scopeRestricted: r.scopeRestricted,
      status: r.status,
      serialNo: r.serialNo,
      correctionComment: r.correctionComment,
      reviewDueOn: r.reviewDueOn,
      reviewDue: isReviewDue(r.status, r.reviewDueOn, now),
      marking: marking?.document ?? null,
      proposedBy: person(r.proposedBy),
      proposedAt: r.proposedAt.toISOString(),
      confirmedBy: r.confirmedBy ? person(r.confirmedBy) : null,
      confirmedAt: iso(r.confirmedAt),
      createdAt: r.createdAt.toISOString(),
      updatedAt: r.updatedAt.toISOString(),
      can: entryAbilities(r.status, { isOwner, isConfirmer }),
    });
  }
  return out;
}

export async function presentEntryDetail(ctx: ActorCtx, row: EntryRow): Promise<EntryDetailOut> {
  const [base] = await presentEntries(ctx, [row]);
  const access = await ctx.db
    .select()
    .from(classificationEntryAccess)
    .where(eq(classificationEntryAccess.entryId, row.id));
  const events = await ctx.db
    .select()
    .from(classificationEntryEvents)
    .where(eq(classificationEntryEvents.entryId, row.id))
    .orderBy(asc(classificationEntryEvents.at), asc(classificationEntryEvents.id));
  const who = await names(ctx.db, [
    ...access.flatMap((a) => (a.personId ? [a.personId] : [])),
    ...events.flatMap((ev) => (ev.personId ? [ev.personId] : [])),
  ]);
  const unitMap = await units(
    ctx.db,
    access.flatMap((a) => (a.unitId ? [a.unitId] : [])),
  );
  const policy = await new PolicyCache(ctx.db, ctx.actor.tenantId).get(row.policyId);
  const marking = policy ? safeMarking(policy, row) : null;
  const held = (await entrySystems(ctx.db, row.tenantId, [row.id])).get(row.id) ?? [];
  return {
    ...base!,
    systems: held,
    accessScope: {
      people: access.flatMap((a) =>
        a.personId ? [{ id: a.personId, name: who.get(a.personId) ?? '' }] : [],
      ),
      units: access.flatMap((a) =>
        a.unitId ? [{ id: a.unitId, name: unitMap.get(a.unitId)?.name ?? '' }] : [],
      ),
    },
    history: events.map((ev) => ({
      kind: ev.kind,
      at: ev.at.toISOString(),
      person: ev.personId ? { id: ev.personId, name: who.get(ev.personId) ?? '' } : null,
      changes: ev.changes,
      comment: ev.comment,
    })),
    markingDetail: marking
      ? { document: marking.document, mailSubject: marking.mailSubject, header: marking.header }
      : null,
  };
}

/** Unit lookup within the caller's tenant. */
export async function unitOfTenant(db: Db, tenantId: string, unitId: string) {
  const [u] = await db
    .select()
    .from(orgUnits)
    .where(and(eq(orgUnits.id, unitId), eq(orgUnits.tenantId, tenantId)));
  return u ?? null;
}
