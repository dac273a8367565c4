import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../app/api.js';
import type { Account, AccountDetail, Page, Person, TemporaryPassword } from '../../app/types.js';

export const ACCOUNTS_KEY = ['accounts'] as const;

export function useAccounts(q: string, page: number, throttledOnly = false) {
  return useQuery({
    queryKey: [...ACCOUNTS_KEY, q, page, throttledOnly],
    queryFn: ({ signal }) =>
      api<Page<Account>>('/accounts', {
        signal,
        query: { q, page, pageSize: 50, ...(throttledOnly ? { throttled: 'true' } : {}) },
      }),
    placeholderData: keepPreviousData,
  });
}

/** One account with its recent failed logins per client address (for the throttle dialog). */
export function useAccountDetail(id: string | null) {
  return useQuery({
    queryKey: [...ACCOUNTS_KEY, 'detail', id],
    queryFn: ({ signal }) => api<AccountDetail>(`/accounts/${id}`, { signal }),
    enabled: id !== null,
  });
}

/** People for a picker, searched on the server (the list may hold 50,000). */
export function usePeopleSearch(q: string) {
  return useQuery({
    queryKey: ['org', 'people', 'pick', q],
    queryFn: ({ signal }) => api<Page<Person>>('/people', { signal, query: { q, pageSize: 20 } }),
    placeholderData: keepPreviousData,
  });
}

export const accountActions = {
  setDisabled: (id: string, disabled: boolean) =>
    api<Account>(`/accounts/${id}`, { method: 'PATCH', body: { disabled } }),
  resetPassword: (id: string) => api<TemporaryPassword>(`/accounts/${id}/reset-password`, { method: 'POST' }),
  unlock: (id: string) => api<Account>(`/accounts/${id}/unlock`, { method: 'POST' }),
  resetTotp: (id: string) => api<Account>(`/accounts/${id}/reset-totp`, { method: 'POST' }),
  create: (personId: string, login: string) =>
    api<TemporaryPassword>('/accounts', { method: 'POST', body: { personId, login } }),
};
