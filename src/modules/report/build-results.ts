import {
  fig,
  groupLabel,
  type Narratives,
  narrative,
  notInUse,
  orderedGroups,
  withQuery,
} from './build-parts.js';
import type { Block, Section } from './doc-model.js';
import type { AnnualFigures, SelfcheckAnnual } from './figures-model.js';

// 5 情報セキュリティ対策の実施状況 (000 L998-1498) and the incidents (001 L4252-4282 item (4)).

const WEAKEST = 10;

export function resultsSection(figures: AnnualFigures, narratives: Narratives): Section {
  return {
    key: 'results',
    number: '5',
    title: '情報セキュリティ対策の実施状況',
    blocks: [],
    children: [
      selfcheckSection(figures.selfcheck, narratives),
      inspectionSection(figures, narratives),
      educationSection(figures),
      vendorsSection(figures),
      technicalSection(figures, narratives),
      incidentsSection(figures),
    ],
  };
}

/** 5.1 自己点検 (000 L1000-1120): 把握率・実施率・到達率 by group, staff areas, chapters, trend, weakest items. */
function selfcheckSection(sc: SelfcheckAnnual | null, narratives: Narratives): Section {
  const base = { key: 'selfcheck', number: '5.1', title: '情報セキュリティ対策の実施状況の自己点検結果' };
  if (!sc)
    return {
      ...base,
      blocks: [notInUse('selfcheck', '自己点検'), narrative('selfcheck.overall_comment', narratives)],
    };
  const def = sc.definition;
  const groups = orderedGroups(sc.groups);
  const rateRow = (label: string, f: SelfcheckAnnual['overall'], link: string) => [
    label,
    fig(f.inScope, 'count', link),
    fig(f.coverage, 'rate', link),
    fig(f.implementation[def], 'rate', link),
    fig(f.attainment['100'], 'rate', link),
    fig(f.attainment['95'], 'rate', link),
    fig(f.attainment['90'], 'rate', link),
  ];
  const blocks: Block[] = [
    {
      kind: 'paragraph',
      text: `対象: ${sc.title}。実施率の定義: ${def}。到達率は実施率が 100%・95%・90% に達した遵守事項の割合（000 L1030-1095）。`,
    },
    {
      kind: 'table',
      id: 'selfcheck_groups',
      title: '自己点検結果（区分別）',
      columns: [
        { key: 'group', label: '区分' },
        { key: 'inScope', label: '対象者数', format: 'count' },
        { key: 'coverage', label: '把握率', format: 'rate' },
        { key: 'implementation', label: '実施率', format: 'rate' },
        { key: 'a100', label: '到達率(100%)', format: 'rate' },
        { key: 'a95', label: '到達率(95%)', format: 'rate' },
        { key: 'a90', label: '到達率(90%)', format: 'rate' },
      ],
      rows: [
        rateRow('全体', sc.overall, sc.link),
        ...groups.map((g) => rateRow(groupLabel(g), sc.groups[g]!, withQuery(sc.link, `group=${g}`))),
      ],
    },
    {
      kind: 'chart',
      id: 'selfcheck_groups_chart',
      title: '区分別の把握率・実施率',
      type: 'bar',
      unit: 'rate',
      categories: groups.map(groupLabel),
      series: [
        { name: '把握率', values: groups.map((g) => sc.groups[g]!.coverage) },
        { name: '実施率', values: groups.map((g) => sc.groups[g]!.implementation[def]) },
      ],
    },
  ];
  // Staff's 実施率 by the eight areas of the national report (001 L2883-2904)
  if (sc.staffAreas?.length) {
    blocks.push({
      kind: 'table',
      id: 'selfcheck_staff_areas',
      title: '行政事務従事者の分野別実施率',
      columns: [
        { key: 'area', label: '分野' },
        { key: 'rate', label: '実施率', format: 'rate' },
      ],
      rows: sc.staffAreas.map((a) => [
        a.area,
        fig(def === 'pooled' ? a.pooled : a.nisc, 'rate', withQuery(sc.link, 'group=staff')),
      ]),
    });
  }
  if (sc.chapters.length) {
    blocks.push({
      kind: 'table',
      id: 'selfcheck_chapters',
      title: '章別の実施率',
      columns: [
        { key: 'chapter', label: '章' },
        ...groups.map((g) => ({ key: g, label: groupLabel(g), format: 'rate' as const })),
      ],
      rows: sc.chapters.map((c) => [
        `${c.chapterNo} ${c.title}`,
        ...groups.map((g) =>
          fig(
            c.groups[g]?.implementation[def] ?? null,
            'rate',
            withQuery(sc.link, `group=${g}&chapter=${c.chapterNo}`),
          ),
        ),
      ]),
    });
  }
  // Three-year trend (001 ch. II): oldest first
  if (sc.trend.length) {
    blocks.push({
      kind: 'chart',
      id: 'selfcheck_trend',
      title: '実施率の推移（3年間）',
      type: 'line',
      unit: 'rate',
      categories: sc.trend.map((t) => `${t.fiscalYear}年度`),
      series: [
        { name: '全体', values: sc.trend.map((t) => t.overall.implementation[def]) },
        ...groups.map((g) => ({
          name: groupLabel(g),
          values: sc.trend.map((t) => t.groups[g]?.implementation[def] ?? null),
        })),
      ],
    });
  }
  const weakest = sc.items.filter((i) => i.rate !== null).slice(0, WEAKEST);
  if (weakest.length) {
    blocks.push({
      kind: 'table',
      id: 'selfcheck_weakest',
      title: '実施率の低い遵守事項',
      columns: [
        { key: 'code', label: '項番' },
        { key: 'title', label: '遵守事項' },
        { key: 'duty', label: '対象者数', format: 'count' },
        { key: 'implemented', label: '実施者数', format: 'count' },
        { key: 'rate', label: '実施率', format: 'rate' },
      ],
      rows: weakest.map((i) => [
        i.code,
        i.title,
        i.duty,
        i.implemented,
        fig(i.rate, 'rate', withQuery(sc.link, `item=${encodeURIComponent(i.itemId)}`)),
      ]),
    });
  }
  blocks.push(narrative('selfcheck.overall_comment', narratives));
  return { ...base, blocks };
}

/** 5.2 情報システムごとの状況 — 重点検査 (000 L1121-1269): grades A–D and items per round. */
function inspectionSection(figures: AnnualFigures, narratives: Narratives): Section {
  const ins = figures.inspections;
  const blocks: Block[] = [];
  if (!ins || ins.rounds.length === 0) blocks.push(notInUse('inspections', '重点検査'));
  for (const r of ins?.rounds ?? []) {
    blocks.push(
      {
        kind: 'table',
        id: `inspection_${r.roundId.slice(0, 8)}`,
        title: `${r.title}（評価別の対象数）`,
        columns: [
          { key: 'targets', label: '対象', format: 'count' },
          { key: 'submitted', label: '回答', format: 'count' },
          { key: 'A', label: 'A', format: 'count' },
          { key: 'B', label: 'B', format: 'count' },
          { key: 'C', label: 'C', format: 'count' },
          { key: 'D', label: 'D', format: 'count' },
        ],
        rows: [
          [
            fig(r.targets, 'count', r.link),
            fig(r.submitted, 'count', r.link),
            ...(['A', 'B', 'C', 'D'] as const).map((g) =>
              fig(r.grades[g], 'count', withQuery(r.link, `grade=${g}`)),
            ),
          ],
        ],
      },
      {
        kind: 'table',
        id: `inspection_items_${r.roundId.slice(0, 8)}`,
        title: `${r.title}（項目別）`,
        columns: [
          { key: 'code', label: '項目' },
          { key: 'title', label: '内容' },
          { key: 'applicable', label: '該当', format: 'count' },
          { key: 'met', label: '実施', format: 'count' },
          { key: 'rate', label: '実施率', format: 'rate' },
        ],
        rows: r.items.map((i) => [i.code, i.title, i.applicable, i.met, fig(i.rate, 'rate', r.link)]),
      },
    );
  }
  blocks.push(
    narrative('inspection.overall_comment', narratives),
    narrative('inspection.notable', narratives),
  );
  return { key: 'inspection', number: '5.2', title: '情報システムごとの状況（重点検査）', blocks };
}

/** 5.3 教育・啓発 (000 L1270-1367): training completion and drills with NISC's 開封率. */
function educationSection(figures: AnnualFigures): Section {
  const { training: tr, drills: dr } = figures;
  const blocks: Block[] = [];
  if (tr) {
    blocks.push({
      kind: 'table',
      id: 'training',
      title: '教育の受講状況',
      columns: [
        { key: 'course', label: '研修' },
        { key: 'assigned', label: '対象者数', format: 'count' },
        { key: 'completed', label: '修了者数', format: 'count' },
        { key: 'rate', label: '受講率', format: 'rate' },
      ],
      rows: [
        ...tr.courses.map((c) => [
          c.title,
          fig(c.assigned, 'count', c.link),
          fig(c.completed, 'count', c.link),
          fig(c.rate, 'rate', c.link),
        ]),
        ['合計', tr.overall.assigned, tr.overall.completed, { value: tr.overall.rate, format: 'rate' }],
      ],
    });
  } else blocks.push(notInUse('training', '教育（研修）'));
  if (dr?.drills.length) {
    blocks.push(
      {
        kind: 'table',
        id: 'drills',
        title: '標的型メール訓練',
        columns: [
          { key: 'drill', label: '訓練' },
          { key: 'sentAt', label: '実施日', format: 'date' },
          { key: 'delivered', label: '送信数', format: 'count' },
          { key: 'openRate', label: '開封率', format: 'rate' },
          { key: 'reportRate', label: '報告率', format: 'rate' },
          { key: 'displayRate', label: 'メール表示率（参考）', format: 'rate' },
        ],
        rows: dr.drills.map((d) => [
          d.title,
          d.sentAt?.slice(0, 10) ?? null,
          fig(d.delivered, 'count', d.link),
          fig(d.openRate, 'rate', d.link),
          fig(d.reportRate, 'rate', d.link),
          fig(d.displayRate, 'rate', d.link),
        ]),
        note: '開封率は NISC の定義（リンクへのアクセスまたは添付ファイルの開封 ÷ 送信数）。',
      },
      {
        kind: 'chart',
        id: 'drills_chart',
        title: '訓練別の開封率・報告率',
        type: 'bar',
        unit: 'rate',
        categories: dr.drills.map((d) => d.title),
        series: [
          { name: '開封率', values: dr.drills.map((d) => d.openRate) },
          { name: '報告率', values: dr.drills.map((d) => d.reportRate) },
        ],
      },
    );
  } else blocks.push(notInUse('drills', '標的型メール訓練'));
  return { key: 'education', number: '5.3', title: '教育・啓発', blocks };
}

/** 5.4 調達・外部委託 (000 L1368-1431). */
function vendorsSection(figures: AnnualFigures): Section {
  const v = figures.vendors;
  const blocks: Block[] = v
    ? [
        {
          kind: 'facts',
          items: [
            { label: '外部委託契約', value: fig(v.contracts, 'count', v.link), format: 'count' },
            { label: 'うち確認済み', value: fig(v.contractsChecked, 'count', v.link), format: 'count' },
            {
              label: '約款型クラウドサービス',
              value: fig(v.cloudServices, 'count', v.link),
              format: 'count',
            },
            { label: 'うち再確認済み', value: fig(v.cloudReconfirmed, 'count', v.link), format: 'count' },
            { label: 'SNS アカウント', value: fig(v.snsAccounts, 'count', v.link), format: 'count' },
          ],
        },
      ]
    : [notInUse('vendors', '外部委託・外部サービスの管理')];
  return { key: 'vendors', number: '5.4', title: '調達・外部委託', blocks };
}

/** 5.5 その他取り組んだ事項・技術的対策 (000 L1432-1498): advisories, findings, exceptions. */
function technicalSection(figures: AnnualFigures, narratives: Narratives): Section {
  const s = figures.systems;
  const blocks: Block[] = s
    ? [
        {
          kind: 'facts',
          items: [
            {
              label: '該当した脆弱性情報',
              value: fig(s.advisories.matched, 'count', '/systems/advisories'),
              format: 'count',
            },
            { label: 'うち対応済み', value: s.advisories.resolved, format: 'count' },
            {
              label: 'うち期限超過',
              value: fig(s.advisories.overdue, 'count', '/systems/advisories?overdue=true'),
              format: 'count',
            },
            {
              label: '診断の指摘（当該年度）',
              value: fig(s.findings.opened, 'count', '/systems/findings'),
              format: 'count',
            },
            { label: '未解決の指摘', value: s.findings.open, format: 'count' },
            { label: '弱い暗号の利用', value: s.weakCrypto, format: 'count' },
            {
              label: '例外措置（承認）',
              value: fig(s.exceptions.granted, 'count', '/exceptions'),
              format: 'count',
            },
            { label: '有効な例外措置', value: s.exceptions.active, format: 'count' },
          ],
        },
      ]
    : [notInUse('systems', '情報システムの技術的対策')];
  blocks.push(narrative('other', narratives));
  return { key: 'other', number: '5.5', title: 'その他取り組んだ事項', blocks };
}

/** 5.6 情報セキュリティインシデント (001 L4252-4282 item (4)): counts by type and the list. */
function incidentsSection(figures: AnnualFigures): Section {
  const inc = figures.incidents;
  const blocks: Block[] = inc
    ? [
        {
          kind: 'table',
          id: 'incidents_by_type',
          title: '種類別の件数',
          columns: [
            { key: 'type', label: '種類' },
            { key: 'count', label: '件数', format: 'count' },
          ],
          rows: inc.byType.map((t) => [t.label, fig(t.count, 'count', `/incidents?type=${t.type}`)]),
        },
        {
          kind: 'table',
          id: 'incidents',
          title: '発生したインシデント',
          columns: [
            { key: 'reference', label: '番号' },
            { key: 'occurredOn', label: '発生日', format: 'date' },
            { key: 'title', label: '概要' },
            { key: 'severity', label: '重大度' },
            { key: 'status', label: '状況' },
          ],
          rows: inc.list.map((i) => [
            fig(i.reference, 'text', i.link),
            i.occurredOn,
            i.title,
            i.severity,
            i.status,
          ]),
        },
      ]
    : [notInUse('incidents', 'インシデント管理')];
  return { key: 'incidents', number: '5.6', title: '情報セキュリティインシデント', blocks };
}
