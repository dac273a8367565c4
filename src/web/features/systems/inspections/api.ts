import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, withQuery } from '../../../app/api.js';
import type {
  AnswerStatus,
  Grade,
  GradeTable,
  Item,
  ItemSet,
  Round,
  Target,
  TargetSummary,
} from './types.js';

/** Every inspection query starts with this key, so one invalidation refreshes the feature. */
export const IN = 'inspections';

export const GRADE_COLORS: Record<Grade, string> = { A: 'green', B: 'teal', C: 'yellow', D: 'red' };

export function useItemSets() {
  return useQuery({
    queryKey: [IN, 'sets'],
    queryFn: async () => (await api<{ items: ItemSet[] }>('/inspections/item-sets')).items,
  });
}

export function useRounds(query: { q: string; page: number; pageSize: number }) {
  return useQuery({
    queryKey: [IN, 'rounds', query],
    queryFn: () =>
      api<{ items: Round[]; total: number; page: number; pageSize: number }>('/inspections/rounds', {
        query,
      }),
    placeholderData: keepPreviousData,
  });
}

export function useRound(id: string) {
  return useQuery({ queryKey: [IN, 'round', id], queryFn: () => api<Round>(`/inspections/rounds/${id}`) });
}

export function useGradeTable(id: string) {
  return useQuery({
    queryKey: [IN, 'grades', id],
    queryFn: () => api<GradeTable>(`/inspections/rounds/${id}/grades`),
  });
}

export const gradeExportHref = (id: string) => withQuery(`/api/v1/inspections/rounds/${id}/grades/export`);

export function useMyTargets() {
  return useQuery({
    queryKey: [IN, 'mine'],
    queryFn: async () => (await api<{ items: TargetSummary[] }>('/inspections/my-targets')).items,
  });
}

export function useSystemTargets(systemId: string) {
  return useQuery({
    queryKey: [IN, 'system', systemId],
    queryFn: async () =>
      (await api<{ items: TargetSummary[] }>(`/inspections/systems/${systemId}/targets`)).items,
  });
}

export function useTarget(id: string) {
  return useQuery({ queryKey: [IN, 'target', id], queryFn: () => api<Target>(`/inspections/targets/${id}`) });
}

/** Runs a write and refreshes everything of the feature. */
export function useInspectionMutation<A, R>(fn: (arg: A) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => qc.invalidateQueries({ queryKey: [IN] }) });
}

export const openRound = (body: {
  name: string;
  referenceDate: string;
  dueOn: string | null;
  unitIds: string[];
  itemSets: { role: string; ref: string }[];
}) => api<Round>('/inspections/rounds', { method: 'POST', body });

export const closeRound = (id: string) => api<Round>(`/inspections/rounds/${id}/close`, { method: 'POST' });

export const saveAnswers = (
  id: string,
  answers: { itemKey: string; status: AnswerStatus | null; evidence: string }[],
) => api<Target>(`/inspections/targets/${id}/answers`, { method: 'PUT', body: { answers } });

export const submitTarget = (id: string) =>
  api<Target>(`/inspections/targets/${id}/submit`, { method: 'POST' });

export const createItemSet = (body: { name: string; basedOn?: string; role?: string; items?: Item[] }) =>
  api<ItemSet>('/inspections/item-sets', { method: 'POST', body });

export const updateItemSet = (id: string, body: { version: number; name?: string; items?: Item[] }) =>
  api<ItemSet>(`/inspections/item-sets/${id}`, { method: 'PATCH', body });

export const deleteItemSet = (id: string) => api<null>(`/inspections/item-sets/${id}`, { method: 'DELETE' });

export const evidenceHref = (targetId: string, itemKey: string) =>
  withQuery(`/api/v1/inspections/targets/${targetId}/evidence-file`, { item: itemKey });

/** Sends a file as base64 in JSON, attached to one item's answer. */
export async function attachEvidence(targetId: string, itemKey: string, file: File) {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return api<Target>(`/inspections/targets/${targetId}/evidence-file`, {
    method: 'POST',
    body: { itemKey, name: file.name, type: file.type, base64: btoa(binary) },
  });
}
