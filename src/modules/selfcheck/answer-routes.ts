import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorCtx } from '../../server/auth.js';
import { IdParams } from '../org/validation.js';
import { getQuestionnaire, myQuestionnaires, saveAnswers } from './answer-service.js';
import { preparingForMe } from './campaign-service.js';
import { PreparingOut, QuestionnaireOut, QuestionnaireSummaryOut, SaveAnswersBody } from './validation.js';

export async function answerRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['selfcheck: answering'];
  const access = 'authenticated' as const;
  r.get(
    '/selfcheck/my',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Your questionnaires (one per role you answer for)',
        response: { 200: z.object({ items: z.array(QuestionnaireSummaryOut) }) },
      },
    },
    async (req) => ({ items: await myQuestionnaires(actorCtx(req)) }),
  );
  r.get(
    '/selfcheck/my/preparing',
    {
      config: { access },
      schema: {
        tags,
        summary:
          'Open campaigns whose questionnaires are still being created and where yours is not there yet',
        response: { 200: PreparingOut },
      },
    },
    async (req) => ({ items: await preparingForMe(actorCtx(req)) }),
  );
  r.get(
    '/selfcheck/questionnaires/:id',
    {
      config: { access },
      schema: {
        tags,
        summary: 'One of your questionnaires, grouped by chapter, with guidance and your answers',
        params: IdParams,
        response: { 200: QuestionnaireOut },
      },
    },
    async (req) => getQuestionnaire(actorCtx(req), req.params.id),
  );
  r.put(
    '/selfcheck/questionnaires/:id/answers',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Save answers as a draft, or submit (all items answered); amend until the campaign closes',
        params: IdParams,
        body: SaveAnswersBody,
        response: { 200: QuestionnaireSummaryOut },
      },
    },
    async (req) => saveAnswers(actorCtx(req), req.params.id, req.body),
  );
}
