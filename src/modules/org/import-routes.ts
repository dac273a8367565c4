import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorCtx } from '../../server/auth.js';
import { fileBody } from '../../server/files.js';
import { importOrgAs, importStaffAs } from './import-service.js';

const FILE_TYPES = [
  'text/csv',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/octet-stream',
];

const ImportQuery = z.strictObject({
  dryRun: z.enum(['true', 'false']).default('false'),
});
const StaffImportQuery = ImportQuery.extend({
  /** The file lists everyone: people not in it are marked as having left. */
  fullRoster: z.enum(['true', 'false']).default('false'),
});
const SummaryOut = z.object({
  dryRun: z.boolean(),
  rows: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  left: z.number().int(),
  rolesAdded: z.number().int(),
});

export async function importRoutes(app: FastifyInstance) {
  // Files arrive as the raw request body (CSV in UTF-8 or Shift_JIS, or .xlsx), up to UPLOAD_LIMIT_BYTES.
  const bodyLimit = app.mamoruConfig.uploadLimit;
  app.addContentTypeParser(FILE_TYPES, { parseAs: 'buffer', bodyLimit }, (_req, body, done) =>
    done(null, body),
  );
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['import'];
  const description =
    'Send the file as the request body (Content-Type text/csv or the .xlsx type). Any bad row rejects the whole file with 422 import_invalid listing every error (line, column, reason); nothing is imported. dryRun=true reports what would change. Re-importing updates by code / staff number, never duplicates.';

  r.post(
    '/imports/org',
    {
      config: { access: 'org.manage' },
      bodyLimit,
      schema: {
        tags,
        summary: 'Import org units (code, name_ja, name_en, parent_code, kind, sort_order)',
        description,
        querystring: ImportQuery,
        response: { 200: SummaryOut },
      },
    },
    async (req) => importOrgAs(actorCtx(req), fileBody(req.body), req.query.dryRun === 'true'),
  );
  r.post(
    '/imports/staff',
    {
      config: { access: 'org.manage' },
      bodyLimit,
      schema: {
        tags,
        summary: 'Import staff (staff_no, name, kana, email, unit_code, employment_type, status, roles)',
        description,
        querystring: StaffImportQuery,
        response: { 200: SummaryOut },
      },
    },
    async (req) =>
      importStaffAs(
        actorCtx(req),
        fileBody(req.body),
        req.query.dryRun === 'true',
        req.query.fullRoster === 'true',
      ),
  );
}
