import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorCtx } from '../../server/auth.js';
import { Binary, sendDownload } from '../../server/files.js';
import { IdParams } from '../org/validation.js';
import {
  createEngagement,
  engagementSamples,
  getEngagement,
  listEngagements,
  updateEngagement,
} from './engagement-service.js';
import { PAPER_TYPES } from './paper-rules.js';
import { PAPER_LIMIT_BYTES, readPaper, uploadPaper } from './paper-service.js';
import {
  EngagementBody,
  EngagementOut,
  EngagementQuery,
  PaperParams,
  PaperQuery,
  UpdateEngagementBody,
} from './validation.js';

const PaperOut = EngagementOut.shape.papers.element;

/** Engagements, their working papers (audit team only) and a self-check engagement's samples. */
export async function engagementRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['secaudit'];
  const signedIn = { access: 'authenticated' } as const;

  // Working papers arrive as the raw body; the service checks the type against the file's bytes.
  app.addContentTypeParser(
    PAPER_TYPES,
    { parseAs: 'buffer', bodyLimit: PAPER_LIMIT_BYTES },
    (_req, body, done) => done(null, body),
  );

  r.get(
    '/secaudit/engagements',
    {
      config: signedIn,
      schema: {
        tags,
        querystring: EngagementQuery,
        response: { 200: z.object({ items: z.array(EngagementOut) }) },
      },
    },
    async (req) => listEngagements(actorCtx(req), req.query),
  );
  r.post(
    '/secaudit/engagements',
    {
      config: { access: 'secaudit.manage' },
      schema: { tags, body: EngagementBody, response: { 201: EngagementOut } },
    },
    async (req, reply) => reply.code(201).send(await createEngagement(actorCtx(req), req.body)),
  );
  r.get(
    '/secaudit/engagements/:id',
    { config: signedIn, schema: { tags, params: IdParams, response: { 200: EngagementOut } } },
    async (req) => getEngagement(actorCtx(req), req.params.id),
  );
  r.patch(
    '/secaudit/engagements/:id',
    {
      config: { access: 'secaudit.manage' },
      schema: { tags, params: IdParams, body: UpdateEngagementBody, response: { 200: EngagementOut } },
    },
    async (req) => updateEngagement(actorCtx(req), req.params.id, req.body),
  );
  r.get(
    '/secaudit/engagements/:id/samples',
    {
      config: { access: 'selfcheck.audit' },
      schema: {
        tags,
        summary: 'The linked self-check campaign’s audit samples (read only)',
        params: IdParams,
        response: { 200: z.object({ items: z.array(z.unknown()) }) },
      },
    },
    async (req) => engagementSamples(actorCtx(req), req.params.id),
  );
  r.post(
    '/secaudit/engagements/:id/papers',
    {
      config: signedIn,
      bodyLimit: PAPER_LIMIT_BYTES,
      schema: {
        tags,
        summary: 'Attach a working paper (audit team only)',
        params: IdParams,
        querystring: PaperQuery,
        response: { 201: PaperOut },
      },
    },
    async (req, reply) => {
      const bytes = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const paper = await uploadPaper(actorCtx(req), req.params.id, {
        filename: req.query.filename,
        findingId: req.query.findingId,
        contentType: req.headers['content-type'],
        bytes,
      });
      return reply.code(201).send(paper);
    },
  );
  r.get(
    '/secaudit/engagements/:id/papers/:paperId',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'Download a working paper (audit team only)',
        params: PaperParams,
        response: { 200: Binary },
      },
    },
    async (req, reply) =>
      sendDownload(reply, await readPaper(actorCtx(req), req.params.id, req.params.paperId)),
  );
}
