// The information register: propose, correct, confirm or return, review, archive. Every entry is first
// loaded through visibleEntry() (register-query.ts), so anything the caller cannot see is "not found".

import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { ActorCtx } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import { recordAudit } from '../audit/service.js';
import { people } from '../org/schema.js';
import { confirmersOf, confirmsFor, viewerOf } from './register-access.js';
import { confirmedMail, proposalMail, returnedMail, sendAll } from './register-mail.js';
import {
  type ClassificationPolicy,
  checkAgainstPolicy,
  confidentialityLevel,
  currentPolicy,
  entryPolicy,
  entryPolicyIfAny,
  safeMarking,
} from './register-policy.js';
import { type EntryRow, presentEntryDetail, today, unitOfTenant } from './register-present.js';
import { loadVisibleEntry } from './register-query.js';
import { canTransition, type EntryOp, entryAbilities, nextReviewOn, statusAfter } from './register-rules.js';
import {
  classificationEntryEvents,
  type EntryEventKind,
  classificationEntries as e,
} from './register-schema.js';
import {
  checkScope,
  currentScope,
  fieldError,
  issueSerial,
  replaceScope,
  requireScopeIfNeeded,
} from './register-scope.js';
import type {
  ArchiveEntryBody,
  ConfirmEntryBody,
  CreateEntryBody,
  ReturnEntryBody,
  ReviewEntryBody,
  UpdateEntryBody,
} from './register-validation.js';
import { checkEntrySystems, setEntrySystems } from './request-systems.js';

const entryUrl = (ctx: ActorCtx, id: string) => `${ctx.config.publicUrl}/classification/entries/${id}`;

/** The caller's role for an entry they can see; throws "forbidden" when `op` is not theirs to do. */
async function requireAbility(ctx: ActorCtx, row: EntryRow, op: EntryOp) {
  const isOwner = row.ownerPersonId === ctx.actor.personId || row.proposedBy === ctx.actor.personId;
  const unit = await unitOfTenant(ctx.db, row.tenantId, row.unitId);
  const isConfirmer = !!unit && (await confirmsFor(ctx, unit));
  const abilities = entryAbilities(row.status, { isOwner, isConfirmer });
  const allowed = op === 'return' ? abilities.confirm : abilities[op];
  if (allowed) return { isOwner, isConfirmer };
  const holdsRole =
    op === 'confirm' || op === 'return' ? isConfirmer : op === 'edit' ? isOwner : isOwner || isConfirmer;
  if (holdsRole && !canTransition(op, row.status)) throw new AppError('invalid_state');
  throw new AppError('forbidden');
}

async function recordEvent(
  tx: Db,
  ctx: ActorCtx,
  entryId: string,
  kind: EntryEventKind,
  changes: Record<string, [unknown, unknown]> = {},
  comment: string | null = null,
) {
  await tx
    .insert(classificationEntryEvents)
    .values({ entryId, kind, personId: ctx.actor.personId, changes, comment });
}

function levelOf(policy: ClassificationPolicy, value: number) {
  const level = confidentialityLevel(policy, value);
  if (!level)
    throw fieldError('body.confidentiality', '格付の区分にありません。', 'Not a level of the policy.');
  return level;
}

async function mailConfirmers(ctx: ActorCtx, row: EntryRow, policy: ClassificationPolicy) {
  const to = (await confirmersOf(ctx, row.unitId)).filter((r) => r.personId !== ctx.actor.personId);
  const marking = safeMarking(policy, row)?.document ?? null;
  await sendAll(ctx, to, (r) =>
    proposalMail({ title: row.title, marking }, ctx.actor.personName, entryUrl(ctx, row.id), r.name),
  );
}

async function mailPerson(
  ctx: ActorCtx,
  personId: string,
  mail: (name: string) => { subject: string; text: string },
) {
  if (personId === ctx.actor.personId) return;
  const [p] = await ctx.db.select().from(people).where(eq(people.id, personId));
  if (p) await sendAll(ctx, [{ personId: p.id, name: p.name, email: p.email }], (r) => mail(r.name));
}

export async function createEntry(ctx: ActorCtx, input: CreateEntryBody) {
  const viewer = await viewerOf(ctx);
  const policy = await currentPolicy(ctx.db, ctx.actor.tenantId);
  checkAgainstPolicy(policy, input);
  const level = levelOf(policy, input.confidentiality);
  const [me] = await ctx.db.select().from(people).where(eq(people.id, ctx.actor.personId));
  const unit = await unitOfTenant(ctx.db, ctx.actor.tenantId, input.unitId ?? me!.unitId);
  if (!unit) throw new AppError('not_found');
  // Staff register information of their own unit (or a unit above it); heads also of units they confirm for.
  const ownUnit = viewer.unitPath.startsWith(unit.path);
  if (!ownUnit && !(await confirmsFor(ctx, unit))) throw new AppError('forbidden');
  const ownerId = input.ownerPersonId ?? ctx.actor.personId;
  if (input.ownerPersonId) {
    const [owner] = await ctx.db
      .select({ id: people.id })
      .from(people)
      .where(and(eq(people.id, ownerId), eq(people.tenantId, ctx.actor.tenantId)));
    if (!owner) throw fieldError('body.ownerPersonId', '職員が見つかりません。', 'Unknown person.');
  }
  const scope = input.accessScope ?? null;
  await checkScope(ctx.db, ctx.actor.tenantId, input.accessScope);
  const systemIds = await checkEntrySystems(ctx, input.systemIds ?? []);
  requireScopeIfNeeded(level.requiresAccessScope, scope);
  // Levels the policy does not ask the head to confirm are final once the creator classifies them.
  const confirmed = !level.requiresConfirmation;
  const now = new Date();

  const row = await ctx.db.transaction(async (tx) => {
    const serialNo = level.serialNumbered ? await issueSerial(tx, ctx.actor.tenantId) : null;
    const [row] = await tx
      .insert(e)
      .values({
        tenantId: ctx.actor.tenantId,
        unitId: unit.id,
        policyId: policy.id,
        title: input.title,
        description: input.description,
        ownerPersonId: ownerId,
        form: input.form,
        storageLocation: input.storageLocation,
        confidentiality: input.confidentiality,
        integrity: input.integrity ?? null,
        availability: input.availability ?? null,
        restrictions: input.restrictions.map((r) => ({ key: r.key, param: r.param ?? null })),
        retentionUntil: input.retentionUntil ?? null,
        retentionNote: input.retentionNote,
        scopeRestricted: level.requiresAccessScope,
        status: confirmed ? 'confirmed' : 'proposed',
        serialNo,
        reviewDueOn: confirmed ? nextReviewOn(today(), level.reviewIntervalMonths) : null,
        proposedBy: ctx.actor.personId,
        proposedAt: now,
        confirmedBy: confirmed ? ctx.actor.personId : null,
        confirmedAt: confirmed ? now : null,
      })
      .returning();
    if (scope) await replaceScope(tx, row!.id, scope);
    if (systemIds.length) await setEntrySystems(tx, ctx.actor.tenantId, row!.id, systemIds);
    await recordEvent(tx, ctx, row!.id, 'proposed');
    if (serialNo) await recordEvent(tx, ctx, row!.id, 'serial_issued', { serialNo: [null, serialNo] });
    if (confirmed) await recordEvent(tx, ctx, row!.id, 'confirmed');
    await recordAudit(tx, ctx, {
      action: 'classification.entry_propose',
      tenantId: ctx.actor.tenantId,
      targetId: row!.id,
      after: { ...auditShape(row!), accessScope: scope, ...(systemIds.length ? { systemIds } : {}) },
    });
    return row!;
  });
  if (!confirmed) await mailConfirmers(ctx, row, policy);
  return presentEntryDetail(ctx, row);
}

/** What the audit trail keeps of an entry: its classification, not its description. */
function auditShape(r: EntryRow) {
  return {
    title: r.title,
    unitId: r.unitId,
    policyId: r.policyId,
    confidentiality: r.confidentiality,
    integrity: r.integrity,
    availability: r.availability,
    restrictions: r.restrictions,
    status: r.status,
    serialNo: r.serialNo,
    storageLocation: r.storageLocation,
    ownerPersonId: r.ownerPersonId,
  };
}

function diff(before: EntryRow, after: EntryRow): Record<string, [unknown, unknown]> {
  const out: Record<string, [unknown, unknown]> = {};
  const keys = [
    'title',
    'description',
    'ownerPersonId',
    'form',
    'storageLocation',
    'confidentiality',
    'integrity',
    'availability',
    'restrictions',
    'retentionUntil',
    'retentionNote',
    'status',
    'policyId',
    'serialNo',
    'reviewDueOn',
  ] as const;
  for (const k of keys) {
    if (JSON.stringify(before[k]) !== JSON.stringify(after[k])) out[k] = [before[k], after[k]];
  }
  return out;
}

/** The owner corrects a proposed or returned entry; the correction is proposed to the head again. */
export async function updateEntry(ctx: ActorCtx, id: string, input: UpdateEntryBody) {
  const viewer = await viewerOf(ctx);
  const before = await loadVisibleEntry(ctx, id, viewer);
  await requireAbility(ctx, before, 'edit');
  // A correction is classified under the policy in force now.
  const policy = await currentPolicy(ctx.db, ctx.actor.tenantId);
  const merged = {
    confidentiality: input.confidentiality ?? before.confidentiality,
    integrity: input.integrity !== undefined ? input.integrity : before.integrity,
    availability: input.availability !== undefined ? input.availability : before.availability,
    restrictions: input.restrictions ?? before.restrictions,
  };
  checkAgainstPolicy(policy, merged);
  const level = levelOf(policy, merged.confidentiality);
  if (input.ownerPersonId) {
    const [owner] = await ctx.db
      .select({ id: people.id })
      .from(people)
      .where(and(eq(people.id, input.ownerPersonId), eq(people.tenantId, ctx.actor.tenantId)));
    if (!owner) throw fieldError('body.ownerPersonId', '職員が見つかりません。', 'Unknown person.');
  }
  await checkScope(ctx.db, ctx.actor.tenantId, input.accessScope);
  const systemIds = input.systemIds ? await checkEntrySystems(ctx, input.systemIds) : undefined;
  const scope = input.accessScope ?? (await currentScope(ctx.db, id));
  requireScopeIfNeeded(level.requiresAccessScope, scope);
  const wasReturned = before.status === 'returned';

  const row = await ctx.db.transaction(async (tx) => {
    const needsSerial = level.serialNumbered && !before.serialNo;
    const serialNo = needsSerial ? await issueSerial(tx, before.tenantId) : before.serialNo;
    const [row] = await tx
      .update(e)
      .set({
        title: input.title ?? before.title,
        description: input.description ?? before.description,
        ownerPersonId: input.ownerPersonId ?? before.ownerPersonId,
        form: input.form ?? before.form,
        storageLocation: input.storageLocation ?? before.storageLocation,
        confidentiality: merged.confidentiality,
        integrity: merged.integrity,
        availability: merged.availability,
        restrictions: merged.restrictions.map((r) => ({ key: r.key, param: r.param ?? null })),
        retentionUntil: input.retentionUntil !== undefined ? input.retentionUntil : before.retentionUntil,
        retentionNote: input.retentionNote ?? before.retentionNote,
        policyId: policy.id,
        scopeRestricted: level.requiresAccessScope,
        status: statusAfter('edit', before.status),
        serialNo,
        proposedAt: new Date(),
        updatedAt: new Date(),
      })
      .where(eq(e.id, id))
      .returning();
    if (input.accessScope) await replaceScope(tx, id, input.accessScope);
    const changes = diff(before, row!);
    if (input.accessScope) changes.accessScope = [null, input.accessScope];
    if (systemIds) {
      await setEntrySystems(tx, before.tenantId, id, systemIds);
      changes.systemIds = [null, systemIds];
    }
    await recordEvent(tx, ctx, id, wasReturned ? 'proposed' : 'updated', changes);
    if (needsSerial) await recordEvent(tx, ctx, id, 'serial_issued', { serialNo: [null, serialNo] });
    await recordAudit(tx, ctx, {
      action: 'classification.entry_update',
      tenantId: before.tenantId,
      targetId: id,
      before: auditShape(before),
      after: { ...auditShape(row!), accessScope: input.accessScope, ...(systemIds ? { systemIds } : {}) },
    });
    return row!;
  });
  await mailConfirmers(ctx, row, policy);
  return presentEntryDetail(ctx, row);
}

export async function confirmEntry(ctx: ActorCtx, id: string, input: typeof ConfirmEntryBody._zod.output) {
  const before = await loadVisibleEntry(ctx, id);
  await requireAbility(ctx, before, 'confirm');
  const policy = await entryPolicy(ctx.db, before.tenantId, before.policyId);
  const level = confidentialityLevel(policy, before.confidentiality);
  await checkScope(ctx.db, before.tenantId, input.accessScope);
  const scope = input.accessScope ?? (await currentScope(ctx.db, id));
  requireScopeIfNeeded(before.scopeRestricted, scope);
  const row = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(e)
      .set({
        status: statusAfter('confirm', before.status),
        storageLocation: input.storageLocation ?? before.storageLocation,
        correctionComment: null,
        confirmedBy: ctx.actor.personId,
        confirmedAt: new Date(),
        reviewDueOn: nextReviewOn(today(), level?.reviewIntervalMonths ?? null),
        updatedAt: new Date(),
      })
      .where(and(eq(e.id, id), eq(e.status, before.status)))
      .returning();
    if (!row) throw new AppError('invalid_state');
    if (input.accessScope) await replaceScope(tx, id, input.accessScope);
    const changes = diff(before, row);
    if (input.accessScope) changes.accessScope = [null, input.accessScope];
    await recordEvent(tx, ctx, id, 'confirmed', changes, input.comment ?? null);
    await recordAudit(tx, ctx, {
      action: 'classification.entry_confirm',
      tenantId: before.tenantId,
      targetId: id,
      before: auditShape(before),
      after: { ...auditShape(row), comment: input.comment ?? null, accessScope: input.accessScope },
    });
    return row;
  });
  const marking = safeMarking(policy, row)?.document ?? null;
  await mailPerson(ctx, row.proposedBy, (name) =>
    confirmedMail({ title: row.title, marking }, entryUrl(ctx, id), name),
  );
  return presentEntryDetail(ctx, row);
}

/** The head orders a correction (000 L757-760): the comment says what to correct. */
export async function returnEntry(ctx: ActorCtx, id: string, input: typeof ReturnEntryBody._zod.output) {
  const before = await loadVisibleEntry(ctx, id);
  await requireAbility(ctx, before, 'return');
  const row = await transition(
    ctx,
    before,
    'return',
    'returned',
    { correctionComment: input.comment },
    input.comment,
  );
  const policy = await entryPolicyIfAny(ctx.db, before.tenantId, before.policyId);
  const marking = policy ? (safeMarking(policy, row)?.document ?? null) : null;
  await mailPerson(ctx, row.proposedBy, (name) =>
    returnedMail({ title: row.title, marking }, input.comment, entryUrl(ctx, id), name),
  );
  return presentEntryDetail(ctx, row);
}

export async function reviewEntry(ctx: ActorCtx, id: string, input: typeof ReviewEntryBody._zod.output) {
  const before = await loadVisibleEntry(ctx, id);
  await requireAbility(ctx, before, 'review');
  const policy = await entryPolicyIfAny(ctx.db, before.tenantId, before.policyId);
  const interval = policy
    ? (confidentialityLevel(policy, before.confidentiality)?.reviewIntervalMonths ?? null)
    : null;
  const next = input.nextReviewOn ?? nextReviewOn(today(), interval);
  if (next && next <= today())
    throw fieldError(
      'body.nextReviewOn',
      '次回の見直し日は今日より後にしてください。',
      'The next review must be after today.',
    );
  const row = await transition(
    ctx,
    before,
    'review',
    'reviewed',
    { reviewDueOn: next },
    input.comment ?? null,
  );
  return presentEntryDetail(ctx, row);
}

/** Archived entries keep their serial number: it is never issued again (000 L790). */
export async function archiveEntry(ctx: ActorCtx, id: string, input: typeof ArchiveEntryBody._zod.output) {
  const before = await loadVisibleEntry(ctx, id);
  await requireAbility(ctx, before, 'archive');
  const row = await transition(ctx, before, 'archive', 'archived', {}, input.comment ?? null);
  return presentEntryDetail(ctx, row);
}

const AUDIT_OF = {
  return: 'classification.entry_return',
  review: 'classification.entry_review',
  archive: 'classification.entry_archive',
} as const;

async function transition(
  ctx: ActorCtx,
  before: EntryRow,
  op: 'return' | 'review' | 'archive',
  kind: EntryEventKind,
  set: Partial<EntryRow>,
  comment: string | null,
) {
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(e)
      .set({ ...set, status: statusAfter(op, before.status), updatedAt: new Date() })
      .where(and(eq(e.id, before.id), eq(e.status, before.status)))
      .returning();
    if (!row) throw new AppError('invalid_state');
    await recordEvent(tx, ctx, before.id, kind, diff(before, row), comment);
    await recordAudit(tx, ctx, {
      action: AUDIT_OF[op],
      tenantId: before.tenantId,
      targetId: before.id,
      before: auditShape(before),
      after: { ...auditShape(row), comment },
    });
    return row;
  });
}
