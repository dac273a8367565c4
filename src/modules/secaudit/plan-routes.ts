import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorCtx } from '../../server/auth.js';
import { IdParams } from '../org/validation.js';
import {
  addMilestone,
  approvePlan,
  createPlan,
  getPlan,
  listPlans,
  updateMilestone,
  updatePlan,
} from './plan-service.js';
import {
  CreatePlanBody,
  MilestoneBody,
  MilestoneParams,
  PlanBody,
  PlanListOut,
  PlanOut,
  UpdateMilestoneBody,
} from './validation.js';

/** The yearly audit plan (003 L826-832) and its calendar (002 L875-962). */
export async function planRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['secaudit'];
  const manage = { access: 'secaudit.manage' } as const;
  // Readers hold secaudit.view, .manage or .approve: checked in the service.
  const signedIn = { access: 'authenticated' } as const;

  r.get(
    '/secaudit/plans',
    { config: signedIn, schema: { tags, response: { 200: PlanListOut } } },
    async (req) => listPlans(actorCtx(req)),
  );
  r.post(
    '/secaudit/plans',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Draft a fiscal year’s plan',
        body: CreatePlanBody,
        response: { 201: PlanOut },
      },
    },
    async (req, reply) => reply.code(201).send(await createPlan(actorCtx(req), req.body)),
  );
  r.get(
    '/secaudit/plans/:id',
    { config: signedIn, schema: { tags, params: IdParams, response: { 200: PlanOut } } },
    async (req) => getPlan(actorCtx(req), req.params.id),
  );
  r.put(
    '/secaudit/plans/:id',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Edit the plan (an approved plan becomes a new draft version)',
        params: IdParams,
        body: PlanBody,
        response: { 200: PlanOut },
      },
    },
    async (req) => updatePlan(actorCtx(req), req.params.id, req.body),
  );
  r.post(
    '/secaudit/plans/:id/approve',
    {
      config: { access: 'secaudit.approve' },
      schema: { tags, summary: 'The CISO approves the plan', params: IdParams, response: { 200: PlanOut } },
    },
    async (req) => approvePlan(actorCtx(req), req.params.id),
  );
  r.post(
    '/secaudit/plans/:id/milestones',
    { config: manage, schema: { tags, params: IdParams, body: MilestoneBody, response: { 201: PlanOut } } },
    async (req, reply) => reply.code(201).send(await addMilestone(actorCtx(req), req.params.id, req.body)),
  );
  r.patch(
    '/secaudit/plans/:id/milestones/:milestoneId',
    {
      config: manage,
      schema: { tags, params: MilestoneParams, body: UpdateMilestoneBody, response: { 200: PlanOut } },
    },
    async (req) => updateMilestone(actorCtx(req), req.params.id, req.params.milestoneId, req.body),
  );
}
