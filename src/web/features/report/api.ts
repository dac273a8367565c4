import { useQuery } from '@tanstack/react-query';
import type { ReportDoc } from '../../../modules/report/doc-model.js';
import { api } from '../../app/api.js';

export const RP = 'annual-report';

export interface Facts {
  staffQuota: number | null;
  itBudgetYen: number | null;
  securityBudgetYen: number | null;
  responsibleDivision: string;
  notes: string;
}

export interface Narrative {
  key: string;
  titleJa: string;
  titleEn: string;
  text: string;
  version: number | null;
  authorName: string | null;
  createdAt: string | null;
}

export interface AnnualReport {
  fiscalYear: number;
  state: 'draft' | 'pending_approval' | 'approved';
  facts: Facts;
  narratives: Narrative[];
  requestedAt: string | null;
  requestedByName: string | null;
  approvedAt: string | null;
  approvedByName: string | null;
  returnComment: string | null;
  can: Record<'edit' | 'requestApproval' | 'approve' | 'return' | 'reopen' | 'submitStatement', boolean>;
  doc: ReportDoc;
}

export interface NarrativeVersion {
  version: number;
  text: string;
  authorName: string | null;
  createdAt: string;
}

export const reportPath = (fy: number, rest = '') => `/reports/annual/${fy}${rest}`;

export function useAnnualReport(fy: number) {
  return useQuery({ queryKey: [RP, fy], queryFn: () => api<AnnualReport>(reportPath(fy)) });
}

export function useNarrativeHistory(fy: number, key: string, enabled: boolean) {
  return useQuery({
    queryKey: [RP, fy, 'history', key],
    queryFn: () => api<NarrativeVersion[]>(reportPath(fy, `/narratives/${key}/history`)),
    enabled,
  });
}

export const STATE_COLORS = { draft: 'gray', pending_approval: 'yellow', approved: 'green' } as const;
