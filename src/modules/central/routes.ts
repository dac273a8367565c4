import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorCtx } from '../../server/auth.js';
import { str } from '../../server/validation.js';
import { IdParams } from '../org/validation.js';
import { getSubmission, listSubmissions, selfcheckComparison } from './service.js';

export const SubmissionOut = z.object({
  id: z.string(),
  agencyCode: z.string(),
  agencyNameJa: z.string(),
  agencyNameEn: z.string().nullable(),
  kind: z.string(),
  fiscalYear: z.number().int(),
  title: z.string(),
  submittedAt: z.string(),
});
const Rate = z.number().nullable();
export const Triple = z.object({ coverage: Rate, nisc: Rate, attainment100: Rate });

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
        summary: 'What agencies submitted to this central body',
        querystring: z.strictObject({
          kind: str().max(64).optional(),
          fiscalYear: z.coerce.number().int().min(2000).max(2100).optional(),
        }),
        response: { 200: z.object({ items: z.array(SubmissionOut) }) },
      },
    },
    async (req) => ({ items: await listSubmissions(actorCtx(req), req.query) }),
  );
  r.get(
    '/central/submissions/:id',
    {
      config: { access },
      schema: {
        tags,
        params: IdParams,
        response: { 200: SubmissionOut.omit({ agencyNameEn: true }).extend({ payload: z.unknown() }) },
      },
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
        querystring: z.strictObject({ fiscalYear: z.coerce.number().int().min(2000).max(2100) }),
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
}
