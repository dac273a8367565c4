// Handling requests (移送・提供・省外での情報処理・複製, private devices, cloud services): what the policy
// requires is computed from the entry's level and restrictions (C1's handlingRequirements); a permission
// waits for its approvers, a notification is recorded and its recipients told, a prohibition is refused.
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { rowsOf } from '../../db/client.js';
import type { ActorCtx } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import { recordAudit } from '../audit/service.js';
import { people } from '../org/schema.js';
import { type HandlingAction, handlingRequirements, hasConfidentiality } from './policy-model.js';
import { resolveRoleUnit, roleHolders, type Viewer, viewerOf } from './register-access.js';
import { decisionMail, requestMail, sendAll } from './register-mail.js';
import {
  type ClassificationPolicy,
  currentPolicy,
  entryPolicy,
  entryPolicyIfAny,
  safeMarking,
} from './register-policy.js';
import { today, unitOfTenant } from './register-present.js';
import { loadVisibleEntry } from './register-query.js';
import { canWithdraw, requestStatusAt, requestStatusFromSteps, validUntilFor } from './register-rules.js';
import {
  classificationEntries,
  handlingRequests as r,
  type StoredRequestStatus,
  handlingRequestSteps as s,
} from './register-schema.js';
import * as cloud from './request-cloud.js';
import { decidable, myRoles, presentRequests } from './request-present.js';
import { loadVisibleRequest } from './request-query.js';
import {
  assigneeRecipients,
  namedSystem,
  SYSTEM_OFFICER_ROLE,
  systemOfficerStep,
} from './request-systems.js';
import type { CreateRequestBody, RequestOut, RequirementsOut } from './request-validation.js';

type RequestRow = typeof r.$inferSelect;

const NO_ENTRY_ACTIONS: HandlingAction[] = ['private_device', 'cloud_service'];
const requestUrl = (ctx: ActorCtx, id: string) => `${ctx.config.publicUrl}/classification/requests/${id}`;

const fieldError = (path: string, ja: string, en: string) =>
  new AppError('validation_failed', { errors: [{ path, message: { ja, en } }] });

interface Resolved {
  entry: typeof classificationEntries.$inferSelect | null;
  policy: ClassificationPolicy;
  unitId: string;
  confidentiality: number;
  allowed: boolean;
  rule: string;
  steps: {
    kind: 'permission' | 'notification';
    roleKey: string;
    roleName: string;
    unitId: string;
    unitName: string;
    holders: number;
    /** The one person who answers this step: the named system's security officer, or a cloud service's responsible person. */
    assigneePersonId?: string;
  }[];
  systemId: string | null;
  cloudService: Awaited<ReturnType<typeof cloud.cloudServiceOf>>;
}

/** What the policy requires for this action on this entry (or, without an entry, at this level). */
async function resolve(
  ctx: ActorCtx,
  viewer: Viewer,
  input: {
    entryId?: string;
    action: HandlingAction;
    confidentiality?: number;
    systemId?: string;
    cloudServiceId?: string;
  },
): Promise<Resolved> {
  let entry: Resolved['entry'] = null;
  let policy: ClassificationPolicy;
  let unitId: string;
  let unitPath: string;
  let confidentiality: number;
  if (input.entryId) {
    entry = await loadVisibleEntry(ctx, input.entryId, viewer);
    if (entry.status === 'archived') throw new AppError('invalid_state');
    policy = await entryPolicy(ctx.db, entry.tenantId, entry.policyId);
    confidentiality = entry.confidentiality;
    unitId = entry.unitId;
    unitPath = (await unitOfTenant(ctx.db, entry.tenantId, entry.unitId))!.path;
  } else {
    if (!NO_ENTRY_ACTIONS.includes(input.action))
      throw fieldError(
        'body.entryId',
        '対象の情報（台帳の登録）を指定してください。',
        'Name the register entry concerned.',
      );
    if (input.confidentiality == null)
      throw fieldError(
        'body.confidentiality',
        '扱う情報の機密性を指定してください。',
        'Give the confidentiality of the information.',
      );
    policy = await currentPolicy(ctx.db, ctx.actor.tenantId);
    confidentiality = input.confidentiality;
    const [me] = await ctx.db
      .select({ unitId: people.unitId })
      .from(people)
      .where(eq(people.id, ctx.actor.personId));
    unitId = me!.unitId;
    unitPath = viewer.unitPath;
  }
  if (!hasConfidentiality(policy, confidentiality))
    throw fieldError('body.confidentiality', '格付の区分にありません。', 'Not a level of the policy.');
  const cloudService = await cloud.cloudServiceOf(ctx, input);
  const answer = cloud.cloudAnswer(
    cloudService,
    confidentiality,
    handlingRequirements(policy, input.action, confidentiality, entry?.restrictions ?? [], today()),
  );
  const steps: Resolved['steps'] = [];
  const system = await namedSystem(
    ctx,
    input.systemId,
    answer.allowed ? answer.requirements.map((q) => q.roleKey) : [],
  );
  if (answer.allowed) {
    for (const q of cloud.policyRequirements(cloudService, answer.requirements)) {
      if (system && q.roleKey === SYSTEM_OFFICER_ROLE) {
        steps.push(systemOfficerStep(system, q));
        continue;
      }
      const at = await resolveRoleUnit(ctx, ctx.actor.tenantId, unitPath, q.roleKey);
      if (!at)
        throw new AppError('no_approver', {
          detail: {
            ja: `「${q.roleName}」を担当する職員がいません。`,
            en: `Nobody holds the role ${q.roleKey}.`,
          },
          extra: { roleKey: q.roleKey, roleName: q.roleName },
        });
      steps.push({ kind: q.kind, roleKey: q.roleKey, roleName: q.roleName, ...at });
    }
    if (cloudService) steps.unshift(cloud.cloudApproverStep(cloudService));
  }
  return {
    entry,
    policy,
    unitId,
    confidentiality,
    allowed: answer.allowed,
    rule: answer.rule,
    steps,
    systemId: system?.id ?? null,
    cloudService,
  };
}

/** The request form's preview: allowed or not, by which rule, and who must permit or be told. */
export async function requirementsFor(
  ctx: ActorCtx,
  q: {
    entryId?: string;
    action: HandlingAction;
    confidentiality?: number;
    systemId?: string;
    cloudServiceId?: string;
  },
): Promise<RequirementsOut> {
  const res = await resolve(ctx, await viewerOf(ctx), q);
  return {
    allowed: res.allowed,
    rule: res.rule,
    confidentiality: res.confidentiality,
    requirements: res.steps.map((x) => ({
      kind: x.kind,
      roleKey: x.roleKey,
      roleName: x.roleName,
      unitId: x.unitId,
      unitName: x.unitName,
      approverCount: x.holders,
    })),
  };
}

export async function createRequest(ctx: ActorCtx, input: CreateRequestBody): Promise<RequestOut> {
  cloud.requireCloudService(input);
  const viewer = await viewerOf(ctx);
  const res = await resolve(ctx, viewer, input);
  const now = new Date();
  if (!res.allowed) {
    // A refusal is a decision too: it is audited, then reported with the rule that forbids it.
    await ctx.db.transaction((tx) =>
      recordAudit(tx, ctx, {
        action: 'classification.request_create',
        tenantId: ctx.actor.tenantId,
        targetId: res.entry?.id ?? null,
        after: { refused: true, action: input.action, entryId: res.entry?.id ?? null, rule: res.rule },
      }),
    );
    throw new AppError('handling_prohibited', {
      detail: { ja: res.rule, en: res.rule },
      extra: { rule: res.rule },
    });
  }
  const validUntil = validUntilFor(now, input.validUntil ? new Date(input.validUntil) : null);
  if (validUntil <= now)
    throw fieldError(
      'body.validUntil',
      '有効期限は現在より後にしてください。',
      'validUntil must be in the future.',
    );
  const stepValues = res.steps.map((x, i) => ({
    position: i + 1,
    kind: x.kind,
    roleKey: x.roleKey,
    roleName: x.roleName,
    unitId: x.unitId,
    assigneePersonId: x.assigneePersonId ?? null,
    decision: x.kind === 'notification' ? ('notified' as const) : null,
    decidedAt: x.kind === 'notification' ? now : null,
  }));
  const status = requestStatusFromSteps(stepValues);
  const row = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(r)
      .values({
        tenantId: ctx.actor.tenantId,
        entryId: res.entry?.id ?? null,
        unitId: res.unitId,
        action: input.action,
        policyId: res.policy.id,
        confidentiality: res.confidentiality,
        rule: res.rule,
        details: input.details,
        destination: input.destination,
        requesterPersonId: ctx.actor.personId,
        systemId: res.systemId,
        status,
        validUntil,
        decidedAt: status === 'pending' ? null : now,
      })
      .returning();
    if (stepValues.length) await tx.insert(s).values(stepValues.map((v) => ({ ...v, requestId: row!.id })));
    await cloud.linkCloudService(tx, row!.id, res.cloudService);
    await recordAudit(tx, ctx, {
      action: 'classification.request_create',
      tenantId: ctx.actor.tenantId,
      targetId: row!.id,
      after: {
        action: input.action,
        entryId: row!.entryId,
        confidentiality: res.confidentiality,
        rule: res.rule,
        status,
        validUntil: validUntil.toISOString(),
        steps: res.steps.map((x) => ({
          kind: x.kind,
          roleKey: x.roleKey,
          unitId: x.unitId,
          ...(x.assigneePersonId ? { assigneePersonId: x.assigneePersonId } : {}),
        })),
        ...(res.systemId ? { systemId: res.systemId } : {}),
      },
    });
    return row!;
  });
  const ref = requestRef(ctx, row, res.entry, res.policy);
  for (const step of res.steps) {
    const holders = step.assigneePersonId
      ? await assigneeRecipients(ctx, step.assigneePersonId)
      : await roleHolders(ctx, step.unitId, step.roleKey);
    const to = holders.filter((p) => p.personId !== ctx.actor.personId);
    await sendAll(ctx, to, (p) => requestMail(ref, step.kind, requestUrl(ctx, row.id), p.name));
  }
  return (await presentRequests(ctx, [row]))[0]!;
}

function requestRef(
  ctx: ActorCtx,
  row: RequestRow,
  entry: Resolved['entry'],
  policy: ClassificationPolicy | null,
) {
  return {
    action: row.action as HandlingAction,
    entry: entry
      ? { title: entry.title, marking: policy ? (safeMarking(policy, entry)?.document ?? null) : null }
      : null,
    requester: ctx.actor.personName,
    details: row.details,
  };
}

/** Approve or reject every pending permission step the caller holds the role for. */
export async function decideRequest(
  ctx: ActorCtx,
  id: string,
  decision: 'approved' | 'rejected',
  comment: string | null,
): Promise<RequestOut> {
  const v = await viewerOf(ctx);
  const before = await loadVisibleRequest(ctx, v, id);
  const mine = await myRoles(ctx);
  const result = await ctx.db.transaction(async (tx) => {
    // Locks the request: two approvers deciding at once see each other's decision.
    const [row] = rowsOf<{ status: StoredRequestStatus }>(
      await tx.execute(sql`select status from handling_requests where id = ${id} for update`),
    );
    const current = { ...before, status: row!.status };
    const steps = await tx.select().from(s).where(eq(s.requestId, id)).orderBy(asc(s.position));
    const eligible = steps.filter((x) => decidable(current, x, mine, v.personId));
    if (eligible.length === 0) {
      const couldDecide = steps.some(
        (x) =>
          x.kind === 'permission' &&
          (x.assigneePersonId ? x.assigneePersonId === v.personId : mine.has(`${x.unitId}:${x.roleKey}`)) &&
          before.requesterPersonId !== v.personId,
      );
      throw new AppError(couldDecide && current.status !== 'pending' ? 'invalid_state' : 'forbidden');
    }
    const now = new Date();
    await tx
      .update(s)
      .set({ decision, decidedByPersonId: v.personId, comment, decidedAt: now })
      .where(
        and(
          inArray(
            s.id,
            eligible.map((x) => x.id),
          ),
          isNull(s.decision),
        ),
      );
    const after = await tx.select().from(s).where(eq(s.requestId, id));
    const status = requestStatusFromSteps(after);
    const [updated] = await tx
      .update(r)
      .set({ status, decidedAt: status === 'pending' ? null : now, updatedAt: now })
      .where(eq(r.id, id))
      .returning();
    await recordAudit(tx, ctx, {
      action: decision === 'approved' ? 'classification.request_approve' : 'classification.request_reject',
      tenantId: before.tenantId,
      targetId: id,
      before: { status: current.status },
      after: { status, comment, steps: eligible.map((x) => ({ roleKey: x.roleKey, unitId: x.unitId })) },
    });
    return updated!;
  });
  if (result.status !== 'pending') {
    const entry = result.entryId
      ? ((
          await ctx.db
            .select()
            .from(classificationEntries)
            .where(eq(classificationEntries.id, result.entryId))
        )[0] ?? null)
      : null;
    const policy = entry ? await entryPolicyIfAny(ctx.db, entry.tenantId, entry.policyId) : null;
    const [requester] = await ctx.db.select().from(people).where(eq(people.id, result.requesterPersonId));
    const ref = { ...requestRef(ctx, result, entry, policy), requester: requester?.name ?? '' };
    if (requester && (result.status === 'approved' || result.status === 'rejected')) {
      const st = result.status;
      await sendAll(ctx, [{ personId: requester.id, name: requester.name, email: requester.email }], (p) =>
        decisionMail(ref, st, comment, requestUrl(ctx, id), p.name),
      );
    }
  }
  return (await presentRequests(ctx, [result]))[0]!;
}

export async function withdrawRequest(ctx: ActorCtx, id: string): Promise<RequestOut> {
  const v = await viewerOf(ctx);
  const before = await loadVisibleRequest(ctx, v, id);
  if (before.requesterPersonId !== v.personId) throw new AppError('forbidden');
  if (
    !canWithdraw(before.status) ||
    requestStatusAt(before.status, before.validUntil, new Date()) === 'expired'
  )
    throw new AppError('invalid_state');
  const row = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(r)
      .set({ status: 'withdrawn', updatedAt: new Date() })
      .where(and(eq(r.id, id), eq(r.status, before.status)))
      .returning();
    if (!row) throw new AppError('invalid_state');
    await recordAudit(tx, ctx, {
      action: 'classification.request_withdraw',
      tenantId: before.tenantId,
      targetId: id,
      before: { status: before.status },
      after: { status: 'withdrawn' },
    });
    return row;
  });
  return (await presentRequests(ctx, [row]))[0]!;
}
