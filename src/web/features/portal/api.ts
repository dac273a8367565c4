import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../app/api.js';

export const PORTAL = 'portal';
export const PAGE_SIZE = 30;
export const KINDS = ['document', 'link', 'notice', 'procedure'] as const;
export type Kind = (typeof KINDS)[number];
export const TOPICS = ['suspicious_mail', 'vulnerability', 'notice'] as const;
export type Topic = (typeof TOPICS)[number];

export const TOPIC_COLORS: Record<Topic, string> = {
  suspicious_mail: 'red',
  vulnerability: 'orange',
  notice: 'blue',
};

export interface Category {
  id: string;
  nameJa: string;
  nameEn: string | null;
  sortOrder: number;
}

export interface Item {
  id: string;
  categoryId: string;
  kind: Kind;
  noticeTopic: Topic | null;
  titleJa: string;
  titleEn: string | null;
  url: string | null;
  pinned: boolean;
  published: boolean;
  publishedFrom: string | null;
  publishedUntil: string | null;
  current: boolean;
  file: { filename: string; contentType: string; size: number } | null;
  updatedAt: string;
}

export interface ItemDetail extends Item {
  body: string;
  bodyHtml: string;
  updatedByName: string;
}

export interface Notice {
  source: 'item' | 'alert';
  id: string;
  topic: Topic;
  titleJa: string;
  titleEn: string | null;
  body: string | null;
  publishedOn: string;
  pinned: boolean;
}

export interface Paged<T> {
  total: number;
  page: number;
  pageSize: number;
  items: T[];
}

export interface PortalFilter {
  q: string;
  kind: Kind | null;
  page: number;
}

export interface RoleDuties {
  roleId: string;
  nameJa: string;
  nameEn: string;
  standardName: string | null;
  dutiesJa: string;
  dutiesEn: string;
  source: string | null;
  holders: { name: string; unitName: string }[];
}

const query = (f: PortalFilter) => ({
  q: f.q || undefined,
  kind: f.kind,
  page: f.page,
  pageSize: PAGE_SIZE,
});

export function usePortal(f: PortalFilter) {
  return useQuery({
    queryKey: [PORTAL, 'front', f],
    queryFn: () =>
      api<{ categories: Category[]; notices: Notice[]; items: Paged<Item> }>('/portal', { query: query(f) }),
    placeholderData: keepPreviousData,
  });
}

export function useManagedItems(f: PortalFilter) {
  return useQuery({
    queryKey: [PORTAL, 'manage', f],
    queryFn: () => api<Paged<Item>>('/portal/manage/items', { query: query(f) }),
    placeholderData: keepPreviousData,
  });
}

export function useItem(id: string | undefined) {
  return useQuery({
    queryKey: [PORTAL, 'item', id],
    queryFn: () => api<ItemDetail>(`/portal/items/${id}`),
    enabled: !!id,
  });
}

export function useRoleDuties() {
  return useQuery({
    queryKey: [PORTAL, 'roles'],
    queryFn: () => api<{ items: RoleDuties[] }>('/portal/roles'),
  });
}

/** The title in the UI's language (Japanese when no English is given). */
export const localized = (lang: string, ja: string, en: string | null | undefined) =>
  lang.startsWith('en') && en ? en : ja;

export const fileHref = (id: string) => `/api/v1/portal/items/${id}/file`;
