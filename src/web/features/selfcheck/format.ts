import i18n from 'i18next';
import { formatPercent, percentValue } from '../../app/format.js';
import type { CampaignState, QuestionnaireSummary } from '../../app/types.js';

/**
 * A rate (0..1) as a percentage to 0.1 %, the precision of the reports (000 L1020-1095); "—" without a
 * denominator. In the UI language unless one is given (the one formatter: src/lib/percent.ts).
 */
export function pct(x: number | null | undefined, lang: string = i18n.language): string {
  return formatPercent(x, lang);
}

/** The rate as a number of percent for charts (null stays null, so no bar is drawn). */
export function pctValue(x: number | null | undefined): number | null {
  return percentValue(x);
}

/** A share of a whole, 0 when there is nothing to share. */
export function share(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

/** The metric groups in the order the reports list them (001 L2871-2879). */
export const METRIC_GROUPS = ['managers', 'system', 'staff'] as const;
export type MetricGroup = (typeof METRIC_GROUPS)[number];

export function isMetricGroup(g: string): g is MetricGroup {
  return (METRIC_GROUPS as readonly string[]).includes(g);
}

/** The three 実施率 definitions the engine computes (004 L722-742, 000 L1036); nisc is the official one. */
export const VARIANTS = ['nisc', 'pooled', 'meti_all_items'] as const;
export type Variant = (typeof VARIANTS)[number];

export const THRESHOLDS = ['100', '95', '90'] as const;

export const STATE_COLORS: Record<CampaignState, string> = {
  draft: 'gray',
  open: 'blue',
  closed: 'orange',
  published: 'green',
};

export const MEMBER_STATE_COLORS: Record<QuestionnaireSummary['state'], string> = {
  not_started: 'gray',
  draft: 'yellow',
  submitted: 'green',
};

/** Today in Japan (the agencies' calendar), as YYYY-MM-DD. */
export function todayInJapan(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo' }).format(now);
}

/** The fiscal year (April–March) of a day: 2027-03-31 → 2026, 2027-04-01 → 2027. */
export function fiscalYearOfDay(day: string): number {
  const [y, m] = day.split('-').map(Number) as [number, number];
  return m >= 4 ? y : y - 1;
}

/** Whether a questionnaire still waits for its holder: open, in scope and not submitted. */
export function isPendingForMe(q: QuestionnaireSummary): boolean {
  return q.campaignState === 'open' && q.inScope && q.state !== 'submitted';
}

/** A title in the UI language when the data has one. */
export function localTitle(x: { title: string; titleEn?: string | null | undefined }, lang: string): string {
  return lang === 'en' && x.titleEn ? x.titleEn : x.title;
}
