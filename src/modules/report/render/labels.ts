// The fixed words of a rendered document, in the document's locale (the server renders without
// i18next; the web app's own labels live in src/web/i18n).
import type { ReportDoc } from '../doc-model.js';

type Locale = ReportDoc['locale'];

const WORDS = {
  contents: { ja: '目次', en: 'Contents' },
  fiscalYear: { ja: (fy: number) => `${fy}年度`, en: (fy: number) => `FY${fy}` },
  generatedAt: { ja: '作成日', en: 'Generated' },
  approvedBy: { ja: '承認者', en: 'Approved by' },
  approvedOn: { ja: '承認日', en: 'Approved on' },
  notWritten: { ja: '（未記入）', en: '(not written yet)' },
  notInUse: {
    ja: 'この機能は本年度利用されていません',
    en: 'This capability is not in use this fiscal year',
  },
  version: { ja: '版', en: 'Version' },
  author: { ja: '記入者', en: 'Author' },
  updatedAt: { ja: '更新日', en: 'Updated' },
  table: { ja: '表', en: 'Table' },
  sheet: { ja: 'シート', en: 'Sheet' },
  section: { ja: '節', en: 'Section' },
  note: { ja: '注', en: 'Note' },
} as const;

const STATUS: Record<string, { ja: string; en: string }> = {
  draft: { ja: '下書き', en: 'Draft' },
  pending_approval: { ja: '承認待ち', en: 'Pending approval' },
  approved: { ja: '承認済み', en: 'Approved' },
  final: { ja: '確定', en: 'Final' },
};

type Plain = {
  [K in keyof typeof WORDS]: (typeof WORDS)[K]['ja'] extends string ? K : never;
}[keyof typeof WORDS];

export function word(key: Plain, locale: Locale): string {
  return WORDS[key][locale] as string;
}

export function fiscalYearLabel(fiscalYear: number, locale: Locale): string {
  return WORDS.fiscalYear[locale](fiscalYear);
}

/** 下書き / 承認待ち / 承認済み …; an unknown status is shown as it is. */
export function statusLabel(status: string, locale: Locale): string {
  return STATUS[status]?.[locale] ?? status;
}
