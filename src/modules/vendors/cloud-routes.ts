import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorCtx } from '../../server/auth.js';
import { IdParams } from '../org/validation.js';
import {
  cloudChoices,
  confirmCloud,
  createCloud,
  getCloud,
  listCloud,
  nameResponsible,
  updateCloud,
} from './cloud-service.js';
import {
  CloudBody,
  CloudChoicesOut,
  CloudOut,
  CloudPageOut,
  CloudPatch,
  ListQuery,
  NameResponsibleBody,
} from './validation.js';

/**
 * Terms-of-service cloud services. Reading and confirming are open to signed-in users because the
 * responsible person may hold no vendor permission; the service decides who sees what (404 otherwise).
 */
export async function cloudRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['vendors: cloud services'];
  const signedIn = { access: 'authenticated' } as const;
  const manage = { access: 'vendor.manage' } as const;
  r.get(
    '/vendors/cloud-services',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'The register (filter=due|overdue for re-confirmation)',
        querystring: ListQuery,
        response: { 200: CloudPageOut },
      },
    },
    async (req) => listCloud(actorCtx(req), req.query),
  );
  r.get(
    '/vendors/cloud-services/choices',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'The allowed services, for anyone of the agency choosing one',
        response: { 200: CloudChoicesOut },
      },
    },
    async (req) => cloudChoices(actorCtx(req)),
  );
  r.post(
    '/vendors/cloud-services',
    {
      config: manage,
      schema: { tags, summary: 'Register an allowed service', body: CloudBody, response: { 201: CloudOut } },
    },
    async (req, reply) => reply.code(201).send(await createCloud(actorCtx(req), req.body)),
  );
  r.get(
    '/vendors/cloud-services/:id',
    { config: signedIn, schema: { tags, params: IdParams, response: { 200: CloudOut } } },
    async (req) => getCloud(actorCtx(req), req.params.id),
  );
  r.patch(
    '/vendors/cloud-services/:id',
    { config: manage, schema: { tags, params: IdParams, body: CloudPatch, response: { 200: CloudOut } } },
    async (req) => updateCloud(actorCtx(req), req.params.id, req.body),
  );
  r.put(
    '/vendors/cloud-services/:id/responsible',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'Name the responsible person (vendor.manage, or the 情報セキュリティ責任者 over the unit)',
        params: IdParams,
        body: NameResponsibleBody,
        response: { 200: CloudOut },
      },
    },
    async (req) => nameResponsible(actorCtx(req), req.params.id, req.body.personId),
  );
  r.post(
    '/vendors/cloud-services/:id/confirm',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'Record the periodic re-confirmation',
        params: IdParams,
        response: { 200: CloudOut },
      },
    },
    async (req) => confirmCloud(actorCtx(req), req.params.id),
  );
}
