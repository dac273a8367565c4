import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorCtx } from '../../server/auth.js';
import { acceptFileBodies, Binary, fileBody, sendDownload } from '../../server/files.js';
import { IdParams } from '../org/validation.js';
import {
  exportCatalogVersion,
  getCatalogVersion,
  importCatalog,
  listCatalogVersions,
} from './catalog-service.js';
import {
  CatalogItemOut,
  CatalogOutlineOut,
  CatalogVersionOut,
  ExportQuery,
  ImportCatalogQuery,
} from './validation.js';

export async function catalogRoutes(app: FastifyInstance) {
  const bodyLimit = acceptFileBodies(app);
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['selfcheck: catalogs'];

  r.get(
    '/selfcheck/catalogs',
    {
      config: { access: 'selfcheck.view' },
      schema: {
        tags,
        summary: 'Catalog versions: shipped summaries and the agency’s imports',
        response: { 200: z.object({ items: z.array(CatalogVersionOut) }) },
      },
    },
    async (req) => ({ items: await listCatalogVersions(actorCtx(req)) }),
  );
  r.get(
    '/selfcheck/catalogs/:id',
    {
      config: { access: 'selfcheck.view' },
      schema: {
        tags,
        params: IdParams,
        response: {
          200: CatalogVersionOut.extend({ chapters: CatalogOutlineOut, items: z.array(CatalogItemOut) }),
        },
      },
    },
    async (req) => getCatalogVersion(actorCtx(req), req.params.id),
  );
  r.get(
    '/selfcheck/catalogs/:id/export',
    {
      config: { access: 'selfcheck.view' },
      schema: {
        tags,
        summary: 'Download a version as YAML, .xlsx (one row per item) or an OSCAL 1.1.2 catalog (JSON)',
        params: IdParams,
        querystring: ExportQuery,
        response: { 200: Binary },
      },
    },
    async (req, reply) => {
      return sendDownload(reply, await exportCatalogVersion(actorCtx(req), req.params.id, req.query.format));
    },
  );
  r.post(
    '/selfcheck/catalogs/import',
    {
      config: { access: 'selfcheck.manage' },
      bodyLimit,
      schema: {
        tags,
        summary:
          'Import a catalog (e.g. the official text) from YAML or .xlsx as a new version; older versions are kept',
        description:
          'Send the file as the body. Every bad row is reported (422 import_invalid with line and column); nothing is stored then.',
        querystring: ImportCatalogQuery,
        response: {
          200: z.object({
            dryRun: z.boolean(),
            code: z.string(),
            version: z.string(),
            itemCount: z.number().int(),
            versionId: z.string().nullable(),
          }),
        },
      },
    },
    async (req) => {
      return importCatalog(actorCtx(req), fileBody(req.body), req.query.dryRun === 'true');
    },
  );
}
