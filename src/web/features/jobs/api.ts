import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api.js';

export const JOB_STATUSES = ['queued', 'running', 'done', 'failed', 'cancelled'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

export interface Job {
  id: number;
  name: string;
  status: JobStatus;
  progress: { done: number; total: number; note?: string; phase?: string } | null;
  attempts: number;
  createdAt: string;
  finishedAt: string | null;
  cancellable: boolean;
  cancelRequested: boolean;
  error: string | null;
}

export const JOB_PAGE_SIZE = 50;
export const isFinished = (s: JobStatus) => s === 'done' || s === 'failed' || s === 'cancelled';

/** One job, polled every second until it finishes. */
export function useJob(id: number | null) {
  return useQuery({
    queryKey: ['jobs', id],
    queryFn: ({ signal }) => api<Job>(`/jobs/${id}`, { signal }),
    enabled: id !== null,
    refetchInterval: (q) => (q.state.data && isFinished(q.state.data.status) ? false : 1000),
  });
}

export function useJobs(scope: 'mine' | 'agency', status: JobStatus | '', page: number) {
  return useQuery({
    queryKey: ['jobs', 'list', scope, status, page],
    queryFn: ({ signal }) =>
      api<{ total: number; items: Job[] }>('/jobs', {
        signal,
        query: { scope, status, page, pageSize: JOB_PAGE_SIZE },
      }),
    placeholderData: keepPreviousData,
    refetchInterval: 5000,
  });
}

export function useCancelJob() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api<Job>(`/jobs/${id}/cancel`, { method: 'POST' }),
    onSuccess: (job) => {
      qc.setQueryData(['jobs', job.id], job);
      void qc.invalidateQueries({ queryKey: ['jobs', 'list'] });
    },
  });
}
