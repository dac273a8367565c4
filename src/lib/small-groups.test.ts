import { describe, expect, it } from 'vitest';
import { isSmallGroup, mergeTargets } from './small-groups.js';

describe('small groups', () => {
  it.each([
    [0, 5, false], // nobody: nothing to reveal
    [1, 5, true], // the single 課室情報セキュリティ責任者 of a unit
    [4, 5, true],
    [5, 5, false],
    [1, 1, false], // a minimum of 1 turns the rule off
  ])('%i people with minimum %i is small: %s', (n, min, small) => expect(isSmallGroup(n, min)).toBe(small));

  it('merges a small unit into its parent, and a chain of small units into the first large enough ancestor', () => {
    const rows = [
      { key: 'root', parentKey: null, people: 100 },
      { key: 'bureau', parentKey: 'root', people: 2 },
      { key: 'div-a', parentKey: 'bureau', people: 1 },
      { key: 'div-b', parentKey: 'bureau', people: 1 },
      { key: 'div-c', parentKey: 'root', people: 30 },
    ];
    const t = mergeTargets(rows, 5);
    expect(t.get('div-c')).toBe('div-c');
    // bureau (2) + div-a (1) + div-b (1) = 4 < 5: all merge into root
    expect(t.get('div-a')).toBe('root');
    expect(t.get('div-b')).toBe('root');
    expect(t.get('bureau')).toBe('root');
    expect(t.get('root')).toBe('root');
  });

  it('stops at the first ancestor whose merged group reaches the minimum', () => {
    const rows = [
      { key: 'root', parentKey: null, people: 100 },
      { key: 'bureau', parentKey: 'root', people: 3 },
      { key: 'div-a', parentKey: 'bureau', people: 2 },
    ];
    const t = mergeTargets(rows, 5);
    expect(t.get('div-a')).toBe('bureau');
    expect(t.get('bureau')).toBe('bureau');
  });
});
