import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorCtx } from '../../server/auth.js';
import { Binary, sendDownload } from '../../server/files.js';
import { IdParams } from '../org/validation.js';
import {
  createPolicy,
  exportDifferences,
  exportPolicyOscal,
  getPolicy,
  listPolicies,
  removePolicyChange,
  setPolicyChange,
} from './policy-service.js';
import {
  CreatePolicyBody,
  PolicyChangeBody,
  PolicyChangeOut,
  PolicyDetailOut,
  PolicyExportQuery,
  PolicyOut,
} from './validation.js';

const ChangeParams = z.strictObject({ id: z.uuid(), changeId: z.uuid() });

export async function policyRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['selfcheck: policies'];
  r.get(
    '/selfcheck/policies',
    {
      config: { access: 'selfcheck.view' },
      schema: { tags, response: { 200: z.object({ items: z.array(PolicyOut) }) } },
    },
    async (req) => ({
      items: await listPolicies(actorCtx(req)),
    }),
  );
  r.post(
    '/selfcheck/policies',
    {
      config: { access: 'selfcheck.manage' },
      schema: {
        tags,
        summary: 'Derive the agency policy from a catalog version',
        body: CreatePolicyBody,
        response: { 201: PolicyOut },
      },
    },
    async (req, reply) => reply.code(201).send(await createPolicy(actorCtx(req), req.body)),
  );
  r.get(
    '/selfcheck/policies/:id',
    {
      config: { access: 'selfcheck.view' },
      schema: {
        tags,
        summary: 'The policy: effective items, changes and the differences from the standard',
        params: IdParams,
        response: { 200: PolicyDetailOut },
      },
    },
    async (req) => getPolicy(actorCtx(req), req.params.id),
  );
  r.put(
    '/selfcheck/policies/:id/changes',
    {
      config: { access: 'selfcheck.manage' },
      schema: {
        tags,
        summary: 'Add an item, tighten one, or mark one not applicable — with the reason',
        params: IdParams,
        body: PolicyChangeBody,
        response: { 200: PolicyChangeOut },
      },
    },
    async (req) => setPolicyChange(actorCtx(req), req.params.id, req.body),
  );
  r.delete(
    '/selfcheck/policies/:id/changes/:changeId',
    {
      config: { access: 'selfcheck.manage' },
      schema: { tags, params: ChangeParams, response: { 204: z.null() } },
    },
    async (req, reply) => {
      await removePolicyChange(actorCtx(req), req.params.id, req.params.changeId);
      return reply.code(204).send(null);
    },
  );
  r.get(
    '/selfcheck/policies/:id/export',
    {
      config: { access: 'selfcheck.view' },
      schema: {
        tags,
        summary: 'Download the policy as an OSCAL 1.1.2 profile (JSON) over its catalog version',
        params: IdParams,
        querystring: PolicyExportQuery,
        response: { 200: Binary },
      },
    },
    async (req, reply) => sendDownload(reply, await exportPolicyOscal(actorCtx(req), req.params.id)),
  );
  r.get(
    '/selfcheck/policies/:id/differences.xlsx',
    {
      config: { access: 'selfcheck.view' },
      schema: {
        tags,
        summary: 'The report table 「統一基準群との差異」 as .xlsx',
        params: IdParams,
        response: { 200: Binary },
      },
    },
    async (req, reply) => {
      return sendDownload(reply, await exportDifferences(actorCtx(req), req.params.id));
    },
  );
}
