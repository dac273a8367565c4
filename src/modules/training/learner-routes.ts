import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorCtx } from '../../server/auth.js';
import { IdParams } from '../org/validation.js';
import { courseContent, myAttempts, myTraining, startAttempt, submitAttempt } from './learner-service.js';
import {
  AttemptHistoryOut,
  AttemptHistoryQuery,
  AttemptResultOut,
  AttemptStartOut,
  CourseContentOut,
  MyTrainingOut,
  SubmitAttemptBody,
} from './validation.js';

/** What every staff member does with their own training. */
export async function learnerRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['training: my training'];
  const own = { access: 'authenticated' } as const;

  r.get(
    '/training/my',
    {
      config: own,
      schema: { tags, summary: 'My assigned courses, open and completed', response: { 200: MyTrainingOut } },
    },
    async (req) => myTraining(actorCtx(req)),
  );
  r.get(
    '/training/my/attempts',
    {
      config: own,
      schema: {
        tags,
        summary: 'My test attempts (all retakes kept)',
        querystring: AttemptHistoryQuery,
        response: { 200: AttemptHistoryOut },
      },
    },
    async (req) => myAttempts(actorCtx(req), req.query),
  );
  r.get(
    '/training/courses/:id/content',
    {
      config: own,
      schema: {
        tags,
        summary: 'The pages of a published course',
        params: IdParams,
        response: { 200: CourseContentOut },
      },
    },
    async (req) => courseContent(actorCtx(req), req.params.id),
  );
  r.post(
    '/training/courses/:id/attempts',
    {
      config: own,
      schema: {
        tags,
        summary:
          'Start a test attempt: the questions served, without answers (an unfinished earlier attempt is abandoned)',
        params: IdParams,
        response: { 201: AttemptStartOut },
      },
    },
    async (req, reply) => reply.code(201).send(await startAttempt(actorCtx(req), req.params.id)),
  );
  r.post(
    '/training/attempts/:id/submit',
    {
      config: own,
      schema: {
        tags,
        summary: 'Submit answers once: score, pass, and right/wrong per question with explanations',
        params: IdParams,
        body: SubmitAttemptBody,
        response: { 200: AttemptResultOut },
      },
    },
    async (req) => submitAttempt(actorCtx(req), req.params.id, req.body),
  );
}
