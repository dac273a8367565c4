// The document as one standalone HTML page: cover with the status banner, table of contents,
// numbered sections, tables whose figures link to their source, charts as inline SVG. Every text
// goes through escapeHtml (lib/html); the only markup not written here is ECharts' SVG, whose
// texts ECharts escapes itself.
import { escapeHtml as esc } from '../../../lib/html.js';
import type { Block, ReportDoc, Section } from '../doc-model.js';
import { cellText, formatDay, linkHref, resolveCell } from './cells.js';
import { chartSvg } from './charts.js';
import { REPORT_CSS } from './html-style.js';
import { fiscalYearLabel, statusLabel, word } from './labels.js';

type Locale = ReportDoc['locale'];

/** The anchor of a section: its key, with anything but [A-Za-z0-9_.-] replaced. */
export const sectionAnchor = (key: string) => `sec-${key.replace(/[^A-Za-z0-9_.-]/g, '_')}`;

function statusBanner(doc: ReportDoc): string {
  const l = doc.locale;
  const parts = [esc(statusLabel(doc.status, l))];
  if (doc.approvedBy) parts.push(`${esc(word('approvedBy', l))}: ${esc(doc.approvedBy)}`);
  if (doc.approvedAt) parts.push(`${esc(word('approvedOn', l))}: ${esc(formatDay(doc.approvedAt, l))}`);
  const cls = `status status-${doc.status.replace(/[^a-z_]/g, '')}`;
  return `<p class="${cls}" role="status" data-status="${esc(doc.status)}">${parts.join(' / ')}</p>`;
}

function cover(doc: ReportDoc): string {
  const l = doc.locale;
  return [
    '<header class="cover">',
    statusBanner(doc),
    `<h1>${esc(doc.title)}</h1>`,
    doc.subtitle ? `<p class="subtitle">${esc(doc.subtitle)}</p>` : '',
    `<p class="meta">${esc(doc.tenantName)} / ${esc(fiscalYearLabel(doc.fiscalYear, l))}</p>`,
    `<p class="meta">${esc(word('generatedAt', l))}: ${esc(formatDay(doc.generatedAt, l))}</p>`,
    '</header>',
  ].join('\n');
}

function tocList(sections: readonly Section[]): string {
  if (!sections.length) return '';
  const items = sections.map(
    (s) =>
      `<li><a href="#${sectionAnchor(s.key)}"><span class="num">${esc(s.number)}</span>${esc(s.title)}</a>${tocList(s.children ?? [])}</li>`,
  );
  return `<ol>${items.join('')}</ol>`;
}

function table(b: Extract<Block, { kind: 'table' }>, doc: ReportDoc): string {
  const head = b.columns.map((c) => `<th scope="col">${esc(c.label)}</th>`).join('');
  const body = b.rows
    .map((row) => {
      const cells = b.columns.map((col, i) => {
        const cell = row[i] ?? null;
        const r = resolveCell(cell, col.format);
        const text = esc(cellText(cell, doc.locale, col.format));
        const href = linkHref(r.link, doc.baseUrl);
        const content = href ? `<a href="${esc(href)}">${text}</a>` : text;
        const cls = typeof r.value === 'number' ? ' class="n"' : '';
        const title = r.note ? ` title="${esc(r.note)}"` : '';
        return `<td${cls}${title}>${content}</td>`;
      });
      return `<tr>${cells.join('')}</tr>`;
    })
    .join('\n');
  return [
    `<figure class="table" id="tbl-${esc(b.id)}">`,
    `<figcaption>${esc(b.title)}</figcaption>`,
    `<table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`,
    b.note ? `<p class="note">${esc(b.note)}</p>` : '',
    '</figure>',
  ].join('\n');
}

function narrative(b: Extract<Block, { kind: 'narrative' }>, l: Locale): string {
  const empty = b.text.trim() === '';
  const meta = [
    b.version !== null ? `${esc(word('version', l))} ${b.version}` : '',
    b.author ? `${esc(word('author', l))}: ${esc(b.author)}` : '',
    b.updatedAt ? `${esc(word('updatedAt', l))}: ${esc(formatDay(b.updatedAt, l))}` : '',
  ].filter(Boolean);
  return [
    `<div class="narrative${empty ? ' empty' : ''}" data-key="${esc(b.key)}">`,
    b.title ? `<p class="narr-title"><strong>${esc(b.title)}</strong></p>` : '',
    `<div class="narr-text">${esc(empty ? word('notWritten', l) : b.text)}</div>`,
    meta.length ? `<p class="narr-meta">${meta.join(' / ')}</p>` : '',
    '</div>',
  ].join('\n');
}

function block(b: Block, doc: ReportDoc): string {
  const l = doc.locale;
  switch (b.kind) {
    case 'paragraph':
      return `<p class="para">${esc(b.text)}</p>`;
    case 'narrative':
      return narrative(b, l);
    case 'table':
      return table(b, doc);
    case 'chart':
      return `<figure class="chart" id="chart-${esc(b.id)}"><figcaption>${esc(b.title)}</figcaption>\n${chartSvg(b, l)}\n</figure>`;
    case 'not_in_use':
      return `<div class="not-in-use" role="note" data-capability="${esc(b.capability)}"><strong>${esc(word('notInUse', l))}</strong><p>${esc(b.text)}</p></div>`;
    case 'facts': {
      const items = b.items.map(
        (i) => `<dt>${esc(i.label)}</dt><dd>${esc(cellText(i.value, l, i.format))}</dd>`,
      );
      return `<dl class="facts">${items.join('')}</dl>`;
    }
  }
}

function section(s: Section, doc: ReportDoc, depth: number): string {
  const h = `h${Math.min(6, depth + 1)}`;
  return [
    `<section id="${sectionAnchor(s.key)}" data-key="${esc(s.key)}">`,
    `<${h}><span class="num">${esc(s.number)}</span>${esc(s.title)}</${h}>`,
    ...s.blocks.map((b) => block(b, doc)),
    ...(s.children ?? []).map((c) => section(c, doc, depth + 1)),
    '</section>',
  ].join('\n');
}

/** A complete HTML page (print CSS inline), every text escaped, figures linked to their source. */
export function renderHtmlPage(doc: ReportDoc): string {
  const l = doc.locale;
  return [
    '<!DOCTYPE html>',
    `<html lang="${l === 'en' ? 'en' : 'ja'}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(`${doc.title} — ${doc.tenantName} ${fiscalYearLabel(doc.fiscalYear, l)}`)}</title>`,
    `<style>${REPORT_CSS}</style>`,
    '</head>',
    '<body>',
    cover(doc),
    `<nav class="toc" aria-label="${esc(word('contents', l))}"><h2>${esc(word('contents', l))}</h2>${tocList(doc.sections)}</nav>`,
    '<main>',
    ...doc.sections.map((s) => section(s, doc, 1)),
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
