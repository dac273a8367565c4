import { describe, expect, it } from 'vitest';
import { choose, pageProgress, unanswered, verdictOf } from './test-model.js';

describe('choose', () => {
  it('replaces the answer of a single-choice question', () => {
    expect(choose({ q: ['a'] }, 'q', 'b', false)).toEqual({ q: ['b'] });
  });
  it('toggles choices of a multiple-choice question', () => {
    const once = choose({}, 'q', 'a', true);
    const twice = choose(once, 'q', 'b', true);
    expect(twice).toEqual({ q: ['a', 'b'] });
    expect(choose(twice, 'q', 'a', true)).toEqual({ q: ['b'] });
  });
  it('leaves other questions alone', () => {
    expect(choose({ p: ['x'] }, 'q', 'a', false)).toEqual({ p: ['x'], q: ['a'] });
  });
});

describe('unanswered', () => {
  it('lists questions with no choice in the order served', () => {
    expect(unanswered([{ id: '1' }, { id: '2' }, { id: '3' }], { '1': ['a'], '3': [] })).toEqual(['2', '3']);
  });
});

describe('verdictOf', () => {
  it.each([
    [{ passed: true, score: 10, total: 10, perfectScoreRequired: true }, 'completed'],
    [{ passed: false, score: 9, total: 10, perfectScoreRequired: true }, 'notPerfect'],
    [{ passed: false, score: 5, total: 10, perfectScoreRequired: false }, 'failed'],
    [{ passed: true, score: 8, total: 10, perfectScoreRequired: false }, 'completed'],
  ] as const)('%o → %s', (r, v) => {
    expect(verdictOf(r)).toBe(v);
  });
});

describe('pageProgress', () => {
  it.each([
    [0, 4, 25],
    [3, 4, 100],
    [9, 4, 100],
    [0, 0, 0],
    [0, 3, 33],
  ])('page %i of %i → %i %%', (i, n, p) => {
    expect(pageProgress(i, n)).toBe(p);
  });
});
