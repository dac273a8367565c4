import { todayInJapan } from '../../lib/dates.js';
import { isCurrent } from './rules.js';
import type { portalCategories, portalItems } from './schema.js';
import type { CategoryOut, ItemOut } from './validation.js';

export type ItemRow = typeof portalItems.$inferSelect;
export interface FileFacts {
  filename: string;
  contentType: string;
  size: number;
}

export function presentCategory(c: typeof portalCategories.$inferSelect): CategoryOut {
  return { id: c.id, nameJa: c.nameJa, nameEn: c.nameEn, sortOrder: c.sortOrder };
}

export function presentItem(x: ItemRow, file: FileFacts | null, today = todayInJapan()): ItemOut {
  return {
    id: x.id,
    categoryId: x.categoryId,
    kind: x.kind,
    noticeTopic: x.noticeTopic,
    titleJa: x.titleJa,
    titleEn: x.titleEn,
    url: x.url,
    pinned: x.pinned,
    published: x.published,
    publishedFrom: x.publishedFrom,
    publishedUntil: x.publishedUntil,
    current: isCurrent(x, today),
    file,
    updatedAt: x.updatedAt.toISOString(),
  };
}
