import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorCtx } from '../../server/auth.js';
import { createPerson, getPerson, listPeople, updatePerson } from './people-service.js';
import { createUnit, getUnit, listUnits, updateUnit } from './service.js';
import {
  CreatePersonBody,
  CreateUnitBody,
  IdParams,
  ListPeopleQuery,
  Page,
  PersonDetailOut,
  PersonOut,
  UnitOut,
  UpdatePersonBody,
  UpdateUnitBody,
} from './validation.js';

export async function orgRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['org'];

  r.get(
    '/org/units',
    {
      config: { access: 'org.read' },
      schema: {
        tags,
        summary: 'Org units in your scope (flat; build the tree from parentId)',
        response: { 200: z.object({ items: z.array(UnitOut) }) },
      },
    },
    async (req) => ({ items: await listUnits(actorCtx(req)) }),
  );
  r.get(
    '/org/units/:id',
    { config: { access: 'org.read' }, schema: { tags, params: IdParams, response: { 200: UnitOut } } },
    async (req) => getUnit(actorCtx(req), req.params.id),
  );
  r.post(
    '/org/units',
    { config: { access: 'org.manage' }, schema: { tags, body: CreateUnitBody, response: { 201: UnitOut } } },
    async (req, reply) => reply.code(201).send(await createUnit(actorCtx(req), req.body)),
  );
  r.patch(
    '/org/units/:id',
    {
      config: { access: 'org.manage' },
      schema: {
        tags,
        summary: 'Rename, move, reorder or abolish a unit',
        params: IdParams,
        body: UpdateUnitBody,
        response: { 200: UnitOut },
      },
    },
    async (req) => updateUnit(actorCtx(req), req.params.id, req.body),
  );

  r.get(
    '/people',
    {
      config: { access: 'org.read' },
      schema: {
        tags,
        summary: 'Search people in your scope',
        querystring: ListPeopleQuery,
        response: { 200: Page(PersonOut) },
      },
    },
    async (req) => listPeople(actorCtx(req), req.query),
  );
  r.get(
    '/people/:id',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'A person with roles and account (yourself, or anyone in your org.read scope)',
        params: IdParams,
        response: { 200: PersonDetailOut },
      },
    },
    async (req) => getPerson(actorCtx(req), req.params.id),
  );
  r.post(
    '/people',
    {
      config: { access: 'org.manage' },
      schema: { tags, body: CreatePersonBody, response: { 201: PersonOut } },
    },
    async (req, reply) => reply.code(201).send(await createPerson(actorCtx(req), req.body)),
  );
  r.patch(
    '/people/:id',
    {
      config: { access: 'org.manage' },
      schema: {
        tags,
        summary: 'Edit a person; status "left" marks them as having left and disables their login',
        params: IdParams,
        body: UpdatePersonBody,
        response: { 200: PersonOut },
      },
    },
    async (req) => updatePerson(actorCtx(req), req.params.id, req.body),
  );
}
