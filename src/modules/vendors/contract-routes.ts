import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorCtx } from '../../server/auth.js';
import { Binary, sendDownload } from '../../server/files.js';
import { str } from '../../server/validation.js';
import { Id, IdParams } from '../org/validation.js';
import {
  createContract,
  evidenceFile,
  getContract,
  listContracts,
  recordCheck,
  updateContract,
  uploadEvidence,
} from './contract-service.js';
import { EVIDENCE_MAX_BYTES, EVIDENCE_TYPES } from './rules.js';
import {
  CheckBody,
  CheckParams,
  ContractBody,
  ContractDetailOut,
  ContractOut,
  ContractPageOut,
  ContractPatch,
  ListQuery,
} from './validation.js';

/** Outsourcing contracts and their checks at contract, during the work and at delivery. */
export async function contractRoutes(app: FastifyInstance) {
  // Evidence files arrive as the raw body; only allow-listed types (checked again in the service).
  app.removeContentTypeParser('text/plain');
  app.addContentTypeParser(
    [...EVIDENCE_TYPES],
    { parseAs: 'buffer', bodyLimit: EVIDENCE_MAX_BYTES },
    (_req, body, done) => done(null, body),
  );
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['vendors: outsourcing contracts'];
  const view = { access: 'vendor.view' } as const;
  const manage = { access: 'vendor.manage' } as const;
  r.get(
    '/vendors/contracts',
    {
      config: view,
      schema: {
        tags,
        summary: 'The register (filter=open: with open checks; expiring: ISMS certificate)',
        querystring: ListQuery,
        response: { 200: ContractPageOut },
      },
    },
    async (req) => listContracts(actorCtx(req), req.query),
  );
  r.post(
    '/vendors/contracts',
    { config: manage, schema: { tags, body: ContractBody, response: { 201: ContractOut } } },
    async (req, reply) => reply.code(201).send(await createContract(actorCtx(req), req.body)),
  );
  r.get(
    '/vendors/contracts/:id',
    {
      config: view,
      schema: {
        tags,
        summary: 'A contract with its three checks',
        params: IdParams,
        response: { 200: ContractDetailOut },
      },
    },
    async (req) => getContract(actorCtx(req), req.params.id),
  );
  r.patch(
    '/vendors/contracts/:id',
    {
      config: manage,
      schema: { tags, params: IdParams, body: ContractPatch, response: { 200: ContractOut } },
    },
    async (req) => updateContract(actorCtx(req), req.params.id, req.body),
  );
  r.put(
    '/vendors/contracts/:id/checks/:phase/:item',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Record one check item (result, evidence text)',
        params: CheckParams,
        body: CheckBody,
        response: { 200: ContractDetailOut },
      },
    },
    async (req) => recordCheck(actorCtx(req), req.params.id, req.params.phase, req.params.item, req.body),
  );
  r.post(
    '/vendors/contracts/:id/checks/:phase/:item/files',
    {
      config: manage,
      bodyLimit: EVIDENCE_MAX_BYTES,
      schema: {
        tags,
        summary: `Attach an evidence file as the raw body (${EVIDENCE_TYPES.join(', ')}; at most ${EVIDENCE_MAX_BYTES} bytes)`,
        params: CheckParams,
        querystring: z.strictObject({ filename: str().trim().min(1).max(200).default('evidence') }),
        response: { 201: ContractDetailOut },
      },
    },
    async (req, reply) => {
      const bytes = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const contentType = String(req.headers['content-type'] ?? '');
      const out = await uploadEvidence(actorCtx(req), req.params.id, req.params.phase, req.params.item, {
        bytes,
        contentType,
        filename: req.query.filename,
      });
      return reply.code(201).send(out);
    },
  );
  r.get(
    '/vendors/contracts/:id/files/:fileId',
    {
      config: view,
      schema: { tags, params: z.strictObject({ id: Id, fileId: Id }), response: { 200: Binary } },
    },
    async (req, reply) =>
      sendDownload(reply, await evidenceFile(actorCtx(req), req.params.id, req.params.fileId)),
  );
}
