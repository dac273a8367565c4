import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, withQuery } from '../../app/api.js';
import type {
  Compare,
  Drill,
  DrillProgress,
  DrillState,
  RecipientStatusFilter,
  Recipients,
  Results,
} from './types.js';

/** Every drill query starts with this key, so one invalidation refreshes the feature. */
export const DR = 'drills';
export const keys = {
  list: [DR, 'list'] as const,
  drill: (id: string) => [DR, 'drill', id] as const,
};

export function downloadHref(path: string, query?: Record<string, string | undefined>): string {
  return withQuery(`/api/v1/drills${path}`, query);
}

export const STATE_COLORS: Record<DrillState, string> = {
  draft: 'gray',
  scheduled: 'blue',
  sending: 'teal',
  paused: 'yellow',
  done: 'green',
  cancelled: 'dark',
};

/** States in which mail may still go out, so progress is polled. */
export const LIVE: readonly DrillState[] = ['scheduled', 'sending'];

export function useDrills() {
  return useQuery({
    queryKey: keys.list,
    queryFn: async () => (await api<{ items: Drill[] }>('/drills')).items,
  });
}

export function useDrill(id: string) {
  return useQuery({ queryKey: keys.drill(id), queryFn: () => api<Drill>(`/drills/${id}`) });
}

export function useProgress(id: string, live: boolean) {
  return useQuery({
    queryKey: [DR, 'progress', id],
    queryFn: () => api<DrillProgress>(`/drills/${id}/progress`),
    refetchInterval: live ? 5_000 : false,
  });
}

export function useResults(id: string, unitId: string | null, enabled: boolean) {
  return useQuery({
    queryKey: [DR, 'results', id, unitId],
    queryFn: () => api<Results>(`/drills/${id}/results`, { query: { unitId } }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useCompare(id: string, unitId: string | null, enabled: boolean) {
  return useQuery({
    queryKey: [DR, 'compare', id, unitId],
    queryFn: () => api<Compare>(`/drills/${id}/compare`, { query: { unitId } }),
    enabled,
  });
}

export const RECIPIENTS_PAGE = 50;

export function useRecipients(
  id: string,
  q: { unitId: string | null; status: RecipientStatusFilter | null; page: number },
) {
  return useQuery({
    queryKey: [DR, 'recipients', id, q],
    queryFn: () =>
      api<Recipients>(`/drills/${id}/recipients`, {
        query: { unitId: q.unitId, status: q.status, page: q.page, pageSize: RECIPIENTS_PAGE },
      }),
    placeholderData: keepPreviousData,
  });
}
