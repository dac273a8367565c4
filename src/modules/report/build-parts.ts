import type { Block, Cell, FigureFormat } from './doc-model.js';
import { NARRATIVE_BLOCKS } from './narratives.js';

// Small helpers shared by the annual report's section builders.

export interface NarrativeVersion {
  text: string;
  version: number;
  author: string | null;
  createdAt: string;
}

export type Narratives = Record<string, NarrativeVersion | undefined>;

/** A figure cell: the value, how it is shown, and the page that produced it. */
export function fig(value: number | string | null, format: FigureFormat, link: string): Cell {
  return { value, format, link };
}

export function narrative(key: string, narratives: Narratives): Block {
  const def = NARRATIVE_BLOCKS.find((b) => b.key === key);
  const n = narratives[key];
  return {
    kind: 'narrative',
    key,
    title: def?.ja,
    text: n?.text ?? '',
    version: n?.version ?? null,
    author: n?.author ?? null,
    updatedAt: n?.createdAt ?? null,
  };
}

/** A section whose capability was not used this fiscal year says so instead of printing zeros. */
export function notInUse(capability: string, what: string): Block {
  return {
    kind: 'not_in_use',
    capability,
    text: `当該年度は${what}の機能を利用していないため、掲載する数値はありません。`,
  };
}

export const GROUP_LABELS: Record<string, string> = {
  managers: '管理者',
  system: '情報システム担当者',
  staff: '行政事務従事者',
};

export const groupLabel = (g: string) => GROUP_LABELS[g] ?? g;

/** Groups in the order the national report prints them (001 L2772-2802), unknown ones last. */
export function orderedGroups(groups: Record<string, unknown>): string[] {
  const known = Object.keys(GROUP_LABELS).filter((g) => g in groups);
  return [...known, ...Object.keys(groups).filter((g) => !(g in GROUP_LABELS))];
}

/** Appends a filter to a figure's link. */
export function withQuery(link: string, query: string): string {
  return `${link}${link.includes('?') ? '&' : '?'}${query}`;
}
