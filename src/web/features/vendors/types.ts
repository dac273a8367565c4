// Shapes of the vendors API (src/modules/vendors/validation.ts).
export type DueStatus = 'none' | 'ok' | 'due_soon' | 'overdue';
export type Answer = 'yes' | 'no' | 'na';
export type CheckResult = 'ok' | 'ng' | 'na';
export type Phase = 'contract' | 'during' | 'delivery';
export const PHASES: readonly Phase[] = ['contract', 'during', 'delivery'];

export interface Ref {
  id: string;
  name: string;
}

export interface CloudService {
  id: string;
  unit: Ref;
  name: string;
  provider: string;
  url: string;
  allowedUses: string;
  conditions: string;
  maxConfidentiality: number;
  responsible: Ref | null;
  namedBy: Ref | null;
  namedAt: string | null;
  reconfirmDue: string | null;
  reconfirmStatus: DueStatus;
  lastConfirmedAt: string | null;
  status: 'active' | 'retired';
  can: { edit: boolean; name: boolean; confirm: boolean };
}

export interface SnsAccount {
  id: string;
  unit: Ref;
  platform: string;
  accountName: string;
  url: string;
  purpose: string;
  managers: Ref[];
  checklist: Record<string, { answer: Answer | null; evidence: string }>;
  openItems: string[];
  reconfirmDue: string | null;
  reconfirmStatus: DueStatus;
  lastConfirmedAt: string | null;
  status: 'active' | 'retired';
  can: { edit: boolean; confirm: boolean };
}

export interface ChecklistItem {
  key: string;
  section: string;
  ja: string;
  en: string;
  source: string;
}

export interface Checklists {
  sns: ChecklistItem[];
  spec: (ChecklistItem & { clause: string })[];
  checks: Record<Phase, ChecklistItem[]>;
}

export interface Contract {
  id: string;
  unit: Ref;
  name: string;
  contractor: string;
  contractorLocation: string;
  subcontractors: { name: string; representative: string; location: string; mainShareholders: string }[];
  workLocation: string;
  affiliation: string;
  staffQualifications: string;
  ismsCertificateNo: string;
  ismsCertificateExpiry: string | null;
  certificateStatus: 'none' | 'valid' | 'expiring' | 'expired';
  periodFrom: string | null;
  periodTo: string | null;
  systems: { id: string; code: string; name: string }[];
  specItems: string[];
  openChecks: number;
  can: { edit: boolean };
}

export interface Check {
  phase: Phase;
  itemKey: string;
  ja: string;
  en: string;
  source: string;
  result: CheckResult | null;
  evidence: string;
  checkedBy: Ref | null;
  checkedAt: string | null;
  files: { id: string; filename: string; contentType: string; size: number }[];
}

export interface ContractDetail extends Contract {
  checks: Check[];
}

export interface VendorDashboard {
  reconfirmDue: number;
  reconfirmOverdue: number;
  certificatesExpiring: number;
  contractsWithOpenChecks: number;
}
