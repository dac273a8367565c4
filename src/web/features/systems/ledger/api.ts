import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, withQuery } from '../../../app/api.js';

export const HOST_ROLES = ['web', 'mail', 'dns', 'terminal', 'mfp', 'special', 'other'] as const;
export type HostRole = (typeof HOST_ROLES)[number];
export const LIFECYCLES = ['planning', 'building', 'operating', 'retiring', 'retired'] as const;
export type Lifecycle = (typeof LIFECYCLES)[number];
export const BCP_STATUSES = ['none', 'planned', 'documented', 'tested'] as const;
export type BcpStatus = (typeof BCP_STATUSES)[number];

export interface Ref {
  id: string;
  name: string;
}
export interface Host {
  id: string;
  role: HostRole;
  name: string;
  addresses: string[];
  domains: string[];
  probeOptIn: boolean;
  probePorts: number[];
  note: string;
}
export interface Software {
  id: string;
  hostId: string | null;
  vendor: string;
  product: string;
  version: string;
  cpe: string | null;
  endOfSupport: string | null;
  pastEndOfSupport: boolean;
}
export interface Certificate {
  id: string;
  hostId: string | null;
  subject: string;
  issuer: string;
  notAfter: string | null;
  keyType: string | null;
  keyBits: number | null;
  signatureAlgorithm: string | null;
}
export interface SystemDetail {
  id: string;
  code: string;
  name: string;
  purpose: string;
  unit: Ref | null;
  maintenanceUnit: Ref | null;
  securityOfficer: Ref | null;
  administrator: Ref | null;
  contractor: string;
  lifecycle: Lifecycle;
  internetFacing: boolean;
  maxClassification: string | null;
  cloud: { used: boolean; confidentialData: boolean; storedInJapan: boolean | null; contractTerms: string };
  bcpStatus: BcpStatus;
  reviewedOn: string | null;
  reviewedBy: string | null;
  reviewedThisYear: boolean;
  version: number;
  updatedAt: string;
  hosts: Host[];
  software: Software[];
  certificates: Certificate[];
  can: { manage: boolean; editComponents: boolean; review: boolean };
}
export interface SystemRow {
  id: string;
  code: string;
  name: string;
  unit: Ref | null;
  securityOfficer: Ref | null;
  lifecycle: Lifecycle;
  internetFacing: boolean;
  hostRoles: HostRole[];
  hostCount: number;
  softwareCount: number;
  endOfSupportCount: number;
  reviewedOn: string | null;
  reviewedThisYear: boolean;
}
export interface SystemList {
  total: number;
  page: number;
  pageSize: number;
  items: SystemRow[];
  canManage: boolean;
}
export interface Change {
  id: number;
  at: string;
  actor: string | null;
  action: string;
  changes: Record<string, unknown>;
}
export interface Counts {
  web: number;
  mail: number;
  agencyWide: boolean;
  webServerTarget: number | null;
  mailServerTarget: number | null;
  webOverTarget: number | null;
  mailOverTarget: number | null;
}
export interface ImportSummary {
  dryRun: boolean;
  created: string[];
  updated: string[];
  unchanged: string[];
  hosts: number;
  software: number;
  certificates: number;
}

export interface LedgerFilter {
  q: string;
  role: string;
  unitId: string;
  internetFacing: string;
  lifecycle: string;
  endOfSupport: boolean;
  unreviewed: boolean;
  page: number;
}
export const emptyFilter: LedgerFilter = {
  q: '',
  role: '',
  unitId: '',
  internetFacing: '',
  lifecycle: '',
  endOfSupport: false,
  unreviewed: false,
  page: 1,
};

export const SY = 'systems';
export const PAGE_SIZE = 50;

export function useSystems(f: LedgerFilter) {
  return useQuery({
    queryKey: [SY, 'list', f],
    queryFn: () =>
      api<SystemList>('/systems', {
        query: {
          q: f.q || undefined,
          role: f.role || undefined,
          unitId: f.unitId || undefined,
          internetFacing: f.internetFacing || undefined,
          lifecycle: f.lifecycle || undefined,
          endOfSupport: f.endOfSupport ? 'true' : undefined,
          unreviewed: f.unreviewed ? 'true' : undefined,
          page: f.page,
          pageSize: PAGE_SIZE,
        },
      }),
    placeholderData: keepPreviousData,
  });
}

export function useSystem(id: string) {
  return useQuery({ queryKey: [SY, 'system', id], queryFn: () => api<SystemDetail>(`/systems/${id}`) });
}

export function useHistory(id: string) {
  return useQuery({
    queryKey: [SY, 'history', id],
    queryFn: async () => (await api<{ items: Change[] }>(`/systems/${id}/history`)).items,
  });
}

export function useCounts(enabled: boolean) {
  return useQuery({ queryKey: [SY, 'counts'], queryFn: () => api<Counts>('/systems/counts'), enabled });
}

export const exportHref = () => withQuery('/api/v1/systems/export');

export function runImport(file: File, dryRun: boolean) {
  return api<ImportSummary>('/systems/import', {
    method: 'POST',
    query: { dryRun: String(dryRun) },
    file: {
      data: file,
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    },
  });
}
