import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorCtx } from '../../server/auth.js';
import { IdParams } from '../org/validation.js';
import { getRequest, listRequests } from './request-query.js';
import { createRequest, decideRequest, requirementsFor, withdrawRequest } from './request-service.js';
import {
  CreateRequestBody,
  DecideBody,
  ListRequestsQuery,
  RejectBody,
  RequestOut,
  RequestPageOut,
  RequirementsOut,
  RequirementsQuery,
} from './request-validation.js';

/**
 * Handling requests. Anyone may ask (for entries they can see); who decides is computed from the policy
 * and checked per step in the service (holders of the step's role at the step's unit).
 */
export async function requestRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['classification: handling requests'];
  const staff = { access: 'authenticated' } as const;

  r.get(
    '/classification/requirements',
    {
      config: staff,
      schema: {
        tags,
        summary:
          'What the policy requires for an action on an entry (or at a level): allowed, rule, approvers',
        querystring: RequirementsQuery,
        response: { 200: RequirementsOut },
      },
    },
    async (req) => requirementsFor(actorCtx(req), req.query),
  );
  r.get(
    '/classification/requests',
    {
      config: staff,
      schema: {
        tags,
        summary: 'My requests, my approval queue (queue=approver), or my units’ requests (queue=unit)',
        querystring: ListRequestsQuery,
        response: { 200: RequestPageOut },
      },
    },
    async (req) => listRequests(actorCtx(req), req.query),
  );
  r.post(
    '/classification/requests',
    {
      config: staff,
      schema: {
        tags,
        summary:
          'Ask permission or notify; a prohibited action is refused (422 handling_prohibited, with the rule)',
        body: CreateRequestBody,
        response: { 201: RequestOut },
      },
    },
    async (req, reply) => reply.code(201).send(await createRequest(actorCtx(req), req.body)),
  );
  r.get(
    '/classification/requests/:id',
    { config: staff, schema: { tags, params: IdParams, response: { 200: RequestOut } } },
    async (req) => getRequest(actorCtx(req), req.params.id),
  );
  r.post(
    '/classification/requests/:id/approve',
    { config: staff, schema: { tags, params: IdParams, body: DecideBody, response: { 200: RequestOut } } },
    async (req) => decideRequest(actorCtx(req), req.params.id, 'approved', req.body.comment ?? null),
  );
  r.post(
    '/classification/requests/:id/reject',
    { config: staff, schema: { tags, params: IdParams, body: RejectBody, response: { 200: RequestOut } } },
    async (req) => decideRequest(actorCtx(req), req.params.id, 'rejected', req.body.comment),
  );
  r.post(
    '/classification/requests/:id/withdraw',
    { config: staff, schema: { tags, params: IdParams, response: { 200: RequestOut } } },
    async (req) => withdrawRequest(actorCtx(req), req.params.id),
  );
}
