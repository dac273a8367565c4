// Presenters of handling requests: steps, entry summary with marking, and what the caller may do.
import { asc, inArray, sql } from 'drizzle-orm';
import { rowsOf } from '../../db/client.js';
import type { ActorCtx } from '../../server/context.js';
import { orgUnits, people } from '../org/schema.js';
import type { HandlingAction } from './policy-model.js';
import { safeMarking } from './register-policy.js';
import { PolicyCache } from './register-present.js';
import { canWithdraw, requestStatusAt } from './register-rules.js';
import {
  classificationEntries,
  type handlingRequests as r,
  handlingRequestSteps as s,
} from './register-schema.js';
import type { RequestOut } from './request-validation.js';

type RequestRow = typeof r.$inferSelect;
type StepRow = typeof s.$inferSelect;

/** The role keys the caller holds, by unit: who may decide which step. */
export async function myRoles(ctx: ActorCtx): Promise<Set<string>> {
  const rows = rowsOf<{ unit_id: string; key: string }>(
    await ctx.db.execute(sql`
      select ra.unit_id, ro.key from role_assignments ra join roles ro on ro.id = ra.role_id
      where ra.person_id = ${ctx.actor.personId}`),
  );
  return new Set(rows.map((x) => `${x.unit_id}:${x.key}`));
}

export function decidable(row: RequestRow, step: StepRow, mine: Set<string>, personId: string) {
  return (
    row.status === 'pending' &&
    row.requesterPersonId !== personId &&
    step.kind === 'permission' &&
    step.decision === null &&
    // A step naming its approver (a cloud service's responsible person) is theirs alone.
    (step.approverPersonId ? step.approverPersonId === personId : mine.has(`${step.unitId}:${step.roleKey}`))
  );
}

export async function presentRequests(ctx: ActorCtx, rows: RequestRow[]): Promise<RequestOut[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((x) => x.id);
  const steps = await ctx.db.select().from(s).where(inArray(s.requestId, ids)).orderBy(asc(s.position));
  const entryIds = rows.flatMap((x) => (x.entryId ? [x.entryId] : []));
  const entries = entryIds.length
    ? await ctx.db.select().from(classificationEntries).where(inArray(classificationEntries.id, entryIds))
    : [];
  const entryMap = new Map(entries.map((x) => [x.id, x]));
  const unitIds = [...new Set([...rows.map((x) => x.unitId), ...steps.map((x) => x.unitId)])];
  const unitRows = await ctx.db
    .select({ id: orgUnits.id, name: orgUnits.nameJa })
    .from(orgUnits)
    .where(inArray(orgUnits.id, unitIds));
  const unitName = new Map(unitRows.map((u) => [u.id, u.name]));
  const personIds = [
    ...new Set([
      ...rows.map((x) => x.requesterPersonId),
      ...steps.flatMap((x) => (x.decidedByPersonId ? [x.decidedByPersonId] : [])),
    ]),
  ];
  const peopleRows = await ctx.db
    .select({ id: people.id, name: people.name })
    .from(people)
    .where(inArray(people.id, personIds));
  const personName = new Map(peopleRows.map((p) => [p.id, p.name]));
  const mine = await myRoles(ctx);
  const policies = new PolicyCache(ctx.db, ctx.actor.tenantId);
  const now = new Date();
  const out: RequestOut[] = [];
  for (const row of rows) {
    const own = steps.filter((x) => x.requestId === row.id);
    const entry = row.entryId ? entryMap.get(row.entryId) : undefined;
    const policy = entry ? await policies.get(entry.policyId) : null;
    const stepsOut = own.map((x) => ({
      id: x.id,
      position: x.position,
      kind: x.kind,
      roleKey: x.roleKey,
      roleName: x.roleName,
      unitId: x.unitId,
      unitName: unitName.get(x.unitId) ?? '',
      decision: x.decision,
      decidedBy: x.decidedByPersonId
        ? { id: x.decidedByPersonId, name: personName.get(x.decidedByPersonId) ?? '' }
        : null,
      comment: x.comment,
      decidedAt: x.decidedAt?.toISOString() ?? null,
      canDecide: decidable(row, x, mine, ctx.actor.personId),
    }));
    out.push({
      id: row.id,
      entry: entry
        ? {
            id: entry.id,
            title: entry.title,
            confidentiality: entry.confidentiality,
            serialNo: entry.serialNo,
            marking: policy ? (safeMarking(policy, entry)?.document ?? null) : null,
          }
        : null,
      unitId: row.unitId,
      unitName: unitName.get(row.unitId) ?? '',
      action: row.action as HandlingAction,
      confidentiality: row.confidentiality,
      rule: row.rule,
      details: row.details,
      destination: row.destination,
      requester: { id: row.requesterPersonId, name: personName.get(row.requesterPersonId) ?? '' },
      status: requestStatusAt(row.status, row.validUntil, now),
      validUntil: row.validUntil.toISOString(),
      decidedAt: row.decidedAt?.toISOString() ?? null,
      createdAt: row.createdAt.toISOString(),
      steps: stepsOut,
      can: {
        decide: stepsOut.some((x) => x.canDecide),
        withdraw:
          row.requesterPersonId === ctx.actor.personId &&
          canWithdraw(row.status) &&
          requestStatusAt(row.status, row.validUntil, now) !== 'expired',
      },
    });
  }
  return out;
}
