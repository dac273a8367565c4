import { and, eq } from 'drizzle-orm';
import type { ActorCtx } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import { canTenantWide } from '../../server/policy.js';
import { recordAudit } from '../audit/service.js';
import { approverName, currentDocument, liveDocument } from './document.js';
import { isNarrativeKey, NARRATIVE_BLOCKS } from './narratives.js';
import { nextState, type ReportAction } from './rules.js';
import { annualReports, EMPTY_FACTS, type ReportFacts, reportNarratives } from './schema.js';
import {
  currentNarratives,
  ensureReport,
  findReport,
  namesOf,
  narrativeVersions,
  nextVersion,
  type ReportRow,
  tenantOf,
} from './store.js';
import type { FactsBody, ReportOut } from './validation.js';

// The annual report: the office (report.manage) writes it, the CISO (report.approve) approves or
// returns it; everyone with report.view reads it. All tenant-wide, in agencies only.

type Perm = 'report.view' | 'report.manage' | 'report.approve';

function may(ctx: ActorCtx, perm: Perm) {
  return ctx.actor.tenantKind === 'agency' && canTenantWide(ctx.actor, perm);
}

/** Readers: anyone holding one of the report permissions agency-wide; others learn nothing. */
function authorizeRead(ctx: ActorCtx) {
  if (!(['report.view', 'report.manage', 'report.approve'] as const).some((p) => may(ctx, p))) {
    throw new AppError('not_found');
  }
}

function authorizeOne(ctx: ActorCtx, perms: Perm[]) {
  authorizeRead(ctx);
  if (!perms.some((p) => may(ctx, p))) throw new AppError('forbidden');
}

const stateError = (ja: string, en: string) => new AppError('invalid_state', { detail: { ja, en } });

const baseUrl = (ctx: ActorCtx) => ctx.config.publicUrl ?? null;

export async function getAnnualReport(ctx: ActorCtx, fiscalYear: number): Promise<ReportOut> {
  authorizeRead(ctx);
  const tenant = await tenantOf(ctx.db, ctx.actor.tenantId);
  const report = await findReport(ctx.db, tenant.id, fiscalYear);
  const [narratives, doc, names] = await Promise.all([
    currentNarratives(ctx.db, report?.id ?? null),
    currentDocument(ctx.db, tenant, fiscalYear, baseUrl(ctx)),
    namesOf(ctx.db, [report?.requestedBy ?? null, report?.approvedBy ?? null]),
  ]);
  const state = report?.state ?? 'draft';
  const manage = may(ctx, 'report.manage');
  const approve = may(ctx, 'report.approve');
  return {
    fiscalYear,
    state,
    facts: report?.facts ?? EMPTY_FACTS,
    narratives: NARRATIVE_BLOCKS.map((b) => {
      const n = narratives[b.key];
      return {
        key: b.key,
        titleJa: b.ja,
        titleEn: b.en,
        text: n?.text ?? '',
        version: n?.version ?? null,
        authorName: n?.author ?? null,
        createdAt: n?.createdAt ?? null,
      };
    }),
    requestedAt: report?.requestedAt?.toISOString() ?? null,
    requestedByName: names.get(report?.requestedBy ?? '') ?? null,
    approvedAt: report?.approvedAt?.toISOString() ?? null,
    approvedByName: names.get(report?.approvedBy ?? '') ?? null,
    returnComment: report?.returnComment ?? null,
    can: {
      edit: manage && state === 'draft',
      requestApproval: manage && state === 'draft',
      approve: approve && state === 'pending_approval',
      return: approve && state === 'pending_approval',
      reopen: (manage || approve) && state === 'approved',
      submitStatement: manage,
    },
    doc: doc as unknown as Record<string, unknown>,
  };
}

/**
 * Runs one step of the flow on the year's report: checks the state, applies the change guarded by
 * the revision read (a concurrent change makes this one fail with 409), and records the audit event.
 */
async function step(
  ctx: ActorCtx,
  fiscalYear: number,
  action: ReportAction,
  change: (tx: ActorCtx['db'], report: ReportRow) => Promise<Partial<ReportRow>>,
  audit: (
    before: ReportRow,
    after: ReportRow,
  ) => { action: Parameters<typeof recordAudit>[2]['action']; before?: unknown; after?: unknown },
) {
  const report = await ensureReport(ctx.db, ctx.actor.tenantId, fiscalYear);
  const next = nextState(report.state, action);
  if (!next) {
    throw report.state === 'approved'
      ? stateError(
          '承認済みの年次報告です。変更するには先に「再編集」してください。',
          'The report is approved. Reopen it before changing anything.',
        )
      : stateError('現在の状態ではこの操作はできません。', 'Not possible in the report’s current state.');
  }
  await ctx.db.transaction(async (tx) => {
    const set = await change(tx, report);
    const [row] = await tx
      .update(annualReports)
      .set({ ...set, state: next, revision: report.revision + 1, updatedAt: new Date() })
      .where(and(eq(annualReports.id, report.id), eq(annualReports.revision, report.revision)))
      .returning();
    if (!row) throw new AppError('conflict');
    const a = audit(report, row);
    await recordAudit(tx, ctx, { ...a, tenantId: ctx.actor.tenantId, targetId: report.id });
  });
}

export async function updateFacts(ctx: ActorCtx, fiscalYear: number, facts: FactsBody) {
  authorizeOne(ctx, ['report.manage']);
  await step(
    ctx,
    fiscalYear,
    'edit',
    async () => ({ facts: facts satisfies ReportFacts }),
    (before, after) => ({ action: 'report.facts_update', before: before.facts, after: after.facts }),
  );
  return getAnnualReport(ctx, fiscalYear);
}

/** Every save is a new version of the block; earlier versions stay (history). */
export async function saveNarrative(ctx: ActorCtx, fiscalYear: number, key: string, body: string) {
  authorizeOne(ctx, ['report.manage']);
  if (!isNarrativeKey(key)) throw new AppError('not_found');
  let version = 0;
  await step(
    ctx,
    fiscalYear,
    'edit',
    async (tx, report) => {
      version = await nextVersion(tx, report.id, key);
      // The unique (report, key, version) refuses a concurrent save of the same version.
      await tx.insert(reportNarratives).values({
        reportId: report.id,
        blockKey: key,
        version,
        body,
        authorId: ctx.actor.personId,
      });
      return {};
    },
    () => ({ action: 'report.narrative_save', after: { key, version, length: body.length } }),
  );
  return getAnnualReport(ctx, fiscalYear);
}

export async function narrativeHistory(ctx: ActorCtx, fiscalYear: number, key: string) {
  authorizeRead(ctx);
  if (!isNarrativeKey(key)) throw new AppError('not_found');
  const report = await findReport(ctx.db, ctx.actor.tenantId, fiscalYear);
  return report ? narrativeVersions(ctx.db, report.id, key) : [];
}

export async function requestApproval(ctx: ActorCtx, fiscalYear: number) {
  authorizeOne(ctx, ['report.manage']);
  await step(
    ctx,
    fiscalYear,
    'request_approval',
    async () => ({ requestedBy: ctx.actor.personId, requestedAt: new Date(), returnComment: null }),
    () => ({ action: 'report.request_approval', before: 'draft', after: 'pending_approval' }),
  );
  return getAnnualReport(ctx, fiscalYear);
}

/** The CISO approves: the document as it stands is frozen as the snapshot the exports come from. */
export async function approveReport(ctx: ActorCtx, fiscalYear: number) {
  authorizeOne(ctx, ['report.approve']);
  const tenant = await tenantOf(ctx.db, ctx.actor.tenantId);
  await step(
    ctx,
    fiscalYear,
    'approve',
    async (tx, report) => {
      const at = new Date();
      const snapshot = await liveDocument(tx, tenant, fiscalYear, report, baseUrl(ctx), {
        by: await approverName(tx, ctx.actor.personId),
        at: at.toISOString(),
      });
      return { approvedBy: ctx.actor.personId, approvedAt: at, snapshot };
    },
    () => ({ action: 'report.approve', before: 'pending_approval', after: 'approved' }),
  );
  return getAnnualReport(ctx, fiscalYear);
}

export async function returnReport(ctx: ActorCtx, fiscalYear: number, comment: string) {
  authorizeOne(ctx, ['report.approve']);
  await step(
    ctx,
    fiscalYear,
    'return',
    async () => ({ returnComment: comment }),
    () => ({ action: 'report.return', before: 'pending_approval', after: { state: 'draft', comment } }),
  );
  return getAnnualReport(ctx, fiscalYear);
}

/** Back to draft after approval; the approved snapshot stays in the audit trail. */
export async function reopenReport(ctx: ActorCtx, fiscalYear: number) {
  authorizeOne(ctx, ['report.approve', 'report.manage']);
  await step(
    ctx,
    fiscalYear,
    'reopen',
    async () => ({ snapshot: null, approvedBy: null, approvedAt: null }),
    (before) => ({
      action: 'report.reopen',
      before: { state: 'approved', approvedAt: before.approvedAt, snapshot: before.snapshot },
      after: 'draft',
    }),
  );
  return getAnnualReport(ctx, fiscalYear);
}

export { authorizeOne, authorizeRead };
