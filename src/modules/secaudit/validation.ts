import { z } from 'zod';
import { str } from '../../server/validation.js';
import { Id } from '../org/validation.js';
import {
  AUDITOR_KINDS,
  ENGAGEMENT_KINDS,
  FINDING_EVENT_KINDS,
  FINDING_STATES,
  PLAN_STATES,
  SEVERITIES,
} from './schema.js';

const day = str().regex(/^\d{4}-\d{2}-\d{2}$/, 'yyyy-mm-dd');
const text = (max: number) => str().trim().max(max);
const fiscalYear = z.coerce.number().int().min(2000).max(2100);

export const PlanBody = z.strictObject({
  policy: text(10000),
  targets: text(10000),
  methods: text(10000),
  criteria: text(10000),
});
export const CreatePlanBody = PlanBody.extend({ fiscalYear });
export type PlanBody = z.infer<typeof PlanBody>;

export const MilestoneOut = z.object({
  id: z.string(),
  step: z.string(),
  roleLabel: z.string(),
  responsibleId: z.string().nullable(),
  responsibleName: z.string().nullable(),
  startOn: z.string().nullable(),
  dueOn: z.string(),
  doneAt: z.string().nullable(),
});

export const PlanVersionOut = z.object({
  version: z.number().int(),
  policy: z.string(),
  targets: z.string(),
  methods: z.string(),
  criteria: z.string(),
  approvedByName: z.string().nullable(),
  approvedAt: z.string(),
});

export const PlanOut = z.object({
  id: z.string(),
  fiscalYear: z.number().int(),
  version: z.number().int(),
  state: z.enum(PLAN_STATES),
  policy: z.string(),
  targets: z.string(),
  methods: z.string(),
  criteria: z.string(),
  approvedByName: z.string().nullable(),
  approvedAt: z.string().nullable(),
  versions: z.array(PlanVersionOut),
  milestones: z.array(MilestoneOut),
  can: z.object({ edit: z.boolean(), approve: z.boolean() }),
});
export type PlanOut = z.infer<typeof PlanOut>;

export const PlanListOut = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      fiscalYear: z.number().int(),
      version: z.number().int(),
      state: z.enum(PLAN_STATES),
    }),
  ),
});

export const MilestoneBody = z.strictObject({
  step: text(200).min(1),
  roleLabel: text(200).min(1),
  responsibleId: Id.nullable().optional(),
  startOn: day.nullable().optional(),
  dueOn: day,
});
export const UpdateMilestoneBody = z.strictObject({
  step: text(200).min(1).optional(),
  roleLabel: text(200).min(1).optional(),
  responsibleId: Id.nullable().optional(),
  startOn: day.nullable().optional(),
  dueOn: day.optional(),
  done: z.boolean().optional(),
});
export const MilestoneParams = z.strictObject({ id: Id, milestoneId: Id });

export const EngagementBody = z.strictObject({
  planId: Id,
  kind: z.enum(ENGAGEMENT_KINDS),
  title: text(300).min(1),
  unitId: Id,
  auditorKind: z.enum(AUDITOR_KINDS),
  auditorName: text(300).min(1),
  independence: text(2000).min(1),
  teamPersonIds: z.array(Id).max(50).default([]),
  campaignId: Id.nullable().optional(),
  systemId: Id.nullable().optional(),
});
export type EngagementBody = z.infer<typeof EngagementBody>;
export const UpdateEngagementBody = EngagementBody.omit({ planId: true, unitId: true, kind: true }).partial();

export const EngagementOut = z.object({
  id: z.string(),
  planId: z.string(),
  fiscalYear: z.number().int(),
  kind: z.enum(ENGAGEMENT_KINDS),
  title: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  auditorKind: z.enum(AUDITOR_KINDS),
  auditorName: z.string(),
  independence: z.string(),
  team: z.array(z.object({ id: z.string(), name: z.string() })),
  campaignId: z.string().nullable(),
  system: z.object({ id: z.string(), code: z.string(), name: z.string() }).nullable(),
  findings: z.number().int(),
  papers: z.array(
    z.object({
      id: z.string(),
      findingId: z.string().nullable(),
      filename: z.string(),
      contentType: z.string(),
      size: z.number().int(),
      createdAt: z.string(),
    }),
  ),
  can: z.object({ manage: z.boolean(), papers: z.boolean() }),
});
export type EngagementOut = z.infer<typeof EngagementOut>;

export const EngagementQuery = z.strictObject({ fiscalYear: fiscalYear.optional() });

export const FindingBody = z.strictObject({
  engagementId: Id,
  /** The auditee unit; the engagement's unit or one below it. Default: the engagement's unit. */
  unitId: Id.optional(),
  clause: text(500).min(1),
  condition: text(10000).min(1),
  cause: text(10000).default(''),
  severity: z.enum(SEVERITIES),
  proposal: text(10000).default(''),
});
export type FindingBody = z.infer<typeof FindingBody>;
export const UpdateFindingBody = FindingBody.omit({ engagementId: true, unitId: true }).partial();

export const RespondBody = z.strictObject({
  response: text(10000).min(1),
  plan: text(10000).min(1),
  dueOn: day,
});
export const NoteBody = z.strictObject({ note: text(4000).optional() });

export const FindingEventOut = z.object({
  kind: z.enum(FINDING_EVENT_KINDS),
  personName: z.string().nullable(),
  note: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
  at: z.string(),
  fiscalYear: z.number().int(),
});

export const FindingOut = z.object({
  id: z.string(),
  engagementId: z.string(),
  engagementTitle: z.string(),
  fiscalYear: z.number().int(),
  unitId: z.string(),
  unitName: z.string(),
  clause: z.string(),
  condition: z.string(),
  cause: z.string(),
  severity: z.enum(SEVERITIES),
  proposal: z.string(),
  state: z.enum(FINDING_STATES),
  response: z.string().nullable(),
  responsePlan: z.string().nullable(),
  dueOn: z.string().nullable(),
  closedAt: z.string().nullable(),
  /** Shown in a later fiscal year than it was raised in (the year asked for, or this one). */
  carriedOver: z.boolean(),
  pastDue: z.boolean(),
  can: z.object({ manage: z.boolean(), respond: z.boolean() }),
});
export type FindingOut = z.infer<typeof FindingOut>;
export const FindingDetailOut = FindingOut.extend({ history: z.array(FindingEventOut) });

export const FindingQuery = z.strictObject({
  fiscalYear: fiscalYear.optional(),
  state: z.enum(FINDING_STATES).optional(),
  unitId: Id.optional(),
  severity: z.enum(SEVERITIES).optional(),
  carriedOver: z.enum(['true', 'false']).optional(),
  pastDue: z.enum(['true', 'false']).optional(),
  q: text(200).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type FindingQuery = z.infer<typeof FindingQuery>;
export const FindingExportQuery = FindingQuery.omit({ page: true, pageSize: true });

export const FindingSummaryOut = z.object({
  fiscalYear: z.number().int(),
  open: z.number().int(),
  pastDue: z.number().int(),
  carriedOver: z.number().int(),
});

export const PaperParams = z.strictObject({ id: Id, paperId: Id });
export const PaperQuery = z.strictObject({
  filename: text(200).min(1),
  findingId: Id.optional(),
});
