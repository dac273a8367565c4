import {
  boolean,
  customType,
  date,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { people, tenants } from '../org/schema.js';

// The security portal (情報セキュリティ関係資料のワンストップ化, 000 L933-972; current notices, 003
// L1291-1297): the agency's materials in categories, managed by the security office, read by all staff.

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});

export const PORTAL_ITEM_KINDS = ['document', 'link', 'notice', 'procedure'] as const;
export type PortalItemKind = (typeof PORTAL_ITEM_KINDS)[number];
/** What a notice is about: the badges staff see (不審メール / 脆弱性 / お知らせ, 003 L1291-1297). */
export const NOTICE_TOPICS = ['suspicious_mail', 'vulnerability', 'notice'] as const;
export type NoticeTopic = (typeof NOTICE_TOPICS)[number];

const at = (name: string) => timestamp(name, { withTimezone: true });

export const portalCategories = pgTable(
  'portal_categories',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    nameJa: text('name_ja').notNull(),
    nameEn: text('name_en'),
    sortOrder: integer('sort_order').notNull().default(0),
    createdAt: at('created_at').notNull().defaultNow(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [index('portal_categories_tenant').on(t.tenantId, t.sortOrder)],
);

export const portalItems = pgTable(
  'portal_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    categoryId: uuid('category_id')
      .notNull()
      .references(() => portalCategories.id),
    kind: text('kind', { enum: PORTAL_ITEM_KINDS }).notNull(),
    /** Set for notices only. */
    noticeTopic: text('notice_topic', { enum: NOTICE_TOPICS }),
    titleJa: text('title_ja').notNull(),
    titleEn: text('title_en'),
    /** Markdown, rendered sanitised (lib/html.ts). */
    body: text('body').notNull().default(''),
    /** Links only: http(s). */
    url: text('url'),
    pinned: boolean('pinned').notNull().default(false),
    published: boolean('published').notNull().default(false),
    /** Days in Japan time; staff see the item from `publishedFrom` through `publishedUntil`. */
    publishedFrom: date('published_from', { mode: 'string' }),
    publishedUntil: date('published_until', { mode: 'string' }),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => people.id),
    createdAt: at('created_at').notNull().defaultNow(),
    updatedBy: uuid('updated_by')
      .notNull()
      .references(() => people.id),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('portal_items_tenant').on(t.tenantId, t.kind),
    index('portal_items_category').on(t.categoryId),
  ],
);

/** A document's file, kept in the database (never under the web root); one per item. */
export const portalFiles = pgTable(
  'portal_files',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    itemId: uuid('item_id')
      .notNull()
      .references(() => portalItems.id, { onDelete: 'cascade' }),
    filename: text('filename').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    bytes: bytea('bytes').notNull(),
    uploadedBy: uuid('uploaded_by')
      .notNull()
      .references(() => people.id),
    uploadedAt: at('uploaded_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('portal_files_item').on(t.itemId)],
);
