import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorCtx } from '../../server/auth.js';
import { IdParams, Page } from '../org/validation.js';
import { assignRole, createRole, listRoleHolders, listRoles, unassignRole, updateRole } from './service.js';
import {
  AssignBody,
  AssignmentCreatedOut,
  CreateRoleBody,
  RoleHoldersQuery,
  RoleOut,
  UpdateRoleBody,
} from './validation.js';

export const HolderOut = z.object({
  assignmentId: z.string(),
  personId: z.string(),
  staffNo: z.string(),
  name: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  unitNameEn: z.string().nullable(),
});

export async function roleRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['roles'];
  r.get(
    '/roles',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: "The agency's role catalog",
        response: { 200: z.object({ items: z.array(RoleOut) }) },
      },
    },
    async (req) => ({ items: await listRoles(actorCtx(req)) }),
  );
  r.post(
    '/roles',
    {
      config: { access: 'role.manage' },
      schema: {
        tags,
        summary: 'Add an agency-specific role',
        body: CreateRoleBody,
        response: { 201: RoleOut },
      },
    },
    async (req, reply) => reply.code(201).send(await createRole(actorCtx(req), req.body)),
  );
  r.patch(
    '/roles/:id',
    {
      config: { access: 'role.manage' },
      schema: {
        tags,
        summary: 'Rename a role or change its permissions',
        params: IdParams,
        body: UpdateRoleBody,
        response: { 200: RoleOut },
      },
    },
    async (req) => updateRole(actorCtx(req), req.params.id, req.body),
  );
  r.get(
    '/roles/:id/holders',
    {
      config: { access: 'org.read' },
      schema: { tags, params: IdParams, querystring: RoleHoldersQuery, response: { 200: Page(HolderOut) } },
    },
    async (req) => listRoleHolders(actorCtx(req), req.params.id, req.query.page, req.query.pageSize),
  );
  r.post(
    '/people/:id/roles',
    {
      config: { access: 'role.assign' },
      schema: {
        tags,
        summary: 'Give a person a role at an org unit',
        params: IdParams,
        body: AssignBody,
        response: { 201: AssignmentCreatedOut },
      },
    },
    async (req, reply) => reply.code(201).send(await assignRole(actorCtx(req), req.params.id, req.body)),
  );
  r.delete(
    '/role-assignments/:id',
    { config: { access: 'role.assign' }, schema: { tags, params: IdParams, response: { 204: z.null() } } },
    async (req, reply) => {
      await unassignRole(actorCtx(req), req.params.id);
      return reply.code(204).send(null);
    },
  );
}
