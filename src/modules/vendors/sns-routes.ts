import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorCtx } from '../../server/auth.js';
import { IdParams } from '../org/validation.js';
import { confirmSns, createSns, getSns, listSns, saveChecklist, updateSns } from './sns-service.js';
import { ChecklistBody, ListQuery, SnsBody, SnsOut, SnsPageOut, SnsPatch } from './validation.js';

/** Official SNS accounts; 管理担当者 (who may hold no vendor permission) read and confirm their own. */
export async function snsRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['vendors: SNS accounts'];
  const signedIn = { access: 'authenticated' } as const;
  const manage = { access: 'vendor.manage' } as const;
  r.get(
    '/vendors/sns-accounts',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'The register (filter=due|overdue for re-confirmation)',
        querystring: ListQuery,
        response: { 200: SnsPageOut },
      },
    },
    async (req) => listSns(actorCtx(req), req.query),
  );
  r.post(
    '/vendors/sns-accounts',
    { config: manage, schema: { tags, body: SnsBody, response: { 201: SnsOut } } },
    async (req, reply) => reply.code(201).send(await createSns(actorCtx(req), req.body)),
  );
  r.get(
    '/vendors/sns-accounts/:id',
    { config: signedIn, schema: { tags, params: IdParams, response: { 200: SnsOut } } },
    async (req) => getSns(actorCtx(req), req.params.id),
  );
  r.patch(
    '/vendors/sns-accounts/:id',
    { config: manage, schema: { tags, params: IdParams, body: SnsPatch, response: { 200: SnsOut } } },
    async (req) => updateSns(actorCtx(req), req.params.id, req.body),
  );
  r.put(
    '/vendors/sns-accounts/:id/checklist',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'Save answers and evidence of the SNS checklist',
        params: IdParams,
        body: ChecklistBody,
        response: { 200: SnsOut },
      },
    },
    async (req) => saveChecklist(actorCtx(req), req.params.id, req.body),
  );
  r.post(
    '/vendors/sns-accounts/:id/confirm',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'Record the periodic re-confirmation',
        params: IdParams,
        response: { 200: SnsOut },
      },
    },
    async (req) => confirmSns(actorCtx(req), req.params.id),
  );
}
