// Pure rules of a self-check campaign: states, who is a member, which items each role answers,
// and the packed answer strings (one character per campaign item).
import type { AnswerMeaning, AnswerOption, CampaignState } from './schema.js';

/** The default options (DOMAIN.md §3): 実施 / 一部未実施 / 未実施 / 該当なし. */
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

/** Settings that shape the questionnaire can change only while the campaign is a draft. */
export function isEditable(state: CampaignState): boolean {
  return state === 'draft';
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

/** People on long leave (and those marked out of scope) are excluded from the campaign (DOMAIN.md §3). */
export function exclusionOf(status: string, excludedStatuses: readonly string[]): Exclusion {
  if (status === 'long_leave' && excludedStatuses.includes('long_leave')) return 'long_leave';
  if (status === 'excluded' && excludedStatuses.includes('excluded')) return 'excluded';
  return null;
}

/** The fiscal year (April–March) of an instant on the Japanese calendar (src/lib/dates.ts). */
export { fiscalYearOf } from '../../lib/dates.js';
