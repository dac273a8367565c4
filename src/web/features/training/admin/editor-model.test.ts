import { describe, expect, it } from 'vitest';
import {
  contentBody,
  markCorrect,
  move,
  type QuestionDraft,
  questionProblems,
  withKind,
} from './editor-model.js';

const q = (kind: 'single' | 'multiple', correct: boolean[]): QuestionDraft => ({
  key: 'q',
  kind,
  text: '問',
  explanation: '',
  choices: correct.map((c, i) => ({ key: `c${i}`, text: `選択肢${i}`, correct: c })),
});

describe('move', () => {
  it('swaps with the neighbour', () => {
    expect(move(['a', 'b', 'c'], 1, -1)).toEqual(['b', 'a', 'c']);
    expect(move(['a', 'b', 'c'], 1, 1)).toEqual(['a', 'c', 'b']);
  });
  it('ignores moves past either end', () => {
    expect(move(['a', 'b'], 0, -1)).toEqual(['a', 'b']);
    expect(move(['a', 'b'], 1, 1)).toEqual(['a', 'b']);
  });
});

describe('markCorrect', () => {
  it('keeps exactly one correct choice in a single-choice question', () => {
    expect(markCorrect(q('single', [true, false]), 'c1').choices.map((c) => c.correct)).toEqual([
      false,
      true,
    ]);
  });
  it('toggles in a multiple-choice question', () => {
    expect(markCorrect(q('multiple', [true, false]), 'c1').choices.map((c) => c.correct)).toEqual([
      true,
      true,
    ]);
    expect(markCorrect(q('multiple', [true, true]), 'c0').choices.map((c) => c.correct)).toEqual([
      false,
      true,
    ]);
  });
});

describe('withKind', () => {
  it('keeps only the first correct choice when switching to single choice', () => {
    expect(withKind(q('multiple', [false, true, true]), 'single').choices.map((c) => c.correct)).toEqual([
      false,
      true,
      false,
    ]);
  });
});

describe('questionProblems', () => {
  it.each([
    [q('single', [true, false]), []],
    [q('single', [true, true]), ['correct']],
    [q('multiple', [false, false]), ['correct']],
    [q('single', [true]), ['choices']],
    [{ ...q('single', [true, false]), text: ' ' }, ['text']],
  ])('%# → %o', (question, problems) => {
    expect(questionProblems(question)).toEqual(problems);
  });
});

describe('contentBody', () => {
  it('drops the editor keys', () => {
    const body = contentBody([{ key: 'p', title: 'T', body: 'B', videos: [] }], [q('single', [true, false])]);
    expect(body.pages).toEqual([{ title: 'T', body: 'B', videos: [] }]);
    expect(body.questions[0]?.choices[0]).toEqual({ text: '選択肢0', correct: true });
  });
});
