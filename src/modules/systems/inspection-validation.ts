import { z } from 'zod';
import { str } from '../../server/validation.js';
import { PROBE_CHECKS } from './inspection-data/shipped-sets.js';
import { ANSWER_STATUSES, GRADES } from './inspection-rules.js';
import { HOST_ROLES } from './schema.js';

const day = z.iso.date();
const text = (max: number) => str().trim().min(1).max(max);

export const ItemIn = z.strictObject({
  key: str()
    .trim()
    .min(1)
    .max(64)
    .regex(/^[a-z0-9][a-z0-9._-]*$/, 'lower-case letters, digits, ".", "_" or "-"'),
  category: str().trim().max(200).default(''),
  titleJa: text(500),
  titleEn: str().trim().max(500).default(''),
  /** A seed line, a notice ("NISC 事務連絡 2013-07-16") or the agency. */
  source: str().trim().max(200).default(''),
  probe: z.enum(PROBE_CHECKS).nullable().default(null),
});

const Items = z
  .array(ItemIn)
  .min(1)
  .max(200)
  .refine((items) => new Set(items.map((i) => i.key)).size === items.length, {
    message: 'item keys must be unique',
  });

export const ItemOut = z.object({
  key: z.string(),
  category: z.string(),
  titleJa: z.string(),
  titleEn: z.string(),
  source: z.string(),
  probe: z.enum(PROBE_CHECKS).nullable(),
});

export const ItemSetOut = z.object({
  /** "shipped:web" for a shipped set, else the agency set's id. */
  ref: z.string(),
  id: z.string().nullable(),
  shipped: z.boolean(),
  role: z.enum(HOST_ROLES),
  name: z.string(),
  nameEn: z.string().nullable(),
  source: z.string().nullable(),
  basedOn: z.string().nullable(),
  version: z.number().int().nullable(),
  items: z.array(ItemOut),
});
export type ItemSetOut = z.infer<typeof ItemSetOut>;

export const CreateItemSetBody = z.strictObject({
  name: text(200),
  role: z.enum(HOST_ROLES).optional(),
  /** Copy this shipped set ("web", "fy2013-mail", …); its role is the set's. */
  basedOn: str().max(64).optional(),
  items: Items.optional(),
});

export const UpdateItemSetBody = z.strictObject({
  version: z.number().int(),
  name: text(200).optional(),
  items: Items.optional(),
});

export const OpenRoundBody = z.strictObject({
  name: text(200),
  fiscalYear: z.number().int().min(2000).max(2100).optional(),
  referenceDate: day,
  dueOn: day.nullable().default(null),
  unitIds: z.array(z.uuid()).min(1).max(100),
  itemSets: z
    .array(z.strictObject({ role: z.enum(HOST_ROLES), ref: str().min(1).max(64) }))
    .min(1)
    .max(HOST_ROLES.length)
    .refine((s) => new Set(s.map((x) => x.role)).size === s.length, { message: 'one item set per role' }),
  previousRoundId: z.uuid().nullable().optional(),
});

export const RoundListQuery = z.strictObject({
  q: str().max(200).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

const Progress = z.object({ answered: z.number().int(), total: z.number().int() });

export const RoundOut = z.object({
  id: z.string(),
  name: z.string(),
  fiscalYear: z.number().int(),
  referenceDate: z.string(),
  dueOn: z.string().nullable(),
  status: z.enum(['open', 'closed']),
  units: z.array(z.object({ id: z.string(), name: z.string() })),
  itemSets: z.array(
    z.object({ role: z.enum(HOST_ROLES), ref: z.string(), name: z.string(), items: z.array(ItemOut) }),
  ),
  previousRoundId: z.string().nullable(),
  createdAt: z.string(),
  closedAt: z.string().nullable(),
  progress: Progress,
  canManage: z.boolean(),
});
export type RoundOut = z.infer<typeof RoundOut>;

export const RoundListOut = z.object({
  items: z.array(RoundOut.omit({ itemSets: true })),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

const TallyOut = z.object({
  met: z.number().int(),
  notMet: z.number().int(),
  na: z.number().int(),
  unanswered: z.number().int(),
  applicable: z.number().int(),
  /** met ÷ applicable as a fraction, null without applicable items. */
  rate: z.number().nullable(),
  grade: z.enum(GRADES).nullable(),
  previousGrade: z.enum(GRADES).nullable(),
  trend: z.enum(['up', 'same', 'down']).nullable(),
});

export const GradeTableOut = z.object({
  roundId: z.string(),
  progress: Progress,
  grades: z.array(z.object({ grade: z.enum(GRADES), range: z.string(), ja: z.string(), en: z.string() })),
  hosts: z.array(
    TallyOut.extend({
      targetId: z.string(),
      unitId: z.string(),
      unitName: z.string(),
      systemId: z.string(),
      systemCode: z.string(),
      systemName: z.string(),
      hostName: z.string(),
      role: z.enum(HOST_ROLES),
      submittedAt: z.string().nullable(),
    }),
  ),
  divisions: z.array(
    TallyOut.extend({
      unitId: z.string(),
      unitName: z.string(),
      hosts: z.number().int(),
      submitted: z.number().int(),
    }),
  ),
  total: TallyOut.extend({ hosts: z.number().int(), submitted: z.number().int() }),
});
export type GradeTableOut = z.infer<typeof GradeTableOut>;

export const AnswerOut = z.object({
  itemKey: z.string(),
  status: z.enum(ANSWER_STATUSES).nullable(),
  evidence: z.string(),
  probeRunId: z.string().nullable(),
  probeSummary: z.string().nullable(),
  answeredBy: z.enum(['probe', 'owner']).nullable(),
  evidenceFile: z.object({ name: z.string(), type: z.string(), size: z.number().int() }).nullable(),
});

export const TargetOut = z.object({
  id: z.string(),
  round: z.object({
    id: z.string(),
    name: z.string(),
    referenceDate: z.string(),
    dueOn: z.string().nullable(),
    status: z.enum(['open', 'closed']),
  }),
  systemId: z.string(),
  systemName: z.string(),
  unitName: z.string(),
  hostName: z.string(),
  role: z.enum(HOST_ROLES),
  submittedAt: z.string().nullable(),
  items: z.array(ItemOut.extend({ answer: AnswerOut })),
  tally: TallyOut.omit({ previousGrade: true, trend: true }),
  canAnswer: z.boolean(),
});
export type TargetOut = z.infer<typeof TargetOut>;

export const TargetSummaryOut = z.object({
  id: z.string(),
  roundId: z.string(),
  roundName: z.string(),
  roundStatus: z.enum(['open', 'closed']),
  referenceDate: z.string(),
  dueOn: z.string().nullable(),
  systemId: z.string(),
  systemName: z.string(),
  hostName: z.string(),
  role: z.enum(HOST_ROLES),
  submittedAt: z.string().nullable(),
  grade: z.enum(GRADES).nullable(),
  answered: z.number().int(),
  items: z.number().int(),
});
export type TargetSummaryOut = z.infer<typeof TargetSummaryOut>;

export const SaveAnswersBody = z.strictObject({
  answers: z
    .array(
      z.strictObject({
        itemKey: str().min(1).max(64),
        status: z.enum(ANSWER_STATUSES).nullable(),
        evidence: str().max(4000).default(''),
      }),
    )
    .min(1)
    .max(200),
});

export const EVIDENCE_FILE_TYPES = [
  'application/pdf',
  'image/png',
  'image/jpeg',
  'text/plain',
  'text/csv',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
] as const;

export const EvidenceFileBody = z.strictObject({
  itemKey: str().min(1).max(64),
  name: text(200),
  type: z.enum(EVIDENCE_FILE_TYPES),
  /** The file's bytes, base64. */
  base64: str()
    .max(14_000_000)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/),
});

export const EvidenceFileQuery = z.strictObject({ item: str().min(1).max(64) });
