import { z } from 'zod';
import { str } from '../../server/validation.js';
import { DRILL_STATES, DRILL_VARIANTS, EVENT_KINDS, LURE_KINDS, SEND_STATES } from './schema.js';

const hhmm = str().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'HH:MM');
const text = (max: number) => str().trim().min(1).max(max);

export const SurveyQuestion = z.strictObject({
  id: z
    .string()
    .trim()
    .min(1)
    .max(40)
    .regex(/^[A-Za-z0-9_-]+$/),
  text: text(500),
  options: z.array(text(200)).max(10),
});

const DrillFields = z.strictObject({
  title: text(200),
  variant: z.enum(DRILL_VARIANTS).default('standard'),
  announced: z.boolean().default(false),
  senderName: text(200),
  senderAddress: z.email(),
  subject: text(300),
  /** Placeholders: {{name}}, {{unit}}, {{url}} (the tracked link), {{report}} (the report link). */
  body: text(20_000),
  lureKind: z.enum(LURE_KINDS).default('link'),
  attachmentName: z
    .string()
    .trim()
    .min(1)
    .max(120)
    .regex(/\.html?$/i, 'an .html file (never a macro document)')
    .nullable()
    .default(null),
  benignSubject: text(300).nullable().default(null),
  benignBody: text(20_000).nullable().default(null),
  lureDelayHours: z
    .number()
    .int()
    .min(0)
    .max(24 * 30)
    .default(48),
  trainingContent: text(50_000),
  survey: z.array(SurveyQuestion).max(20).default([]),
  targetUnitIds: z.array(z.uuid()).max(500).default([]),
  targetRoleKeys: z.array(str().min(1).max(64)).max(50).default([]),
  samplePercent: z.number().int().min(1).max(100).default(100),
  sampleSeed: z.number().int().min(0).max(2_147_483_647).default(1),
  startAt: z.iso.datetime({ offset: true }).nullable().default(null),
  windowStart: hhmm.default('09:00'),
  windowEnd: hhmm.default('18:00'),
  ratePerSecond: z.number().int().min(1).max(10_000).default(20),
  scannerWindowSeconds: z.number().int().min(0).max(3600).default(10),
  /** Omitted: the shipped 標的型メール course when installed; null: no follow-up. */
  followUpCourseId: z.uuid().nullable().optional(),
});

function checkVariant(
  d: { variant?: string; benignBody?: string | null; lureKind?: string; attachmentName?: string | null },
  ctx: z.RefinementCtx,
) {
  if (d.variant === 'exchange' && !d.benignBody)
    ctx.addIssue({ code: 'custom', path: ['benignBody'], message: 'required for an exchange drill' });
  if (d.lureKind === 'attachment' && !d.attachmentName)
    ctx.addIssue({ code: 'custom', path: ['attachmentName'], message: 'required for an attachment lure' });
}

export const CreateDrillBody = DrillFields.superRefine(checkVariant);
export const UpdateDrillBody = DrillFields.partial()
  .extend({
    variant: z.enum(DRILL_VARIANTS).optional(),
    announced: z.boolean().optional(),
    lureKind: z.enum(LURE_KINDS).optional(),
    survey: z.array(SurveyQuestion).max(20).optional(),
    targetUnitIds: z.array(z.uuid()).max(500).optional(),
    targetRoleKeys: z.array(str().min(1).max(64)).max(50).optional(),
  })
  .strict();

export const DrillOut = z.object({
  id: z.string(),
  title: z.string(),
  state: z.enum(DRILL_STATES),
  variant: z.enum(DRILL_VARIANTS),
  announced: z.boolean(),
  senderName: z.string(),
  senderAddress: z.string(),
  subject: z.string(),
  body: z.string(),
  lureKind: z.enum(LURE_KINDS),
  attachmentName: z.string().nullable(),
  benignSubject: z.string().nullable(),
  benignBody: z.string().nullable(),
  lureDelayHours: z.number().int(),
  trainingContent: z.string(),
  survey: z.array(SurveyQuestion),
  targetUnitIds: z.array(z.string()),
  targetRoleKeys: z.array(z.string()),
  samplePercent: z.number().int(),
  sampleSeed: z.number().int(),
  startAt: z.string().nullable(),
  windowStart: z.string(),
  windowEnd: z.string(),
  ratePerSecond: z.number().int(),
  scannerWindowSeconds: z.number().int(),
  followUpCourseId: z.string().nullable(),
  createdAt: z.string(),
  scheduledAt: z.string().nullable(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  recipients: z.number().int(),
});
export type DrillOut = z.infer<typeof DrillOut>;

export const TransitionBody = z.strictObject({ to: z.enum(['paused', 'sending', 'cancelled']) });

export const PreviewOut = z.object({
  from: z.string(),
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  html: z.string().nullable(),
  attachmentName: z.string().nullable(),
  attachmentHtml: z.string().nullable(),
  benign: z.object({ subject: z.string(), text: z.string() }).nullable(),
});

export const ProgressOut = z.object({
  state: z.enum(DRILL_STATES),
  total: z.number().int(),
  byState: z.partialRecord(z.enum(SEND_STATES), z.number().int()),
  benignByState: z.partialRecord(z.enum(SEND_STATES), z.number().int()).nullable(),
  repliedToFirstMail: z.number().int(),
  firstSentAt: z.string().nullable(),
  lastSentAt: z.string().nullable(),
});

/**
 * 開封 as NISC counts it: the person opened the attachment or accessed the link, as recorded on the
 * results server (001 L11409-11412; the rates 10.1 % and 16.3 % of L11443-11445 are this figure).
 * The tracking image is reported apart as メール表示 (mail displayed): mail clients that block
 * images never load it, so it is a lower bound and never the 開封率.
 */
const Figures = z.object({
  /** 開封: link accessed or attachment opened. */
  opened: z.number().int(),
  linkClicked: z.number().int(),
  attachmentOpened: z.number().int(),
  /** メール表示: the tracking image was loaded (a lower bound: image blocking hides the rest). */
  mailDisplayed: z.number().int(),
  reported: z.number().int(),
  surveyAnswered: z.number().int(),
  /** 開封率 = opened / delivered. */
  openRate: z.number().nullable(),
  mailDisplayRate: z.number().nullable(),
  reportRate: z.number().nullable(),
  /** From the first delivery in the group to its first report. */
  timeToFirstReportSeconds: z.number().nullable(),
});
export type Figures = z.infer<typeof Figures>;

export const GroupResult = z.object({
  key: z.string(),
  label: z.string(),
  targeted: z.number().int(),
  /** Null when the group is suppressed. */
  delivered: z.number().int().nullable(),
  /**
   * Fewer recipients than the agency's minimum group size, seen by someone who may not see
   * individual results: the figures are withheld (null).
   */
  suppressed: z.boolean(),
  /** Every figure with scanner-flagged events (all) and without them (people). */
  all: Figures.nullable(),
  people: Figures.nullable(),
});
export type GroupResult = z.infer<typeof GroupResult>;

export const ResultsOut = z.object({
  drillId: z.string(),
  title: z.string(),
  /** The unit asked for, or the viewer's one subtree; null when the results cover several subtrees. */
  unit: z.object({ id: z.string(), name: z.string() }).nullable(),
  /** The subtrees the results cover (the viewer's drill.view grants, or the unit asked for). */
  scope: z.array(z.object({ id: z.string(), name: z.string() })),
  /** The agency's minimum group size: smaller groups are withheld from those without drill.manage. */
  minGroupSize: z.number().int(),
  overall: GroupResult,
  units: z.array(GroupResult),
  roles: z.array(GroupResult),
  flaggedEvents: z.record(z.string(), z.number().int()),
});
export type ResultsOut = z.infer<typeof ResultsOut>;
export const ResultsQuery = z.strictObject({ unitId: z.uuid().optional() });

export const CompareOut = z.object({
  items: z.array(
    z.object({
      drillId: z.string(),
      title: z.string(),
      startedAt: z.string().nullable(),
      variant: z.enum(DRILL_VARIANTS),
      announced: z.boolean(),
      overall: GroupResult,
    }),
  ),
});

export const RecipientsQuery = z.strictObject({
  unitId: z.uuid().optional(),
  /** opened: NISC's 開封 (link or attachment); displayed: only the tracking image loaded (not opened). */
  status: z.enum(['opened', 'displayed', 'reported', 'not_opened', 'failed']).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(100),
});

const At = z.string().nullable();
export const RecipientOut = z.object({
  id: z.number().int(),
  personId: z.string(),
  name: z.string(),
  email: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  roleKeys: z.array(z.string()),
  sendState: z.enum(SEND_STATES),
  sentAt: At,
  error: z.string().nullable(),
  /**
   * Furthest stage reached by the person's own (unflagged) events: opened (開封: link or attachment,
   * 001 L11409-11412) over displayed (only the tracking image) over sent.
   */
  status: z.enum(['not_sent', 'sent', 'displayed', 'opened']),
  /** 開封: the first link access or attachment opening. */
  openedAt: At,
  mailDisplayedAt: At,
  clickedAt: At,
  attachmentOpenedAt: At,
  reportedAt: At,
  surveyAnsweredAt: At,
  flaggedEvents: z.number().int(),
  followUpAt: At,
});
export const RecipientsOut = z.object({
  items: z.array(RecipientOut),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

export const FollowUpBody = z.strictObject({ courseId: z.uuid().optional() });
export const FollowUpOut = z.object({
  people: z.number().int(),
  assigned: z.number().int(),
  alreadyAssigned: z.number().int(),
});

export const SummaryOut = z.object({
  drill: z
    .object({
      id: z.string(),
      title: z.string(),
      state: z.enum(DRILL_STATES),
      startedAt: z.string().nullable(),
      minGroupSize: z.number().int(),
      overall: GroupResult,
    })
    .nullable(),
});

export const InboundOut = z.object({
  kind: z.enum(['drill_report', 'suspicious', 'reply', 'bounce', 'incident']),
  drillId: z.string().nullable(),
  recorded: z.boolean(),
});

export const InboundListOut = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(['drill_report', 'suspicious', 'reply', 'bounce']),
      drillId: z.string().nullable(),
      fromAddress: z.string().nullable(),
      subject: z.string().nullable(),
      receivedAt: z.string(),
      via: z.enum(['smtp', 'api']),
    }),
  ),
});

export const LandingOut = z.object({
  title: z.string(),
  trainingContent: z.string(),
  survey: z.array(SurveyQuestion),
});
export const SurveyBody = z.strictObject({
  answers: z.record(str().max(40), str().max(2000)),
});

export const EventKind = z.enum(EVENT_KINDS);
