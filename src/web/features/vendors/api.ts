import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, currentCsrfToken } from '../../app/api.js';
import type { Page } from '../../app/types.js';
import type {
  Checklists,
  CloudService,
  Contract,
  ContractDetail,
  DueStatus,
  SnsAccount,
  VendorDashboard,
} from './types.js';

/** Every query of the feature starts with this key, so one invalidation refreshes it. */
export const VK = 'vendors';

export interface ListParams {
  q: string;
  filter: string;
  page: number;
}

const PAGE_SIZE = 20;

export { PAGE_SIZE };

function useList<T>(path: string, p: ListParams) {
  return useQuery({
    queryKey: [VK, path, p],
    queryFn: ({ signal }) =>
      api<Page<T>>(path, {
        signal,
        query: {
          q: p.q.trim(),
          filter: p.filter === 'all' ? undefined : p.filter,
          page: p.page,
          pageSize: PAGE_SIZE,
        },
      }),
    placeholderData: keepPreviousData,
  });
}

export const useCloudServices = (p: ListParams) => useList<CloudService>('/vendors/cloud-services', p);
export const useSnsAccounts = (p: ListParams) => useList<SnsAccount>('/vendors/sns-accounts', p);
export const useContracts = (p: ListParams) => useList<Contract>('/vendors/contracts', p);

export function useSnsAccount(id: string) {
  return useQuery({
    queryKey: [VK, 'sns', id],
    queryFn: () => api<SnsAccount>(`/vendors/sns-accounts/${id}`),
  });
}
export function useContract(id: string) {
  return useQuery({
    queryKey: [VK, 'contract', id],
    queryFn: () => api<ContractDetail>(`/vendors/contracts/${id}`),
  });
}
export function useChecklists() {
  return useQuery({
    queryKey: [VK, 'checklists'],
    queryFn: () => api<Checklists>('/vendors/checklists'),
    staleTime: Number.POSITIVE_INFINITY,
  });
}
export function useVendorDashboard() {
  return useQuery({ queryKey: [VK, 'dashboard'], queryFn: () => api<VendorDashboard>('/vendors/dashboard') });
}

export const DUE_COLORS: Record<DueStatus, string> = {
  none: 'gray',
  ok: 'green',
  due_soon: 'yellow',
  overdue: 'red',
};
export const CERT_COLORS = { none: 'gray', valid: 'green', expiring: 'yellow', expired: 'red' } as const;

/** POSTs JSON and saves the answer as a file (the .docx of the specification clauses). */
export async function downloadPost(path: string, body: unknown, filename: string) {
  const csrf = currentCsrfToken();
  const res = await fetch(`/api/v1${path}`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', ...(csrf ? { 'x-csrf-token': csrf } : {}) },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.click();
  URL.revokeObjectURL(url);
}
