import { escapeHtml as esc, renderMarkdown } from '../../lib/html.js';
import type { CourseDetailOut } from './validation.js';

/** Only https and site-relative URLs are shown for videos (the same rule the editor enforces). */
const safeUrl = (u: string) => (/^https:\/\//i.test(u) || /^\/(?!\/)/.test(u) ? u : '#');

/**
 * A self-contained printable course for sites without the system (003 L429): the pages, the test
 * questions without answers, and an answer sheet to fill in by hand. No script, no external styles.
 */
export function printableCourse(c: CourseDetailOut, agencyName: string, base: string): string {
  const rule = c.perfectScoreRequired
    ? '全問正解で修了となります。'
    : `正答率 ${c.passMark}% 以上で修了となります。`;
  const pages = c.pages
    .map(
      (p, i) => `<section class="page">
<h2>${i + 1}. ${esc(p.title)}</h2>
${renderMarkdown(p.body, { base, headingOffset: 2 })}
${p.videos.length ? `<p class="videos">動画：${p.videos.map((v) => `${esc(v.title)}（${esc(safeUrl(v.url))}）`).join('、')}</p>` : ''}
</section>`,
    )
    .join('\n');
  const questions = c.questions
    .map(
      (
        q,
        _i,
      ) => `<li class="q"><p>${esc(q.text)}${q.kind === 'multiple' ? '<span class="kind">（当てはまるものをすべて選択）</span>' : '<span class="kind">（1つ選択）</span>'}</p>
<ol class="choices" type="a">${q.choices.map((ch) => `<li>${esc(ch.text)}</li>`).join('')}</ol></li>`,
    )
    .join('\n');
  const sheet = c.questions.map((_q, i) => `<tr><td>問${i + 1}</td><td></td></tr>`).join('');
  return `<!doctype html>
<html lang="ja"><head><meta charset="utf-8">
<title>${esc(c.title)}（印刷用）</title>
<style>
body{font-family:"Hiragino Sans","Yu Gothic","Meiryo",sans-serif;line-height:1.7;max-width:48em;margin:2em auto;padding:0 1em;color:#111}
h1{font-size:1.6em;border-bottom:2px solid #333}h2{font-size:1.25em;margin-top:1.5em}
.page{break-inside:avoid-page}.kind{font-size:.85em;color:#444;margin-left:.5em}
.q{margin-bottom:1em}.choices{margin:.3em 0 0 1em}img{max-width:100%}
table{border-collapse:collapse;width:100%}td,th{border:1px solid #333;padding:.4em .6em}.sheet td:first-child{width:5em}
a[href]{color:inherit}a[href]::after{content:"（" attr(href) "）";font-size:.85em}
.test,.sheet{break-before:page}.meta{color:#444}
@media print{body{margin:0;max-width:none}}
</style></head>
<body>
<h1>${esc(c.title)}</h1>
<p class="meta">${esc(agencyName)}　第${c.version}版　印刷用</p>
${c.description ? `<p>${esc(c.description)}</p>` : ''}
${pages}
<section class="test"><h2>確認テスト</h2>
<p>${rule}解答は最後の解答用紙に記入し、課室情報セキュリティ責任者に提出してください。</p>
<ol>${questions}</ol></section>
<section class="sheet"><h2>解答用紙</h2>
<p>所属：＿＿＿＿＿＿＿＿＿＿　職員番号：＿＿＿＿＿＿　氏名：＿＿＿＿＿＿＿＿　受験日：＿＿＿＿年＿＿月＿＿日</p>
<table><thead><tr><th>問</th><th>解答（記号）</th></tr></thead><tbody>${sheet}</tbody></table>
</section>
</body></html>`;
}
