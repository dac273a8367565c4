import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorCtx } from '../../server/auth.js';
import { Binary, sendDownload } from '../../server/files.js';
import { str } from '../../server/validation.js';
import { IdParams } from '../org/validation.js';
import {
  attachEvidence,
  evidenceFile,
  getTarget,
  myTargets,
  saveAnswers,
  submitTarget,
  systemTargets,
} from './inspection-answer-service.js';
import { exportGradeTable, gradeTable } from './inspection-grade-service.js';
import { closeRound, getRound, listRounds, openRound } from './inspection-round-service.js';
import {
  createItemSet,
  deleteItemSet,
  getItemSet,
  listItemSets,
  updateItemSet,
} from './inspection-set-service.js';
import {
  CreateItemSetBody,
  EvidenceFileBody,
  EvidenceFileQuery,
  GradeTableOut,
  ItemSetOut,
  OpenRoundBody,
  RoundListOut,
  RoundListQuery,
  RoundOut,
  SaveAnswersBody,
  TargetOut,
  TargetSummaryOut,
  UpdateItemSetBody,
} from './inspection-validation.js';

/** Focused inspection rounds (重点検査): item sets, rounds, owners' answers, grade tables. */
export async function inspectionRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['systems: inspections'];
  const view = { access: 'system.view' } as const;
  const manage = { access: 'system.manage' } as const;
  const owner = { access: 'authenticated' } as const;
  // A set's id, or "shipped:web" for a shipped one.
  const SetParams = z.strictObject({ id: str().min(1).max(64) });

  r.get(
    '/inspections/item-sets',
    {
      config: view,
      schema: {
        tags,
        summary: 'Shipped and agency item sets',
        response: { 200: z.object({ items: z.array(ItemSetOut) }) },
      },
    },
    async (req) => listItemSets(actorCtx(req)),
  );
  r.get(
    '/inspections/item-sets/:id',
    {
      config: view,
      schema: {
        tags,
        summary: 'An item set ("shipped:web" or an id)',
        params: SetParams,
        response: { 200: ItemSetOut },
      },
    },
    async (req) => getItemSet(actorCtx(req), req.params.id),
  );
  r.post(
    '/inspections/item-sets',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Copy a shipped set (basedOn) or create one (agency-wide system.manage)',
        body: CreateItemSetBody,
        response: { 201: ItemSetOut },
      },
    },
    async (req, reply) => reply.code(201).send(await createItemSet(actorCtx(req), req.body)),
  );
  r.patch(
    '/inspections/item-sets/:id',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Edit or extend an agency set',
        params: IdParams,
        body: UpdateItemSetBody,
        response: { 200: ItemSetOut },
      },
    },
    async (req) => updateItemSet(actorCtx(req), req.params.id, req.body),
  );
  r.delete(
    '/inspections/item-sets/:id',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Delete an agency set (rounds keep their copy)',
        params: IdParams,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await deleteItemSet(actorCtx(req), req.params.id);
      return reply.code(204).send(null);
    },
  );

  r.get(
    '/inspections/rounds',
    {
      config: view,
      schema: {
        tags,
        summary: 'Rounds the caller may see, with progress',
        querystring: RoundListQuery,
        response: { 200: RoundListOut },
      },
    },
    async (req) => listRounds(actorCtx(req), req.query),
  );
  r.post(
    '/inspections/rounds',
    {
      config: manage,
      schema: {
        tags,
        summary: "Open a round over units' hosts of the chosen roles; mails each system's security officer",
        body: OpenRoundBody,
        response: { 201: RoundOut },
      },
    },
    async (req, reply) => reply.code(201).send(await openRound(actorCtx(req), req.body)),
  );
  r.get(
    '/inspections/rounds/:id',
    {
      config: view,
      schema: {
        tags,
        summary: 'A round with its items and progress',
        params: IdParams,
        response: { 200: RoundOut },
      },
    },
    async (req) => getRound(actorCtx(req), req.params.id),
  );
  r.post(
    '/inspections/rounds/:id/close',
    {
      config: manage,
      schema: { tags, summary: 'Close a round', params: IdParams, response: { 200: RoundOut } },
    },
    async (req) => closeRound(actorCtx(req), req.params.id),
  );
  r.get(
    '/inspections/rounds/:id/grades',
    {
      config: view,
      schema: {
        tags,
        summary: 'Grade table per host and division, with the previous round',
        params: IdParams,
        response: { 200: GradeTableOut },
      },
    },
    async (req) => gradeTable(actorCtx(req), req.params.id),
  );
  r.get(
    '/inspections/rounds/:id/grades/export',
    {
      config: view,
      schema: { tags, summary: 'The grade table as .xlsx', params: IdParams, response: { 200: Binary } },
    },
    async (req, reply) => sendDownload(reply, await exportGradeTable(actorCtx(req), req.params.id)),
  );

  r.get(
    '/inspections/my-targets',
    {
      config: owner,
      schema: {
        tags,
        summary: 'Hosts I answer for (as security officer or administrator)',
        response: { 200: z.object({ items: z.array(TargetSummaryOut) }) },
      },
    },
    async (req) => myTargets(actorCtx(req)),
  );
  r.get(
    '/inspections/targets/:id',
    {
      config: owner,
      schema: { tags, summary: "A host's items and answers", params: IdParams, response: { 200: TargetOut } },
    },
    async (req) => getTarget(actorCtx(req), req.params.id),
  );
  r.put(
    '/inspections/targets/:id/answers',
    {
      config: owner,
      schema: {
        tags,
        summary: 'Answer items (met / not_met / na, evidence)',
        params: IdParams,
        body: SaveAnswersBody,
        response: { 200: TargetOut },
      },
    },
    async (req) => saveAnswers(actorCtx(req), req.params.id, req.body),
  );
  r.post(
    '/inspections/targets/:id/evidence-file',
    {
      config: owner,
      // The file travels as base64 in JSON: allow for its ~4/3 growth.
      bodyLimit: Math.ceil(app.mamoruConfig.uploadLimit * 1.4) + 16_384,
      schema: {
        tags,
        summary: "Attach an evidence file to an item's answer (PDF, image, text, CSV, .xlsx, .docx)",
        params: IdParams,
        body: EvidenceFileBody,
        response: { 200: TargetOut },
      },
    },
    async (req) => attachEvidence(actorCtx(req), req.params.id, req.body),
  );
  r.get(
    '/inspections/targets/:id/evidence-file',
    {
      config: owner,
      schema: {
        tags,
        summary: "An item's evidence file",
        params: IdParams,
        querystring: EvidenceFileQuery,
        response: { 200: Binary },
      },
    },
    async (req, reply) =>
      sendDownload(reply, await evidenceFile(actorCtx(req), req.params.id, req.query.item)),
  );
  r.post(
    '/inspections/targets/:id/submit',
    {
      config: owner,
      schema: {
        tags,
        summary: "Submit a host's answers (confirms probe-filled items)",
        params: IdParams,
        response: { 200: TargetOut },
      },
    },
    async (req) => submitTarget(actorCtx(req), req.params.id),
  );
  r.get(
    '/inspections/systems/:id/targets',
    {
      config: owner,
      schema: {
        tags,
        summary: "A system's hosts in every round",
        params: IdParams,
        response: { 200: z.object({ items: z.array(TargetSummaryOut) }) },
      },
    },
    async (req) => systemTargets(actorCtx(req), req.params.id),
  );
}
