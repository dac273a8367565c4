import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorCtx } from '../../server/auth.js';
import { Binary, sendDownload } from '../../server/files.js';
import { IdParams } from '../org/validation.js';
import { completeStep, getCase, incidentSummary, listCases, triageCase } from './case-service.js';
import { contactRoutes } from './contact-routes.js';
import { getFlow, saveFlow } from './flow-service.js';
import { reportAnonymously, reportSignedIn } from './intake-service.js';
import { attachmentOf, exportLiaison, exportYearList, recordLiaison, yearList } from './report-service.js';
import {
  AttachmentParams,
  CaseOut,
  CompleteStepBody,
  ExportQuery,
  FlowBody,
  FlowOut,
  LiaisonBody,
  ListOut,
  ListQuery,
  REPORT_LIMITS,
  ReceiptOut,
  ReportBody,
  ReportedOut,
  StepParams,
  SummaryOut,
  TenantCodeParams,
  TriageBody,
  YearListOut,
  YearParams,
} from './validation.js';

/** Incidents (障害・事故等): the reporting point, cases and their flow, liaison, the year's list. */
export async function incidentRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['incidents'];
  const signedIn = { access: 'authenticated' } as const;
  const view = { access: 'incident.view' } as const;
  const handle = { access: 'incident.handle' } as const;

  // The public form: rate-limited per client address and size-limited; stores text only.
  r.post(
    '/report/:tenantCode',
    {
      config: { access: 'public', rateLimit: { max: REPORT_LIMITS.perMinute, timeWindow: '1 minute' } },
      bodyLimit: REPORT_LIMITS.bodyBytes,
      schema: {
        tags,
        summary: 'Report an incident without signing in (the agency by its code)',
        params: TenantCodeParams,
        body: ReportBody,
        response: { 201: ReceiptOut },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await reportAnonymously(req.ctx, req.params.tenantCode, req.body)),
  );
  r.post(
    '/incidents',
    {
      config: { ...signedIn, rateLimit: { max: REPORT_LIMITS.perMinute * 4, timeWindow: '1 minute' } },
      bodyLimit: REPORT_LIMITS.bodyBytes,
      schema: {
        tags,
        summary: 'Report an incident (signed in)',
        body: ReportBody,
        response: { 201: ReportedOut },
      },
    },
    async (req, reply) => reply.code(201).send(await reportSignedIn(actorCtx(req), req.body)),
  );
  r.get(
    '/incidents',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'Cases the caller may see',
        querystring: ListQuery,
        response: { 200: ListOut },
      },
    },
    async (req) => listCases(actorCtx(req), req.query),
  );
  r.get(
    '/incidents/summary',
    {
      config: view,
      schema: {
        tags,
        summary: 'Open cases and who holds them now (dashboard)',
        response: { 200: SummaryOut },
      },
    },
    async (req) => incidentSummary(actorCtx(req)),
  );
  r.get(
    '/incidents/flow',
    { config: view, schema: { tags, summary: 'The agency’s response flow', response: { 200: FlowOut } } },
    async (req) => getFlow(actorCtx(req)),
  );
  r.put(
    '/incidents/flow',
    {
      config: handle,
      schema: {
        tags,
        summary: 'Edit the response flow (CSIRT, agency-wide)',
        body: FlowBody,
        response: { 200: FlowOut },
      },
    },
    async (req) => saveFlow(actorCtx(req), req.body.steps),
  );
  r.get(
    '/incidents/year/:fy',
    {
      config: view,
      schema: {
        tags,
        summary: 'The fiscal year’s incident list',
        params: YearParams,
        response: { 200: YearListOut },
      },
    },
    async (req) => yearList(actorCtx(req), req.params.fy),
  );
  r.get(
    '/incidents/year/:fy/export',
    {
      config: view,
      schema: { tags, params: YearParams, querystring: ExportQuery, response: { 200: Binary } },
    },
    async (req, reply) =>
      sendDownload(reply, await exportYearList(actorCtx(req), req.params.fy, req.query.format)),
  );
  await app.register(contactRoutes);
  r.get(
    '/incidents/:id',
    { config: signedIn, schema: { tags, params: IdParams, response: { 200: CaseOut } } },
    async (req) => getCase(actorCtx(req), req.params.id),
  );
  r.post(
    '/incidents/:id/triage',
    {
      config: handle,
      schema: {
        tags,
        summary: 'Triage (CSIRT); starts the flow',
        params: IdParams,
        body: TriageBody,
        response: { 200: CaseOut },
      },
    },
    async (req) => triageCase(actorCtx(req), req.params.id, req.body),
  );
  r.post(
    '/incidents/:id/steps/:key/complete',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'Mark the current step done (its holder only)',
        params: StepParams,
        body: CompleteStepBody,
        response: { 200: CaseOut },
      },
    },
    async (req) => completeStep(actorCtx(req), req.params.id, req.params.key, req.body.note),
  );
  r.post(
    '/incidents/:id/liaisons',
    {
      config: handle,
      schema: {
        tags,
        summary: 'Record a message to or from NISC/GSOC',
        params: IdParams,
        body: LiaisonBody,
        response: { 200: CaseOut },
      },
    },
    async (req) => {
      const ctx = actorCtx(req);
      await recordLiaison(ctx, req.params.id, req.body);
      return getCase(ctx, req.params.id);
    },
  );
  r.get(
    '/incidents/:id/liaisons/export',
    {
      config: signedIn,
      schema: { tags, summary: 'The liaison record (.xlsx)', params: IdParams, response: { 200: Binary } },
    },
    async (req, reply) => sendDownload(reply, await exportLiaison(actorCtx(req), req.params.id)),
  );
  r.get(
    '/incidents/:id/attachments/:attachmentId',
    { config: signedIn, schema: { tags, params: AttachmentParams, response: { 200: Binary } } },
    async (req, reply) =>
      sendDownload(reply, await attachmentOf(actorCtx(req), req.params.id, req.params.attachmentId)),
  );
}
