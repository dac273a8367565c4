// The shape of a generated document (the agency's annual report, the central body's national report):
// sections of blocks, independent of the output format. Builders make one of these from figures; the
// renderers (HTML, .docx, .xlsx, PDF) turn it into files. Nothing here does I/O.

/** How a number is shown: rates are fractions 0..1 (lib/percent formats them), counts are integers. */
export type FigureFormat = 'rate' | 'count' | 'yen' | 'text' | 'date';

/**
 * One table cell. A figure carries a link to the page and filter of the web app that produced it
 * (a path below the app's root, e.g. `/selfcheck/campaigns/<id>/results?group=staff`), so every number in
 * the HTML can be followed to its source. Text is plain: renderers escape it.
 */
export type Cell =
  | string
  | number
  | null
  | { value: number | string | null; format?: FigureFormat; link?: string; note?: string };

export interface Column {
  key: string;
  label: string;
  /** How the column's plain numbers are shown; cells may override with their own format. */
  format?: FigureFormat;
}

export type Block =
  /** Plain text; line breaks are kept; never interpreted as markup in any output. */
  | { kind: 'paragraph'; text: string }
  /**
   * A narrative block written by people (評価, 目標, 特筆すべき事項 …): plain text with line breaks,
   * its version and author; empty text renders as "not written yet".
   */
  | {
      kind: 'narrative';
      key: string;
      title?: string;
      text: string;
      version: number | null;
      author?: string | null;
      updatedAt?: string | null;
    }
  /** `id` names the .xlsx sheet (≤ 31 characters, unique in the document). */
  | { kind: 'table'; id: string; title: string; columns: Column[]; rows: Cell[][]; note?: string }
  | {
      kind: 'chart';
      id: string;
      title: string;
      type: 'bar' | 'line';
      /** What the values are: fractions (shown as %) or counts. */
      unit: 'rate' | 'count';
      categories: string[];
      series: { name: string; values: (number | null)[] }[];
    }
  /**
   * The capability behind this section is not in use for this fiscal year: the section says so
   * instead of printing zeros.
   */
  | { kind: 'not_in_use'; capability: string; text: string }
  /** A definition list of label → value (basic facts). */
  | { kind: 'facts'; items: { label: string; value: Cell; format?: FigureFormat }[] };

export interface Section {
  /** Stable key ('summary', 'basics', 'framework.audit', 'selfcheck' …), used for anchors and tests. */
  key: string;
  /** The number as the sources print it ('1', '3 (5)', '5.1'). */
  number: string;
  title: string;
  blocks: Block[];
  children?: Section[];
}

export interface ReportDoc {
  /** 'annual' for an agency's report, 'national' for the central body's. */
  kind: 'annual' | 'national';
  title: string;
  subtitle?: string;
  /** Who the document is of: the agency, or the central body for the national report. */
  tenantCode: string;
  tenantName: string;
  fiscalYear: number;
  locale: 'ja' | 'en';
  /** draft | pending_approval | approved (annual); final (national). Shown on every output. */
  status: string;
  /** ISO timestamp of generation (or of the approved snapshot). */
  generatedAt: string;
  approvedBy?: string | null;
  approvedAt?: string | null;
  /** Absolute base URL for the links of figures (PUBLIC_URL); relative links when absent. */
  baseUrl?: string | null;
  sections: Section[];
}

/** Every section in document order, depth first. */
export function flattenSections(sections: readonly Section[]): Section[] {
  return sections.flatMap((s) => [s, ...flattenSections(s.children ?? [])]);
}

/** Every block of a kind, in document order. */
export function blocksOf<K extends Block['kind']>(
  doc: Pick<ReportDoc, 'sections'>,
  kind: K,
): Extract<Block, { kind: K }>[] {
  return flattenSections(doc.sections).flatMap((s) =>
    s.blocks.filter((b): b is Extract<Block, { kind: K }> => b.kind === kind),
  );
}
