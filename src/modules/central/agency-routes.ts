import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorCtx } from '../../server/auth.js';
import { IdParams } from '../org/validation.js';
import { governmentAverage } from './national-service.js';
import { getOwnSubmission, listMySubmissions, listSubsidiarySubmissions } from './queries.js';
import { forwardSubmission } from './service.js';
import {
  FiscalYearQuery,
  GovernmentAverageOut,
  ListQuery,
  SubmissionDetailOut,
  SubmissionOut,
  SubsidiarySubmissionOut,
} from './validation.js';

/** An agency's side of the reporting line: its own submissions, its 独法's, and the government average. */
export async function agencyRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['submissions to the central body'];
  r.get(
    '/central/my-submissions',
    {
      config: { access: 'report.view' },
      schema: {
        tags,
        summary: 'What this agency submitted (every version), and for a ministry what it forwarded',
        querystring: ListQuery,
        response: { 200: z.object({ items: z.array(SubmissionOut) }) },
      },
    },
    async (req) => ({ items: await listMySubmissions(actorCtx(req), req.query) }),
  );
  r.get(
    '/central/my-submissions/:id',
    {
      config: { access: 'report.view' },
      schema: {
        tags,
        summary: "One of this agency's submissions, or one its 独法 submitted to it",
        params: IdParams,
        response: { 200: SubmissionDetailOut },
      },
    },
    async (req) => getOwnSubmission(actorCtx(req), req.params.id),
  );
  r.get(
    '/central/subsidiary-submissions',
    {
      config: { access: 'report.view' },
      schema: {
        tags,
        summary:
          "A ministry: its 独法's submissions to it (001 L15064-15078), every version, forwarded or not",
        querystring: ListQuery,
        response: { 200: z.object({ items: z.array(SubsidiarySubmissionOut) }) },
      },
    },
    async (req) => ({ items: await listSubsidiarySubmissions(actorCtx(req), req.query) }),
  );
  r.post(
    '/central/subsidiary-submissions/:id/forward',
    {
      config: { access: 'report.manage' },
      schema: {
        tags,
        summary: "Forward a 独法's submission to the central body",
        params: IdParams,
        response: { 201: z.object({ id: z.string(), version: z.number().int() }) },
      },
    },
    async (req, reply) => reply.code(201).send(await forwardSubmission(actorCtx(req), req.params.id)),
  );
  r.get(
    '/central/government-average',
    {
      config: { access: 'report.view' },
      schema: {
        tags,
        summary:
          "The government means (unweighted, 001 L2859) and this agency's own latest statement beside them (003 L658-661)",
        querystring: FiscalYearQuery,
        response: { 200: GovernmentAverageOut },
      },
    },
    async (req) => governmentAverage(actorCtx(req), req.query.fiscalYear),
  );
}
