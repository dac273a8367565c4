import { STATEMENT_ITEMS } from './figures-model.js';

// The narrative blocks of the annual report: text people write, kept with every version.
// 評価・目標 (000 L60-118), 重点事項 (000 L1000-1001 area: 当該年度の重点事項), 総評 of the self-check and
// the focused inspection, 特筆すべき事項 (000 L1240-1247), 業務継続計画 (000 L853-870), その他 (000 L1432-1498),
// and the five items of the statement to the central body (001 L4252-4282).

export interface NarrativeDef {
  key: string;
  ja: string;
  en: string;
}

export const NARRATIVE_BLOCKS: readonly NarrativeDef[] = [
  { key: 'summary.evaluation', ja: '評価', en: 'Evaluation' },
  { key: 'summary.goals', ja: '次年度の目標', en: 'Goals for next year' },
  { key: 'priorities', ja: '当該年度の重点事項', en: 'Priorities of the year' },
  { key: 'selfcheck.overall_comment', ja: '自己点検の総評', en: 'Self-check: overall comment' },
  { key: 'inspection.overall_comment', ja: '重点検査の総評', en: 'Focused inspection: overall comment' },
  { key: 'inspection.notable', ja: '特筆すべき事項', en: 'Notable matters' },
  { key: 'framework.bcp', ja: '業務継続計画', en: 'Business continuity plan' },
  { key: 'other', ja: 'その他取り組んだ事項', en: 'Other measures taken' },
  ...STATEMENT_ITEMS.map((i) => ({ key: i.key, ja: i.ja, en: i.en })),
];

export const NARRATIVE_KEYS = NARRATIVE_BLOCKS.map((b) => b.key);

export function isNarrativeKey(key: string): boolean {
  return NARRATIVE_KEYS.includes(key);
}

export const NARRATIVE_MAX = 20_000;
