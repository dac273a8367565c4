// The document as a Word file agencies can edit further: a title page, a table of contents, numbered
// headings as Heading 1–3 (Word's navigation pane and TOC use them), narratives and paragraphs with
// their line breaks, tables whose header row repeats on every page, charts as SVG with a PNG fallback.
import {
  AlignmentType,
  Document,
  ExternalHyperlink,
  Footer,
  Header,
  HeadingLevel,
  ImageRun,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableOfContents,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { type Block, blocksOf, type ReportDoc, type Section } from '../doc-model.js';
import { cellText, formatDay, linkHref, resolveCell } from './cells.js';
import { CHART_HEIGHT, CHART_WIDTH, type ChartBlock, chartPng, chartSvg } from './charts.js';
import { fiscalYearLabel, statusLabel, word } from './labels.js';

type Locale = ReportDoc['locale'];
type Child = Paragraph | Table;

// Mincho for the body and Gothic for headings, as Japanese government documents are set.
const BODY_FONT = { ascii: 'Century', hAnsi: 'Century', eastAsia: 'Yu Mincho', cs: 'Century' };
const HEADING_FONT = { ascii: 'Yu Gothic', hAnsi: 'Yu Gothic', eastAsia: 'Yu Gothic', cs: 'Yu Gothic' };
const HEADINGS = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3] as const;
const IMAGE_WIDTH = 600; // px at 96 dpi: the A4 text width with 20 mm margins

/** Text as runs, one per line, each line after the first starting with a break: the text stays exact. */
export function textRuns(
  text: string,
  style: { bold?: boolean; italics?: boolean; size?: number; color?: string } = {},
) {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line, i) => new TextRun({ text: line, break: i > 0 ? 1 : undefined, ...style }));
}

const caption = (text: string) =>
  new Paragraph({ keepNext: true, spacing: { before: 200 }, children: textRuns(text, { bold: true }) });

function cellParagraph(text: string, href: string | null, numeric: boolean, bold = false): Paragraph {
  const runs = textRuns(text, { bold, size: 18 });
  // Word needs an absolute address; a document without PUBLIC_URL keeps the figure as plain text.
  const children =
    href && /^https?:\/\//i.test(href)
      ? [new ExternalHyperlink({ link: href, children: textRuns(text, { size: 18, color: '0B5394' }) })]
      : runs;
  return new Paragraph({ alignment: numeric ? AlignmentType.RIGHT : AlignmentType.LEFT, children });
}

function table(b: Extract<Block, { kind: 'table' }>, doc: ReportDoc): Child[] {
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: b.columns.map(
      (c) =>
        new TableCell({
          shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'EEF2F6' },
          children: [cellParagraph(c.label, null, false, true)],
        }),
    ),
  });
  const rows = b.rows.map(
    (row) =>
      new TableRow({
        cantSplit: true,
        children: b.columns.map((col, i) => {
          const cell = row[i] ?? null;
          const r = resolveCell(cell, col.format);
          const text = cellText(cell, doc.locale, col.format);
          return new TableCell({
            children: [cellParagraph(text, linkHref(r.link, doc.baseUrl), typeof r.value === 'number')],
          });
        }),
      }),
  );
  const out: Child[] = [
    caption(b.title),
    new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: [header, ...rows] }),
  ];
  if (b.note) out.push(new Paragraph({ children: textRuns(b.note, { size: 18, color: '4A5560' }) }));
  return out;
}

function narrative(b: Extract<Block, { kind: 'narrative' }>, l: Locale): Child[] {
  const out: Child[] = [];
  if (b.title) out.push(caption(b.title));
  const empty = b.text.trim() === '';
  out.push(
    new Paragraph({
      children: empty
        ? textRuns(word('notWritten', l), { italics: true, color: '77818C' })
        : textRuns(b.text),
    }),
  );
  const meta = [
    b.version !== null ? `${word('version', l)} ${b.version}` : '',
    b.author ? `${word('author', l)}: ${b.author}` : '',
    b.updatedAt ? `${word('updatedAt', l)}: ${formatDay(b.updatedAt, l)}` : '',
  ].filter(Boolean);
  if (meta.length)
    out.push(new Paragraph({ children: textRuns(meta.join(' / '), { size: 16, color: '4A5560' }) }));
  return out;
}

function chart(b: ChartBlock, svg: string, png: Buffer): Child[] {
  const height = Math.round((IMAGE_WIDTH * CHART_HEIGHT) / CHART_WIDTH);
  return [
    caption(b.title),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      children: [
        new ImageRun({
          type: 'svg',
          data: Buffer.from(svg, 'utf8'),
          fallback: { type: 'png', data: png },
          transformation: { width: IMAGE_WIDTH, height },
          altText: { name: b.id, title: b.title, description: b.title },
        }),
      ],
    }),
  ];
}

function block(b: Block, doc: ReportDoc, images: Map<ChartBlock, { svg: string; png: Buffer }>): Child[] {
  const l = doc.locale;
  switch (b.kind) {
    case 'paragraph':
      return [new Paragraph({ children: textRuns(b.text) })];
    case 'narrative':
      return narrative(b, l);
    case 'table':
      return table(b, doc);
    case 'chart': {
      const image = images.get(b);
      return image ? chart(b, image.svg, image.png) : [];
    }
    case 'not_in_use':
      return [
        new Paragraph({
          shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'F4F5F7' },
          border: {
            top: { style: 'dashed', size: 6, color: '8A949E', space: 4 },
            bottom: { style: 'dashed', size: 6, color: '8A949E', space: 4 },
            left: { style: 'dashed', size: 6, color: '8A949E', space: 4 },
            right: { style: 'dashed', size: 6, color: '8A949E', space: 4 },
          },
          children: [...textRuns(word('notInUse', l), { bold: true }), ...textRuns(`\n${b.text}`)],
        }),
      ];
    case 'facts':
      return [
        new Table({
          width: { size: 100, type: WidthType.PERCENTAGE },
          rows: b.items.map(
            (i) =>
              new TableRow({
                cantSplit: true,
                children: [
                  new TableCell({
                    width: { size: 40, type: WidthType.PERCENTAGE },
                    children: [cellParagraph(i.label, null, false, true)],
                  }),
                  new TableCell({ children: [cellParagraph(cellText(i.value, l, i.format), null, false)] }),
                ],
              }),
          ),
        }),
      ];
  }
}

function section(
  s: Section,
  doc: ReportDoc,
  depth: number,
  images: Map<ChartBlock, { svg: string; png: Buffer }>,
): Child[] {
  return [
    new Paragraph({
      heading: HEADINGS[Math.min(depth, HEADINGS.length) - 1],
      pageBreakBefore: depth === 1,
      keepNext: true,
      children: [new TextRun(`${s.number}　${s.title}`)],
    }),
    ...s.blocks.flatMap((b) => block(b, doc, images)),
    ...(s.children ?? []).flatMap((c) => section(c, doc, depth + 1, images)),
  ];
}

function titlePage(doc: ReportDoc): Paragraph[] {
  const l = doc.locale;
  const centred = (text: string, size: number, bold = false, before = 0) =>
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before },
      children: textRuns(text, { size, bold }),
    });
  const status = [statusLabel(doc.status, l)];
  if (doc.approvedBy) status.push(`${word('approvedBy', l)}: ${doc.approvedBy}`);
  if (doc.approvedAt) status.push(`${word('approvedOn', l)}: ${formatDay(doc.approvedAt, l)}`);
  return [
    centred(fiscalYearLabel(doc.fiscalYear, l), 28, false, 2400),
    new Paragraph({
      heading: HeadingLevel.TITLE,
      alignment: AlignmentType.CENTER,
      children: textRuns(doc.title),
    }),
    ...(doc.subtitle ? [centred(doc.subtitle, 28)] : []),
    centred(doc.tenantName, 32, true, 1200),
    centred(status.join(' / '), 24, true, 600),
    centred(`${word('generatedAt', l)}: ${formatDay(doc.generatedAt, l)}`, 20, false, 200),
  ];
}

async function drawCharts(doc: ReportDoc): Promise<Map<ChartBlock, { svg: string; png: Buffer }>> {
  const drawn = await Promise.all(
    blocksOf(doc, 'chart').map(async (c) => {
      const svg = chartSvg(c, doc.locale);
      return [c, { svg, png: await chartPng(svg) }] as const;
    }),
  );
  return new Map(drawn);
}

/** A Word document agencies can edit further: headings, tables, narratives, charts as images. */
export async function renderDocxFile(doc: ReportDoc): Promise<Buffer> {
  const l = doc.locale;
  const images = await drawCharts(doc);
  const status = statusLabel(doc.status, l);
  const document = new Document({
    creator: doc.tenantName,
    title: doc.title,
    description: `${doc.tenantName} ${fiscalYearLabel(doc.fiscalYear, l)}`,
    features: { updateFields: true },
    styles: {
      default: {
        document: {
          run: {
            font: BODY_FONT,
            size: 21,
            language: { value: l === 'en' ? 'en-GB' : 'ja-JP', eastAsia: 'ja-JP' },
          },
        },
        title: { run: { font: HEADING_FONT, size: 44, bold: true } },
        heading1: {
          run: { font: HEADING_FONT, size: 32, bold: true, color: '1B1F24' },
          paragraph: { spacing: { before: 240, after: 120 } },
        },
        heading2: {
          run: { font: HEADING_FONT, size: 26, bold: true, color: '1B1F24' },
          paragraph: { spacing: { before: 240, after: 120 } },
        },
        heading3: {
          run: { font: HEADING_FONT, size: 22, bold: true, color: '1B1F24' },
          paragraph: { spacing: { before: 200, after: 80 } },
        },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: 11906, height: 16838 }, // A4 in twips
            margin: { top: 1134, bottom: 1134, left: 1134, right: 1134 },
          },
        },
        headers: {
          default: new Header({
            children: [
              new Paragraph({
                alignment: AlignmentType.RIGHT,
                children: textRuns(`${doc.tenantName}　${doc.title}　[${status}]`, {
                  size: 16,
                  color: '4A5560',
                }),
              }),
            ],
          }),
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ children: [PageNumber.CURRENT], size: 18 })],
              }),
            ],
          }),
        },
        children: [
          ...titlePage(doc),
          new Paragraph({
            pageBreakBefore: true,
            heading: HeadingLevel.TITLE,
            children: textRuns(word('contents', l)),
          }),
          new TableOfContents(word('contents', l), { hyperlink: true, headingStyleRange: '1-3' }),
          ...doc.sections.flatMap((s) => section(s, doc, 1, images)),
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}
