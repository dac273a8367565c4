/**
 * Pure training rules: grading, the pass decision, reproducible sampling, assignment-rule matching,
 * per-person status, completion over fiscal quarters and survey aggregates. No I/O. Days and fiscal
 * years come from src/lib/dates.ts (the Japanese calendar).
 */
import { fiscalQuarter, type Quarter, quarterRange } from '../../lib/dates.js';
import { isSmallGroup } from '../../lib/small-groups.js';

export type QuestionKind = 'single' | 'multiple';

/**
 * A single-choice question is right when exactly its one correct choice is chosen; a multiple-choice
 * question only when exactly the set of correct choices is chosen (nothing missing, nothing extra).
 */
export function isRight(
  kind: QuestionKind,
  correctIds: readonly string[],
  chosen: readonly string[],
): boolean {
  const picked = new Set(chosen);
  if (picked.size !== chosen.length) return false;
  if (kind === 'single' && picked.size !== 1) return false;
  if (picked.size !== correctIds.length) return false;
  return correctIds.every((id) => picked.has(id));
}

/** Score as a whole percentage, rounded down (so 79.9 % never shows as 80 %). */
export function scorePercent(correct: number, total: number): number {
  return total === 0 ? 0 : Math.floor((correct * 100) / total);
}

/**
 * Passed when the share of right answers reaches the pass mark; with `perfectScoreRequired` only when
 * every answer is right (METI counts a course complete only at a perfect score, 000 L1333).
 */
export function isPass(
  course: { passMark: number; perfectScoreRequired: boolean },
  correct: number,
  total: number,
): boolean {
  if (total === 0) return false;
  if (course.perfectScoreRequired) return correct === total;
  return correct * 100 >= course.passMark * total;
}

/** mulberry32: a small seeded generator, so an attempt's draw can be reproduced from its stored seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffled<T>(items: readonly T[], rnd: () => number): T[] {
  const a = [...items];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

/**
 * The questions one attempt serves, in order: `count` of them (null = all) drawn with the seed, in a
 * random order when `shuffle`, else in the course's order. The choices' order per question likewise.
 */
export function drawAttempt<Q extends { id: string; choiceIds: string[] }>(
  questions: readonly Q[],
  opts: { count: number | null; shuffle: boolean; seed: number },
): { questionId: string; choiceIds: string[] }[] {
  const rnd = seededRandom(opts.seed);
  const n = opts.count == null ? questions.length : Math.min(opts.count, questions.length);
  let picked: Q[];
  if (n === questions.length) picked = [...questions];
  else {
    const chosen = new Set(shuffled(questions, rnd).slice(0, n));
    picked = questions.filter((q) => chosen.has(q));
  }
  if (opts.shuffle) picked = shuffled(picked, rnd);
  return picked.map((q) => ({
    questionId: q.id,
    choiceIds: opts.shuffle ? shuffled(q.choiceIds, rnd) : [...q.choiceIds],
  }));
}

export interface RuleCriteria {
  /** Any of these roles (empty = any role, including none). */
  roleKeys: readonly string[];
  /** Materialised paths of the units whose subtrees the rule covers (empty = the whole agency). */
  unitPaths: readonly string[];
  /** yyyy-mm-dd; only people hired (joined) on or after it. */
  hiredOnOrAfter: string | null;
}

export interface RuleSubject {
  roleKeys: readonly string[];
  unitPath: string;
  /** yyyy-mm-dd */
  hiredOn: string | null;
  status: 'active' | 'long_leave' | 'excluded' | 'left';
}

/** Whether an assignment rule gives the course to a person. People who left or are excluded never match. */
export function ruleMatches(rule: RuleCriteria, p: RuleSubject): boolean {
  if (p.status === 'left' || p.status === 'excluded') return false;
  if (rule.roleKeys.length > 0 && !rule.roleKeys.some((k) => p.roleKeys.includes(k))) return false;
  if (rule.unitPaths.length > 0 && !rule.unitPaths.some((u) => p.unitPath.startsWith(u))) return false;
  if (rule.hiredOnOrAfter && (!p.hiredOn || p.hiredOn < rule.hiredOnOrAfter)) return false;
  return true;
}

/**
 * Whether a rule assigns its course to a person who already got it from the rule in `years` (fiscal
 * years). A one-off rule assigns once ever; an "every fiscal year" rule once per fiscal year, so on
 * 1 April (JST) everyone it covers gets the course again (教育計画 each year: 003 L390-393, 002 L611-613).
 */
export function ruleAssignsAgain(everyFiscalYear: boolean, years: readonly number[], fiscalYear: number) {
  if (years.length === 0) return true;
  return everyFiscalYear && !years.includes(fiscalYear);
}

export const ASSIGNMENT_STATUSES = ['not_started', 'in_progress', 'completed', 'overdue'] as const;
export type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number];

/**
 * Completed wins; otherwise past the due date is overdue; otherwise started (an attempt, even a failed
 * one) is in progress. `today` and `dueOn` are yyyy-mm-dd (the due date itself is not yet overdue).
 */
export function assignmentStatus(
  a: { completedAt: Date | null; dueOn: string | null; attempts: number },
  today: string,
): AssignmentStatus {
  if (a.completedAt) return 'completed';
  if (a.dueOn && a.dueOn < today) return 'overdue';
  return a.attempts > 0 ? 'in_progress' : 'not_started';
}

/** The quarters from the one containing `from` up to the one containing `to`, oldest first. */
export function quartersBetween(from: string, to: string) {
  const out: { fiscalYear: number; quarter: Quarter; from: string; to: string }[] = [];
  let q = fiscalQuarter(from);
  const last = fiscalQuarter(to);
  for (let guard = 0; guard < 200; guard++) {
    out.push({ ...q, ...quarterRange(q.fiscalYear, q.quarter) });
    if (q.fiscalYear === last.fiscalYear && q.quarter === last.quarter) break;
    q =
      q.quarter === 4
        ? { fiscalYear: q.fiscalYear + 1, quarter: 1 }
        : { ...q, quarter: (q.quarter + 1) as Quarter };
  }
  return out;
}

/** Completion rate as a fraction 0..1 (formatted by lib/percent.ts); null when nobody is assigned. */
export function completionRate(assigned: number, completed: number): number | null {
  return assigned === 0 ? null : completed / assigned;
}

/**
 * Completion at the end of each quarter, as circulated to bureaus quarterly (003 L411-425): each person
 * counts once, by their latest assignment made by the quarter's last day, completed if done by then.
 * Days are yyyy-mm-dd.
 */
export function completionOverQuarters(
  assignments: readonly { personId: string; assignedOn: string; completedOn: string | null }[],
  quarters: readonly { fiscalYear: number; quarter: number; to: string }[],
) {
  const byPerson = new Map<string, { assignedOn: string; completedOn: string | null }[]>();
  for (const a of assignments) {
    const list = byPerson.get(a.personId) ?? [];
    list.push(a);
    byPerson.set(a.personId, list);
  }
  for (const list of byPerson.values()) list.sort((x, y) => (x.assignedOn < y.assignedOn ? -1 : 1));
  return quarters.map((q) => {
    let assigned = 0;
    let completed = 0;
    for (const list of byPerson.values()) {
      let latest: { assignedOn: string; completedOn: string | null } | undefined;
      for (const a of list) if (a.assignedOn <= q.to) latest = a;
      if (!latest) continue;
      assigned++;
      if (latest.completedOn && latest.completedOn <= q.to) completed++;
    }
    return {
      fiscalYear: q.fiscalYear,
      quarter: q.quarter,
      to: q.to,
      assigned,
      completed,
      rate: completionRate(assigned, completed),
    };
  });
}

export interface SurveyQuestionDef {
  id: string;
  kind: 'scale' | 'text';
  text: string;
}

export interface SurveyQuestionResult {
  id: string;
  kind: 'scale' | 'text';
  text: string;
  /** Answers given to this question. */
  answered: number;
  /** Scale questions: mean of 1–5, and how many gave each of 1..5 (index 0 = "1"). */
  mean: number | null;
  distribution: number[] | null;
  /** Text questions: the answers, without names, in no particular order. */
  texts: string[] | null;
}

/**
 * Aggregate results of a post-course survey (003 L401-403). With fewer answers than the tenant's minimum
 * group size, only the counts are shown: a mean or a comment of two people could name them.
 */
export function surveyResults(
  questions: readonly SurveyQuestionDef[],
  answers: readonly Record<string, number | string>[],
  minGroupSize: number,
): { responses: number; small: boolean; questions: SurveyQuestionResult[] } {
  const small = isSmallGroup(answers.length, minGroupSize);
  return {
    responses: answers.length,
    small,
    questions: questions.map((q) => {
      const given = answers.map((a) => a[q.id]).filter((v) => v !== undefined && v !== '');
      const base = { id: q.id, kind: q.kind, text: q.text, answered: given.length };
      if (small) return { ...base, mean: null, distribution: null, texts: null };
      if (q.kind === 'text') {
        return { ...base, mean: null, distribution: null, texts: given.map(String) };
      }
      const scores = given.map(Number).filter((n) => Number.isInteger(n) && n >= 1 && n <= 5);
      const distribution = [1, 2, 3, 4, 5].map((v) => scores.filter((n) => n === v).length);
      const mean = scores.length ? scores.reduce((a, b) => a + b, 0) / scores.length : null;
      return { ...base, mean, distribution, texts: null };
    }),
  };
}
