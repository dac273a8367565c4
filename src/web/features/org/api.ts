import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../app/api.js';
import type { Page, Person, PersonDetail } from '../../app/types.js';

/** What the people table asks for; the server searches and pages (fast with 50,000 people). */
export interface PeopleFilter {
  unitId: string | null;
  subtree: boolean;
  q: string;
  /** A status, '' for everyone still employed, or 'all' to include those who left. */
  status: '' | 'all' | Person['status'];
  page: number;
  pageSize: number;
}

export function usePeople(f: PeopleFilter) {
  return useQuery({
    queryKey: ['org', 'people', f],
    queryFn: ({ signal }) =>
      api<Page<Person>>('/people', {
        signal,
        query: {
          unitId: f.unitId,
          subtree: f.unitId ? String(f.subtree) : undefined,
          q: f.q,
          status: f.status === '' || f.status === 'all' ? undefined : f.status,
          includeLeft: f.status === 'all' ? 'true' : undefined,
          page: f.page,
          pageSize: f.pageSize,
        },
      }),
    placeholderData: keepPreviousData,
  });
}

export function personKey(id: string) {
  return ['org', 'person', id] as const;
}

export function usePerson(id: string | null) {
  return useQuery({
    queryKey: personKey(id ?? ''),
    queryFn: () => api<PersonDetail>(`/people/${id}`),
    enabled: !!id,
  });
}
