// Pure rules of a self-check campaign: states, who is a member, which items each role answers,
// and the packed answer strings (one character per campaign item).
import type { ImplementationVariant } from './metrics.js';
import type { AnswerMeaning, AnswerOption, CampaignState, MetricDefinition } from './schema.js';

/** The default options (000 L1028-1040, 002 L567): 実施 / 一部未実施 / 未実施 / 該当なし. */
export const DEFAULT_ANSWER_OPTIONS: AnswerOption[] = [
  { key: 'implemented', labelJa: '実施', labelEn: 'Implemented', meaning: 'implemented' },
  { key: 'partial', labelJa: '一部未実施', labelEn: 'Partly not implemented', meaning: 'not_implemented' },
  { key: 'not_implemented', labelJa: '未実施', labelEn: 'Not implemented', meaning: 'not_implemented' },
  { key: 'not_applicable', labelJa: '該当なし', labelEn: 'Not applicable (no duty)', meaning: 'no_duty' },
];

const TRANSITIONS: Record<CampaignState, CampaignState[]> = {
  draft: ['open'],
  open: ['closed'],
  // Reopening extends the answering period; every change after closing is audited.
  closed: ['open', 'published'],
  published: [],
};

export function canTransition(from: CampaignState, to: CampaignState): boolean {
  return TRANSITIONS[from].includes(to);
}

/**
 * A large agency's campaign opens at once and its questionnaires are created afterwards by a job
 * (selfcheck.campaign.materialise, in batches of people). Meanwhile the campaign is 'open' with
 * `membersPending`, and each part of the app behaves as below:
 * - answer: whoever's questionnaire exists answers and submits; the others read "準備中" (being prepared).
 * - progress, results, list: shown as far as created, with the job's progress bar on the campaign.
 * - remind: refused (it would mail only the first batches and skip the rest).
 * - close: refused (closing while questionnaires still appear would move the figures after the close).
 * - edit wording: allowed, as for any open campaign.
 */
export type PreparingAction =
  | 'answer'
  | 'progress'
  | 'results'
  | 'list'
  | 'remind'
  | 'close'
  | 'edit_wording';
export const WHILE_PREPARING: Record<PreparingAction, 'allowed' | 'partial' | 'refused'> = {
  answer: 'allowed',
  progress: 'partial',
  results: 'partial',
  list: 'partial',
  remind: 'refused',
  close: 'refused',
  edit_wording: 'allowed',
};

/** Whether an action must wait until the campaign's questionnaires all exist. */
export function waitsForMembers(action: PreparingAction, membersPending: boolean): boolean {
  return membersPending && WHILE_PREPARING[action] === 'refused';
}

/**
 * People per batch of the materialise job: small first, so the first questionnaires exist within a
 * second or two of opening, then doubling up to a size where a batch's fixed cost no longer matters.
 */
export function batchSize(batchNo: number, first = 1000, max = 25_000): number {
  return Math.min(max, first * 2 ** Math.min(batchNo, 30));
}

/** Settings that shape the questionnaire can change only while the campaign is a draft. */
export function isEditable(state: CampaignState): boolean {
  return state === 'draft';
}

/**
 * Opening needs the plan approved by the CISO (002 L265-267: 年度自己点検計画の策定). Why not, or null.
 * Only the first opening: a reopening after closing extends an approved campaign.
 */
export function openBlocker(
  from: CampaignState,
  approval: { planApprovedAt: Date | null },
): 'plan_not_approved' | null {
  return from === 'draft' && !approval.planApprovedAt ? 'plan_not_approved' : null;
}

/**
 * Settings the approved plan covers (対象, 点検内容, 実施時期, 003 L531-535): changing one withdraws the
 * approval; wording, reminders and the comparison year do not.
 */
const APPROVED_SETTINGS = new Set([
  'fiscalYear',
  'startsOn',
  'endsOn',
  'scopeUnitIds',
  'scopeRoleKeys',
  'itemsPerRole',
  'excludedStatuses',
  'answerOptions',
]);

export function withdrawsApproval(
  changed: Record<string, unknown>,
  before: Record<string, unknown>,
): boolean {
  return Object.entries(changed).some(
    ([k, v]) => APPROVED_SETTINGS.has(k) && v !== undefined && !sameValue(v, before[k]),
  );
}

/** Deep equality of JSON values, whatever the key order (jsonb reorders keys). */
export function sameValue(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object')
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v ?? null);
}

/**
 * How each agency's definition reads in the metric engine (004 L722-742, 000 L1036, 002 L567):
 * - NISC: the simple mean of per-item rates, 該当なし not counted (004 L722-742).
 * - METI: submitters who implemented all their items ÷ submitters (000 L1036-1040).
 * - Cabinet Office: 「把握した職員のうち、対策を実施した者の割合」, a per-person rate (002 L536), and its
 *   到達率 counts 該当なし as passing (002 L567-569), so METI's per-person variant with naPasses.
 */
export function metricReading(def: MetricDefinition): { variant: ImplementationVariant; naPasses: boolean } {
  switch (def) {
    case 'nisc':
      return { variant: 'nisc', naPasses: false };
    case 'meti':
      return { variant: 'meti_all_items', naPasses: false };
    case 'cabinet_office':
      return { variant: 'meti_all_items', naPasses: true };
  }
}

/**
 * An answer as the audit found it (002 L463-466: 回答内容が正しいかを確認): one found untrue that claimed
 * 実施 or 該当なし counts as not implemented; a claimed 未実施 stays so (the audit does not credit it).
 */
export function auditedMeaning(answer: AnswerMeaning, verified: boolean | null): AnswerMeaning {
  return verified === false ? 'not_implemented' : answer;
}

export const UNANSWERED = '.';
const FIRST = 48; // '0'

/** The character for option number i (up to 10 options per campaign). */
export function optionChar(i: number): string {
  if (!Number.isInteger(i) || i < 0 || i > 9) throw new RangeError(`option index ${i}`);
  return String.fromCharCode(FIRST + i);
}

export function emptyAnswers(itemCount: number): string {
  return UNANSWERED.repeat(itemCount);
}

/** Writes answers (item idx → option index, or null to clear) into a packed string. */
export function writeAnswers(
  packed: string,
  updates: Iterable<readonly [idx: number, option: number | null]>,
): string {
  const chars = packed.split('');
  for (const [idx, option] of updates) {
    if (idx < 0 || idx >= chars.length) throw new RangeError(`item idx ${idx}`);
    chars[idx] = option === null ? UNANSWERED : optionChar(option);
  }
  return chars.join('');
}

/** The option index at an item, or null when unanswered. */
export function readAnswer(packed: string, idx: number): number | null {
  const c = packed.charCodeAt(idx);
  return Number.isNaN(c) || packed[idx] === UNANSWERED ? null : c - FIRST;
}

/** Every required item has an answer. */
export function isComplete(packed: string, required: readonly number[]): boolean {
  return required.every((i) => packed[i] !== undefined && packed[i] !== UNANSWERED);
}

export function countAnswered(packed: string, required: readonly number[]): number {
  return required.filter((i) => packed[i] !== undefined && packed[i] !== UNANSWERED).length;
}

/** For fast metrics: option char code → meaning, as a lookup table indexed by char code. */
export function meaningTable(options: readonly AnswerOption[]): (AnswerMeaning | null)[] {
  const table: (AnswerMeaning | null)[] = new Array(FIRST + 10).fill(null);
  options.forEach((o, i) => {
    table[FIRST + i] = o.meaning;
  });
  return table;
}

export interface ScopedItem {
  itemId: string;
  roles: readonly string[];
}

/**
 * The items a role answers: those the policy assigns to the role, narrowed to the campaign's focus
 * set for that role when one is given (NISC picks focus items, 001 L2806-2814).
 */
export function itemsForRole<T extends ScopedItem>(
  items: readonly T[],
  roleKey: string,
  choice: 'all' | readonly string[] | undefined,
): T[] {
  const own = items.filter((it) => it.roles.includes(roleKey));
  if (!choice || choice === 'all') return own;
  const focus = new Set(choice);
  return own.filter((it) => focus.has(it.itemId));
}

export type Exclusion = 'long_leave' | 'excluded' | null;

/** People on long leave (and those marked out of scope) are excluded from the campaign (001 L2774). */
export function exclusionOf(status: string, excludedStatuses: readonly string[]): Exclusion {
  if (status === 'long_leave' && excludedStatuses.includes('long_leave')) return 'long_leave';
  if (status === 'excluded' && excludedStatuses.includes('excluded')) return 'excluded';
  return null;
}

/** The fiscal year (April–March) of an instant on the Japanese calendar (src/lib/dates.ts). */
export { fiscalYearOf } from '../../lib/dates.js';
