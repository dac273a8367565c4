import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorCtx } from '../../server/auth.js';
import { Binary, sendDownload } from '../../server/files.js';
import { IdParams } from '../org/validation.js';
import { offlineEvidenceFile, recordOfflineCompletion } from './offline-service.js';
import { answerSurvey, getSurvey, removeSurvey, setSurvey, surveyResultsFor } from './survey-service.js';
import {
  OfflineCompletionBody,
  OfflineCompletionOut,
  SurveyAnswerBody,
  SurveyBody,
  SurveyOut,
  SurveyResultsOut,
  SurveyResultsQuery,
} from './validation.js';

/** Offline completion with evidence (002 L76-78) and the post-course survey (003 L401-403). */
export async function surveyRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['training: offline completion and survey'];
  const manage = { access: 'training.manage' } as const;

  r.post(
    '/training/courses/:id/offline-completions',
    {
      config: manage,
      // The evidence file travels as base64 in JSON: allow for its ~4/3 growth.
      bodyLimit: Math.ceil(app.mamoruConfig.uploadLimit * 1.4) + 16_384,
      schema: {
        tags,
        summary:
          'Record that a person read an offline copy (printed, disc), with evidence; counts for that fiscal year',
        params: IdParams,
        body: OfflineCompletionBody,
        response: { 201: OfflineCompletionOut },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await recordOfflineCompletion(actorCtx(req), req.params.id, req.body)),
  );
  r.get(
    '/training/offline-completions/:id/file',
    {
      config: manage,
      schema: {
        tags,
        summary: 'The evidence file of an offline completion',
        params: IdParams,
        response: { 200: Binary },
      },
    },
    async (req, reply) => sendDownload(reply, await offlineEvidenceFile(actorCtx(req), req.params.id)),
  );
  r.get(
    '/training/courses/:id/survey',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: "A course's post-course survey questions",
        params: IdParams,
        response: { 200: SurveyOut },
      },
    },
    async (req) => getSurvey(actorCtx(req), req.params.id),
  );
  r.put(
    '/training/courses/:id/survey',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Set the post-course survey (1–5 scale or free-text questions)',
        params: IdParams,
        body: SurveyBody,
        response: { 200: SurveyOut },
      },
    },
    async (req) => setSurvey(actorCtx(req), req.params.id, req.body),
  );
  r.delete(
    '/training/courses/:id/survey',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Remove the post-course survey',
        params: IdParams,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await removeSurvey(actorCtx(req), req.params.id);
      return reply.code(204).send(null);
    },
  );
  r.get(
    '/training/courses/:id/survey/results',
    {
      config: { access: 'training.view' },
      schema: {
        tags,
        summary: 'Aggregate survey results for a fiscal year (only counts below the minimum group size)',
        params: IdParams,
        querystring: SurveyResultsQuery,
        response: { 200: SurveyResultsOut },
      },
    },
    async (req) => surveyResultsFor(actorCtx(req), req.params.id, req.query),
  );
  r.post(
    '/training/my/assignments/:id/survey',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'Answer the survey of a course I completed (once per assignment)',
        params: IdParams,
        body: SurveyAnswerBody,
        response: { 201: z.object({ answered: z.number().int() }) },
      },
    },
    async (req, reply) => reply.code(201).send(await answerSurvey(actorCtx(req), req.params.id, req.body)),
  );
}
