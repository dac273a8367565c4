import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorCtx } from '../../server/auth.js';
import { fileBody } from '../../server/files.js';
import { str } from '../../server/validation.js';
import { IdParams } from '../org/validation.js';
import { cryptoMigrations, endOfSupport } from './advisory-eos-service.js';
import { getAdvisoryPolicy, updateAdvisoryPolicy } from './advisory-policy-service.js';
import {
  advisoryCard,
  answerResponse,
  listResponses,
  overdueByDivision,
} from './advisory-response-service.js';
import {
  createAdvisory,
  getAdvisory,
  importCsaf,
  listAdvisories,
  rematchAdvisory,
} from './advisory-service.js';
import {
  AdvisoryDetailOut,
  AdvisoryListOut,
  AdvisoryOut,
  AnswerBody,
  CardOut,
  CreateAdvisoryBody,
  EosOut,
  EosQuery,
  ListAdvisoriesQuery,
  ListResponsesQuery,
  MigrationOut,
  OverdueOut,
  PolicyData,
  PolicyOut,
  ResponseListOut,
  ResponseOut,
} from './advisory-validation.js';

const tags = ['systems: advisories'];
const Empty = z.strictObject({});
const MatchOut = z.object({ affectedSystems: z.number().int(), newResponses: z.number().int() });
const ImportQuery = z.strictObject({ name: str().trim().min(1).max(200).optional() });

/** Vulnerability advisories matched against the ledger and routed to the systems' owners (issue #14 part 3). */
export async function advisoryRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const view = { access: 'system.view' } as const;
  const manage = { access: 'system.manage' } as const;
  const signedIn = { access: 'authenticated' } as const;

  // The CSAF file arrives as the raw body, so that a syntax error is reported as the file's own problem.
  await app.register(async (sub) => {
    const bodyLimit = sub.mamoruConfig.uploadLimit;
    sub.removeContentTypeParser('application/json');
    sub.addContentTypeParser(
      ['application/json', 'application/csaf+json', 'application/octet-stream', 'text/plain'],
      { parseAs: 'buffer', bodyLimit },
      (_req, body, done) => done(null, body),
    );
    sub.withTypeProvider<ZodTypeProvider>().post(
      '/advisories/import',
      {
        config: manage,
        bodyLimit,
        schema: {
          tags,
          summary: 'Import a CSAF 2.0 advisory (JVN iPedia CSAF too); matched against the ledger at once',
          description:
            'Send the JSON document as the body. Any problem rejects it with 422 import_invalid naming the JSON path; nothing is imported.',
          querystring: ImportQuery,
          response: { 201: AdvisoryOut },
        },
      },
      async (req, reply) =>
        reply
          .code(201)
          .send(await importCsaf(actorCtx(req), fileBody(req.body), req.query.name ?? 'csaf.json')),
    );
  });

  r.get(
    '/advisories',
    {
      config: view,
      schema: {
        tags,
        summary: 'Advisories, newest first',
        querystring: ListAdvisoriesQuery,
        response: { 200: AdvisoryListOut },
      },
    },
    async (req) => listAdvisories(actorCtx(req), req.query),
  );
  r.post(
    '/advisories',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Enter an advisory (matched against the ledger at once)',
        body: CreateAdvisoryBody,
        response: { 201: AdvisoryOut },
      },
    },
    async (req, reply) => reply.code(201).send(await createAdvisory(actorCtx(req), req.body)),
  );
  r.get(
    '/advisories/responses',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'Responses of the systems the caller sees or answers for',
        querystring: ListResponsesQuery,
        response: { 200: ResponseListOut },
      },
    },
    async (req) => listResponses(actorCtx(req), req.query),
  );
  r.get(
    '/advisories/mine',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'Responses of the systems the caller answers for (責任者・管理者)',
        querystring: ListResponsesQuery,
        response: { 200: ResponseListOut },
      },
    },
    async (req) => listResponses(actorCtx(req), { ...req.query, mine: true }),
  );
  r.patch(
    '/advisories/responses/:id',
    {
      config: signedIn,
      schema: {
        tags,
        summary: "Record a system's response (its responsible person, or system.manage over its unit)",
        params: IdParams,
        body: AnswerBody,
        response: { 200: ResponseOut },
      },
    },
    async (req) => answerResponse(actorCtx(req), req.params.id, req.body),
  );
  r.get(
    '/advisories/overdue',
    {
      config: view,
      schema: {
        tags,
        summary: 'Open and overdue responses per division, with the overdue list',
        querystring: ListResponsesQuery,
        response: { 200: OverdueOut },
      },
    },
    async (req) => overdueByDivision(actorCtx(req), req.query),
  );
  r.get(
    '/advisories/card',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'Dashboard: open responses and critical ones past target',
        querystring: Empty,
        response: { 200: CardOut },
      },
    },
    async (req) => advisoryCard(actorCtx(req)),
  );
  r.get(
    '/advisories/policy',
    {
      config: view,
      schema: {
        tags,
        summary: 'CVSS bands → target days, and crypto migration deadlines',
        querystring: Empty,
        response: { 200: PolicyOut },
      },
    },
    async (req) => getAdvisoryPolicy(actorCtx(req)),
  );
  r.patch(
    '/advisories/policy',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Change the advisory policy (agency-wide)',
        body: PolicyData,
        response: { 200: PolicyOut },
      },
    },
    async (req) => updateAdvisoryPolicy(actorCtx(req), req.body),
  );
  r.get(
    '/advisories/end-of-support',
    {
      config: view,
      schema: {
        tags,
        summary: 'Products with an end-of-support date and the systems running them',
        querystring: EosQuery,
        response: { 200: EosOut },
      },
    },
    async (req) => endOfSupport(actorCtx(req), req.query),
  );
  r.get(
    '/advisories/crypto-migrations',
    {
      config: view,
      schema: {
        tags,
        summary: 'Certificates still to migrate (SHA-1/RSA1024 → SHA-256/RSA2048)',
        querystring: Empty,
        response: { 200: MigrationOut },
      },
    },
    async (req) => cryptoMigrations(actorCtx(req)),
  );
  r.get(
    '/advisories/:id',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'An advisory with the responses the caller may see',
        params: IdParams,
        response: { 200: AdvisoryDetailOut },
      },
    },
    async (req) => getAdvisory(actorCtx(req), req.params.id),
  );
  r.post(
    '/advisories/:id/match',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Match again after the ledger changed (answers are kept)',
        params: IdParams,
        response: { 200: MatchOut },
      },
    },
    async (req) => rematchAdvisory(actorCtx(req), req.params.id),
  );
}
