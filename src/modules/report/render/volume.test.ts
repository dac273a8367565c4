// The size of a large agency's report: 30 tables × 50 rows and 10 charts, in the three formats.
// Prints the time (a measurement for docs/benchmarks.md, not an assertion on it).
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import type { ReportDoc, Section } from '../doc-model.js';
import { renderDocx, renderHtml, renderXlsx } from './index.js';

function bigDoc(): ReportDoc {
  const sections: Section[] = Array.from({ length: 10 }, (_, s) => ({
    key: `s${s}`,
    number: String(s + 1),
    title: `第${s + 1}節`,
    blocks: [
      ...Array.from({ length: 3 }, (_, t) => ({
        kind: 'table' as const,
        id: `t${s}-${t}`,
        title: `表 ${s + 1}-${t + 1}`,
        columns: [
          { key: 'unit', label: '組織' },
          { key: 'rate', label: '実施率', format: 'rate' as const },
          { key: 'n', label: '対象者数', format: 'count' as const },
          { key: 'done', label: '実施者数', format: 'count' as const },
        ],
        rows: Array.from({ length: 50 }, (_, r) => [
          `課室 ${r + 1}`,
          { value: (r % 100) / 100, link: `/selfcheck/campaigns/c/results?unit=${r}` },
          1000 + r,
          { value: 900 + r, link: `/selfcheck/campaigns/c/results?unit=${r}` },
        ]),
      })),
      {
        kind: 'chart' as const,
        id: `c${s}`,
        title: `グラフ ${s + 1}`,
        type: s % 2 ? ('line' as const) : ('bar' as const),
        unit: 'rate' as const,
        categories: ['幹部', '職員', 'システム', '全体'],
        series: [{ name: '実施率', values: [0.5, 0.7, 0.9, s / 10] }],
      },
    ],
  }));
  return {
    kind: 'annual',
    title: '年次報告書',
    tenantCode: 'big',
    tenantName: '大規模省',
    fiscalYear: 2026,
    locale: 'ja',
    status: 'draft',
    generatedAt: '2027-03-31T00:00:00Z',
    baseUrl: 'https://mamoru.example.go.jp',
    sections,
  };
}

describe('a report of 30 tables × 50 rows and 10 charts', () => {
  it('renders as HTML, .docx and .xlsx (time printed)', { timeout: 120_000 }, async () => {
    const doc = bigDoc();
    const t0 = performance.now();
    const html = await renderHtml(doc);
    const t1 = performance.now();
    const docx = await renderDocx(doc);
    const t2 = performance.now();
    const xlsx = await renderXlsx(doc);
    const t3 = performance.now();
    console.log(
      `report render, 30 tables × 50 rows + 10 charts: html ${(t1 - t0).toFixed(0)} ms (${(html.length / 1024).toFixed(0)} KiB), ` +
        `docx ${(t2 - t1).toFixed(0)} ms (${(docx.length / 1024).toFixed(0)} KiB), ` +
        `xlsx ${(t3 - t2).toFixed(0)} ms (${(xlsx.length / 1024).toFixed(0)} KiB), total ${(t3 - t0).toFixed(0)} ms`,
    );
    expect(html.match(/<svg /g)).toHaveLength(10);
    const zip = await JSZip.loadAsync(docx);
    expect(Object.keys(zip.files).filter((f) => /^word\/media\/.*\.png$/.test(f))).toHaveLength(10);
    const book = await JSZip.loadAsync(xlsx);
    expect(Object.keys(book.files).filter((f) => /^xl\/worksheets\/sheet\d+\.xml$/.test(f))).toHaveLength(31);
  });
});
