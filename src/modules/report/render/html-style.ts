// The HTML document's stylesheet, inline (the page is standalone: no fonts, scripts or images from
// elsewhere). Print: A4, each top-level section on a new page, table headers on every page.
export const REPORT_CSS = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 960px; padding: 24px; color: #1b1f24; background: #fff;
  font: 15px/1.7 "Hiragino Mincho ProN", "Yu Mincho", "Noto Serif CJK JP", serif; }
h1, h2, h3, h4, h5, h6, .toc, table, .status, .meta, figcaption, dl.facts {
  font-family: "Hiragino Sans", "Yu Gothic", Meiryo, "Noto Sans CJK JP", sans-serif; }
h1 { font-size: 28px; margin: 8px 0; }
h2 { font-size: 22px; border-bottom: 2px solid #1c6bb8; padding-bottom: 4px; margin-top: 40px; }
h3 { font-size: 18px; margin-top: 28px; }
h4, h5, h6 { font-size: 16px; margin-top: 20px; }
.num { margin-right: 0.6em; color: #1c6bb8; }
.cover { border-bottom: 1px solid #ccd2d8; padding-bottom: 16px; margin-bottom: 16px; }
.subtitle { font-size: 18px; margin: 0; }
.meta { color: #4a5560; margin: 4px 0; }
.status { display: inline-block; padding: 4px 12px; border-radius: 4px; font-weight: bold; border: 1px solid; }
.status-draft { background: #fff6d6; border-color: #c79a00; color: #6b5200; }
.status-pending_approval { background: #ffe8d6; border-color: #c76a00; color: #6b3800; }
.status-approved, .status-final { background: #e3f4e8; border-color: #2f8a4c; color: #1d5530; }
.toc ol { list-style: none; padding-left: 1.2em; margin: 0; }
.toc > ol { padding-left: 0; }
.toc a { color: inherit; text-decoration: none; }
.toc a:hover { text-decoration: underline; }
.para, .narr-text, .not-in-use p { white-space: pre-wrap; overflow-wrap: anywhere; }
.narrative { border-left: 4px solid #1c6bb8; padding: 4px 12px; margin: 16px 0; background: #f7f9fb; }
.narrative.empty .narr-text { color: #77818c; font-style: italic; }
.narr-title { margin: 4px 0; }
.narr-meta { color: #4a5560; font-size: 13px; margin: 4px 0; }
.not-in-use { border: 1px dashed #8a949e; background: #f4f5f7; padding: 8px 12px; margin: 16px 0; }
.not-in-use strong { display: block; }
figure { margin: 16px 0; }
figcaption { font-weight: bold; margin-bottom: 6px; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { border: 1px solid #b8c0c8; padding: 4px 8px; vertical-align: top; text-align: left; }
th { background: #eef2f6; }
td.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td a { color: #0b5394; }
.note { color: #4a5560; font-size: 13px; white-space: pre-wrap; }
.chart svg { max-width: 100%; height: auto; display: block; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; }
dl.facts dt { font-weight: bold; }
dl.facts dd { margin: 0; }
@page { size: A4; margin: 18mm 15mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  main > section { break-before: page; page-break-before: always; }
  .toc { break-after: page; }
  thead { display: table-header-group; }
  tr, figure.chart, .narrative, .not-in-use, dl.facts { break-inside: avoid; page-break-inside: avoid; }
  h2, h3, h4, figcaption { break-after: avoid; page-break-after: avoid; }
  td a { color: inherit; text-decoration: none; }
}
`;
