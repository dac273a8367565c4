import { z } from 'zod';
import { str } from '../../server/validation.js';
import {
  ANSWER_MEANINGS,
  CAMPAIGN_STATES,
  ITEM_LEVELS,
  MEMBER_STATES,
  METRIC_DEFINITIONS,
  POLICY_CHANGE_KINDS,
} from './schema.js';

const text = (max: number) => str().trim().max(max);
const day = z.iso.date();

export const CatalogVersionOut = z.object({
  id: z.string(),
  catalogId: z.string(),
  catalogCode: z.string(),
  catalogTitle: z.string(),
  shipped: z.boolean(),
  version: z.string(),
  summary: z.boolean(),
  notice: z.string().nullable(),
  source: z.string(),
  itemCount: z.number().int(),
  importedAt: z.string(),
});

export const CatalogOutlineOut = z.array(
  z.object({
    no: z.string(),
    title: z.string(),
    titleEn: z.string().optional(),
    sections: z.array(z.object({ no: z.string(), title: z.string(), titleEn: z.string().optional() })),
  }),
);

export const CatalogItemOut = z.object({
  itemId: z.string(),
  chapterNo: z.string(),
  chapterTitle: z.string(),
  chapterTitleEn: z.string().nullable(),
  sectionNo: z.string(),
  sectionTitle: z.string(),
  sectionTitleEn: z.string().nullable().optional(),
  title: z.string(),
  titleEn: z.string().nullable(),
  text: z.string(),
  guidance: z.string().nullable(),
  roles: z.array(z.string()),
  level: z.enum(ITEM_LEVELS),
  tags: z.array(z.string()),
});
export type CatalogItemOut = z.infer<typeof CatalogItemOut>;

export const ImportCatalogQuery = z.strictObject({ dryRun: z.enum(['true', 'false']).default('false') });
export const ExportQuery = z.strictObject({ format: z.enum(['yaml', 'xlsx', 'oscal']).default('yaml') });
/** A policy leaves Mamoru as an OSCAL profile (the differences table has its own .xlsx route). */
export const PolicyExportQuery = z.strictObject({ format: z.enum(['oscal']).default('oscal') });

const itemContent = z.strictObject({
  chapterNo: text(20).min(1),
  chapterTitle: text(200).min(1),
  sectionNo: text(20).min(1),
  sectionTitle: text(200).min(1),
  title: text(300).min(1),
  titleEn: text(300).nullable().optional(),
  text: text(5000).min(1),
  guidance: text(5000).nullable().optional(),
  roles: z.array(text(64).min(1)).min(1).max(50),
  level: z.enum(ITEM_LEVELS),
  tags: z.array(text(100)).max(50).default([]),
});

export const CreatePolicyBody = z.strictObject({
  name: text(200).min(1),
  description: text(2000).default(''),
  catalogVersionId: z.uuid(),
});
export const PolicyChangeBody = z.strictObject({
  kind: z.enum(POLICY_CHANGE_KINDS),
  itemId: text(64).min(1),
  content: itemContent.nullable().optional(),
  reason: text(2000).min(1),
});
export const PolicyOut = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  catalogVersion: CatalogVersionOut,
  changeCount: z.number().int(),
  itemCount: z.number().int(),
  createdAt: z.string(),
});
export const PolicyChangeOut = z.object({
  id: z.string(),
  kind: z.enum(POLICY_CHANGE_KINDS),
  itemId: z.string(),
  reason: z.string(),
  createdAt: z.string(),
});
export const DifferenceOut = z.object({
  itemId: z.string(),
  kind: z.enum(POLICY_CHANGE_KINDS),
  standard: z.object({ title: z.string(), text: z.string() }).nullable(),
  policy: z.object({ title: z.string(), text: z.string() }).nullable(),
  reason: z.string(),
});
export const PolicyDetailOut = PolicyOut.extend({
  items: z.array(CatalogItemOut.extend({ origin: z.enum(['catalog', 'tightened', 'added']) })),
  changes: z.array(PolicyChangeOut),
  differences: z.array(DifferenceOut),
});

export const AnswerOptionIn = z.strictObject({
  key: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_]{0,31}$/),
  labelJa: text(50).min(1),
  labelEn: text(50).min(1),
  meaning: z.enum(ANSWER_MEANINGS),
});

/** The self-check plan (003 L531-535): every part is required, so a plan is saved whole or not at all. */
export const PlanIn = z.strictObject({
  policy: text(4000).min(1),
  scope: text(4000).min(1),
  content: text(4000).min(1),
  timing: text(1000).min(1),
  evaluation: text(4000).min(1),
  metricDefinition: z.enum(METRIC_DEFINITIONS),
});
export const PlanOut = PlanIn;

const campaignFields = {
  title: text(200).min(1),
  fiscalYear: z.number().int().min(2000).max(2100),
  startsOn: day,
  endsOn: day,
  scopeUnitIds: z.array(z.uuid()).max(500),
  scopeRoleKeys: z.array(text(64).min(1)).max(50),
  itemsPerRole: z.record(
    text(64).min(1),
    z.union([z.literal('all'), z.array(text(64).min(1)).min(1).max(500)]),
  ),
  excludedStatuses: z.array(z.enum(['long_leave', 'excluded'])).max(2),
  instructions: text(10_000),
  answerOptions: z
    .array(AnswerOptionIn)
    .min(2)
    .max(10)
    .refine((o) => new Set(o.map((x) => x.key)).size === o.length, 'option keys must differ')
    .refine((o) => o.some((x) => x.meaning === 'implemented'), 'one option must mean "implemented"'),
  reminderEveryDays: z.number().int().min(1).max(60).nullable(),
  previousCampaignId: z.uuid().nullable(),
};

export const CreateCampaignBody = z
  .strictObject({
    policyId: z.uuid(),
    title: campaignFields.title,
    fiscalYear: campaignFields.fiscalYear,
    startsOn: campaignFields.startsOn,
    endsOn: campaignFields.endsOn,
    scopeUnitIds: campaignFields.scopeUnitIds.default([]),
    scopeRoleKeys: campaignFields.scopeRoleKeys.default([]),
    itemsPerRole: campaignFields.itemsPerRole.default({}),
    excludedStatuses: campaignFields.excludedStatuses.default(['long_leave', 'excluded']),
    instructions: campaignFields.instructions.default(''),
    answerOptions: campaignFields.answerOptions.optional(),
    reminderEveryDays: campaignFields.reminderEveryDays.default(null),
    previousCampaignId: campaignFields.previousCampaignId.default(null),
    plan: PlanIn.optional(),
  })
  .refine((c) => c.startsOn <= c.endsOn, { message: 'endsOn must not be before startsOn', path: ['endsOn'] });

export const UpdateCampaignBody = z.strictObject({
  title: campaignFields.title.optional(),
  fiscalYear: campaignFields.fiscalYear.optional(),
  startsOn: campaignFields.startsOn.optional(),
  endsOn: campaignFields.endsOn.optional(),
  scopeUnitIds: campaignFields.scopeUnitIds.optional(),
  scopeRoleKeys: campaignFields.scopeRoleKeys.optional(),
  itemsPerRole: campaignFields.itemsPerRole.optional(),
  excludedStatuses: campaignFields.excludedStatuses.optional(),
  instructions: campaignFields.instructions.optional(),
  answerOptions: campaignFields.answerOptions.optional(),
  reminderEveryDays: campaignFields.reminderEveryDays.optional(),
  previousCampaignId: campaignFields.previousCampaignId.optional(),
});

export const TransitionBody = z.strictObject({
  to: z.enum(['open', 'closed', 'published']),
  /** On publication: also send the figures to the central body. */
  submitToCentral: z.boolean().default(false),
});

export const CampaignOut = z.object({
  id: z.string(),
  title: z.string(),
  fiscalYear: z.number().int(),
  state: z.enum(CAMPAIGN_STATES),
  policyId: z.string(),
  policyName: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  scopeUnitIds: z.array(z.string()),
  scopeRoleKeys: z.array(z.string()),
  itemsPerRole: z.record(z.string(), z.union([z.literal('all'), z.array(z.string())])),
  excludedStatuses: z.array(z.string()),
  instructions: z.string(),
  answerOptions: z.array(AnswerOptionIn),
  reminderEveryDays: z.number().int().nullable(),
  previousCampaignId: z.string().nullable(),
  plan: PlanOut.nullable(),
  /** Who approved the plan as it stands, and when (null: not approved, or approval withdrawn). */
  approval: z.object({ approvedAt: z.string(), approvedBy: z.string() }).nullable(),
  openedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  publishedAt: z.string().nullable(),
  /** Open, but its questionnaires are still being created by the job `membersJobId` (counts grow meanwhile). */
  membersPending: z.boolean(),
  membersJobId: z.number().int().nullable(),
  counts: z.object({
    members: z.number().int(),
    inScope: z.number().int(),
    submitted: z.number().int(),
    items: z.number().int(),
  }),
});
export type CampaignOut = z.infer<typeof CampaignOut>;

/** After a transition: the campaign, and the job creating its questionnaires when opening started one. */
export const TransitionOut = CampaignOut.extend({ jobId: z.number().int().nullable() });

/** Open campaigns whose questionnaires are being created and where the caller has none yet. */
export const PreparingOut = z.object({
  items: z.array(z.object({ campaignId: z.string(), title: z.string(), fiscalYear: z.number().int() })),
});

export const ChangeAfterCloseOut = z.object({
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  targetId: z.string().nullable(),
  /** The person whose questionnaire changed ("name (staff no)"), when the target is one. */
  target: z.string().nullable(),
  after: z.unknown(),
});

export const QuestionnaireSummaryOut = z.object({
  memberId: z.string(),
  campaignId: z.string(),
  campaignTitle: z.string(),
  fiscalYear: z.number().int(),
  campaignState: z.enum(CAMPAIGN_STATES),
  endsOn: z.string(),
  roleKey: z.string(),
  roleNameJa: z.string(),
  roleNameEn: z.string(),
  unitName: z.string(),
  unitNameEn: z.string().nullable(),
  state: z.enum(MEMBER_STATES),
  inScope: z.boolean(),
  answered: z.number().int(),
  total: z.number().int(),
  submittedAt: z.string().nullable(),
});

export const QuestionnaireOut = QuestionnaireSummaryOut.extend({
  instructions: z.string(),
  options: z.array(AnswerOptionIn),
  editable: z.boolean(),
  chapters: z.array(
    z.object({
      chapterNo: z.string(),
      chapterTitle: z.string(),
      chapterTitleEn: z.string().nullable(),
      items: z.array(
        z.object({
          itemId: z.string(),
          sectionNo: z.string(),
          sectionTitle: z.string(),
          title: z.string(),
          titleEn: z.string().nullable(),
          text: z.string(),
          guidance: z.string().nullable(),
          answer: z.string().nullable(),
        }),
      ),
    }),
  ),
});

export const SaveAnswersBody = z.strictObject({
  /** item id → option key (null clears a draft answer). */
  answers: z.record(text(64).min(1), str().max(32).nullable()),
  submit: z.boolean().default(false),
});

export const ProgressQuery = z.strictObject({ unitId: z.uuid().optional() });
export const ProgressRow = z.object({
  unitId: z.string(),
  code: z.string(),
  nameJa: z.string(),
  nameEn: z.string().nullable(),
  hasChildren: z.boolean(),
  inScope: z.number().int(),
  submitted: z.number().int(),
  draft: z.number().int(),
  notStarted: z.number().int(),
  excluded: z.number().int(),
});
export const ProgressOut = z.object({ unit: ProgressRow, children: z.array(ProgressRow) });

export const PendingQuery = z.strictObject({
  unitId: z.uuid().optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export const PendingOut = z.object({
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  items: z.array(
    z.object({
      memberId: z.string(),
      personId: z.string(),
      staffNo: z.string(),
      name: z.string(),
      unitName: z.string(),
      unitNameEn: z.string().nullable(),
      roleKey: z.string(),
      state: z.enum(MEMBER_STATES),
      lastRemindedAt: z.string().nullable(),
    }),
  ),
});
export const RemindBody = z.strictObject({ unitId: z.uuid().optional() });
export const JobQueuedOut = z.object({ jobId: z.number().int().nullable(), alreadyQueued: z.boolean() });

export const ResultsQuery = z.strictObject({
  naPasses: z.enum(['true', 'false']).default('false'),
  unitId: z.uuid().optional(),
});
export const ResultsExportQuery = ResultsQuery.extend({
  /** `oscal`: OSCAL assessment-results JSON (docs/oscal.md). */
  format: z.enum(['xlsx', 'csv', 'oscal']).default('xlsx'),
  /** For CSV: which table. */
  table: z.enum(['items', 'units', 'groups', 'areas']).default('items'),
});

export const VerifyEntryBody = z.strictObject({ verified: z.boolean(), note: text(2000).default('') });
