// What one questionnaire adds to its (unit, role) counters: pure, shared by the answer's transaction
// (the change from the old packed string to the new), the results, and the full recount that checks them.
import { meaningTable } from './campaign-rules.js';
import type { AnswerOption } from './schema.js';

/** Meaning codes, as the counters lay them out per item: implemented, not implemented, 該当なし. */
export const MEANING_CODE = { implemented: 0, not_implemented: 1, no_duty: 2 } as const;
const NOT_IMPLEMENTED = MEANING_CODE.not_implemented;

/** A campaign's fixed shape: its items (in idx order), their chapters and roles, its answer options. */
export interface CounterLayout {
  /** Items, i.e. characters per packed string. */
  n: number;
  /** Chapter numbers in order of first appearance; failedByChapter is indexed like this. */
  chapters: string[];
  chapterOfIdx: Int32Array;
  /** Per role key: the item positions it answers (each role is counted on its own items only). */
  itemsOfRole: Map<string, Int32Array>;
  /** Indexed by character code: the meaning code of the option written there, -1 for none ('.'). */
  meaningCode: Int8Array;
}

export function counterLayout(
  items: readonly { idx: number; chapterNo: string; roleKeys: readonly string[] }[],
  answerOptions: readonly AnswerOption[],
): CounterLayout {
  const sorted = [...items].sort((a, b) => a.idx - b.idx);
  const chapters = [...new Set(sorted.map((i) => i.chapterNo))];
  const byRole = new Map<string, number[]>();
  for (const it of sorted) for (const k of it.roleKeys) byRole.set(k, [...(byRole.get(k) ?? []), it.idx]);
  const meaningCode = new Int8Array(0x10000).fill(-1);
  meaningTable(answerOptions).forEach((m, code) => {
    if (m !== null) meaningCode[code] = MEANING_CODE[m];
  });
  return {
    n: sorted.length,
    chapters,
    chapterOfIdx: Int32Array.from(sorted.map((i) => chapters.indexOf(i.chapterNo))),
    itemsOfRole: new Map([...byRole].map(([k, v]) => [k, Int32Array.from(v)])),
    meaningCode,
  };
}

/** Sums over questionnaires of one (unit, role, group); also a difference of two such sums. */
export interface Counters {
  /** Per item idx i: [3i] implemented, [3i+1] not implemented, [3i+2] 該当なし. */
  items: Int32Array;
  captured: number;
  /** Captured questionnaires with at least one not-implemented item. */
  failed: number;
  failedByChapter: Int32Array;
  /** Questionnaires of the (unit, role, group), in scope or not; questionnaire changes leave it alone. */
  members: number;
  /** Of those, in scope. */
  inScope: number;
}

export function zeroCounters(layout: CounterLayout): Counters {
  return {
    items: new Int32Array(layout.n * 3),
    captured: 0,
    failed: 0,
    failedByChapter: new Int32Array(layout.chapters.length),
    members: 0,
    inScope: 0,
  };
}

export interface QuestionnaireState {
  roleKey: string;
  inScope: boolean;
  submitted: boolean;
  answers: string;
}

/**
 * Adds `sign` × one questionnaire into `into`. Only an in-scope submitted questionnaire counts, at its
 * role's own items; characters past the end of a short string count as unanswered.
 */
export function addQuestionnaire(
  layout: CounterLayout,
  into: Counters,
  q: QuestionnaireState,
  sign: 1 | -1,
): void {
  if (!q.inScope || !q.submitted) return;
  const own = layout.itemsOfRole.get(q.roleKey);
  const { meaningCode, chapterOfIdx } = layout;
  const failedChapters = new Uint8Array(layout.chapters.length);
  let failed = false;
  if (own)
    for (let j = 0; j < own.length; j++) {
      const i = own[j]!;
      if (i >= q.answers.length) continue;
      const m = meaningCode[q.answers.charCodeAt(i)]!;
      if (m < 0) continue;
      into.items[i * 3 + m]! += sign;
      if (m !== NOT_IMPLEMENTED) continue;
      failed = true;
      failedChapters[chapterOfIdx[i]!] = 1;
    }
  into.captured += sign;
  if (failed) into.failed += sign;
  for (let ch = 0; ch < failedChapters.length; ch++)
    if (failedChapters[ch]) into.failedByChapter[ch]! += sign;
}

/** after − before for one questionnaire; null when nothing counted changes (a draft save, say). */
export function questionnaireDelta(
  layout: CounterLayout,
  before: QuestionnaireState,
  after: QuestionnaireState,
): Counters | null {
  const d = zeroCounters(layout);
  addQuestionnaire(layout, d, before, -1);
  addQuestionnaire(layout, d, after, 1);
  return isZero(d) ? null : d;
}

export function isZero(c: Counters): boolean {
  return (
    c.captured === 0 &&
    c.failed === 0 &&
    c.members === 0 &&
    c.inScope === 0 &&
    c.items.every((v) => v === 0) &&
    c.failedByChapter.every((v) => v === 0)
  );
}

/** A readable list of where two sets of counters differ (empty when equal). */
export function counterDifferences(stored: Counters, recounted: Counters, layout: CounterLayout): string[] {
  const out: string[] = [];
  const diff = (what: string, a: number, b: number) => {
    if (a !== b) out.push(`${what}: stored ${a}, recounted ${b}`);
  };
  diff('members', stored.members, recounted.members);
  diff('in scope', stored.inScope, recounted.inScope);
  diff('captured', stored.captured, recounted.captured);
  diff('failed', stored.failed, recounted.failed);
  const names = ['implemented', 'not implemented', 'no duty'];
  for (let k = 0; k < Math.max(stored.items.length, recounted.items.length); k++)
    diff(`item #${Math.floor(k / 3)} ${names[k % 3]}`, stored.items[k] ?? 0, recounted.items[k] ?? 0);
  for (let ch = 0; ch < Math.max(stored.failedByChapter.length, recounted.failedByChapter.length); ch++)
    diff(
      `chapter ${layout.chapters[ch] ?? `#${ch}`} failed`,
      stored.failedByChapter[ch] ?? 0,
      recounted.failedByChapter[ch] ?? 0,
    );
  return out;
}
