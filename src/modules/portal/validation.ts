import { z } from 'zod';
import { str } from '../../server/validation.js';
import { Id } from '../org/validation.js';
import { NOTICE_TOPICS, PORTAL_ITEM_KINDS } from './schema.js';

const day = str().regex(/^\d{4}-\d{2}-\d{2}$/, 'yyyy-mm-dd');
const text = (max: number) => str().trim().max(max);

export const CategoryBody = z.strictObject({
  nameJa: text(200).min(1),
  nameEn: text(200).nullable().optional(),
});
export type CategoryBody = z.infer<typeof CategoryBody>;

export const CategoryOrderBody = z.strictObject({ ids: z.array(Id).min(1).max(500) });

export const CategoryOut = z.object({
  id: z.string(),
  nameJa: z.string(),
  nameEn: z.string().nullable(),
  sortOrder: z.number().int(),
});
export type CategoryOut = z.infer<typeof CategoryOut>;

export const ItemBody = z.strictObject({
  categoryId: Id,
  kind: z.enum(PORTAL_ITEM_KINDS),
  noticeTopic: z.enum(NOTICE_TOPICS).nullable().optional(),
  titleJa: text(300).min(1),
  titleEn: text(300).nullable().optional(),
  body: str().max(50_000).default(''),
  url: text(2000).nullable().optional(),
  pinned: z.boolean().default(false),
  published: z.boolean().default(false),
  publishedFrom: day.nullable().optional(),
  publishedUntil: day.nullable().optional(),
});
export type ItemBody = z.infer<typeof ItemBody>;
export const ItemPatch = ItemBody.partial();
export type ItemPatch = z.infer<typeof ItemPatch>;

export const PublicationBody = z.strictObject({ published: z.boolean() });

const pageParams = {
  q: text(200).optional(),
  kind: z.enum(PORTAL_ITEM_KINDS).optional(),
  categoryId: Id.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(30),
};
export const PortalQuery = z.strictObject(pageParams);
export type PortalQuery = z.infer<typeof PortalQuery>;

export const FileOut = z.object({ filename: z.string(), contentType: z.string(), size: z.number().int() });

export const ItemOut = z.object({
  id: z.string(),
  categoryId: z.string(),
  kind: z.enum(PORTAL_ITEM_KINDS),
  noticeTopic: z.enum(NOTICE_TOPICS).nullable(),
  titleJa: z.string(),
  titleEn: z.string().nullable(),
  url: z.string().nullable(),
  pinned: z.boolean(),
  published: z.boolean(),
  publishedFrom: z.string().nullable(),
  publishedUntil: z.string().nullable(),
  /** Published and within its period today. */
  current: z.boolean(),
  file: FileOut.nullable(),
  updatedAt: z.string(),
});
export type ItemOut = z.infer<typeof ItemOut>;

export const ItemDetailOut = ItemOut.extend({
  /** The Markdown source (for editing). */
  body: z.string(),
  /** The body rendered to sanitised HTML. */
  bodyHtml: z.string(),
  updatedByName: z.string(),
});
export type ItemDetailOut = z.infer<typeof ItemDetailOut>;

export const NoticeOut = z.object({
  /** `item`: the agency's own notice (open with /portal/items/:id); `alert`: the central body's. */
  source: z.enum(['item', 'alert']),
  id: z.string(),
  topic: z.enum(NOTICE_TOPICS),
  titleJa: z.string(),
  titleEn: z.string().nullable(),
  /** Alerts carry their Markdown text here; items are opened by id. */
  body: z.string().nullable(),
  publishedOn: z.string(),
  pinned: z.boolean(),
});
export type NoticeOut = z.infer<typeof NoticeOut>;

export const PortalOut = z.object({
  categories: z.array(CategoryOut),
  /** Current notices, newest first (the agency's own, then the central body's). */
  notices: z.array(NoticeOut),
  items: z.object({
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
    items: z.array(ItemOut),
  }),
});

export const ManageListOut = z.object({
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  items: z.array(ItemOut),
});

export const RoleDutiesOut = z.object({
  items: z.array(
    z.object({
      roleId: z.string(),
      nameJa: z.string(),
      nameEn: z.string(),
      standardName: z.string().nullable(),
      dutiesJa: z.string(),
      dutiesEn: z.string(),
      /** Where Mamoru's summary comes from (null: the agency's own description of its role). */
      source: z.string().nullable(),
      /** Who holds the role at the reader's unit or above it (names only). */
      holders: z.array(z.object({ name: z.string(), unitName: z.string() })),
    }),
  ),
});
export type RoleDutiesOut = z.infer<typeof RoleDutiesOut>;
