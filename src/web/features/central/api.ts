import { useQuery } from '@tanstack/react-query';
import { api } from '../../app/api.js';

// The central routes keep these schemas private (src/modules/central/routes.ts); the shapes are mirrored here.

export interface Submission {
  id: string;
  agencyCode: string;
  agencyNameJa: string;
  agencyNameEn: string | null;
  kind: string;
  fiscalYear: number;
  title: string;
  submittedAt: string;
}

export interface Triple {
  coverage: number | null;
  nisc: number | null;
  attainment100: number | null;
}

export interface Comparison {
  fiscalYear: number;
  agencies: {
    agencyCode: string;
    agencyNameJa: string;
    agencyNameEn: string | null;
    submittedAt: string;
    overall: Triple;
    groups: Record<string, Triple>;
    /** Staff 実施率 by area (Japanese area name → rate); null when not sent. */
    staffAreas: Record<string, number | null> | null;
  }[];
  governmentMean: {
    overall: Triple;
    groups: Record<string, Triple>;
    staffAreas: Record<string, number | null>;
  };
}

export function useSubmissions(fiscalYear: number | null) {
  return useQuery({
    queryKey: ['central', 'submissions', fiscalYear],
    queryFn: async () =>
      (await api<{ items: Submission[] }>('/central/submissions', { query: { fiscalYear } })).items,
  });
}

export function useComparison(fiscalYear: number) {
  return useQuery({
    queryKey: ['central', 'selfcheck', fiscalYear],
    queryFn: () => api<Comparison>('/central/selfcheck', { query: { fiscalYear } }),
  });
}
