import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorCtx } from '../../server/auth.js';
import { str } from '../../server/validation.js';
import { IdParams } from '../org/validation.js';
import {
  attachFile,
  createCategory,
  createItem,
  deleteCategory,
  deleteItem,
  listAllItems,
  publishItem,
  reorderCategories,
  updateCategory,
  updateItem,
} from './manage-service.js';
import { PORTAL_FILE_MAX_BYTES, PORTAL_FILE_TYPES } from './rules.js';
import {
  CategoryBody,
  CategoryOrderBody,
  CategoryOut,
  ItemBody,
  ItemDetailOut,
  ItemPatch,
  ManageListOut,
  PortalQuery,
  PublicationBody,
} from './validation.js';

/** The security office's side of the portal (portal.manage, agency-wide). */
export async function portalManageRoutes(app: FastifyInstance) {
  // Files arrive as the raw body; only allow-listed types (checked again in the service).
  app.removeContentTypeParser('text/plain');
  app.addContentTypeParser(
    [...PORTAL_FILE_TYPES],
    { parseAs: 'buffer', bodyLimit: PORTAL_FILE_MAX_BYTES },
    (_req, body, done) => done(null, body),
  );
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['portal: management'];
  const manage = { access: 'portal.manage' } as const;
  const Deleted = z.object({ deleted: z.literal(true) });

  r.get(
    '/portal/manage/items',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Every item, published or not (search q, kind, category, paged)',
        querystring: PortalQuery,
        response: { 200: ManageListOut },
      },
    },
    async (req) => listAllItems(actorCtx(req), req.query),
  );
  r.post(
    '/portal/categories',
    { config: manage, schema: { tags, body: CategoryBody, response: { 201: CategoryOut } } },
    async (req, reply) => reply.code(201).send(await createCategory(actorCtx(req), req.body)),
  );
  r.put(
    '/portal/categories/order',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Put the categories in this order (every category once)',
        body: CategoryOrderBody,
        response: { 200: z.object({ items: z.array(CategoryOut) }) },
      },
    },
    async (req) => ({ items: await reorderCategories(actorCtx(req), req.body.ids) }),
  );
  r.patch(
    '/portal/categories/:id',
    {
      config: manage,
      schema: { tags, params: IdParams, body: CategoryBody, response: { 200: CategoryOut } },
    },
    async (req) => updateCategory(actorCtx(req), req.params.id, req.body),
  );
  r.delete(
    '/portal/categories/:id',
    {
      config: manage,
      schema: { tags, summary: 'Delete an empty category', params: IdParams, response: { 200: Deleted } },
    },
    async (req) => {
      await deleteCategory(actorCtx(req), req.params.id);
      return { deleted: true as const };
    },
  );
  r.post(
    '/portal/items',
    { config: manage, schema: { tags, body: ItemBody, response: { 201: ItemDetailOut } } },
    async (req, reply) => reply.code(201).send(await createItem(actorCtx(req), req.body)),
  );
  r.patch(
    '/portal/items/:id',
    { config: manage, schema: { tags, params: IdParams, body: ItemPatch, response: { 200: ItemDetailOut } } },
    async (req) => updateItem(actorCtx(req), req.params.id, req.body),
  );
  r.post(
    '/portal/items/:id/publication',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Publish or unpublish an item',
        params: IdParams,
        body: PublicationBody,
        response: { 200: ItemDetailOut },
      },
    },
    async (req) => publishItem(actorCtx(req), req.params.id, req.body.published),
  );
  r.delete(
    '/portal/items/:id',
    { config: manage, schema: { tags, params: IdParams, response: { 200: Deleted } } },
    async (req) => {
      await deleteItem(actorCtx(req), req.params.id);
      return { deleted: true as const };
    },
  );
  r.put(
    '/portal/items/:id/file',
    {
      config: manage,
      bodyLimit: PORTAL_FILE_MAX_BYTES,
      schema: {
        tags,
        summary: `Attach a file as the raw body (${PORTAL_FILE_TYPES.join(', ')}; at most ${PORTAL_FILE_MAX_BYTES} bytes)`,
        params: IdParams,
        querystring: z.strictObject({ filename: str().trim().min(1).max(200) }),
        response: { 200: ItemDetailOut },
      },
    },
    async (req) =>
      attachFile(actorCtx(req), req.params.id, {
        bytes: Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0),
        contentType: String(req.headers['content-type'] ?? ''),
        filename: req.query.filename,
      }),
  );
}
