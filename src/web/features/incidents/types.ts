// Shapes of the incidents API (src/modules/incidents/validation.ts), as the web app reads them.
export type IncidentType = 'external_attack' | 'unintended_leak' | 'insider' | 'other';
export type Severity = 'low' | 'medium' | 'high' | 'critical';
export type IncidentState = 'reported' | 'in_progress' | 'closed';
export const INCIDENT_TYPES: IncidentType[] = ['external_attack', 'unintended_leak', 'insider', 'other'];
export const SEVERITIES: Severity[] = ['low', 'medium', 'high', 'critical'];

export interface PersonRef {
  id: string;
  name: string;
}
export interface Step {
  key: string;
  nameJa: string;
  nameEn: string;
  resolver: string;
  roleKey: string | null;
  holders: PersonRef[];
  csirt: boolean;
  note: string | null;
  doneAt: string | null;
  doneBy: PersonRef | null;
}
export interface Liaison {
  id: string;
  direction: 'sent' | 'received';
  counterpart: 'nisc' | 'gsoc' | 'other';
  at: string;
  channel: string;
  content: string;
  recordedBy: string | null;
}
export interface Case {
  id: string;
  view: 'full' | 'reporter';
  state: IncidentState;
  source: string;
  what: string;
  when: string;
  where: string;
  contact: string;
  createdAt: string;
  unit: { id: string; nameJa: string } | null;
  reporter: PersonRef | null;
  title: string | null;
  type: IncidentType | null;
  severity: Severity | null;
  personalData: boolean | null;
  systemIds: string[];
  response: string | null;
  prevention: string | null;
  triagedAt: string | null;
  closedAt: string | null;
  mustNotifyNisc: boolean;
  niscNotifiedAt: string | null;
  current: {
    key: string;
    nameJa: string;
    nameEn: string;
    holders: PersonRef[];
    csirt: boolean;
    since: string;
    minutes: number;
  } | null;
  steps: Step[];
  liaisons: Liaison[];
  attachments: { id: string; filename: string; contentType: string; size: number }[];
  can: { triage: boolean; completeCurrent: boolean; liaise: boolean };
}
export interface ListItem {
  id: string;
  state: IncidentState;
  title: string | null;
  what: string;
  type: IncidentType | null;
  severity: Severity | null;
  unitNameJa: string;
  createdAt: string;
  currentStep: string | null;
}
export interface Summary {
  open: number;
  reported: number;
  items: {
    id: string;
    title: string | null;
    what: string;
    severity: Severity | null;
    stepNameJa: string | null;
    stepNameEn: string | null;
    holders: string[];
    since: string;
  }[];
}
