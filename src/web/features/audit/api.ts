import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../app/api.js';
import type { AuditEvent } from '../../app/types.js';

export interface AuditFilter {
  action: string;
  actor: string;
  targetType: string;
  targetId: string;
  q: string;
  /** Calendar days (YYYY-MM-DD), both inclusive, in Japan time. */
  from: string;
  to: string;
  page: number;
}

export const emptyAuditFilter: AuditFilter = {
  action: '',
  actor: '',
  targetType: '',
  targetId: '',
  q: '',
  from: '',
  to: '',
  page: 1,
};

export const AUDIT_PAGE_SIZE = 50;

export function useAuditEvents(f: AuditFilter, pageSize = AUDIT_PAGE_SIZE) {
  return useQuery({
    queryKey: ['audit', 'events', f, pageSize],
    queryFn: ({ signal }) =>
      api<{ total: number; items: AuditEvent[] }>('/audit-events', {
        signal,
        query: {
          action: f.action,
          actor: f.actor,
          targetType: f.targetType,
          targetId: f.targetId,
          q: f.q,
          from: f.from ? `${f.from}T00:00:00+09:00` : undefined,
          to: f.to ? `${f.to}T23:59:59.999+09:00` : undefined,
          page: f.page,
          pageSize,
        },
      }),
    placeholderData: keepPreviousData,
  });
}
