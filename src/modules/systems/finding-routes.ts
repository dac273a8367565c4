import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { decodeCsv } from '../../lib/tabular.js';
import { actorCtx } from '../../server/auth.js';
import { Binary, fileBody, sendDownload } from '../../server/files.js';
import { IdParams } from '../org/validation.js';
import {
  createFinding,
  criticalFindings,
  findingSummary,
  getFinding,
  getFindingPolicy,
  importFindings,
  importProbeRun,
  listFindings,
  transitionFinding,
  updateFindingPolicy,
} from './finding-service.js';
import {
  AcceptBody,
  CreateFindingBody,
  CriticalOut,
  FindingDetailOut,
  FindingExportQuery,
  FindingListOut,
  FindingListQuery,
  FixBody,
  ImportOut,
  ImportQuery,
  PolicyBody,
  PolicyOut,
  ProbeImportBody,
  ReopenBody,
  SummaryOut,
  VerifyBody,
} from './finding-validation.js';
import { exportFindingsSarif } from './sarif/service.js';

const FILE_TYPES = ['text/csv', 'text/plain', 'application/octet-stream'];

/** Diagnosis findings on ledger systems (issue #14 part 6). */
export async function findingRoutes(app: FastifyInstance) {
  const bodyLimit = app.mamoruConfig.uploadLimit;
  app.addContentTypeParser(FILE_TYPES, { parseAs: 'buffer', bodyLimit }, (_req, body, done) =>
    done(null, body),
  );
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['findings'];
  // Reads and the owner's answer are open to signed-in users: the service lets through system.view over
  // the system's unit, or the system's own security officer / administrator (who may hold no permission).
  const signedIn = { access: 'authenticated' } as const;
  const manage = { access: 'system.manage' } as const;

  r.get(
    '/findings',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'Findings you may see, with filters and paging',
        querystring: FindingListQuery,
        response: { 200: FindingListOut },
      },
    },
    async (req) => listFindings(actorCtx(req), req.query),
  );
  r.get(
    '/findings/export',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'Scanner and probe findings you may see as SARIF 2.1.0 (testssl.sh, OWASP ZAP, probes)',
        description:
          'Hand-entered and CSV diagnosis findings are not scanner output and are left out. status: outstanding (default), all, or one status.',
        querystring: FindingExportQuery,
        response: { 200: Binary },
      },
    },
    async (req, reply) => sendDownload(reply, await exportFindingsSarif(actorCtx(req), req.query)),
  );
  r.get(
    '/findings/summary',
    {
      config: signedIn,
      schema: { tags, summary: 'Outstanding findings by division and age', response: { 200: SummaryOut } },
    },
    async (req) => findingSummary(actorCtx(req)),
  );
  r.get(
    '/findings/critical',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'Outstanding CVSS ≥ 7.0 findings and overdue ones (dashboard)',
        response: { 200: CriticalOut },
      },
    },
    async (req) => criticalFindings(actorCtx(req)),
  );
  r.get(
    '/findings/policy',
    {
      config: { access: 'system.view' },
      schema: { tags, summary: 'Days to the target date per CVSS band', response: { 200: PolicyOut } },
    },
    async (req) => getFindingPolicy(actorCtx(req)),
  );
  r.put(
    '/findings/policy',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Set the days per CVSS band (agency-wide)',
        body: PolicyBody,
        response: { 200: PolicyOut },
      },
    },
    async (req) => updateFindingPolicy(actorCtx(req), req.body),
  );
  r.post(
    '/findings/import',
    {
      config: manage,
      bodyLimit,
      schema: {
        tags,
        summary: 'Import a diagnosis: CSV, testssl.sh --jsonfile JSON or an OWASP ZAP JSON report',
        description:
          'Send the file as the request body (text/csv, text/plain or application/octet-stream). A malformed file, or a host/system not in the ledger (unless unmatched=list), is refused with 422 import_invalid naming the line or JSON path; nothing is imported. dryRun=true (the default) only reports what would change.',
        querystring: ImportQuery,
        response: { 200: ImportOut },
      },
    },
    async (req) => {
      const buf = fileBody(req.body);
      return importFindings(actorCtx(req), { ...req.query, content: decodeCsv(buf) });
    },
  );
  r.post(
    '/findings/from-probe/:id',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Turn a probe run’s bad verdicts into findings',
        params: IdParams,
        body: ProbeImportBody,
        response: { 200: ImportOut },
      },
    },
    async (req) => importProbeRun(actorCtx(req), req.params.id, req.body),
  );
  r.post(
    '/findings',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Enter a finding by hand',
        body: CreateFindingBody,
        response: { 201: z.object({ id: z.uuid() }) },
      },
    },
    async (req, reply) => reply.code(201).send(await createFinding(actorCtx(req), req.body)),
  );
  r.get(
    '/findings/:id',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'A finding with its history',
        params: IdParams,
        response: { 200: FindingDetailOut },
      },
    },
    async (req) => getFinding(actorCtx(req), req.params.id),
  );
  const Transition = z.object({ id: z.uuid(), status: z.string() });
  r.post(
    '/findings/:id/fix',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'The owner reports the finding fixed',
        params: IdParams,
        body: FixBody,
        response: { 200: Transition },
      },
    },
    async (req) => transitionFinding(actorCtx(req), req.params.id, 'fix', req.body),
  );
  r.post(
    '/findings/:id/verify',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Close after a re-test (or reopen when still present)',
        params: IdParams,
        body: VerifyBody,
        response: { 200: Transition },
      },
    },
    async (req) => transitionFinding(actorCtx(req), req.params.id, 'verify', req.body),
  );
  r.post(
    '/findings/:id/reopen',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Reopen a fixed, closed or accepted finding',
        params: IdParams,
        body: ReopenBody,
        response: { 200: Transition },
      },
    },
    async (req) => transitionFinding(actorCtx(req), req.params.id, 'reopen', req.body),
  );
  r.post(
    '/findings/:id/accept',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Accept the risk, with the reason',
        params: IdParams,
        body: AcceptBody,
        response: { 200: Transition },
      },
    },
    async (req) =>
      transitionFinding(actorCtx(req), req.params.id, 'accept', {
        note: req.body.reason,
        version: req.body.version,
      }),
  );
}
