import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorCtx } from '../../server/auth.js';
import { IdParams } from '../org/validation.js';
import {
  acknowledge,
  confirmContact,
  getContactCheck,
  getContactDrill,
  listContactDrills,
  startContactCheck,
  startContactDrill,
} from './contact-service.js';
import {
  AckOut,
  AckParams,
  ConfirmBody,
  ContactCheckBody,
  ContactCheckOut,
  ContactDrillBody,
  ContactDrillListOut,
  ContactDrillOut,
} from './validation.js';

/** Contact drills and the emergency contact list's re-confirmation. */
export async function contactRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['incidents'];
  const handle = { access: 'incident.handle' } as const;

  r.get(
    '/incidents/contact-drills',
    { config: handle, schema: { tags, response: { 200: ContactDrillListOut } } },
    async (req) => listContactDrills(actorCtx(req)),
  );
  r.post(
    '/incidents/contact-drills',
    {
      config: handle,
      schema: {
        tags,
        summary: 'Send a test alert down the chain',
        body: ContactDrillBody,
        response: { 201: ContactDrillOut },
      },
    },
    async (req, reply) => reply.code(201).send(await startContactDrill(actorCtx(req), req.body)),
  );
  r.get(
    '/incidents/contact-drills/:id',
    { config: handle, schema: { tags, params: IdParams, response: { 200: ContactDrillOut } } },
    async (req) => getContactDrill(actorCtx(req), req.params.id),
  );
  r.post(
    '/incident-ack/:token',
    {
      config: { access: 'public', rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: 'A link of a contact drill acknowledges the alert',
        params: AckParams,
        response: { 200: AckOut },
      },
    },
    async (req) => acknowledge(req.ctx, req.params.token),
  );
  r.post(
    '/incidents/contact-checks',
    {
      config: handle,
      schema: {
        tags,
        summary: 'Ask people to re-confirm their emergency contact by a day',
        body: ContactCheckBody,
        response: { 201: ContactCheckOut },
      },
    },
    async (req, reply) => reply.code(201).send(await startContactCheck(actorCtx(req), req.body)),
  );
  r.get(
    '/incidents/contact-checks/:id',
    { config: handle, schema: { tags, params: IdParams, response: { 200: ContactCheckOut } } },
    async (req) => getContactCheck(actorCtx(req), req.params.id),
  );
  r.post(
    '/incidents/contact-checks/:id/confirm',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'Confirm one’s own emergency contact',
        params: IdParams,
        body: ConfirmBody,
        response: { 200: z.object({ confirmed: z.boolean() }) },
      },
    },
    async (req) => confirmContact(actorCtx(req), req.params.id, req.body.contact),
  );
}
