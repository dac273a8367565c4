import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorCtx } from '../../server/auth.js';
import { Binary, sendDownload } from '../../server/files.js';
import { exportReport } from './export.js';
import {
  approveReport,
  getAnnualReport,
  narrativeHistory,
  reopenReport,
  requestApproval,
  returnReport,
  saveNarrative,
  updateFacts,
} from './service.js';
import { submitStatement } from './statement.js';
import {
  ExportQuery,
  FactsBody,
  FyParams,
  NarrativeBody,
  NarrativeParams,
  NarrativeVersionOut,
  ReportOut,
  ReturnBody,
  StatementOut,
} from './validation.js';

/** The agency's annual report (000 L60-1498): facts, narratives, the CISO's approval, exports, statement. */
export async function reportRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['report'];
  const base = '/reports/annual/:fiscalYear';
  const view = { access: 'report.view' } as const;
  const manage = { access: 'report.manage' } as const;
  const approve = { access: 'report.approve' } as const;
  const out = { response: { 200: ReportOut } };

  r.get(
    base,
    {
      config: view,
      schema: {
        tags,
        summary: 'The year’s report: state, facts, narratives, preview',
        params: FyParams,
        ...out,
      },
    },
    async (req) => getAnnualReport(actorCtx(req), req.params.fiscalYear),
  );
  r.put(
    `${base}/facts`,
    {
      config: manage,
      schema: {
        tags,
        summary: 'Basic facts (定員数, budgets, 責任部署)',
        params: FyParams,
        body: FactsBody,
        ...out,
      },
    },
    async (req) => updateFacts(actorCtx(req), req.params.fiscalYear, req.body),
  );
  r.put(
    `${base}/narratives/:key`,
    {
      config: manage,
      schema: {
        tags,
        summary: 'Save a narrative block as a new version',
        params: NarrativeParams,
        body: NarrativeBody,
        ...out,
      },
    },
    async (req) => saveNarrative(actorCtx(req), req.params.fiscalYear, req.params.key, req.body.body),
  );
  r.get(
    `${base}/narratives/:key/history`,
    {
      config: view,
      schema: {
        tags,
        summary: 'Every version of a block, newest first',
        params: NarrativeParams,
        response: { 200: z.array(NarrativeVersionOut) },
      },
    },
    async (req) => narrativeHistory(actorCtx(req), req.params.fiscalYear, req.params.key),
  );
  r.post(
    `${base}/request-approval`,
    { config: manage, schema: { tags, summary: 'Ask the CISO to approve', params: FyParams, ...out } },
    async (req) => requestApproval(actorCtx(req), req.params.fiscalYear),
  );
  r.post(
    `${base}/approve`,
    {
      config: approve,
      schema: { tags, summary: 'Approve (the CISO); the document is frozen', params: FyParams, ...out },
    },
    async (req) => approveReport(actorCtx(req), req.params.fiscalYear),
  );
  r.post(
    `${base}/return`,
    {
      config: approve,
      schema: { tags, summary: 'Return to draft with a comment', params: FyParams, body: ReturnBody, ...out },
    },
    async (req) => returnReport(actorCtx(req), req.params.fiscalYear, req.body.comment),
  );
  r.post(
    `${base}/reopen`,
    // report.manage or report.approve: the service checks which; both roles also read the report.
    {
      config: view,
      schema: { tags, summary: 'Reopen an approved report for editing', params: FyParams, ...out },
    },
    async (req) => reopenReport(actorCtx(req), req.params.fiscalYear),
  );
  r.get(
    `${base}/export`,
    {
      config: view,
      schema: {
        tags,
        summary: 'The report as html, docx, xlsx or pdf',
        params: FyParams,
        querystring: ExportQuery,
        response: { 200: Binary },
      },
    },
    async (req, reply) =>
      sendDownload(reply, await exportReport(actorCtx(req), req.params.fiscalYear, req.query.format)),
  );
  r.post(
    `${base}/statement`,
    {
      config: manage,
      schema: {
        tags,
        summary: 'Submit the statement to the central body (001 L4252-4282)',
        params: FyParams,
        response: { 201: StatementOut },
      },
    },
    async (req, reply) => reply.code(201).send(await submitStatement(actorCtx(req), req.params.fiscalYear)),
  );
}
