// Shapes of the inspection API (src/modules/systems/inspection-validation.ts).
export type HostRole = 'web' | 'mail' | 'dns' | 'terminal' | 'mfp' | 'special' | 'other';
export const HOST_ROLES: readonly HostRole[] = ['web', 'mail', 'dns', 'terminal', 'mfp', 'special', 'other'];
export type Grade = 'A' | 'B' | 'C' | 'D';
export type AnswerStatus = 'met' | 'not_met' | 'na';
export const PROBE_CHECKS = [
  'tls.sslv2_disabled',
  'tls.ssl_disabled',
  'tls.no_weak_ciphers',
  'tls.certificate_sound',
  'http.https_redirect',
  'http.hsts',
  'http.no_version_disclosure',
  'mail.spf_published',
  'mail.spf_hard_fail',
  'mail.dmarc_enforced',
] as const;
export type ProbeCheck = (typeof PROBE_CHECKS)[number];

export interface Item {
  key: string;
  category: string;
  titleJa: string;
  titleEn: string;
  source: string;
  probe: ProbeCheck | null;
}

export interface ItemSet {
  ref: string;
  id: string | null;
  shipped: boolean;
  role: HostRole;
  name: string;
  nameEn: string | null;
  source: string | null;
  basedOn: string | null;
  version: number | null;
  items: Item[];
}

export interface Progress {
  answered: number;
  total: number;
}

export interface Round {
  id: string;
  name: string;
  fiscalYear: number;
  referenceDate: string;
  dueOn: string | null;
  status: 'open' | 'closed';
  units: { id: string; name: string }[];
  itemSets?: { role: HostRole; ref: string; name: string; items: Item[] }[];
  previousRoundId: string | null;
  createdAt: string;
  closedAt: string | null;
  progress: Progress;
  canManage: boolean;
}

export interface Tally {
  met: number;
  notMet: number;
  na: number;
  unanswered: number;
  applicable: number;
  rate: number | null;
  grade: Grade | null;
  previousGrade: Grade | null;
  trend: 'up' | 'same' | 'down' | null;
}

export interface GradeTable {
  roundId: string;
  progress: Progress;
  grades: { grade: Grade; range: string; ja: string; en: string }[];
  hosts: (Tally & {
    targetId: string;
    unitId: string;
    unitName: string;
    systemId: string;
    systemCode: string;
    systemName: string;
    hostName: string;
    role: HostRole;
    submittedAt: string | null;
  })[];
  divisions: (Tally & { unitId: string; unitName: string; hosts: number; submitted: number })[];
  total: Tally & { hosts: number; submitted: number };
}

export interface Answer {
  itemKey: string;
  status: AnswerStatus | null;
  evidence: string;
  probeRunId: string | null;
  probeSummary: string | null;
  answeredBy: 'probe' | 'owner' | null;
  evidenceFile: { name: string; type: string; size: number } | null;
}

export interface Target {
  id: string;
  round: { id: string; name: string; referenceDate: string; dueOn: string | null; status: 'open' | 'closed' };
  systemId: string;
  systemName: string;
  unitName: string;
  hostName: string;
  role: HostRole;
  submittedAt: string | null;
  items: (Item & { answer: Answer })[];
  tally: Omit<Tally, 'previousGrade' | 'trend'>;
  canAnswer: boolean;
}

export interface TargetSummary {
  id: string;
  roundId: string;
  roundName: string;
  roundStatus: 'open' | 'closed';
  referenceDate: string;
  dueOn: string | null;
  systemId: string;
  systemName: string;
  hostName: string;
  role: HostRole;
  submittedAt: string | null;
  grade: Grade | null;
  answered: number;
  items: number;
}
