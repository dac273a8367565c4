import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  CommonItemsOut,
  GovernmentAverageOut,
  NationalOut,
  SubmissionDetailOut,
  SubmissionOut,
  SubsidiarySubmissionOut,
} from '../../../modules/central/validation.js';
import { api } from '../../app/api.js';

// The shapes are the central routes' response schemas (src/modules/central/validation.ts), types only.
export type Submission = z.infer<typeof SubmissionOut>;
export type SubsidiarySubmission = z.infer<typeof SubsidiarySubmissionOut>;
export type SubmissionDetail = z.infer<typeof SubmissionDetailOut>;
export type National = z.infer<typeof NationalOut>;
export type GovernmentAverage = z.infer<typeof GovernmentAverageOut>;
export type CommonItems = z.infer<typeof CommonItemsOut>;
export type Rates = National['selfcheck']['mean']['overall'];
export type TenantRef = { code: string; nameJa: string; nameEn: string | null };

export const CK = 'central';
export const EXPORT_FORMATS = ['html', 'docx', 'xlsx', 'pdf'] as const;

export function nationalExportHref(
  fiscalYear: number,
  format: (typeof EXPORT_FORMATS)[number],
  lang: string,
) {
  const locale = lang.startsWith('en') ? 'en' : 'ja';
  return `/api/v1/central/national/export?fiscalYear=${fiscalYear}&format=${format}&locale=${locale}`;
}

export function useNational(fiscalYear: number) {
  return useQuery({
    queryKey: [CK, 'national', fiscalYear],
    queryFn: () => api<National>('/central/national', { query: { fiscalYear } }),
  });
}

/** The central body's inbox (null: every fiscal year). */
export function useSubmissions(fiscalYear: number | null) {
  return useQuery({
    queryKey: [CK, 'submissions', fiscalYear],
    queryFn: async () =>
      (await api<{ items: Submission[] }>('/central/submissions', { query: { fiscalYear } })).items,
  });
}

/** One submission: the central body's (`central`) or the agency's own / its 独法's (`own`). */
export function useSubmission(side: 'central' | 'own', id: string | null) {
  const path = side === 'central' ? '/central/submissions' : '/central/my-submissions';
  return useQuery({
    queryKey: [CK, side, 'submission', id],
    queryFn: () => api<SubmissionDetail>(`${path}/${id}`),
    enabled: id !== null,
  });
}

export function useMySubmissions(fiscalYear: number | null) {
  return useQuery({
    queryKey: [CK, 'my-submissions', fiscalYear],
    queryFn: async () =>
      (await api<{ items: Submission[] }>('/central/my-submissions', { query: { fiscalYear } })).items,
  });
}

export function useSubsidiarySubmissions(fiscalYear: number | null) {
  return useQuery({
    queryKey: [CK, 'subsidiary-submissions', fiscalYear],
    queryFn: async () =>
      (
        await api<{ items: SubsidiarySubmission[] }>('/central/subsidiary-submissions', {
          query: { fiscalYear },
        })
      ).items,
  });
}

export function useCommonItems(fiscalYear: number) {
  return useQuery({
    queryKey: [CK, 'common-items', fiscalYear],
    queryFn: () => api<CommonItems>('/central/common-items', { query: { fiscalYear } }),
  });
}

export function useGovernmentAverage(fiscalYear: number) {
  return useQuery({
    queryKey: [CK, 'government-average', fiscalYear],
    queryFn: () => api<GovernmentAverage>('/central/government-average', { query: { fiscalYear } }),
  });
}
