import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, withQuery } from '../../app/api.js';

export const EX = 'exceptions';
export const PAGE_SIZE = 50;

export const STATUSES = [
  'requested',
  'returned',
  'rejected',
  'withdrawn',
  'upcoming',
  'active',
  'expired',
] as const;
export type ExceptionStatus = (typeof STATUSES)[number];

export interface SecurityException {
  id: string;
  unitId: string;
  unitName: string;
  requesterId: string;
  requesterName: string;
  clause: string;
  catalogItemId: string | null;
  reason: string;
  scopePeople: string;
  scopeSystems: string;
  scopeInformation: string;
  fromOn: string;
  toOn: string;
  measures: string;
  state: string;
  status: ExceptionStatus;
  decidedByName: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
  renewsId: string | null;
  renewedById: string | null;
  can: { decide: boolean; revise: boolean; withdraw: boolean; renew: boolean };
}

export interface ExceptionFilter {
  status: ExceptionStatus | null;
  q: string;
  page: number;
}

export const STATUS_COLORS: Record<ExceptionStatus, string> = {
  requested: 'blue',
  returned: 'yellow',
  rejected: 'red',
  withdrawn: 'gray',
  upcoming: 'cyan',
  active: 'green',
  expired: 'orange',
};

export function useExceptions(f: ExceptionFilter) {
  return useQuery({
    queryKey: [EX, 'list', f],
    queryFn: () =>
      api<{ total: number; items: SecurityException[] }>('/exceptions', {
        query: { status: f.status, q: f.q || undefined, page: f.page, pageSize: PAGE_SIZE },
      }),
    placeholderData: keepPreviousData,
  });
}

export function useException(id: string | undefined) {
  return useQuery({
    queryKey: [EX, 'one', id],
    queryFn: () => api<SecurityException>(`/exceptions/${id}`),
    enabled: !!id,
  });
}

export const registerHref = (f: Pick<ExceptionFilter, 'status' | 'q'>) =>
  withQuery('/api/v1/exceptions/register.xlsx', { status: f.status, q: f.q || undefined });
