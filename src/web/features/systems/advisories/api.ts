import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Query } from '../../../app/api.js';

export const ADV = 'advisories';

export type ResponseStatus = 'open' | 'patched' | 'mitigated' | 'not_affected' | 'risk_accepted';
export const RESPONSE_STATUSES: ResponseStatus[] = [
  'open',
  'patched',
  'mitigated',
  'not_affected',
  'risk_accepted',
];
export const STATUS_COLORS: Record<ResponseStatus, string> = {
  open: 'orange',
  patched: 'green',
  mitigated: 'teal',
  not_affected: 'gray',
  risk_accepted: 'grape',
};

export interface Advisory {
  id: string;
  source: 'manual' | 'csaf' | 'jvn';
  trackingId: string;
  title: string;
  summary: string;
  published: string | null;
  cves: string[];
  cvssVector: string | null;
  cvssScore: number | null;
  severity: string | null;
  products: { vendor: string; product: string; cpe: string | null; ranges: Record<string, unknown>[] }[];
  createdAt: string;
  matchedAt: string | null;
  affectedSystems: number;
  openResponses: number;
}

export interface AdvisoryResponse {
  id: string;
  advisoryId: string;
  advisoryTitle: string;
  trackingId: string;
  cvssScore: number | null;
  systemId: string;
  systemCode: string;
  systemName: string;
  unitId: string;
  unitName: string;
  components: { id: string; vendor: string; product: string; version: string }[];
  status: ResponseStatus;
  reason: string;
  targetDate: string;
  overdue: boolean;
  answeredAt: string | null;
  canAnswer: boolean;
}

export interface Page<T> {
  items: T[];
  total: number;
}

export const useAdvisories = (q: Query) =>
  useQuery({
    queryKey: [ADV, 'list', q],
    queryFn: () => api<Page<Advisory>>('/advisories', { query: q }),
    placeholderData: keepPreviousData,
  });

export const useAdvisory = (id: string) =>
  useQuery({
    queryKey: [ADV, 'one', id],
    queryFn: () => api<Advisory & { responses: AdvisoryResponse[] }>(`/advisories/${id}`),
  });

export const useResponses = (path: '/advisories/mine' | '/advisories/responses', q: Query) =>
  useQuery({
    queryKey: [ADV, path, q],
    queryFn: () => api<Page<AdvisoryResponse>>(path, { query: q }),
    placeholderData: keepPreviousData,
  });

export interface Overdue extends Page<AdvisoryResponse> {
  today: string;
  divisions: { unitId: string; unitName: string; open: number; overdue: number; overdueCritical: number }[];
}
export const useOverdue = (q: Query) =>
  useQuery({
    queryKey: [ADV, 'overdue', q],
    queryFn: () => api<Overdue>('/advisories/overdue', { query: q }),
    placeholderData: keepPreviousData,
  });

export function useAnswer() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; status: ResponseStatus; reason: string }) =>
      api<AdvisoryResponse>(`/advisories/responses/${v.id}`, {
        method: 'PATCH',
        body: { status: v.status, reason: v.reason },
      }),
    onSuccess: () => qc.invalidateQueries({ queryKey: [ADV] }),
  });
}

export function useImportCsaf() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (file: File) =>
      api<Advisory>('/advisories/import', {
        method: 'POST',
        query: { name: file.name },
        file: { data: file, contentType: 'application/json' },
      }),
    onSuccess: () => qc.invalidateQueries({ queryKey: [ADV] }),
  });
}

export function useCreateAdvisory() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: unknown) => api<Advisory>('/advisories', { method: 'POST', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: [ADV] }),
  });
}

export interface Eos {
  today: string;
  items: {
    vendor: string;
    product: string;
    version: string;
    endOfSupport: string;
    passed: boolean;
    systems: { id: string; code: string; name: string; unitName: string }[];
  }[];
}
export interface Migrations {
  today: string;
  migrations: {
    key: string;
    label: string;
    deadline: string;
    passed: boolean;
    certificates: {
      id: string;
      subject: string;
      reasons: string[];
      systemCode: string;
      systemName: string;
      unitName: string;
    }[];
  }[];
}
export const useEos = () =>
  useQuery({ queryKey: [ADV, 'eos'], queryFn: () => api<Eos>('/advisories/end-of-support') });
export const useMigrations = () =>
  useQuery({ queryKey: [ADV, 'crypto'], queryFn: () => api<Migrations>('/advisories/crypto-migrations') });
export const useCard = () =>
  useQuery({
    queryKey: [ADV, 'card'],
    queryFn: () => api<{ open: number; overdueCritical: number }>('/advisories/card'),
  });
