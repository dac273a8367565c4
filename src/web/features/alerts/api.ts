import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api.js';

// The shapes of src/modules/alerts/validation.ts (the contract), as the web app reads them.

export const AL = 'alerts';
export const PAGE_SIZE = 50;

export const KINDS = ['suspicious_mail', 'vulnerability', 'notice'] as const;
export type AlertKind = (typeof KINDS)[number];
export const STATUSES = ['draft', 'published', 'withdrawn'] as const;
export type AlertStatus = (typeof STATUSES)[number];
export const INBOX_STATES = ['all', 'unacknowledged', 'report_open', 'overdue'] as const;
export type InboxState = (typeof INBOX_STATES)[number];

export type VersionRange =
  | { type: 'exact'; version: string }
  | { type: 'vers'; vers: string }
  | { type: 'semver'; range: string }
  | { type: 'before'; version: string; inclusive?: boolean }
  | { type: 'all' };

export interface Product {
  vendor: string;
  product: string;
  cpe: string | null;
  ranges: Record<string, unknown>[];
}

interface AlertFields {
  id: string;
  kind: AlertKind;
  titleJa: string;
  titleEn: string | null;
  body: string;
  products: Product[];
  reportRequested: boolean;
  reportDueOn: string | null;
  publishedAt: string | null;
  withdrawnAt: string | null;
}

export interface CentralAlert extends AlertFields {
  status: AlertStatus;
  agencyIds: string[] | null;
  createdAt: string;
  publishedByName: string | null;
  counts: { agencies: number; acknowledged: number; reported: number; overdue: number };
}

export interface AgencyStatus {
  agencyId: string;
  agencyCode: string;
  agencyNameJa: string;
  agencyNameEn: string | null;
  receivedAt: string;
  acknowledgedAt: string | null;
  minutesToAcknowledge: number | null;
  forwardedAt: string | null;
  forwardedCount: number;
  releasedAt: string | null;
  reportedAt: string | null;
  actionReport: string | null;
  closedAt: string | null;
  reportOpen: boolean;
  overdue: boolean;
}

export interface CentralAlertDetail extends CentralAlert {
  agencies: AgencyStatus[];
}

export interface AlertInput {
  kind: AlertKind;
  titleJa: string;
  titleEn: string | null;
  body: string;
  products: { vendor: string; product: string; cpe: string | null; ranges: VersionRange[] }[];
  reportRequested: boolean;
  reportDueOn: string | null;
  agencyIds: string[] | null;
}

export interface AgencyChoice {
  id: string;
  code: string;
  nameJa: string;
  nameEn: string | null;
}

export interface Delivery {
  id: string;
  alert: AlertFields;
  receivedAt: string;
  acknowledgedAt: string | null;
  acknowledgedByName: string | null;
  forwardedAt: string | null;
  forwardedCount: number;
  releasedAt: string | null;
  releasedUntil: string | null;
  actionReport: string | null;
  reportedAt: string | null;
  closedAt: string | null;
  reportOpen: boolean;
  overdue: boolean;
  can: { acknowledge: boolean; forward: boolean; release: boolean; report: boolean };
}

export interface ForwardPreview {
  systems: {
    id: string;
    code: string;
    name: string;
    components: { vendor: string; product: string; version: string }[];
  }[];
  recipients: { personId: string; name: string; hasEmail: boolean; reason: 'system' | 'role' }[];
  roles: { id: string; nameJa: string; nameEn: string }[];
}

interface Page<T> {
  total: number;
  page: number;
  pageSize: number;
  items: T[];
}

export const KIND_COLORS: Record<AlertKind, string> = {
  suspicious_mail: 'orange',
  vulnerability: 'red',
  notice: 'blue',
};
export const STATUS_COLORS: Record<AlertStatus, string> = {
  draft: 'gray',
  published: 'green',
  withdrawn: 'dark',
};

/** The title in the UI language; the English one is optional. */
export const alertTitle = (a: { titleJa: string; titleEn: string | null }, lang: string) =>
  lang === 'en' && a.titleEn ? a.titleEn : a.titleJa;

// The centre's side.

export interface AlertFilter {
  status: AlertStatus | null;
  q: string;
  page: number;
}

export function useCentralAlerts(f: AlertFilter) {
  return useQuery({
    queryKey: [AL, 'central', 'list', f],
    queryFn: () =>
      api<Page<CentralAlert>>('/central/alerts', {
        query: { status: f.status, q: f.q || undefined, page: f.page, pageSize: PAGE_SIZE },
      }),
    placeholderData: keepPreviousData,
  });
}

export function useCentralAlert(id: string | undefined) {
  return useQuery({
    queryKey: [AL, 'central', 'one', id],
    queryFn: () => api<CentralAlertDetail>(`/central/alerts/${id}`),
    enabled: !!id,
  });
}

export function useAgencyChoices() {
  return useQuery({
    queryKey: [AL, 'central', 'agencies'],
    queryFn: () => api<{ items: AgencyChoice[] }>('/central/alerts/agencies'),
  });
}

export function useCentralAction(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (what: 'publish' | 'withdraw') =>
      api<CentralAlertDetail>(`/central/alerts/${id}/${what}`, { method: 'POST' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: [AL, 'central'] }),
  });
}

// The agency's side.

export interface InboxFilter {
  state: InboxState;
  q: string;
  page: number;
}

export function useInbox(f: InboxFilter) {
  return useQuery({
    queryKey: [AL, 'inbox', 'list', f],
    queryFn: () =>
      api<Page<Delivery>>('/alerts', {
        query: { state: f.state, q: f.q || undefined, page: f.page, pageSize: PAGE_SIZE },
      }),
    placeholderData: keepPreviousData,
  });
}

export function useDelivery(id: string | undefined) {
  return useQuery({
    queryKey: [AL, 'inbox', 'one', id],
    queryFn: () => api<Delivery>(`/alerts/${id}`),
    enabled: !!id,
  });
}

export function useForwardPreview(id: string, roleIds: string[], enabled: boolean) {
  return useQuery({
    queryKey: [AL, 'inbox', 'preview', id, roleIds],
    queryFn: () => {
      const q = new URLSearchParams();
      for (const r of roleIds) q.append('roleIds', r);
      const s = q.toString();
      return api<ForwardPreview>(`/alerts/${id}/forward-preview${s ? `?${s}` : ''}`);
    },
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** Any of the agency's actions on a delivery; the inbox and the delivery are refreshed after. */
export function useDeliveryAction<T, V>(fn: (v: V) => Promise<T>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => qc.invalidateQueries({ queryKey: [AL, 'inbox'] }),
  });
}
