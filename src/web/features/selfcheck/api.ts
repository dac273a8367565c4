import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, withQuery } from '../../app/api.js';
import type {
  Campaign,
  CatalogItem,
  CatalogOutline,
  CatalogVersion,
  ChangeAfterClose,
  Pending,
  Policy,
  PolicyDetail,
  Progress,
  Questionnaire,
  QuestionnaireSummary,
  Results,
  Sample,
  SampleDetail,
} from '../../app/types.js';

/** Every self-check query starts with this key, so one invalidation refreshes the feature. */
export const SC = 'selfcheck';
export const keys = {
  my: [SC, 'my'] as const,
  questionnaire: (id: string) => [SC, 'questionnaire', id] as const,
  campaigns: [SC, 'campaigns'] as const,
  campaign: (id: string) => [SC, 'campaign', id] as const,
  catalogs: [SC, 'catalogs'] as const,
  catalog: (id: string) => [SC, 'catalog', id] as const,
  policies: [SC, 'policies'] as const,
  policy: (id: string) => [SC, 'policy', id] as const,
};

export const BASE = '/api/v1/selfcheck';

/** A download link (the session cookie goes with a plain link; the server names the file). */
export function downloadHref(path: string, query?: Record<string, string | boolean | undefined>): string {
  return withQuery(`${BASE}${path}`, query);
}

export type CatalogDetail = CatalogVersion & { chapters: CatalogOutline; items: CatalogItem[] };

/** Open campaigns whose questionnaires are still being created, where mine is not there yet (準備中). */
export function useMyPreparing() {
  return useQuery({
    queryKey: [SC, 'my', 'preparing'] as const,
    queryFn: async () =>
      (
        await api<{ items: { campaignId: string; title: string; fiscalYear: number }[] }>(
          '/selfcheck/my/preparing',
        )
      ).items,
    refetchInterval: (q) => (q.state.data?.length ? 5000 : false),
  });
}

export function useMyQuestionnaires() {
  return useQuery({
    queryKey: keys.my,
    queryFn: async () => (await api<{ items: QuestionnaireSummary[] }>('/selfcheck/my')).items,
  });
}

export function useQuestionnaire(id: string) {
  return useQuery({
    queryKey: keys.questionnaire(id),
    queryFn: () => api<Questionnaire>(`/selfcheck/questionnaires/${id}`),
    // The page keeps its own copy of the answers while editing; do not refetch under it.
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 0,
  });
}

export function saveAnswers(id: string, answers: Record<string, string | null>, submit: boolean) {
  return api<QuestionnaireSummary>(`/selfcheck/questionnaires/${id}/answers`, {
    method: 'PUT',
    body: { answers, submit },
  });
}

export function useCampaigns() {
  return useQuery({
    queryKey: keys.campaigns,
    queryFn: async () => (await api<{ items: Campaign[] }>('/selfcheck/campaigns')).items,
  });
}

export function useCampaign(id: string) {
  return useQuery({
    queryKey: keys.campaign(id),
    queryFn: () => api<Campaign>(`/selfcheck/campaigns/${id}`),
  });
}

export function useChangesAfterClose(id: string, enabled: boolean) {
  return useQuery({
    queryKey: [SC, 'campaign', id, 'changes-after-close'],
    queryFn: async () =>
      (await api<{ items: ChangeAfterClose[] }>(`/selfcheck/campaigns/${id}/changes-after-close`)).items,
    enabled,
  });
}

export function useProgress(id: string, unitId: string | null) {
  return useQuery({
    queryKey: [SC, 'campaign', id, 'progress', unitId],
    queryFn: () => api<Progress>(`/selfcheck/campaigns/${id}/progress`, { query: { unitId } }),
    placeholderData: keepPreviousData,
    // Progress is live: refresh while the page is open.
    refetchInterval: 30_000,
  });
}

export const PENDING_PAGE_SIZE = 20;

export function usePending(id: string, unitId: string | null, page: number) {
  return useQuery({
    queryKey: [SC, 'campaign', id, 'pending', unitId, page],
    queryFn: () =>
      api<Pending>(`/selfcheck/campaigns/${id}/pending`, {
        query: { unitId, page, pageSize: PENDING_PAGE_SIZE },
      }),
    placeholderData: keepPreviousData,
  });
}

export function useResults(id: string, opts: { naPasses: boolean; unitId: string | null }) {
  return useQuery({
    queryKey: [SC, 'campaign', id, 'results', opts],
    queryFn: () =>
      api<Results>(`/selfcheck/campaigns/${id}/results`, {
        query: { naPasses: String(opts.naPasses), unitId: opts.unitId },
      }),
    placeholderData: keepPreviousData,
  });
}

export function useSamples(id: string) {
  return useQuery({
    queryKey: [SC, 'campaign', id, 'samples'],
    queryFn: async () => (await api<{ items: Sample[] }>(`/selfcheck/campaigns/${id}/samples`)).items,
  });
}

export function useSample(id: string, sampleId: string) {
  return useQuery({
    queryKey: [SC, 'campaign', id, 'sample', sampleId],
    queryFn: () => api<SampleDetail>(`/selfcheck/campaigns/${id}/samples/${sampleId}`),
  });
}

export function useCatalogs() {
  return useQuery({
    queryKey: keys.catalogs,
    queryFn: async () => (await api<{ items: CatalogVersion[] }>('/selfcheck/catalogs')).items,
  });
}

export function useCatalog(id: string) {
  return useQuery({
    queryKey: keys.catalog(id),
    queryFn: () => api<CatalogDetail>(`/selfcheck/catalogs/${id}`),
    staleTime: 5 * 60_000,
  });
}

export function usePolicies() {
  return useQuery({
    queryKey: keys.policies,
    queryFn: async () => (await api<{ items: Policy[] }>('/selfcheck/policies')).items,
  });
}

export function usePolicy(id: string | null) {
  return useQuery({
    queryKey: keys.policy(id ?? ''),
    queryFn: () => api<PolicyDetail>(`/selfcheck/policies/${id}`),
    enabled: !!id,
  });
}

/** What a catalog import did, or would do on a dry run (catalog-routes.ts). */
export interface CatalogImportResult {
  dryRun: boolean;
  code: string;
  version: string;
  itemCount: number;
  versionId: string | null;
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function importCatalog(file: File, dryRun: boolean) {
  const contentType = file.name.toLowerCase().endsWith('.xlsx') ? XLSX : 'application/yaml';
  return api<CatalogImportResult>('/selfcheck/catalogs/import', {
    method: 'POST',
    file: { data: file, contentType },
    query: { dryRun: String(dryRun) },
  });
}
