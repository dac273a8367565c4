import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorCtx } from '../../server/auth.js';
import { Binary, sendDownload } from '../../server/files.js';
import { completion, exportCompletion, peopleStatus, quarterly, summary } from './completion-service.js';
import {
  CompletionExportQuery,
  CompletionOut,
  CompletionQuery,
  PeopleStatusOut,
  PeopleStatusQuery,
  QuarterlyOut,
  QuarterlyQuery,
  TrainingSummaryOut,
} from './validation.js';

/** Completion figures for those who watch training (training.view, their subtree). */
export async function completionRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['training: completion'];
  const view = { access: 'training.view' } as const;

  r.get(
    '/training/completion',
    {
      config: view,
      schema: {
        tags,
        summary: 'Completion by child unit, with drill-down by unitId',
        querystring: CompletionQuery,
        response: { 200: CompletionOut },
      },
    },
    async (req) => completion(actorCtx(req), req.query),
  );
  r.get(
    '/training/completion/quarterly',
    {
      config: view,
      schema: {
        tags,
        summary: 'Completion at the end of each fiscal quarter (Q1 = Apr–Jun), overall and by child unit',
        querystring: QuarterlyQuery,
        response: { 200: QuarterlyOut },
      },
    },
    async (req) => quarterly(actorCtx(req), req.query),
  );
  r.get(
    '/training/completion/people',
    {
      config: view,
      schema: {
        tags,
        summary: 'Per-person status in a unit subtree (paged, searchable)',
        querystring: PeopleStatusQuery,
        response: { 200: PeopleStatusOut },
      },
    },
    async (req) => peopleStatus(actorCtx(req), req.query),
  );
  r.get(
    '/training/completion/export',
    {
      config: view,
      schema: {
        tags,
        summary: 'Per-person status as .xlsx',
        querystring: CompletionExportQuery,
        response: { 200: Binary },
      },
    },
    async (req, reply) => sendDownload(reply, await exportCompletion(actorCtx(req), req.query)),
  );
  r.get(
    '/training/summary',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'Dashboard card: my open training, and completion per course for viewers',
        response: { 200: TrainingSummaryOut },
      },
    },
    async (req) => summary(actorCtx(req)),
  );
}
