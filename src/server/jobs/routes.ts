import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorCtx } from '../auth.js';
import { JOB_STATUSES } from './schema.js';
import { cancelJob, getJob, listJobs } from './status.js';

const JobOut = z.object({
  id: z.number().int(),
  name: z.string(),
  status: z.enum(JOB_STATUSES),
  progress: z
    .object({
      done: z.number(),
      total: z.number(),
      note: z.string().optional(),
      phase: z.string().optional(),
    })
    .nullable(),
  attempts: z.number().int(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  cancellable: z.boolean(),
  cancelRequested: z.boolean(),
  error: z.string().nullable(),
});

const JobParams = z.strictObject({ id: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER) });

export const JobListQuery = z.strictObject({
  scope: z.enum(['mine', 'agency']).default('mine'),
  status: z.enum(JOB_STATUSES).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

/** Watching long work: the jobs a person started (or, for overseers, all of the agency's). */
export async function jobRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['jobs'];
  // Who may see which job is decided in the service: its starter, or the agency's overseers (audit.read).
  const config = { access: 'authenticated' as const };
  r.get(
    '/jobs',
    {
      config,
      schema: {
        tags,
        summary: 'Jobs I started (scope=mine) or, for overseers, all jobs of the agency (scope=agency)',
        querystring: JobListQuery,
        response: {
          200: z.object({
            total: z.number().int(),
            page: z.number().int(),
            pageSize: z.number().int(),
            items: z.array(JobOut),
          }),
        },
      },
    },
    async (req) => {
      const { total, items } = await listJobs(actorCtx(req), req.query);
      return { total, page: req.query.page, pageSize: req.query.pageSize, items };
    },
  );
  r.get(
    '/jobs/:id',
    {
      config,
      schema: { tags, summary: 'One job: status and progress', params: JobParams, response: { 200: JobOut } },
    },
    async (req) => getJob(actorCtx(req), req.params.id),
  );
  r.post(
    '/jobs/:id/cancel',
    {
      config,
      schema: {
        tags,
        summary: 'Stop a cancellable job (a queued one at once, a running one at its next progress report)',
        params: JobParams,
        response: { 200: JobOut },
      },
    },
    async (req) => cancelJob(actorCtx(req), req.params.id),
  );
}
