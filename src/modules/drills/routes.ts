import { desc, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorCtx } from '../../server/auth.js';
import type { ActorCtx } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import { Binary, sendDownload } from '../../server/files.js';
import { authorizeTenantWide } from '../../server/policy.js';
import { recordAudit } from '../audit/service.js';
import { IdParams } from '../org/validation.js';
import {
  createDrill,
  deleteDrill,
  getDrill,
  listDrills,
  loadDrill,
  previewDrill,
  resendUnknown,
  scheduleDrill,
  transitionDrill,
  updateDrill,
} from './drill-service.js';
import { assignFollowUp } from './follow-up.js';
import { ingestInbound, MAX_INBOUND_BYTES } from './inbound.js';
import { drillProgress, exportResults, listRecipients } from './recipients-service.js';
import { compareDrills, drillSummary, getResults } from './results-service.js';
import { drillInboundMail } from './schema.js';
import {
  CompareOut,
  CreateDrillBody,
  DrillOut,
  FollowUpBody,
  FollowUpOut,
  InboundListOut,
  InboundOut,
  PreviewOut,
  ProgressOut,
  RecipientsOut,
  RecipientsQuery,
  ResultsOut,
  ResultsQuery,
  SummaryOut,
  TransitionBody,
  UpdateDrillBody,
} from './validation.js';

async function followUpNow(ctx: ActorCtx, id: string, courseId?: string) {
  authorizeTenantWide(ctx.actor, 'drill.manage');
  const d = await loadDrill(ctx, id);
  if (!courseId && !d.followUpCourseId) {
    throw new AppError('invalid_state', {
      detail: { ja: 'フォローアップ研修のコースが指定されていません。', en: 'No follow-up course is set.' },
    });
  }
  return assignFollowUp(ctx, id, courseId);
}

/** Drill administration and results (logged-in users). */
export async function drillRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['drills'];
  const view = { access: 'drill.view' } as const;
  const manage = { access: 'drill.manage' } as const;

  app.addContentTypeParser(
    ['message/rfc822', 'application/octet-stream', 'text/plain'],
    { parseAs: 'buffer', bodyLimit: MAX_INBOUND_BYTES },
    (_req, body, done) => done(null, body),
  );

  r.get(
    '/drills',
    { config: view, schema: { tags, response: { 200: z.object({ items: z.array(DrillOut) }) } } },
    async (req) => ({ items: await listDrills(actorCtx(req)) }),
  );
  r.post(
    '/drills',
    {
      config: manage,
      schema: { tags, summary: 'Create a drill (draft)', body: CreateDrillBody, response: { 201: DrillOut } },
    },
    async (req, reply) => reply.code(201).send(await createDrill(actorCtx(req), req.body)),
  );
  r.get(
    '/drills/summary',
    {
      config: view,
      schema: {
        tags,
        summary: 'The latest drill’s figures on your subtree (dashboard)',
        response: { 200: SummaryOut },
      },
    },
    async (req) => drillSummary(actorCtx(req)),
  );
  r.get(
    '/drills/reports',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Mail received by the report mailbox (latest 200)',
        response: { 200: InboundListOut },
      },
    },
    async (req) => {
      const ctx = actorCtx(req);
      authorizeTenantWide(ctx.actor, 'drill.manage');
      const rows = await ctx.db
        .select()
        .from(drillInboundMail)
        .where(eq(drillInboundMail.tenantId, ctx.actor.tenantId))
        .orderBy(desc(drillInboundMail.receivedAt))
        .limit(200);
      return {
        items: rows.map((m) => ({
          id: m.id,
          kind: m.kind,
          drillId: m.drillId,
          fromAddress: m.fromAddress,
          subject: m.subject,
          receivedAt: m.receivedAt.toISOString(),
          via: m.via,
        })),
      };
    },
  );
  r.post(
    '/drills/reports/inbound',
    {
      config: manage,
      bodyLimit: MAX_INBOUND_BYTES,
      schema: {
        tags,
        summary:
          'A message forwarded by the mail gateway (message/rfc822): a reported lure, a reply to an exchange drill, a bounce, or other suspicious mail',
        response: { 200: InboundOut },
      },
    },
    async (req) => {
      const ctx = actorCtx(req);
      authorizeTenantWide(ctx.actor, 'drill.manage');
      if (!Buffer.isBuffer(req.body) || req.body.length === 0) {
        throw new AppError('bad_request', {
          detail: {
            ja: 'メール本文（message/rfc822）がありません。',
            en: 'Send the raw message as message/rfc822.',
          },
        });
      }
      const res = await ingestInbound(ctx, req.body, {
        via: 'api',
        tenantId: ctx.actor.tenantId,
        ...(ctx.config.drills.incidentAddress ? { incidentAddress: ctx.config.drills.incidentAddress } : {}),
      });
      await ctx.db.transaction((tx) =>
        recordAudit(tx, ctx, {
          action: 'drill.inbound_mail',
          tenantId: ctx.actor.tenantId,
          targetId: res.drillId,
          after: { kind: res.kind, size: (req.body as Buffer).length },
        }),
      );
      return res;
    },
  );
  r.get(
    '/drills/:id',
    { config: view, schema: { tags, params: IdParams, response: { 200: DrillOut } } },
    async (req) => getDrill(actorCtx(req), req.params.id),
  );
  r.patch(
    '/drills/:id',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Edit a draft drill',
        params: IdParams,
        body: UpdateDrillBody,
        response: { 200: DrillOut },
      },
    },
    async (req) => updateDrill(actorCtx(req), req.params.id, req.body),
  );
  r.delete(
    '/drills/:id',
    { config: manage, schema: { tags, summary: 'Delete a draft drill', params: IdParams } },
    async (req, reply) => {
      await deleteDrill(actorCtx(req), req.params.id);
      return reply.code(204).send();
    },
  );
  r.get(
    '/drills/:id/preview',
    {
      config: manage,
      schema: {
        tags,
        summary: 'The lure as a recipient gets it',
        params: IdParams,
        response: { 200: PreviewOut },
      },
    },
    async (req) => previewDrill(actorCtx(req), req.params.id),
  );
  r.post(
    '/drills/:id/schedule',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Freeze the recipients and queue the sending (at the start time, inside the window)',
        params: IdParams,
        response: { 200: DrillOut },
      },
    },
    async (req) => scheduleDrill(actorCtx(req), req.params.id),
  );
  r.post(
    '/drills/:id/transition',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Pause, resume or cancel sending',
        params: IdParams,
        body: TransitionBody,
        response: { 200: DrillOut },
      },
    },
    async (req) => transitionDrill(actorCtx(req), req.params.id, req.body.to),
  );
  r.post(
    '/drills/:id/resend-unknown',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Queue again the mail whose delivery is unknown because the sender stopped mid-send',
        params: IdParams,
        response: { 200: z.object({ requeued: z.number().int() }) },
      },
    },
    async (req) => resendUnknown(actorCtx(req), req.params.id),
  );
  r.get(
    '/drills/:id/progress',
    {
      config: view,
      schema: {
        tags,
        summary: 'Sending progress (your subtree)',
        params: IdParams,
        response: { 200: ProgressOut },
      },
    },
    async (req) => drillProgress(actorCtx(req), req.params.id),
  );
  r.get(
    '/drills/:id/results',
    {
      config: view,
      schema: {
        tags,
        summary:
          'Open rate (開封率: link accessed or attachment opened), mail-display rate (image loaded) and report rate, by unit and role, with and without scanner-flagged events; groups below the minimum size withheld from all but drill administrators',
        params: IdParams,
        querystring: ResultsQuery,
        response: { 200: ResultsOut },
      },
    },
    async (req) => getResults(actorCtx(req), req.params.id, req.query.unitId),
  );
  r.get(
    '/drills/:id/compare',
    {
      config: view,
      schema: {
        tags,
        summary: 'This drill and earlier ones',
        params: IdParams,
        querystring: ResultsQuery,
        response: { 200: CompareOut },
      },
    },
    async (req) => compareDrills(actorCtx(req), req.params.id, req.query.unitId),
  );
  r.get(
    '/drills/:id/recipients',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Individual results (drill administrators only)',
        params: IdParams,
        querystring: RecipientsQuery,
        response: { 200: RecipientsOut },
      },
    },
    async (req) => listRecipients(actorCtx(req), req.params.id, req.query),
  );
  r.get(
    '/drills/:id/results/export',
    {
      config: view,
      schema: {
        tags,
        summary: 'The results as .xlsx (person by person only for drill administrators)',
        params: IdParams,
        querystring: ResultsQuery,
        response: { 200: Binary },
      },
    },
    async (req, reply) =>
      sendDownload(reply, await exportResults(actorCtx(req), req.params.id, req.query.unitId)),
  );
  r.post(
    '/drills/:id/follow-up',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Assign the follow-up course now to everyone who clicked or opened the attachment',
        params: IdParams,
        body: FollowUpBody,
        response: { 200: FollowUpOut },
      },
    },
    async (req) => followUpNow(actorCtx(req), req.params.id, req.body.courseId),
  );
}
