import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorCtx } from '../../server/auth.js';
import { Binary, sendDownload } from '../../server/files.js';
import { IdParams } from '../org/validation.js';
import { agencyRoutes } from './agency-routes.js';
import { getCommonItems, setCommonItems } from './common-items.js';
import { exportNational } from './national-export.js';
import { nationalView } from './national-service.js';
import { getSubmission, listSubmissions, selfcheckComparison } from './queries.js';
import {
  CommonItemsIn,
  CommonItemsOut,
  ExportQuery,
  FiscalYearQuery,
  ListQuery,
  NationalOut,
  SubmissionDetailOut,
  SubmissionOut,
  Triple,
} from './validation.js';

export { SubmissionOut, Triple };

const Rate = z.number().nullable();

/** The central body's routes (central.read / central.manage); the agencies' side is in agency-routes.ts. */
export async function centralRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['central body'];
  const access = 'central.read' as const;
  r.get(
    '/central/submissions',
    {
      config: { access },
      schema: {
        tags,
        summary: 'What agencies submitted to this central body: every version, 独法 via their ministry',
        querystring: ListQuery,
        response: { 200: z.object({ items: z.array(SubmissionOut) }) },
      },
    },
    async (req) => ({ items: await listSubmissions(actorCtx(req), req.query) }),
  );
  r.get(
    '/central/submissions/:id',
    {
      config: { access },
      schema: { tags, params: IdParams, response: { 200: SubmissionDetailOut } },
    },
    async (req) => getSubmission(actorCtx(req), req.params.id),
  );
  r.get(
    '/central/selfcheck',
    {
      config: { access },
      schema: {
        tags,
        summary:
          'Self-check figures of every agency for a fiscal year and the unweighted government-wide mean (001 L2859)',
        querystring: FiscalYearQuery,
        response: {
          200: z.object({
            fiscalYear: z.number().int(),
            agencies: z.array(
              z.object({
                agencyCode: z.string(),
                agencyNameJa: z.string(),
                agencyNameEn: z.string().nullable(),
                submittedAt: z.string(),
                overall: Triple,
                groups: z.record(z.string(), Triple),
                staffAreas: z.record(z.string(), Rate).nullable(),
              }),
            ),
            governmentMean: z.object({
              overall: Triple,
              groups: z.record(z.string(), Triple),
              staffAreas: z.record(z.string(), Rate),
            }),
          }),
        },
      },
    },
    async (req) => selfcheckComparison(actorCtx(req), req.query.fiscalYear),
  );
  r.get(
    '/central/national',
    {
      config: { access },
      schema: {
        tags,
        summary:
          'The national tables (001 ch. II) from the latest statement per agency, unweighted government means, trends, weakest items',
        querystring: FiscalYearQuery,
        response: { 200: NationalOut },
      },
    },
    async (req) => nationalView(actorCtx(req), req.query.fiscalYear),
  );
  r.get(
    '/central/national/export',
    {
      config: { access },
      schema: {
        tags,
        summary: 'The national report as HTML, .docx, .xlsx or PDF',
        querystring: ExportQuery,
        response: { 200: Binary },
      },
    },
    async (req, reply) => sendDownload(reply, await exportNational(actorCtx(req), req.query)),
  );
  r.get(
    '/central/common-items',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary:
          'The common items of a fiscal year (001 L2784-2790): the central body its own, an agency (report.view) those of its central body',
        querystring: FiscalYearQuery,
        response: { 200: CommonItemsOut },
      },
    },
    async (req) => getCommonItems(actorCtx(req), req.query.fiscalYear),
  );
  r.put(
    '/central/common-items',
    {
      config: { access: 'central.manage' },
      schema: {
        tags,
        summary: "Designate a fiscal year's common items (replaces the set)",
        body: CommonItemsIn,
        response: { 200: CommonItemsOut },
      },
    },
    async (req) => setCommonItems(actorCtx(req), req.body),
  );
  await agencyRoutes(app);
}
