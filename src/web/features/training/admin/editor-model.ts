import type { CourseDetail } from '../types.js';

export interface PageDraft {
  key: string;
  title: string;
  body: string;
  videos: { key: string; title: string; url: string }[];
}
export interface ChoiceDraft {
  key: string;
  text: string;
  correct: boolean;
}
export interface QuestionDraft {
  key: string;
  kind: 'single' | 'multiple';
  text: string;
  choices: ChoiceDraft[];
  explanation: string;
}

let seq = 0;
/** A key for a new row in the editor (React lists need one before the server gives an id). */
export const newKey = () => `new-${++seq}`;

export function draftsOf(c: Pick<CourseDetail, 'pages' | 'questions'>): {
  pages: PageDraft[];
  questions: QuestionDraft[];
} {
  return {
    pages: c.pages.map((p) => ({
      key: p.id,
      title: p.title,
      body: p.body,
      videos: p.videos.map((v) => ({ key: newKey(), title: v.title, url: v.url })),
    })),
    questions: c.questions.map((q) => ({
      key: q.id,
      kind: q.kind,
      text: q.text,
      explanation: q.explanation,
      choices: q.choices.map((ch) => ({ key: ch.id, text: ch.text, correct: ch.correct })),
    })),
  };
}

/** The PUT body: pages and question bank as the server takes them (keys dropped). */
export function contentBody(pages: PageDraft[], questions: QuestionDraft[]) {
  return {
    pages: pages.map((p) => ({
      title: p.title,
      body: p.body,
      videos: p.videos.map((v) => ({ title: v.title, url: v.url })),
    })),
    questions: questions.map((q) => ({
      kind: q.kind,
      text: q.text,
      explanation: q.explanation,
      choices: q.choices.map((c) => ({ text: c.text, correct: c.correct })),
    })),
  };
}

/** Moves the row at `i` one place up (-1) or down (+1); out-of-range moves change nothing. */
export function move<T>(list: readonly T[], i: number, dir: -1 | 1): T[] {
  const j = i + dir;
  if (i < 0 || i >= list.length || j < 0 || j >= list.length) return [...list];
  const out = [...list];
  [out[i], out[j]] = [out[j] as T, out[i] as T];
  return out;
}

/** Marks a choice correct: the only one for a single-choice question, toggled for a multiple-choice one. */
export function markCorrect(q: QuestionDraft, key: string): QuestionDraft {
  return {
    ...q,
    choices: q.choices.map((c) =>
      q.kind === 'single'
        ? { ...c, correct: c.key === key }
        : c.key === key
          ? { ...c, correct: !c.correct }
          : c,
    ),
  };
}

/** Switching to single choice keeps only the first correct choice, so the question stays valid. */
export function withKind(q: QuestionDraft, kind: QuestionDraft['kind']): QuestionDraft {
  if (kind === 'multiple') return { ...q, kind };
  const first = q.choices.findIndex((c) => c.correct);
  return { ...q, kind, choices: q.choices.map((c, i) => ({ ...c, correct: i === first })) };
}

/** What is wrong with a question before sending it (the server checks the same; this names the row). */
export function questionProblems(q: QuestionDraft): ('text' | 'choices' | 'correct')[] {
  const out: ('text' | 'choices' | 'correct')[] = [];
  if (!q.text.trim()) out.push('text');
  if (q.choices.filter((c) => c.text.trim()).length < 2 || q.choices.some((c) => !c.text.trim()))
    out.push('choices');
  const n = q.choices.filter((c) => c.correct).length;
  if (q.kind === 'single' ? n !== 1 : n < 1) out.push('correct');
  return out;
}
