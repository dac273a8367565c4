import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorCtx } from '../../server/auth.js';
import { Binary, sendDownload } from '../../server/files.js';
import { IdParams } from '../org/validation.js';
import { portalManageRoutes } from './manage-routes.js';
import { downloadFile, getItem, readPortal, roleDuties } from './service.js';
import { ItemDetailOut, PortalOut, PortalQuery, RoleDutiesOut } from './validation.js';

/** The security portal: read by every signed-in member of the agency (the `self` scope). */
export async function portalRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['portal'];
  const signedIn = { access: 'authenticated' } as const;
  r.get(
    '/portal',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'Categories, current notices and the current items (search q, kind, category, paged)',
        querystring: PortalQuery,
        response: { 200: PortalOut },
      },
    },
    async (req) => readPortal(actorCtx(req), req.query),
  );
  r.get(
    '/portal/roles',
    {
      config: signedIn,
      schema: {
        tags,
        summary: "The duties of each security role and who holds it in the caller's unit chain",
        response: { 200: RoleDutiesOut },
      },
    },
    async (req) => roleDuties(actorCtx(req)),
  );
  r.get(
    '/portal/items/:id',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'An item with its body as sanitised HTML',
        params: IdParams,
        response: { 200: ItemDetailOut },
      },
    },
    async (req) => getItem(actorCtx(req), req.params.id),
  );
  r.get(
    '/portal/items/:id/file',
    {
      config: signedIn,
      schema: { tags, summary: "A document's file", params: IdParams, response: { 200: Binary } },
    },
    async (req, reply) => sendDownload(reply, await downloadFile(actorCtx(req), req.params.id)),
  );
  await app.register(portalManageRoutes);
}
