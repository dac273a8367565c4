import { describe, expect, it } from 'vitest';
import { blocksOf } from '../doc-model.js';
import { chartOption, chartPng, chartSvg } from './charts.js';
import { fixtureDoc } from './test-fixture.js';

const [bar, line] = blocksOf(fixtureDoc(), 'chart');

describe('charts drawn on the server', () => {
  it('draws rates as bars in % on a 0–100 axis', () => {
    const option = chartOption(bar!, 'ja') as {
      yAxis: { max: number };
      series: { type: string; data: unknown[] }[];
    };
    expect(option.yAxis.max).toBe(100);
    expect(option.series[0]?.type).toBe('bar');
    expect(option.series[0]?.data).toEqual([50, 85.5, null]);
    const svg = chartSvg(bar!, 'ja');
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('100%');
    expect(svg).toContain('85.5%');
  });

  it('does not depend on a global document (text widths come from the width table)', () => {
    const g = globalThis as { document?: unknown };
    g.document = {}; // what other code in the same process once left behind
    try {
      // Labels not measured before in this process (zrender caches widths by text).
      const svg = chartSvg({ ...bar!, categories: ['未計測の区分その一', '未計測の区分その二', '三'] }, 'ja');
      expect(svg.startsWith('<svg')).toBe(true);
      expect(svg).toContain('未計測の区分その一');
    } finally {
      delete g.document;
    }
  });

  it('writes the categories and series names escaped', () => {
    const svg = chartSvg(bar!, 'ja');
    expect(svg).toContain('幹部&lt;script&gt;');
    expect(svg).toContain('職員 &amp; &quot;一般&quot;');
    expect(svg).not.toContain('<script');
    const trend = chartSvg(line!, 'ja');
    expect(trend).toContain('2025年度');
    expect(trend).toContain('未実施 &lt;u&gt;');
  });

  it('turns the SVG into a PNG', async () => {
    const png = await chartPng(chartSvg(line!, 'ja'));
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    // 640 × 360 drawn at twice the size
    expect(png.readUInt32BE(16)).toBe(1280);
    expect(png.readUInt32BE(20)).toBe(720);
  });

  // The central engineer's "SVG data parsing failed … expected space not 'N'" came from the double-quoted
  // font family inside the SVG's attributes ("Noto …); charts with no data must also still draw.
  it.each([
    ['no categories, no series', [], []],
    ['one category, a null', ['a'], [{ name: 's', values: [null] }]],
    ['only nulls', ['a', 'b'], [{ name: 's', values: [null, null] }]],
    ['a NaN and an Infinity', ['a', 'b'], [{ name: 's', values: [Number.NaN, Number.POSITIVE_INFINITY] }]],
    ['categories without series', ['a', 'b'], []],
  ])('draws a PNG for %s', async (_name, categories, series) => {
    for (const type of ['bar', 'line'] as const)
      for (const unit of ['rate', 'count'] as const) {
        const chart = { ...bar!, type, unit, categories, series };
        const svg = chartSvg(chart, 'en');
        expect(svg).not.toContain('NaN');
        expect(svg).not.toMatch(/font-family:\s*"/);
        const png = await chartPng(svg);
        expect(png.readUInt32BE(16)).toBe(1280);
      }
  });
});
