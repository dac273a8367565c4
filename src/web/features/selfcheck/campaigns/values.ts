// The campaign form's values: defaults for a new plan, from a campaign, and what a PATCH may carry.

import { DEFAULT_ANSWER_OPTIONS } from '../../../../modules/selfcheck/campaign-rules.js';
import type { AnswerOption, Campaign } from '../../../app/types.js';
import { fiscalYearOfDay, todayInJapan } from '../format.js';
import { emptyPlan, type PlanValues } from './PlanFields.js';
import type { ItemChoice } from './RoleItemsField.js';

export type Excluded = 'long_leave' | 'excluded';

export interface CampaignValues {
  title: string;
  fiscalYear: number;
  startsOn: string;
  endsOn: string;
  policyId: string | null;
  scopeUnitIds: string[];
  scopeRoleKeys: string[];
  itemsPerRole: Record<string, ItemChoice>;
  excludedStatuses: Excluded[];
  instructions: string;
  answerOptions: AnswerOption[];
  reminderEveryDays: number | null;
  previousCampaignId: string | null;
  /** Written with a new campaign (optional); afterwards on the campaign page (PlanCard). */
  plan: PlanValues;
}

/** What may change once the campaign has opened (campaign-service.ts ALWAYS_EDITABLE). */
export const ALWAYS_EDITABLE = [
  'title',
  'instructions',
  'endsOn',
  'reminderEveryDays',
  'previousCampaignId',
] as const satisfies readonly (keyof CampaignValues)[];

export function defaults(): CampaignValues {
  const today = todayInJapan();
  const fy = fiscalYearOfDay(today);
  return {
    title: '',
    fiscalYear: fy,
    startsOn: today,
    endsOn: `${fy + 1}-03-31`,
    policyId: null,
    scopeUnitIds: [],
    scopeRoleKeys: [],
    itemsPerRole: {},
    excludedStatuses: ['long_leave', 'excluded'],
    instructions: '',
    answerOptions: DEFAULT_ANSWER_OPTIONS,
    reminderEveryDays: null,
    previousCampaignId: null,
    plan: emptyPlan(),
  };
}

export function valuesOf(c: Campaign): CampaignValues {
  return {
    title: c.title,
    fiscalYear: c.fiscalYear,
    startsOn: c.startsOn,
    endsOn: c.endsOn,
    policyId: c.policyId,
    scopeUnitIds: c.scopeUnitIds,
    scopeRoleKeys: c.scopeRoleKeys,
    itemsPerRole: c.itemsPerRole,
    excludedStatuses: c.excludedStatuses.filter((s): s is Excluded => s === 'long_leave' || s === 'excluded'),
    instructions: c.instructions,
    answerOptions: c.answerOptions,
    reminderEveryDays: c.reminderEveryDays,
    previousCampaignId: c.previousCampaignId,
    plan: c.plan ?? emptyPlan(),
  };
}

/** The body of a PATCH: everything while a draft, afterwards only what may still change. */
export function patchOf(c: Campaign, v: CampaignValues): Partial<CampaignValues> {
  const { policyId: _policy, plan: _plan, ...rest } = v;
  if (c.state === 'draft') return rest;
  return Object.fromEntries(ALWAYS_EDITABLE.map((k) => [k, v[k]])) as Partial<CampaignValues>;
}
