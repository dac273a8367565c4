import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorCtx } from '../../server/auth.js';
import { IdParams, Page } from '../org/validation.js';
import {
  agencyChoices,
  createAlert,
  getAlert,
  listAlerts,
  publishAlert,
  updateAlert,
  withdrawAlert,
} from './central-service.js';
import { forward, forwardPreview } from './forward-service.js';
import { acknowledge, getDelivery, listInbox, release, reportAction } from './inbox-service.js';
import {
  AgencyChoiceOut,
  AlertBody,
  AlertDetailOut,
  AlertOut,
  AlertQuery,
  DeliveryOut,
  ForwardBody,
  ForwardOut,
  ForwardPreviewOut,
  ForwardQuery,
  InboxQuery,
  ReleaseBody,
  ReportBody,
} from './validation.js';

/** 注意喚起: the central body publishes (central.manage) and watches (central.read); agencies handle (alert.handle). */
export async function alertRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['alerts'];
  const read = { access: 'central.read' } as const;
  const manage = { access: 'central.manage' } as const;
  const handle = { access: 'alert.handle' } as const;

  r.get(
    '/central/alerts',
    { config: read, schema: { tags, querystring: AlertQuery, response: { 200: Page(AlertOut) } } },
    async (req) => listAlerts(actorCtx(req), req.query),
  );
  r.get(
    '/central/alerts/agencies',
    {
      config: read,
      schema: { tags, summary: 'Agencies an alert can go to', response: { 200: AgencyChoiceOut } },
    },
    async (req) => agencyChoices(actorCtx(req)),
  );
  r.post(
    '/central/alerts',
    {
      config: manage,
      schema: { tags, summary: 'A draft', body: AlertBody, response: { 201: AlertDetailOut } },
    },
    async (req, reply) => reply.code(201).send(await createAlert(actorCtx(req), req.body)),
  );
  r.get(
    '/central/alerts/:id',
    {
      config: read,
      schema: {
        tags,
        summary: 'An alert and each agency’s handling',
        params: IdParams,
        response: { 200: AlertDetailOut },
      },
    },
    async (req) => getAlert(actorCtx(req), req.params.id),
  );
  r.put(
    '/central/alerts/:id',
    {
      config: manage,
      schema: { tags, params: IdParams, body: AlertBody, response: { 200: AlertDetailOut } },
    },
    async (req) => updateAlert(actorCtx(req), req.params.id, req.body),
  );
  r.post(
    '/central/alerts/:id/publish',
    { config: manage, schema: { tags, params: IdParams, response: { 200: AlertDetailOut } } },
    async (req) => publishAlert(actorCtx(req), req.params.id),
  );
  r.post(
    '/central/alerts/:id/withdraw',
    { config: manage, schema: { tags, params: IdParams, response: { 200: AlertDetailOut } } },
    async (req) => withdrawAlert(actorCtx(req), req.params.id),
  );

  r.get(
    '/alerts',
    {
      config: handle,
      schema: {
        tags,
        summary: 'The agency’s inbox of alerts',
        querystring: InboxQuery,
        response: { 200: Page(DeliveryOut) },
      },
    },
    async (req) => listInbox(actorCtx(req), req.query),
  );
  r.get(
    '/alerts/:id',
    { config: handle, schema: { tags, params: IdParams, response: { 200: DeliveryOut } } },
    async (req) => getDelivery(actorCtx(req), req.params.id),
  );
  r.post(
    '/alerts/:id/acknowledge',
    { config: handle, schema: { tags, params: IdParams, response: { 200: DeliveryOut } } },
    async (req) => acknowledge(actorCtx(req), req.params.id),
  );
  r.get(
    '/alerts/:id/forward-preview',
    {
      config: handle,
      schema: {
        tags,
        summary: 'Matched systems and recipients, before forwarding',
        params: IdParams,
        querystring: ForwardQuery,
        response: { 200: ForwardPreviewOut },
      },
    },
    async (req) => forwardPreview(actorCtx(req), req.params.id, req.query.roleIds),
  );
  r.post(
    '/alerts/:id/forward',
    { config: handle, schema: { tags, params: IdParams, body: ForwardBody, response: { 200: ForwardOut } } },
    async (req) => forward(actorCtx(req), req.params.id, req.body.roleIds),
  );
  r.post(
    '/alerts/:id/release',
    { config: handle, schema: { tags, params: IdParams, body: ReleaseBody, response: { 200: DeliveryOut } } },
    async (req) => release(actorCtx(req), req.params.id, req.body),
  );
  r.post(
    '/alerts/:id/report',
    { config: handle, schema: { tags, params: IdParams, body: ReportBody, response: { 200: DeliveryOut } } },
    async (req) => reportAction(actorCtx(req), req.params.id, req.body),
  );
}
