import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorCtx } from '../../server/auth.js';
import { IdParams } from '../org/validation.js';
import { entryMarkingHeader, previewMarking, queryHandlingRequirements } from './policy-query-service.js';
import {
  copyPolicy,
  getPolicy,
  getSettings,
  listPolicies,
  setSettings,
  updatePolicy,
} from './policy-service.js';
import {
  ClassificationPolicyListOut,
  ClassificationPolicyOut,
  ClassificationSettingsBody,
  ClassificationSettingsOut,
  CopyPolicyBody,
  EntryMarkingOut,
  HandlingRequirementsOut,
  HandlingRequirementsQuery,
  MarkingOut,
  MarkingQuery,
  PolicyIdParams,
  PolicyPathParams,
  UpdatePolicyBody,
} from './policy-validation.js';

export async function classificationPolicyRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['classification: policies'];
  r.get(
    '/policies/:policyId/handling-requirements',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary:
          'Who must permit or be notified before information at a level is handled so (the rule table)',
        description:
          'action: transport | provide | process_outside | copy | private_device | cloud_service; ' +
          'confidentiality: a level of the policy. `role` is the standard Japanese role name.',
        params: PolicyIdParams,
        querystring: HandlingRequirementsQuery,
        response: { 200: HandlingRequirementsOut },
      },
    },
    async (req) => queryHandlingRequirements(actorCtx(req), req.params.policyId, req.query),
  );
  r.get(
    '/classification/policies',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'The shipped policies, the agency’s own copies, and which one is active',
        response: { 200: ClassificationPolicyListOut },
      },
    },
    async (req) => listPolicies(actorCtx(req)),
  );
  r.get(
    '/classification/policies/:id',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'A policy’s levels, restrictions and rule table',
        params: PolicyPathParams,
        response: { 200: ClassificationPolicyOut },
      },
    },
    async (req) => getPolicy(actorCtx(req), req.params.id),
  );
  r.get(
    '/classification/policies/:id/marking',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'The marking for given levels and restrictions (documents, mail subject, gateway headers)',
        description:
          'restrictions: comma-separated keys, each optionally `key:param` (e.g. `no_copy,embargo:2027-03-31`).',
        params: PolicyPathParams,
        querystring: MarkingQuery,
        response: { 200: MarkingOut },
      },
    },
    async (req) => previewMarking(actorCtx(req), req.params.id, req.query),
  );
  r.post(
    '/classification/policies',
    {
      config: { access: 'classification.manage' },
      schema: {
        tags,
        summary: 'Copy a policy into a new agency policy that can be edited',
        body: CopyPolicyBody,
        response: { 201: ClassificationPolicyOut },
      },
    },
    async (req, reply) => reply.code(201).send(await copyPolicy(actorCtx(req), req.body)),
  );
  r.put(
    '/classification/policies/:id',
    {
      config: { access: 'classification.manage' },
      schema: {
        tags,
        summary: 'Replace an agency policy’s definition (shipped policies are read-only)',
        params: PolicyPathParams,
        body: UpdatePolicyBody,
        response: { 200: ClassificationPolicyOut },
      },
    },
    async (req) => updatePolicy(actorCtx(req), req.params.id, req.body),
  );
  r.get(
    '/classification/settings',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'The policy the agency classifies under',
        response: { 200: ClassificationSettingsOut },
      },
    },
    async (req) => getSettings(actorCtx(req)),
  );
  r.put(
    '/classification/settings',
    {
      config: { access: 'classification.manage' },
      schema: {
        tags,
        summary: 'Choose the policy the agency classifies new information under',
        body: ClassificationSettingsBody,
        response: { 200: ClassificationSettingsOut },
      },
    },
    async (req) => setSettings(actorCtx(req), req.body),
  );
  r.get(
    '/classification/gateway/entries/:id/header',
    {
      config: { access: 'classification.overview' },
      schema: {
        tags: ['classification: mail gateway'],
        summary: 'The marking header for an entry (never its title or content), for mail gateways',
        params: IdParams,
        response: { 200: EntryMarkingOut },
      },
    },
    async (req) => entryMarkingHeader(actorCtx(req), req.params.id),
  );
}
