import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorCtx } from '../../server/auth.js';
import { Binary, sendDownload } from '../../server/files.js';
import { submitToCentral } from '../central/service.js';
import { IdParams } from '../org/validation.js';
import {
  changesAfterClose,
  createCampaign,
  getCampaign,
  listCampaigns,
  transitionCampaign,
  updateCampaign,
} from './campaign-service.js';
import { approvePlan, setPlan, withdrawApproval } from './plan-service.js';
import { pending, progress, requestReminders } from './progress-service.js';
import { centralSubmission, exportResults, freezeResults, getResults } from './results-service.js';
import { ResultsOut } from './results-validation.js';
import { drawSample, getSample, listSamples, verifyEntry } from './sample-service.js';
import { SampleBody, SampleDetailOut, SampleOut } from './sample-validation.js';
import {
  CampaignOut,
  ChangeAfterCloseOut,
  CreateCampaignBody,
  JobQueuedOut,
  PendingOut,
  PendingQuery,
  PlanIn,
  ProgressOut,
  ProgressQuery,
  RemindBody,
  ResultsExportQuery,
  ResultsQuery,
  TransitionBody,
  TransitionOut,
  UpdateCampaignBody,
  VerifyEntryBody,
} from './validation.js';

const SampleParams = z.strictObject({ id: z.uuid(), sampleId: z.uuid() });
const EntryParams = SampleParams.extend({ entryId: z.uuid() });

export async function campaignRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['selfcheck: campaigns'];
  const view = { access: 'selfcheck.view' } as const;
  const manage = { access: 'selfcheck.manage' } as const;

  r.get(
    '/selfcheck/campaigns',
    { config: view, schema: { tags, response: { 200: z.object({ items: z.array(CampaignOut) }) } } },
    async (req) => ({
      items: await listCampaigns(actorCtx(req)),
    }),
  );
  r.post(
    '/selfcheck/campaigns',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Create a campaign (draft)',
        body: CreateCampaignBody,
        response: { 201: CampaignOut },
      },
    },
    async (req, reply) => reply.code(201).send(await createCampaign(actorCtx(req), req.body)),
  );
  r.get(
    '/selfcheck/campaigns/:id',
    { config: view, schema: { tags, params: IdParams, response: { 200: CampaignOut } } },
    async (req) => getCampaign(actorCtx(req), req.params.id),
  );
  r.patch(
    '/selfcheck/campaigns/:id',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Edit a campaign (its shape only while a draft)',
        params: IdParams,
        body: UpdateCampaignBody,
        response: { 200: CampaignOut },
      },
    },
    async (req) => updateCampaign(actorCtx(req), req.params.id, req.body),
  );
  r.put(
    '/selfcheck/campaigns/:id/plan',
    {
      config: manage,
      schema: {
        tags,
        summary:
          'Write the self-check plan (方針・対象・点検内容・実施時期・評価方法); a change withdraws its approval',
        params: IdParams,
        body: PlanIn,
        response: { 200: CampaignOut },
      },
    },
    async (req) => setPlan(actorCtx(req), req.params.id, req.body),
  );
  const approve = { access: 'selfcheck.approve' } as const;
  r.post(
    '/selfcheck/campaigns/:id/approval',
    {
      config: approve,
      schema: {
        tags,
        summary: 'Approve the plan (the CISO); the campaign can open only when approved',
        params: IdParams,
        response: { 200: CampaignOut },
      },
    },
    async (req) => approvePlan(actorCtx(req), req.params.id),
  );
  r.delete(
    '/selfcheck/campaigns/:id/approval',
    {
      config: approve,
      schema: {
        tags,
        summary: 'Withdraw the approval of the plan',
        params: IdParams,
        response: { 200: CampaignOut },
      },
    },
    async (req) => withdrawApproval(actorCtx(req), req.params.id),
  );
  r.post(
    '/selfcheck/campaigns/:id/transition',
    {
      config: manage,
      schema: {
        tags,
        summary:
          'Open (freezes items and members; for a large agency the members are created by the job `jobId`, watched at /jobs/{jobId}), close, reopen or publish (freezes the figures; optionally submits them to the central body)',
        params: IdParams,
        body: TransitionBody,
        response: { 200: TransitionOut },
      },
    },
    async (req) => {
      const ctx = actorCtx(req);
      return transitionCampaign(ctx, req.params.id, req.body.to, {
        onPublish: async (tx, c) => {
          await freezeResults(tx, c);
          if (req.body.submitToCentral) {
            await submitToCentral(tx, ctx, {
              fromTenantId: c.tenantId,
              kind: 'selfcheck.results',
              fiscalYear: c.fiscalYear,
              title: c.title,
              payload: await centralSubmission(tx, c),
            });
          }
        },
      });
    },
  );
  r.get(
    '/selfcheck/campaigns/:id/changes-after-close',
    {
      config: view,
      schema: {
        tags,
        summary: 'Every change recorded after the campaign closed',
        params: IdParams,
        response: { 200: z.object({ items: z.array(ChangeAfterCloseOut) }) },
      },
    },
    async (req) => ({ items: await changesAfterClose(actorCtx(req), req.params.id) }),
  );
  r.get(
    '/selfcheck/campaigns/:id/progress',
    {
      config: view,
      schema: {
        tags,
        summary: 'Live progress of a unit (default: your top unit) and the units directly below',
        params: IdParams,
        querystring: ProgressQuery,
        response: { 200: ProgressOut },
      },
    },
    async (req) => progress(actorCtx(req), req.params.id, req.query.unitId),
  );
  r.get(
    '/selfcheck/campaigns/:id/pending',
    {
      config: view,
      schema: {
        tags,
        summary: 'Who has not submitted, in a unit’s subtree',
        params: IdParams,
        querystring: PendingQuery,
        response: { 200: PendingOut },
      },
    },
    async (req) => pending(actorCtx(req), req.params.id, req.query),
  );
  r.post(
    '/selfcheck/campaigns/:id/reminders',
    {
      config: view,
      schema: {
        tags,
        summary: 'Mail a reminder to every non-submitter (of a unit, or all); runs as a background job',
        params: IdParams,
        body: RemindBody,
        response: { 202: JobQueuedOut },
      },
    },
    async (req, reply) =>
      reply.code(202).send(await requestReminders(actorCtx(req), req.params.id, req.body.unitId)),
  );
  r.get(
    '/selfcheck/campaigns/:id/results',
    {
      config: view,
      schema: {
        tags,
        summary: '把握率・実施率・到達率 by group, role, unit and chapter; year over year',
        params: IdParams,
        querystring: ResultsQuery,
        response: { 200: ResultsOut },
      },
    },
    async (req) =>
      getResults(actorCtx(req), req.params.id, {
        naPasses: req.query.naPasses === 'true',
        unitId: req.query.unitId,
      }),
  );
  r.get(
    '/selfcheck/campaigns/:id/results/export',
    {
      config: view,
      schema: {
        tags,
        summary:
          'The results as .xlsx (all tables), one table as CSV, or OSCAL 1.1.2 assessment-results (JSON)',
        params: IdParams,
        querystring: ResultsExportQuery,
        response: { 200: Binary },
      },
    },
    async (req, reply) => {
      return sendDownload(
        reply,
        await exportResults(actorCtx(req), req.params.id, {
          ...req.query,
          naPasses: req.query.naPasses === 'true',
        }),
      );
    },
  );

  const audit = { access: 'selfcheck.audit' } as const;
  r.post(
    '/selfcheck/campaigns/:id/samples',
    {
      config: audit,
      schema: {
        tags,
        summary: 'Draw a reproducible sample of answers per role for auditors',
        params: IdParams,
        body: SampleBody,
        response: { 201: z.object({ id: z.string(), entries: z.number().int() }) },
      },
    },
    async (req, reply) => reply.code(201).send(await drawSample(actorCtx(req), req.params.id, req.body)),
  );
  r.get(
    '/selfcheck/campaigns/:id/samples',
    {
      config: audit,
      schema: { tags, params: IdParams, response: { 200: z.object({ items: z.array(SampleOut) }) } },
    },
    async (req) => ({
      items: await listSamples(actorCtx(req), req.params.id),
    }),
  );
  r.get(
    '/selfcheck/campaigns/:id/samples/:sampleId',
    { config: audit, schema: { tags, params: SampleParams, response: { 200: SampleDetailOut } } },
    async (req) => getSample(actorCtx(req), req.params.id, req.params.sampleId),
  );
  r.patch(
    '/selfcheck/campaigns/:id/samples/:sampleId/entries/:entryId',
    {
      config: audit,
      schema: {
        tags,
        summary: 'Record whether a sampled answer was verified true',
        params: EntryParams,
        body: VerifyEntryBody,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await verifyEntry(actorCtx(req), req.params.id, req.params.entryId, req.body);
      return reply.code(204).send(null);
    },
  );
}
