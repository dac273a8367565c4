import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import type { PolicyDefinitionIn } from '../../../modules/classification/policy-validation.js';
import { api, withQuery } from '../../app/api.js';
import type { Page } from '../../app/types.js';
import type {
  ClassificationPolicy,
  Dashboard,
  Entry,
  EntryDetail,
  HandlingAction,
  HandlingRequest,
  Overview,
  PolicyList,
  Requirements,
  Settings,
} from './types.js';

export type PolicyDefinition = PolicyDefinitionIn;

/** Every classification query starts with this key, so one invalidation refreshes the feature. */
export const CL = 'classification';
const BASE = '/classification';

export const PAGE_SIZE = 25;

/** The register's filters, as the list and the URL keep them. */
export interface EntryFilter {
  unitId: string | null;
  confidentiality: string;
  restriction: string;
  status: string;
  reviewDue: boolean;
  q: string;
  page: number;
}

export const emptyEntryFilter: EntryFilter = {
  unitId: null,
  confidentiality: '',
  restriction: '',
  status: '',
  reviewDue: false,
  q: '',
  page: 1,
};

export function useEntries(f: EntryFilter, pageSize = PAGE_SIZE) {
  return useQuery({
    queryKey: [CL, 'entries', f, pageSize],
    queryFn: ({ signal }) =>
      api<Page<Entry>>(`${BASE}/entries`, {
        signal,
        query: {
          unitId: f.unitId,
          confidentiality: f.confidentiality,
          restriction: f.restriction,
          status: f.status,
          reviewDue: f.reviewDue ? 'true' : undefined,
          q: f.q,
          page: f.page,
          pageSize,
        },
      }),
    placeholderData: keepPreviousData,
  });
}

export function useEntry(id: string) {
  return useQuery({
    queryKey: [CL, 'entry', id],
    queryFn: () => api<EntryDetail>(`${BASE}/entries/${id}`),
    enabled: !!id,
  });
}

/** A plain link downloads with the session cookie; the server names the file. */
export function exportHref(unitId: string, subtree: boolean): string {
  return withQuery(`/api/v1${BASE}/entries/export`, { unitId, subtree: String(subtree) });
}

export interface EntryValues {
  unitId?: string;
  title: string;
  description: string;
  ownerPersonId?: string;
  form: Entry['form'];
  storageLocation: string;
  confidentiality: number;
  integrity: number | null;
  availability: number | null;
  restrictions: { key: string; param: string | null }[];
  retentionUntil: string | null;
  retentionNote: string;
  accessScope?: { personIds: string[]; unitIds: string[] };
}

export function createEntry(values: EntryValues) {
  return api<EntryDetail>(`${BASE}/entries`, { method: 'POST', body: values });
}

export function updateEntry(id: string, values: Partial<EntryValues>) {
  return api<EntryDetail>(`${BASE}/entries/${id}`, { method: 'PATCH', body: values });
}

export type EntryMove = 'confirm' | 'return' | 'review' | 'archive';

export function moveEntry(id: string, move: EntryMove, body: Record<string, unknown>) {
  return api<EntryDetail>(`${BASE}/entries/${id}/${move}`, { method: 'POST', body });
}

export function useDashboard() {
  return useQuery({ queryKey: [CL, 'dashboard'], queryFn: () => api<Dashboard>(`${BASE}/dashboard`) });
}

export function useOverview(unitId: string | null) {
  return useQuery({
    queryKey: [CL, 'overview', unitId],
    queryFn: () => api<Overview>(`${BASE}/overview`, { query: { unitId } }),
    placeholderData: keepPreviousData,
  });
}

export type Queue = 'mine' | 'approver' | 'unit';

export function useRequests(f: { queue: Queue; status?: string; entryId?: string; page: number }) {
  return useQuery({
    queryKey: [CL, 'requests', f],
    queryFn: ({ signal }) =>
      api<Page<HandlingRequest>>(`${BASE}/requests`, {
        signal,
        query: { queue: f.queue, status: f.status, entryId: f.entryId, page: f.page, pageSize: PAGE_SIZE },
      }),
    placeholderData: keepPreviousData,
  });
}

export function useRequest(id: string) {
  return useQuery({
    queryKey: [CL, 'request', id],
    queryFn: () => api<HandlingRequest>(`${BASE}/requests/${id}`),
  });
}

/** What the action needs at this level (or for this entry), shown before the request is sent. */
export function useRequirements(q: {
  entryId?: string;
  action: HandlingAction | null;
  confidentiality?: number;
  cloudServiceId?: string;
}) {
  return useQuery({
    queryKey: [CL, 'requirements', q],
    queryFn: ({ signal }) =>
      api<Requirements>(`${BASE}/requirements`, {
        signal,
        query: {
          entryId: q.entryId,
          action: q.action,
          confidentiality: q.confidentiality,
          cloudServiceId: q.cloudServiceId,
        },
      }),
    enabled: !!q.action && (!!q.entryId || q.confidentiality !== undefined),
  });
}

export interface RequestValues {
  entryId?: string;
  action: HandlingAction;
  confidentiality?: number;
  /** For cloud_service: the registered service (vendors register). */
  cloudServiceId?: string;
  details: string;
  destination: string;
  validUntil?: string;
}

export function createRequest(values: RequestValues) {
  return api<HandlingRequest>(`${BASE}/requests`, { method: 'POST', body: values });
}

export type RequestMove = 'approve' | 'reject' | 'withdraw';

export function moveRequest(id: string, move: RequestMove, comment?: string) {
  return api<HandlingRequest>(`${BASE}/requests/${id}/${move}`, {
    method: 'POST',
    body: move === 'withdraw' ? undefined : comment ? { comment } : {},
  });
}

// --- Policies (C1): the shipped ones and the agency's copies, and which one is in force.

export function usePolicies() {
  return useQuery({
    queryKey: [CL, 'policies'],
    queryFn: () => api<PolicyList>(`${BASE}/policies`),
  });
}

export function usePolicy(id: string | null | undefined) {
  return useQuery({
    queryKey: [CL, 'policy', id],
    queryFn: () => api<ClassificationPolicy>(`${BASE}/policies/${id}`),
    enabled: !!id,
    staleTime: 60_000,
  });
}

/** The policy new entries are classified under. */
export function useActivePolicy() {
  const list = usePolicies();
  const policy = usePolicy(list.data?.activePolicyId);
  return {
    data: policy.data,
    error: list.error ?? policy.error,
    isPending: list.isPending || policy.isPending,
  };
}

export function copyPolicy(from: string, name: string) {
  return api<ClassificationPolicy>(`${BASE}/policies`, { method: 'POST', body: { from, name } });
}

export function savePolicy(id: string, definition: PolicyDefinition) {
  return api<ClassificationPolicy>(`${BASE}/policies/${id}`, { method: 'PUT', body: definition });
}

export function activatePolicy(activePolicyId: string) {
  return api<Settings>(`${BASE}/settings`, { method: 'PUT', body: { activePolicyId } });
}

/** Refreshes everything of the feature after a change (lists, counts, cards). */
export function useRefresh() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: [CL] });
}
