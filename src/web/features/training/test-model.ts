/** The person's choices in a confirmation test: question id → chosen choice ids (served questions only). */
export type TestAnswers = Record<string, string[]>;

/** Picks a choice: replaces the answer of a single-choice question, toggles one of a multiple-choice one. */
export function choose(
  answers: TestAnswers,
  questionId: string,
  choiceId: string,
  multiple: boolean,
): TestAnswers {
  const current = answers[questionId] ?? [];
  if (!multiple) return { ...answers, [questionId]: [choiceId] };
  const next = current.includes(choiceId) ? current.filter((c) => c !== choiceId) : [...current, choiceId];
  return { ...answers, [questionId]: next };
}

/** The questions still without any choice, in the order served. */
export function unanswered(questions: readonly { id: string }[], answers: TestAnswers): string[] {
  return questions.filter((q) => (answers[q.id] ?? []).length === 0).map((q) => q.id);
}

export type Verdict = 'completed' | 'failed' | 'notPerfect';

/**
 * What a result means for the person. METI counts a course complete only at a perfect score (000 L1333):
 * under that rule a result short of full marks is "not complete" even when it would pass an ordinary mark.
 */
export function verdictOf(r: {
  passed: boolean;
  score: number;
  total: number;
  perfectScoreRequired: boolean;
}): Verdict {
  if (r.passed) return 'completed';
  return r.perfectScoreRequired && r.score < r.total ? 'notPerfect' : 'failed';
}

/** The page's position as a share for a progress bar (page index from 0; the last page is 100 %). */
export function pageProgress(index: number, total: number): number {
  if (total <= 0) return 0;
  return Math.round(((Math.min(index, total - 1) + 1) / total) * 100);
}
