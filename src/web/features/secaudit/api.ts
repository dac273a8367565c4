import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, withQuery } from '../../app/api.js';

export const SA = 'secaudit';
export const PAGE_SIZE = 50;

export const ENGAGEMENT_KINDS = [
  'policy_vs_standards',
  'procedures_vs_policy',
  'operation_manuals',
  'selfcheck',
  'system',
] as const;
export const SEVERITIES = ['high', 'medium', 'low'] as const;
export const FINDING_STATES = ['open', 'responded', 'closed'] as const;

export interface Milestone {
  id: string;
  step: string;
  roleLabel: string;
  responsibleId: string | null;
  responsibleName: string | null;
  startOn: string | null;
  dueOn: string;
  doneAt: string | null;
}

export interface PlanText {
  policy: string;
  targets: string;
  methods: string;
  criteria: string;
}

export interface Plan extends PlanText {
  id: string;
  fiscalYear: number;
  version: number;
  state: 'draft' | 'approved';
  approvedByName: string | null;
  approvedAt: string | null;
  versions: (PlanText & { version: number; approvedByName: string | null; approvedAt: string })[];
  milestones: Milestone[];
  can: { edit: boolean; approve: boolean };
}

export interface Engagement {
  id: string;
  planId: string;
  fiscalYear: number;
  kind: (typeof ENGAGEMENT_KINDS)[number];
  title: string;
  unitId: string;
  unitName: string;
  auditorKind: 'internal' | 'external';
  auditorName: string;
  independence: string;
  team: { id: string; name: string }[];
  campaignId: string | null;
  system: { id: string; code: string; name: string } | null;
  findings: number;
  papers: {
    id: string;
    findingId: string | null;
    filename: string;
    contentType: string;
    size: number;
    createdAt: string;
  }[];
  can: { manage: boolean; papers: boolean };
}

export interface Finding {
  id: string;
  engagementId: string;
  engagementTitle: string;
  fiscalYear: number;
  unitId: string;
  unitName: string;
  clause: string;
  condition: string;
  cause: string;
  severity: (typeof SEVERITIES)[number];
  proposal: string;
  state: (typeof FINDING_STATES)[number];
  response: string | null;
  responsePlan: string | null;
  dueOn: string | null;
  closedAt: string | null;
  carriedOver: boolean;
  pastDue: boolean;
  can: { manage: boolean; respond: boolean };
}

export interface FindingDetail extends Finding {
  history: { kind: string; personName: string | null; note: string | null; at: string; fiscalYear: number }[];
}

export interface FindingFilter {
  fiscalYear: number;
  state: Finding['state'] | null;
  carriedOver: boolean;
  pastDue: boolean;
  q: string;
  page: number;
}

export const STATE_COLORS = { open: 'red', responded: 'yellow', closed: 'green' } as const;
export const SEVERITY_COLORS = { high: 'red', medium: 'orange', low: 'gray' } as const;

export const usePlans = () =>
  useQuery({
    queryKey: [SA, 'plans'],
    queryFn: async () =>
      (
        await api<{ items: { id: string; fiscalYear: number; version: number; state: Plan['state'] }[] }>(
          '/secaudit/plans',
        )
      ).items,
  });

export const usePlan = (id: string | undefined) =>
  useQuery({ queryKey: [SA, 'plan', id], queryFn: () => api<Plan>(`/secaudit/plans/${id}`), enabled: !!id });

export const useEngagements = (fiscalYear: number | undefined) =>
  useQuery({
    queryKey: [SA, 'engagements', fiscalYear],
    queryFn: async () =>
      (await api<{ items: Engagement[] }>('/secaudit/engagements', { query: { fiscalYear } })).items,
    enabled: fiscalYear !== undefined,
  });

export const useEngagement = (id: string | undefined) =>
  useQuery({
    queryKey: [SA, 'engagement', id],
    queryFn: () => api<Engagement>(`/secaudit/engagements/${id}`),
    enabled: !!id,
  });

function findingQuery(f: Omit<FindingFilter, 'page'>) {
  return {
    fiscalYear: f.fiscalYear,
    state: f.state,
    carriedOver: f.carriedOver ? 'true' : undefined,
    pastDue: f.pastDue ? 'true' : undefined,
    q: f.q || undefined,
  };
}

export const useFindings = (f: FindingFilter) =>
  useQuery({
    queryKey: [SA, 'findings', f],
    queryFn: () =>
      api<{ total: number; fiscalYear: number; items: Finding[] }>('/secaudit/findings', {
        query: { ...findingQuery(f), page: f.page, pageSize: PAGE_SIZE },
      }),
    placeholderData: keepPreviousData,
  });

export const useFinding = (id: string | undefined) =>
  useQuery({
    queryKey: [SA, 'finding', id],
    queryFn: () => api<FindingDetail>(`/secaudit/findings/${id}`),
    enabled: !!id,
  });

export const findingsExportHref = (f: Omit<FindingFilter, 'page'>) =>
  withQuery('/api/v1/secaudit/findings/export.xlsx', findingQuery(f));

export const paperHref = (engagementId: string, paperId: string) =>
  `/api/v1/secaudit/engagements/${engagementId}/papers/${paperId}`;
