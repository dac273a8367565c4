import { fiscalYearLabel } from './build-labels.js';
import { fig, type Narratives, narrative, notInUse } from './build-parts.js';
import { resultsSection } from './build-results.js';
import type { Block, ReportDoc, Section } from './doc-model.js';
import type { AnnualFigures } from './figures-model.js';
import type { ReportFacts, ReportState } from './schema.js';

// The agency's annual report as a ReportDoc, in the order of the sources (000 L60-1498; 003 L72-1385
// follows the same outline). Pure: figures, facts and narratives in, a document out.

export interface AnnualInput {
  tenant: { code: string; nameJa: string };
  fiscalYear: number;
  figures: AnnualFigures;
  facts: ReportFacts;
  narratives: Narratives;
  state: ReportState;
  generatedAt: string;
  approvedBy?: string | null;
  approvedAt?: string | null;
  baseUrl?: string | null;
}

export function buildAnnualReport(input: AnnualInput): ReportDoc {
  const { figures, narratives } = input;
  return {
    kind: 'annual',
    title: `${fiscalYearLabel(input.fiscalYear)} 情報セキュリティ報告書`,
    subtitle: input.tenant.nameJa,
    tenantCode: input.tenant.code,
    tenantName: input.tenant.nameJa,
    fiscalYear: input.fiscalYear,
    locale: 'ja',
    status: input.state,
    generatedAt: input.generatedAt,
    approvedBy: input.approvedBy ?? null,
    approvedAt: input.approvedAt ?? null,
    baseUrl: input.baseUrl ?? null,
    sections: [
      // 1 総括: 評価 and 次年度の目標 (000 L60-226)
      {
        key: 'summary',
        number: '1',
        title: `${fiscalYearLabel(input.fiscalYear)}の総括`,
        blocks: [narrative('summary.evaluation', narratives), narrative('summary.goals', narratives)],
      },
      basicsSection(input),
      frameworkSection(figures, narratives),
      // 4 当該年度の重点事項 (000 L883-997)
      {
        key: 'priorities',
        number: '4',
        title: '当該年度の重点事項',
        blocks: [narrative('priorities', narratives)],
      },
      resultsSection(figures, narratives),
    ],
  };
}

/** 2 報告の基本情報 (000 L227-326): 概要, 期間, 組織, 責任部署, 定員数, 予算. */
function basicsSection(input: AnnualInput): Section {
  const { facts, figures, fiscalYear } = input;
  return {
    key: 'basics',
    number: '2',
    title: '報告の基本情報',
    blocks: [
      {
        kind: 'facts',
        items: [
          { label: '組織の名称', value: input.tenant.nameJa, format: 'text' },
          // (2) 対象とする期間 (000 L283-290): the fiscal year, April to March
          {
            label: '対象とする期間',
            value: `${fiscalYear}年4月1日 〜 ${fiscalYear + 1}年3月31日`,
            format: 'text',
          },
          // (3) 対象とする組織 (000 L291-309): the units and people Mamoru knows
          {
            label: '対象とする組織（組織数）',
            value: fig(figures.org.units, 'count', '/org'),
            format: 'count',
          },
          { label: '職員数', value: fig(figures.org.people, 'count', '/org/people'), format: 'count' },
          // (5)(6)(7) entered by the office (000 L310-326)
          { label: '本報告書の責任部署', value: facts.responsibleDivision || null, format: 'text' },
          { label: '定員数', value: facts.staffQuota, format: 'count' },
          { label: '情報システム予算額（円）', value: facts.itBudgetYen, format: 'yen' },
          { label: '情報セキュリティ対策予算額（円）', value: facts.securityBudgetYen, format: 'yen' },
        ],
      },
      ...(facts.notes ? [{ kind: 'paragraph', text: facts.notes } as Block] : []),
    ],
  };
}

/** 3 情報セキュリティ対策の枠組み (000 L327-882). */
function frameworkSection(figures: AnnualFigures, narratives: Narratives): Section {
  const { classification: cls, selfcheck: sc, audits, systems, org } = figures;
  const documents: Block[] = [];
  // (1) 文書体系 (000 L329-374): the policies in force
  if (cls?.policy) {
    documents.push({
      kind: 'facts',
      items: [
        { label: '格付ポリシー', value: fig(cls.policy.name, 'text', cls.link), format: 'text' },
        { label: '基にした基準', value: cls.policy.basedOn, format: 'text' },
        { label: '施行日', value: cls.policy.inForceSince, format: 'date' },
        { label: '格付台帳の登録件数', value: fig(cls.registerEntries, 'count', cls.link), format: 'count' },
      ],
    });
  } else documents.push(notInUse('classification', '情報の格付'));
  if (sc) {
    documents.push({
      kind: 'facts',
      items: [{ label: '自己点検', value: fig(sc.title, 'text', sc.link), format: 'text' }],
    });
  }
  // (2) 推進体制 (000 L375-431): the holders of each security role
  const roles: Block = {
    kind: 'table',
    id: 'roles',
    title: '情報セキュリティ対策の推進体制',
    columns: [
      { key: 'role', label: '役割' },
      { key: 'holders', label: '人数', format: 'count' },
      { key: 'names', label: '担当者' },
    ],
    rows: org.roles.map((r) => [
      r.name,
      fig(r.holders, 'count', `/org/roles?role=${r.key}`),
      r.names.join('、'),
    ]),
  };
  // (3) 監査 (000 L432-562)
  const audit: Block[] = audits
    ? [
        {
          kind: 'facts',
          items: [
            {
              label: '監査計画',
              value: audits.plan ? fig(audits.plan.title, 'text', audits.plan.link) : '—',
              format: 'text',
            },
            { label: '計画の承認日', value: audits.plan?.approvedAt ?? null, format: 'date' },
            { label: '指摘事項（件）', value: audits.findings.total, format: 'count' },
            { label: 'うち未完了', value: audits.findings.open, format: 'count' },
            { label: 'うち完了', value: audits.findings.closed, format: 'count' },
          ],
        },
        {
          kind: 'table',
          id: 'audit_engagements',
          title: '当該年度に実施した監査',
          columns: [
            { key: 'title', label: '監査' },
            { key: 'scope', label: '対象・内容' },
            { key: 'state', label: '状況' },
          ],
          rows: audits.engagements.map((e) => [fig(e.title, 'text', e.link), e.scope, e.state]),
        },
      ]
    : [notInUse('secaudit', '情報セキュリティ監査')];
  // (5) 統一基準群との差異 (000 L574-812): the self-check policy's and the classification policy's
  const differences: Block[] = [];
  if (sc) {
    differences.push({
      kind: 'table',
      id: 'differences_selfcheck',
      title: '統一基準群と当省ポリシーの差異（遵守事項）',
      columns: [
        { key: 'code', label: '項番' },
        { key: 'title', label: '遵守事項' },
        { key: 'change', label: '差異' },
        { key: 'reason', label: '理由' },
      ],
      rows: sc.differences.map((d) => [d.code, d.title, d.change, d.reason]),
    });
  }
  if (cls) {
    differences.push({
      kind: 'table',
      id: 'differences_classification',
      title: '統一基準群と当省ポリシーの差異（格付と取扱制限）',
      columns: [
        { key: 'subject', label: '対象' },
        { key: 'change', label: '差異' },
        { key: 'reason', label: '理由' },
      ],
      rows: cls.differences.map((d) => [d.subject, d.change, d.reason]),
    });
  }
  if (!differences.length) differences.push(notInUse('selfcheck', '自己点検ポリシー・格付ポリシー'));
  // (7) 情報システム台帳 (000 L829-869)
  const ledger: Block[] = systems
    ? [
        {
          kind: 'facts',
          items: [
            { label: '情報システム数', value: fig(systems.systems, 'count', systems.link), format: 'count' },
            { label: 'ホスト数', value: fig(systems.hosts, 'count', systems.link), format: 'count' },
            {
              label: '当該年度に見直し済み',
              value: fig(systems.reviewed, 'count', systems.link),
              format: 'count',
            },
            { label: 'サポート終了の構成要素', value: systems.endOfSupport, format: 'count' },
          ],
        },
      ]
    : [notInUse('systems', '情報システム台帳')];
  return {
    key: 'framework',
    number: '3',
    title: '情報セキュリティ対策の枠組み',
    blocks: [],
    children: [
      {
        key: 'framework.documents',
        number: '3 (1)',
        title: '情報セキュリティ対策に関する文書体系',
        blocks: documents,
      },
      {
        key: 'framework.organisation',
        number: '3 (2)',
        title: '情報セキュリティ対策の推進体制',
        blocks: [roles],
      },
      { key: 'framework.audit', number: '3 (3)', title: '情報セキュリティ監査等', blocks: audit },
      {
        key: 'framework.budget',
        number: '3 (4)',
        title: '情報セキュリティ対策の予算額',
        blocks: [{ kind: 'paragraph', text: '「2 報告の基本情報」の予算額を参照。' }],
      },
      {
        key: 'framework.differences',
        number: '3 (5)',
        title: '政府機関統一基準群と当省情報セキュリティポリシーの差異',
        blocks: differences,
      },
      { key: 'framework.ledger', number: '3 (7)', title: '情報システム管理台帳の整備と活用', blocks: ledger },
      {
        key: 'framework.bcp',
        number: '3 (9)',
        title: '業務継続計画の策定',
        blocks: [narrative('framework.bcp', narratives)],
      },
    ],
  };
}
