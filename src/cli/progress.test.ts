import { describe, expect, it } from 'vitest';
import { progressLine } from './progress.js';

function sink(isTTY: boolean) {
  const written: string[] = [];
  let t = 0;
  return {
    out: { isTTY, columns: 60, write: (s: string) => written.push(s) },
    written,
    clock: { now: () => t, advance: (ms: number) => (t += ms) },
  };
}

describe('the CLI progress line', () => {
  it('writes one plain line per step and none per row when stderr is not a terminal', () => {
    const s = sink(false);
    const bar = progressLine('mamoru demo', 3, s.out, s.clock.now);
    bar.step('boot');
    bar.tick(10_000, 50_000);
    s.clock.advance(2500);
    bar.step('people');
    bar.end();
    expect(s.written).toEqual([
      'mamoru demo [1/3] boot\n',
      'mamoru demo [2/3] people\n',
      'mamoru demo: done (3 s)\n',
    ]);
  });

  it('redraws one line in place on a terminal, at most every 100 ms, cut to the width', () => {
    const s = sink(true);
    const bar = progressLine('mamoru demo', 4, s.out, s.clock.now);
    bar.step('boot');
    bar.step('people');
    s.clock.advance(150);
    bar.tick(10_000, 50_000);
    bar.tick(20_000, 50_000); // too soon: not drawn
    bar.tick(50_000, 50_000); // the last row always is
    bar.end('ok');
    const draws = s.written.filter((w) => w.startsWith('\r\x1b[2K') && w.length > 5);
    expect(draws).toHaveLength(4);
    expect(draws.every((d) => !d.includes('\n') && d.length - 5 <= 59)).toBe(true);
    expect(draws[2]).toContain('2/4 people 10,000/50,000');
    expect(draws[3]).toContain('50,000/50,000');
    expect(draws[2]).toContain('█████░');
    expect(s.written.at(-1)).toBe('mamoru demo: ok (0 s)\n');
  });
});
