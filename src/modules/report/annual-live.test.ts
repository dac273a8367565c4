import { and, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatPercent } from '../../lib/percent.js';
import { buildTestApp, Client, type TestApp } from '../../test/app.js';
import { loginAs, rootUnit } from '../../test/factories.js';
import { generateDemo } from '../demo/generate.js';
import { DEMO_REPORT_YEAR } from '../demo/report-seed.js';
import { CENTRAL_LOGIN, seedDemo } from '../demo/seed.js';
import { seedDemoSelfcheck } from '../demo/selfcheck-seed.js';
import { campaigns } from '../selfcheck/schema.js';
import { groupLabel, orderedGroups } from './build-parts.js';
import { STATEMENT_ITEMS } from './figures-model.js';

// Issue #11 "Done when", on live figures: the seeded demo agency's annual report for the year of its
// published self-check campaign, opened as the files a user downloads. The numbers printed must be the
// results API's, through the one percent formatter; the sections must follow the sources' outline
// (000 L60-1498); the statement (001 L4252-4282) must reach the central body with those figures.

const PASSWORD = 'annual-live-test-password';
const FY = DEMO_REPORT_YEAR;
let t: TestApp;
let office: Client;
let analyst: Client;
let campaignId: string;
let results: {
  overall: Rates;
  groups: Record<string, Rates>;
};
type Rates = {
  inScope: number;
  coverage: number | null;
  implementation: Record<string, number | null>;
  attainment: Record<'100' | '95' | '90', number | null>;
};

/** The sources' outline: 1 総括 … 5.6 インシデント (000 L60-1498). */
const OUTLINE = [
  `1　${FY}年度の総括`,
  '2　報告の基本情報',
  '3　情報セキュリティ対策の枠組み',
  '4　当該年度の重点事項',
  '5　情報セキュリティ対策の実施状況',
  '5.1　情報セキュリティ対策の実施状況の自己点検結果',
  '5.2　情報システムごとの状況（重点検査）',
  '5.3　教育・啓発',
  '5.4　調達・外部委託',
  '5.5　その他取り組んだ事項',
  '5.6　情報セキュリティインシデント',
];

// Japanese with CRLF/LF, full-width spaces and every HTML metacharacter (000 L60-226).
const EVALUATION = '評価：\r\n　<script>alert("x")</script> & \'引用\'\n\n  <b>太字</b> > 終わり\n';
const url = (rest = '') => `/api/v1/reports/annual/${FY}${rest}`;
const exported = async (format: string) => {
  const res = await office.get(url(`/export?format=${format}`));
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  return res;
};

/** The document body as lines of cells: a table row is "a|b|c", a paragraph its text. */
function docxLines(xml: string): string[] {
  const text = xml
    .replace(/<w:tab\/>/g, '\t')
    .replace(/<\/w:p>\s*<\/w:tc>/g, '|')
    .replace(/<\/w:tc>/g, '|')
    .replace(/<\/w:tr>/g, '\n')
    .replace(/<\/w:p>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
  return text.split(/\n/).filter(Boolean);
}

beforeAll(async () => {
  t = await buildTestApp({ login: { maxFailures: 5, lockMinutes: 15, ratePerMinute: 1000 } });
  const seeded = await seedDemo(t.sys, { plan: generateDemo({ staff: 200, seed: 11 }), password: PASSWORD });
  // As `mamoru demo` does: the published FY2025 campaign and the open FY2026 one.
  await seedDemoSelfcheck(t.sys, { tenantId: seeded.tenantId, seed: 11, visitorStaffNos: [] });
  const root = await rootUnit(t.sys.db, seeded.tenantId);
  office = (await loginAs(t, { unit: root, roles: ['chief_security_officer', 'staff'], name: '統括 live' }))
    .client;
  analyst = new Client(t.app);
  await analyst.login(CENTRAL_LOGIN, PASSWORD);
  const [campaign] = await t.sys.db
    .select()
    .from(campaigns)
    .where(
      and(
        eq(campaigns.tenantId, seeded.tenantId),
        eq(campaigns.fiscalYear, FY),
        eq(campaigns.state, 'published'),
      ),
    );
  campaignId = campaign!.id;
  const res = await office.get(`/api/v1/selfcheck/campaigns/${campaignId}/results`);
  expect(res.statusCode, res.body).toBe(200);
  results = res.json();
  const saved = await office.put(url('/narratives/summary.evaluation'), { body: EVALUATION });
  expect(saved.statusCode, saved.body).toBe(200);
}, 300_000);
afterAll(() => t.close());

/** The row the report prints for a group: label, 対象者数, 把握率, 実施率 (nisc), 到達率 100/95/90. */
const printedRow = (label: string, r: Rates) =>
  [
    label,
    r.inScope.toLocaleString('ja-JP'),
    formatPercent(r.coverage),
    formatPercent(r.implementation.nisc),
    formatPercent(r.attainment['100']),
    formatPercent(r.attainment['95']),
    formatPercent(r.attainment['90']),
  ].join('|');

describe('the demo agency’s annual report on live figures', () => {
  it('the .docx has the sections in the sources’ order, the results API’s rates and an embedded chart', async () => {
    const zip = await JSZip.loadAsync((await exported('docx')).rawPayload);
    const xml = await zip.file('word/document.xml')!.async('string');
    const lines = docxLines(xml);
    const at = OUTLINE.map((h) => lines.indexOf(h));
    expect(
      at.every((i) => i >= 0),
      JSON.stringify(OUTLINE.filter((_, i) => at[i]! < 0)),
    ).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);

    const groups = orderedGroups(results.groups);
    expect(groups.length).toBeGreaterThan(1);
    expect(results.overall.coverage).toBeGreaterThan(0);
    for (const [label, r] of [
      ['全体', results.overall] as const,
      ...groups.map((g) => [groupLabel(g), results.groups[g]!] as const),
    ])
      expect(lines, label).toContain(`${printedRow(label, r)}|`);

    const media = Object.keys(zip.files).filter((f) => /^word\/media\/.+\.png$/.test(f));
    expect(media.length).toBeGreaterThan(0);
    const png = await zip.file(media[0]!)!.async('nodebuffer');
    expect([...png.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    // The narrative's text, line by line, exact (escaped as XML, unescaped here).
    for (const line of EVALUATION.split(/\r?\n/).filter((l) => l.trim()))
      expect(lines.some((l) => l.includes(line.trim()))).toBe(true);
  }, 120_000);

  it('the .xlsx has the same figures as numbers', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await exported('xlsx')).rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('selfcheck_groups')!;
    expect(sheet).toBeDefined();
    const rows = new Map<string, unknown[]>();
    sheet.eachRow((row) => {
      const values = (row.values as unknown[]).slice(1);
      rows.set(String(values[0]), values);
    });
    const check = (label: string, r: Rates) => {
      const row = rows.get(label)!;
      expect(row, label).toBeDefined();
      expect(row.slice(1, 7), label).toEqual([
        r.inScope,
        r.coverage,
        r.implementation.nisc,
        r.attainment['100'],
        r.attainment['95'],
        r.attainment['90'],
      ]);
      expect(sheet.getRow([...rows.keys()].indexOf(label) + 1).getCell(3).numFmt).toBe('0.0%');
    };
    check('全体', results.overall);
    for (const g of orderedGroups(results.groups)) check(groupLabel(g), results.groups[g]!);
  }, 120_000);

  it('the HTML prints the same rates and the narrative exact and escaped', async () => {
    const html = (await exported('html')).body;
    const headings = OUTLINE.map((h) =>
      html.indexOf(h.replace('　', '')) >= 0
        ? html.indexOf(h.replace('　', ''))
        : html.indexOf(h.split('　')[1]!),
    );
    expect(headings.every((i) => i >= 0)).toBe(true);
    expect([...headings].sort((a, b) => a - b)).toEqual(headings);
    for (const v of [
      results.overall.coverage,
      results.overall.implementation.nisc,
      results.overall.attainment['100'],
    ])
      expect(html).toContain(formatPercent(v));
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<b>太字</b>');
    const escaped = EVALUATION.replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&#39;');
    expect(html).toContain(escaped);
  }, 120_000);

  it('the statement with the five items written reaches the central body with the real figures', async () => {
    const incomplete = await office.post(url('/statement'));
    expect(incomplete.statusCode).toBe(422);
    expect(incomplete.json().code).toBe('statement_incomplete');
    for (const item of STATEMENT_ITEMS) {
      const res = await office.put(url(`/narratives/${item.key}`), {
        body: `${item.ja}について\n<記載> & 以上`,
      });
      expect(res.statusCode, res.body).toBe(200);
    }
    const sent = await office.post(url('/statement'));
    expect(sent.statusCode, sent.body).toBe(201);
    const { submissionId } = sent.json();

    const list = (await analyst.get(`/api/v1/central/submissions?fiscalYear=${FY}`)).json().items;
    expect(list).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: submissionId, agencyCode: 'demo', latest: true }),
      ]),
    );
    const detail = (await analyst.get(`/api/v1/central/submissions/${submissionId}`)).json();
    expect(detail.payload.selfcheck.overall.coverage).toBe(results.overall.coverage);
    expect(detail.payload.narrative['statement.incidents']).toContain('<記載> & 以上');

    const national = await analyst.get(`/api/v1/central/national?fiscalYear=${FY}`);
    expect(national.statusCode, national.body).toBe(200);
    const row = national.json().selfcheck.rows.find((r: { agencyCode: string }) => r.agencyCode === 'demo');
    expect(row.overall).toMatchObject({
      coverage: results.overall.coverage,
      nisc: results.overall.implementation.nisc,
      attainment100: results.overall.attainment['100'],
      attainment95: results.overall.attainment['95'],
      attainment90: results.overall.attainment['90'],
    });
  }, 120_000);
});
