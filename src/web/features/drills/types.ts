// API shapes, inferred from the drills module's zod schemas (type-only: nothing from the server is bundled).
import type { z } from 'zod';
import type {
  CompareOut,
  CreateDrillBody,
  DrillOut,
  FollowUpOut,
  GroupResult,
  LandingOut,
  PreviewOut,
  ProgressOut,
  RecipientOut,
  RecipientsOut,
  RecipientsQuery,
  ResultsOut,
  SummaryOut,
} from '../../../modules/drills/validation.js';

export type Drill = z.infer<typeof DrillOut>;
export type DrillState = Drill['state'];
export type DrillIn = z.input<typeof CreateDrillBody>;
export type Preview = z.infer<typeof PreviewOut>;
export type DrillProgress = z.infer<typeof ProgressOut>;
export type Results = z.infer<typeof ResultsOut>;
export type Group = z.infer<typeof GroupResult>;
export type Figures = NonNullable<Group['all']>;
export type Compare = z.infer<typeof CompareOut>;
export type Recipient = z.infer<typeof RecipientOut>;
export type Recipients = z.infer<typeof RecipientsOut>;
export type RecipientStatusFilter = NonNullable<z.input<typeof RecipientsQuery>['status']>;
export type FollowUp = z.infer<typeof FollowUpOut>;
export type DrillSummary = z.infer<typeof SummaryOut>;
export type Landing = z.infer<typeof LandingOut>;
