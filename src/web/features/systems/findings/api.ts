import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, type Query } from '../../../app/api.js';
import type { CriticalFindings, FindingDetail, FindingList, FindingStatus, FindingSummary } from './types.js';

/** Every findings query starts with this key, so one invalidation refreshes the feature. */
export const FK = 'findings';

export const STATUS_COLORS: Record<FindingStatus, string> = {
  open: 'red',
  fixed: 'yellow',
  closed: 'green',
  accepted: 'gray',
};
export const BAND_COLORS = { high: 'red', medium: 'orange', low: 'yellow', info: 'gray' } as const;

export function useFindings(query: Query) {
  return useQuery({
    queryKey: [FK, 'list', query],
    queryFn: () => api<FindingList>('/findings', { query }),
    placeholderData: keepPreviousData,
  });
}

export function useFinding(id: string) {
  return useQuery({ queryKey: [FK, 'one', id], queryFn: () => api<FindingDetail>(`/findings/${id}`) });
}

export function useFindingSummary() {
  return useQuery({ queryKey: [FK, 'summary'], queryFn: () => api<FindingSummary>('/findings/summary') });
}

export function useCriticalFindings() {
  return useQuery({ queryKey: [FK, 'critical'], queryFn: () => api<CriticalFindings>('/findings/critical') });
}
