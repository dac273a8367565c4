import { z } from 'zod';
import { str } from '../../server/validation.js';
import { Id, Page } from '../org/validation.js';
import { CHECK_PHASES } from './checklists.js';
import { ANSWERS, CHECK_RESULTS, CLOUD_MAX_CONFIDENTIALITY } from './rules.js';
import { VENDOR_STATUSES } from './schema.js';

const text = (max: number) => str().trim().max(max);
const name = text(200).min(1);
const Day = str().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const Url = text(2000).refine((s) => s === '' || /^https?:\/\//i.test(s), 'http(s) URL');

export const ListQuery = z.strictObject({
  q: text(200).optional(),
  /** due: re-confirmation due soon or overdue; overdue: past it; open: contracts with open checks. */
  filter: z.enum(['due', 'overdue', 'open', 'expiring']).optional(),
  status: z.enum(VENDOR_STATUSES).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListQuery = z.infer<typeof ListQuery>;

const PersonRef = z.object({ id: z.string(), name: z.string() });
const UnitRef = z.object({ id: z.string(), name: z.string() });
const DueStatus = z.enum(['none', 'ok', 'due_soon', 'overdue']);

// ── cloud services ──
export const CloudBody = z.strictObject({
  unitId: Id,
  name,
  provider: name,
  url: Url.optional(),
  allowedUses: text(4000).optional(),
  conditions: text(4000).optional(),
  /** 要機密情報 (機密性2+) is never allowed on a terms-of-service service (001 L11001-11003). */
  maxConfidentiality: z.number().int().min(1).max(CLOUD_MAX_CONFIDENTIALITY).optional(),
  validFrom: Day.nullable().optional(),
  validTo: Day.nullable().optional(),
  reconfirmDue: Day.nullable().optional(),
});
export type CloudBody = z.infer<typeof CloudBody>;
export const CloudPatch = CloudBody.partial().extend({ status: z.enum(VENDOR_STATUSES).optional() });
export type CloudPatch = z.infer<typeof CloudPatch>;
export const NameResponsibleBody = z.strictObject({ personId: Id });

export const CloudOut = z.object({
  id: z.string(),
  unit: UnitRef,
  name: z.string(),
  provider: z.string(),
  url: z.string(),
  allowedUses: z.string(),
  conditions: z.string(),
  maxConfidentiality: z.number().int(),
  responsible: PersonRef.nullable(),
  namedBy: PersonRef.nullable(),
  namedAt: z.string().nullable(),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  reconfirmDue: z.string().nullable(),
  reconfirmStatus: DueStatus,
  lastConfirmedAt: z.string().nullable(),
  lastConfirmedBy: PersonRef.nullable(),
  status: z.enum(VENDOR_STATUSES),
  can: z.object({ edit: z.boolean(), name: z.boolean(), confirm: z.boolean() }),
});
export type CloudOut = z.infer<typeof CloudOut>;
export const CloudPageOut = Page(CloudOut);

/** What every staff member may know of the register: the allowed services and their conditions. */
export const CloudChoiceOut = z.object({
  id: z.string(),
  name: z.string(),
  provider: z.string(),
  allowedUses: z.string(),
  conditions: z.string(),
  maxConfidentiality: z.number().int(),
  responsibleNamed: z.boolean(),
});
export const CloudChoicesOut = z.object({ items: z.array(CloudChoiceOut) });

// ── SNS accounts ──
export const SnsBody = z.strictObject({
  unitId: Id,
  platform: text(100).min(1),
  accountName: name,
  url: Url.optional(),
  purpose: text(4000).optional(),
  managerIds: z.array(Id).max(20).optional(),
  reconfirmDue: Day.nullable().optional(),
});
export type SnsBody = z.infer<typeof SnsBody>;
export const SnsPatch = SnsBody.partial().extend({ status: z.enum(VENDOR_STATUSES).optional() });
export type SnsPatch = z.infer<typeof SnsPatch>;

const ChecklistAnswerIn = z.strictObject({
  answer: z.enum(ANSWERS).nullable(),
  evidence: text(4000).default(''),
});
export const ChecklistBody = z.strictObject({ answers: z.record(text(100), ChecklistAnswerIn) });
export type ChecklistBody = z.infer<typeof ChecklistBody>;

export const ChecklistItemOut = z.object({
  key: z.string(),
  section: z.string(),
  ja: z.string(),
  en: z.string(),
  source: z.string(),
});
export const SnsOut = z.object({
  id: z.string(),
  unit: UnitRef,
  platform: z.string(),
  accountName: z.string(),
  url: z.string(),
  purpose: z.string(),
  managers: z.array(PersonRef),
  checklist: z.record(z.string(), z.object({ answer: z.enum(ANSWERS).nullable(), evidence: z.string() })),
  openItems: z.array(z.string()),
  checklistUpdatedAt: z.string().nullable(),
  reconfirmDue: z.string().nullable(),
  reconfirmStatus: DueStatus,
  lastConfirmedAt: z.string().nullable(),
  lastConfirmedBy: PersonRef.nullable(),
  status: z.enum(VENDOR_STATUSES),
  can: z.object({ edit: z.boolean(), confirm: z.boolean() }),
});
export type SnsOut = z.infer<typeof SnsOut>;
export const SnsPageOut = Page(SnsOut);

// ── contracts ──
const SubcontractorIn = z.strictObject({
  name: name,
  representative: text(200).default(''),
  location: text(500).default(''),
  mainShareholders: text(1000).default(''),
});
export const ContractBody = z.strictObject({
  unitId: Id,
  name,
  contractor: name,
  contractorLocation: text(500).optional(),
  subcontractors: z.array(SubcontractorIn).max(50).optional(),
  workLocation: text(500).optional(),
  affiliation: text(4000).optional(),
  staffQualifications: text(4000).optional(),
  ismsCertificateNo: text(100).optional(),
  ismsCertificateExpiry: Day.nullable().optional(),
  periodFrom: Day.nullable().optional(),
  periodTo: Day.nullable().optional(),
  systemIds: z.array(Id).max(100).optional(),
  specItems: z.array(text(100)).max(100).optional(),
});
export type ContractBody = z.infer<typeof ContractBody>;
export const ContractPatch = ContractBody.partial();
export type ContractPatch = z.infer<typeof ContractPatch>;

export const CheckParams = z.strictObject({ id: Id, phase: z.enum(CHECK_PHASES), item: text(100) });
export const CheckBody = z.strictObject({
  result: z.enum(CHECK_RESULTS).nullable(),
  evidence: text(8000).default(''),
});
export type CheckBody = z.infer<typeof CheckBody>;

const FileOut = z.object({
  id: z.string(),
  filename: z.string(),
  contentType: z.string(),
  size: z.number().int(),
});
export const CheckOut = z.object({
  phase: z.enum(CHECK_PHASES),
  itemKey: z.string(),
  ja: z.string(),
  en: z.string(),
  source: z.string(),
  result: z.enum(CHECK_RESULTS).nullable(),
  evidence: z.string(),
  checkedBy: PersonRef.nullable(),
  checkedAt: z.string().nullable(),
  files: z.array(FileOut),
});
export const ContractOut = z.object({
  id: z.string(),
  unit: UnitRef,
  name: z.string(),
  contractor: z.string(),
  contractorLocation: z.string(),
  subcontractors: z.array(
    z.object({
      name: z.string(),
      representative: z.string(),
      location: z.string(),
      mainShareholders: z.string(),
    }),
  ),
  workLocation: z.string(),
  affiliation: z.string(),
  staffQualifications: z.string(),
  ismsCertificateNo: z.string(),
  ismsCertificateExpiry: z.string().nullable(),
  certificateStatus: z.enum(['none', 'valid', 'expiring', 'expired']),
  periodFrom: z.string().nullable(),
  periodTo: z.string().nullable(),
  systems: z.array(z.object({ id: z.string(), code: z.string(), name: z.string() })),
  specItems: z.array(z.string()),
  openChecks: z.number().int(),
  can: z.object({ edit: z.boolean() }),
});
export type ContractOut = z.infer<typeof ContractOut>;
export const ContractDetailOut = ContractOut.extend({ checks: z.array(CheckOut) });
export type ContractDetailOut = z.infer<typeof ContractDetailOut>;
export const ContractPageOut = Page(ContractOut);

export const SpecBody = z.strictObject({ items: z.array(text(100)).min(1).max(100) });
export const SpecItemOut = ChecklistItemOut.extend({ clause: z.string() });
export const SpecTextOut = z.object({
  text: z.string(),
  clauses: z.array(z.object({ key: z.string(), clause: z.string(), source: z.string() })),
});

export const ChecklistsOut = z.object({
  sns: z.array(ChecklistItemOut),
  spec: z.array(SpecItemOut),
  checks: z.object({
    contract: z.array(ChecklistItemOut),
    during: z.array(ChecklistItemOut),
    delivery: z.array(ChecklistItemOut),
  }),
});

export const DashboardOut = z.object({
  reconfirmDue: z.number().int(),
  reconfirmOverdue: z.number().int(),
  certificatesExpiring: z.number().int(),
  contractsWithOpenChecks: z.number().int(),
});
