import { z } from 'zod';
import { str } from '../../server/validation.js';
import { INCIDENT_SOURCES, INCIDENT_STATES, INCIDENT_TYPES, RESOLVERS, SEVERITIES } from './rules.js';
import { LIAISON_COUNTERPARTS, LIAISON_DIRECTIONS } from './schema.js';

const text = (max: number) => str().trim().min(1).max(max);
const optText = (max: number) => str().trim().max(max).default('');

/** Limits of the reporting point (hostile input: size-limited, text only). */
export const REPORT_LIMITS = {
  what: 5000,
  attachments: 3,
  /** Decoded bytes per attachment. */
  attachmentBytes: 2 * 1024 * 1024,
  /** The JSON body carrying base64 attachments. */
  bodyBytes: 9 * 1024 * 1024,
  /** Reports per client address per minute on the public form. */
  perMinute: 5,
} as const;

export const AttachmentIn = z.strictObject({
  filename: text(200).regex(/^[^/\\]+$/, 'a file name, not a path'),
  /** Base64; the type is sniffed from the bytes, never taken from the client. */
  data: str()
    .max(Math.ceil((REPORT_LIMITS.attachmentBytes * 4) / 3) + 4)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64'),
});

export const ReportBody = z.strictObject({
  what: text(REPORT_LIMITS.what),
  when: optText(200),
  where: optText(500),
  contact: optText(500),
  discoveredAt: z.iso.datetime({ offset: true }).nullable().default(null),
  attachments: z.array(AttachmentIn).max(REPORT_LIMITS.attachments).default([]),
});
export type ReportBody = z.infer<typeof ReportBody>;

export const TenantCodeParams = z.strictObject({ tenantCode: str().min(1).max(64) });
export const ReceiptOut = z.object({ reference: z.string(), receivedAt: z.string() });
export const ReportedOut = z.object({ id: z.uuid(), receivedAt: z.string() });

export const TriageBody = z.strictObject({
  title: text(200),
  type: z.enum(INCIDENT_TYPES),
  severity: z.enum(SEVERITIES),
  personalData: z.boolean(),
  unitId: z.uuid().optional(),
  systemIds: z.array(z.uuid()).max(50).default([]),
  registerEntryIds: z.array(z.uuid()).max(100).default([]),
  response: str().trim().max(5000).nullable().default(null),
  prevention: str().trim().max(5000).nullable().default(null),
});
export type TriageBody = z.infer<typeof TriageBody>;

export const StepParams = z.strictObject({ id: z.uuid(), key: str().min(1).max(64) });
export const CompleteStepBody = z.strictObject({ note: str().trim().max(2000).nullable().default(null) });

export const FlowStepIn = z.strictObject({
  key: text(64).regex(/^[a-z0-9_]+$/),
  nameJa: text(200),
  nameEn: text(200),
  resolver: z.enum(RESOLVERS),
  roleKey: str().min(1).max(64).nullable(),
});
export const FlowBody = z.strictObject({ steps: z.array(FlowStepIn).min(1).max(40) });
export const FlowOut = z.object({
  steps: z.array(FlowStepIn),
  isDefault: z.boolean(),
  updatedAt: z.string().nullable(),
});

export const LiaisonBody = z.strictObject({
  direction: z.enum(LIAISON_DIRECTIONS),
  counterpart: z.enum(LIAISON_COUNTERPARTS),
  at: z.iso.datetime({ offset: true }),
  channel: optText(100),
  content: text(5000),
});
export const LiaisonOut = z.object({
  id: z.uuid(),
  direction: z.enum(LIAISON_DIRECTIONS),
  counterpart: z.enum(LIAISON_COUNTERPARTS),
  at: z.string(),
  channel: z.string(),
  content: z.string(),
  recordedBy: z.string().nullable(),
});

const PersonRef = z.object({ id: z.uuid(), name: z.string() });
export const StepOut = z.object({
  key: z.string(),
  nameJa: z.string(),
  nameEn: z.string(),
  resolver: z.enum(RESOLVERS),
  roleKey: z.string().nullable(),
  holders: z.array(PersonRef),
  /** Done by anyone with incident.handle (CSIRT, external, or nobody resolved). */
  csirt: z.boolean(),
  note: z.string().nullable(),
  doneAt: z.string().nullable(),
  doneBy: PersonRef.nullable(),
});
export const CurrentOut = z.object({
  key: z.string(),
  nameJa: z.string(),
  nameEn: z.string(),
  holders: z.array(PersonRef),
  csirt: z.boolean(),
  since: z.string(),
  minutes: z.number().int(),
});

export const CaseOut = z.object({
  id: z.uuid(),
  /** 'reporter': the reporter's own case, without the handling. */
  view: z.enum(['full', 'reporter']),
  state: z.enum(INCIDENT_STATES),
  source: z.enum(INCIDENT_SOURCES),
  what: z.string(),
  when: z.string(),
  where: z.string(),
  contact: z.string(),
  discoveredAt: z.string().nullable(),
  createdAt: z.string(),
  unit: z.object({ id: z.uuid(), nameJa: z.string() }).nullable(),
  reporter: PersonRef.nullable(),
  title: z.string().nullable(),
  type: z.enum(INCIDENT_TYPES).nullable(),
  severity: z.enum(SEVERITIES).nullable(),
  personalData: z.boolean().nullable(),
  systemIds: z.array(z.uuid()),
  registerEntryIds: z.array(z.uuid()),
  response: z.string().nullable(),
  prevention: z.string().nullable(),
  triagedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  /** The duty to tell NISC (001 L14437-14449), and whether a message to NISC is on record. */
  mustNotifyNisc: z.boolean(),
  niscNotifiedAt: z.string().nullable(),
  current: CurrentOut.nullable(),
  steps: z.array(StepOut),
  liaisons: z.array(LiaisonOut),
  attachments: z.array(
    z.object({ id: z.uuid(), filename: z.string(), contentType: z.string(), size: z.number() }),
  ),
  can: z.object({ triage: z.boolean(), completeCurrent: z.boolean(), liaise: z.boolean() }),
});
export type CaseOut = z.infer<typeof CaseOut>;

export const ListQuery = z.strictObject({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
  q: str().trim().max(200).optional(),
  state: z.enum(INCIDENT_STATES).optional(),
  type: z.enum(INCIDENT_TYPES).optional(),
});
export const ListItemOut = z.object({
  id: z.uuid(),
  state: z.enum(INCIDENT_STATES),
  title: z.string().nullable(),
  what: z.string(),
  type: z.enum(INCIDENT_TYPES).nullable(),
  severity: z.enum(SEVERITIES).nullable(),
  unitNameJa: z.string(),
  createdAt: z.string(),
  currentStep: z.string().nullable(),
});
export const ListOut = z.object({
  items: z.array(ListItemOut),
  total: z.number().int(),
  page: z.number().int(),
});

export const SummaryOut = z.object({
  open: z.number().int(),
  reported: z.number().int(),
  items: z.array(
    z.object({
      id: z.uuid(),
      title: z.string().nullable(),
      what: z.string(),
      severity: z.enum(SEVERITIES).nullable(),
      stepNameJa: z.string().nullable(),
      stepNameEn: z.string().nullable(),
      holders: z.array(z.string()),
      since: z.string(),
    }),
  ),
});

export const YearParams = z.strictObject({ fy: z.coerce.number().int().min(2000).max(2100) });
export const ExportQuery = z.strictObject({ format: z.enum(['csv', 'xlsx']).default('xlsx') });
export const YearListOut = z.object({
  fiscalYear: z.number().int(),
  items: z.array(
    z.object({
      id: z.uuid(),
      month: z.string(),
      date: z.string(),
      summary: z.string(),
      response: z.string().nullable(),
      type: z.enum(INCIDENT_TYPES).nullable(),
      typeJa: z.string(),
    }),
  ),
});

export const AttachmentParams = z.strictObject({ id: z.uuid(), attachmentId: z.uuid() });

// Contact drills (002 L785-791) and the emergency contact list (003 L1236-1262).
export const ContactDrillBody = z.strictObject({
  title: text(200),
  message: text(2000),
  /** The chain, in order: who passes the alert to whom. */
  personIds: z.array(z.uuid()).min(1).max(200),
});
export const ContactDrillOut = z.object({
  id: z.uuid(),
  title: z.string(),
  message: z.string(),
  sentAt: z.string(),
  links: z.array(
    z.object({
      position: z.number().int(),
      person: PersonRef,
      acknowledgedAt: z.string().nullable(),
      /** Seconds from the alert to the acknowledgement. */
      seconds: z.number().int().nullable(),
    }),
  ),
});
export const ContactDrillListOut = z.object({
  items: z.array(
    z.object({
      id: z.uuid(),
      title: z.string(),
      sentAt: z.string(),
      links: z.number(),
      acknowledged: z.number(),
    }),
  ),
});
export const AckParams = z.strictObject({ token: str().min(20).max(100) });
export const AckOut = z.object({ acknowledgedAt: z.string() });

export const ContactCheckBody = z.strictObject({
  title: text(200),
  dueDay: str().regex(/^\d{4}-\d{2}-\d{2}$/),
  personIds: z.array(z.uuid()).min(1).max(2000),
});
export const ContactCheckOut = z.object({
  id: z.uuid(),
  title: z.string(),
  dueDay: z.string(),
  createdAt: z.string(),
  people: z.array(
    z.object({ person: PersonRef, contact: z.string().nullable(), confirmedAt: z.string().nullable() }),
  ),
  unconfirmed: z.number().int(),
});
export const ConfirmBody = z.strictObject({ contact: text(200) });
export type ListQuery = z.infer<typeof ListQuery>;
