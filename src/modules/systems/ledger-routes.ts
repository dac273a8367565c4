import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorCtx } from '../../server/auth.js';
import { acceptFileBodies, Binary, fileBody, sendDownload } from '../../server/files.js';
import { IdParams } from '../org/validation.js';
import {
  addCertificate,
  addHost,
  addSoftware,
  removeCertificate,
  removeHost,
  removeSoftware,
  updateCertificate,
  updateHost,
  updateSoftware,
} from './ledger-components.js';
import { systemHistory } from './ledger-history.js';
import { importLedger } from './ledger-import.js';
import { getSettings, listSystems, serverCounts, updateSettings } from './ledger-list.js';
import { createSystem, deleteSystem, getSystem, reviewSystem, updateSystem } from './ledger-service.js';
import {
  CertificateBody,
  CertificateOut,
  ComponentParams,
  CountsOut,
  CreateSystemBody,
  HistoryOut,
  HostBody,
  HostOut,
  ImportQuery,
  ImportSummaryOut,
  ListSystemsQuery,
  SettingsBody,
  SoftwareBody,
  SoftwareOut,
  SystemListOut,
  SystemOut,
  UpdateCertificateBody,
  UpdateHostBody,
  UpdateSoftwareBody,
  UpdateSystemBody,
  VersionQuery,
} from './ledger-validation.js';
import { exportLedger } from './ledger-xlsx.js';

const Settings = z.object({
  webServerTarget: z.number().int().nullable(),
  mailServerTarget: z.number().int().nullable(),
});

/**
 * The information-system ledger (情報システム管理台帳). Reading a system and editing its components are
 * open to any signed-in user because a system's own security officer and administrator may do them
 * without a ledger permission; the service decides per system (404 for systems one may not see).
 */
export async function ledgerRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['systems'];
  const bodyLimit = acceptFileBodies(app);
  const signedIn = { access: 'authenticated' } as const;
  const view = { access: 'system.view' } as const;
  const manage = { access: 'system.manage' } as const;

  r.get(
    '/systems',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'Ledger entries you may see: paging, search by name, code or product, filters',
        querystring: ListSystemsQuery,
        response: { 200: SystemListOut },
      },
    },
    async (req) => listSystems(actorCtx(req), req.query),
  );
  r.post(
    '/systems',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Create a ledger entry',
        body: CreateSystemBody,
        response: { 201: SystemOut },
      },
    },
    async (req, reply) => reply.code(201).send(await createSystem(actorCtx(req), req.body)),
  );
  r.get(
    '/systems/export',
    {
      config: view,
      schema: {
        tags,
        summary: 'The ledger as .xlsx (情報システム, ホスト, ソフトウェア, 証明書)',
        response: { 200: Binary },
      },
    },
    async (req, reply) => sendDownload(reply, await exportLedger(actorCtx(req))),
  );
  r.post(
    '/systems/import',
    {
      config: manage,
      bodyLimit,
      schema: {
        tags,
        summary: 'Import the ledger workbook (.xlsx): all or nothing; dryRun=true reports what would change',
        description:
          'Send the .xlsx as the request body. Any bad cell rejects the file with 422 import_invalid naming sheet, row and column; nothing is imported.',
        querystring: ImportQuery,
        response: { 200: ImportSummaryOut },
      },
    },
    async (req) => importLedger(actorCtx(req), fileBody(req.body), req.query.dryRun === 'true'),
  );
  r.get(
    '/systems/counts',
    {
      config: view,
      schema: {
        tags,
        summary: 'Web and mail servers against the consolidation target',
        response: { 200: CountsOut },
      },
    },
    async (req) => serverCounts(actorCtx(req)),
  );
  r.get(
    '/systems/settings',
    { config: view, schema: { tags, summary: 'The agency’s ledger settings', response: { 200: Settings } } },
    async (req) => getSettings(actorCtx(req)),
  );
  r.patch(
    '/systems/settings',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Set the consolidation targets (agency-wide managers)',
        body: SettingsBody,
        response: { 200: Settings },
      },
    },
    async (req) => updateSettings(actorCtx(req), req.body),
  );

  r.get(
    '/systems/:id',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'A ledger entry with its components',
        params: IdParams,
        response: { 200: SystemOut },
      },
    },
    async (req) => getSystem(actorCtx(req), req.params.id),
  );
  r.patch(
    '/systems/:id',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Edit a ledger entry (409 when `version` is stale)',
        params: IdParams,
        body: UpdateSystemBody,
        response: { 200: SystemOut },
      },
    },
    async (req) => updateSystem(actorCtx(req), req.params.id, req.body),
  );
  r.delete(
    '/systems/:id',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Delete a ledger entry',
        params: IdParams,
        querystring: VersionQuery,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await deleteSystem(actorCtx(req), req.params.id, req.query.version);
      return reply.code(204).send(null);
    },
  );
  r.post(
    '/systems/:id/review',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'Confirm the entry is true (yearly review)',
        params: IdParams,
        response: { 200: SystemOut },
      },
    },
    async (req) => reviewSystem(actorCtx(req), req.params.id),
  );
  r.get(
    '/systems/:id/history',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'Changes to the entry, newest first',
        params: IdParams,
        response: { 200: HistoryOut },
      },
    },
    async (req) => systemHistory(actorCtx(req), req.params.id),
  );

  r.post(
    '/systems/:id/hosts',
    {
      config: signedIn,
      schema: { tags, summary: 'Add to hosts', params: IdParams, body: HostBody, response: { 201: HostOut } },
    },
    async (req, reply) => reply.code(201).send(await addHost(actorCtx(req), req.params.id, req.body)),
  );
  r.patch(
    '/systems/:id/hosts/:componentId',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'Edit one of hosts',
        params: ComponentParams,
        body: UpdateHostBody,
        response: { 200: HostOut },
      },
    },
    async (req) => updateHost(actorCtx(req), req.params.id, req.params.componentId, req.body),
  );
  r.delete(
    '/systems/:id/hosts/:componentId',
    {
      config: signedIn,
      schema: { tags, summary: 'Remove one of hosts', params: ComponentParams, response: { 204: z.null() } },
    },
    async (req, reply) => {
      await removeHost(actorCtx(req), req.params.id, req.params.componentId);
      return reply.code(204).send(null);
    },
  );
  r.post(
    '/systems/:id/software',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'Add to software',
        params: IdParams,
        body: SoftwareBody,
        response: { 201: SoftwareOut },
      },
    },
    async (req, reply) => reply.code(201).send(await addSoftware(actorCtx(req), req.params.id, req.body)),
  );
  r.patch(
    '/systems/:id/software/:componentId',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'Edit one of software',
        params: ComponentParams,
        body: UpdateSoftwareBody,
        response: { 200: SoftwareOut },
      },
    },
    async (req) => updateSoftware(actorCtx(req), req.params.id, req.params.componentId, req.body),
  );
  r.delete(
    '/systems/:id/software/:componentId',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'Remove one of software',
        params: ComponentParams,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await removeSoftware(actorCtx(req), req.params.id, req.params.componentId);
      return reply.code(204).send(null);
    },
  );
  r.post(
    '/systems/:id/certificates',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'Add to certificates',
        params: IdParams,
        body: CertificateBody,
        response: { 201: CertificateOut },
      },
    },
    async (req, reply) => reply.code(201).send(await addCertificate(actorCtx(req), req.params.id, req.body)),
  );
  r.patch(
    '/systems/:id/certificates/:componentId',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'Edit one of certificates',
        params: ComponentParams,
        body: UpdateCertificateBody,
        response: { 200: CertificateOut },
      },
    },
    async (req) => updateCertificate(actorCtx(req), req.params.id, req.params.componentId, req.body),
  );
  r.delete(
    '/systems/:id/certificates/:componentId',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'Remove one of certificates',
        params: ComponentParams,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await removeCertificate(actorCtx(req), req.params.id, req.params.componentId);
      return reply.code(204).send(null);
    },
  );
}
