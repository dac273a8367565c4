import type { CourseDetailOut } from './validation.js';

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Only https and site-relative URLs are kept (the same rule the editor enforces). */
const safeUrl = (u: string) => (/^https:\/\//i.test(u) || /^\/(?!\/)/.test(u) ? u : '#');

function inline(s: string, base: string): string {
  return esc(s)
    .replace(/!\[([^\]]*)\]\(([^)\s]+)\)/g, (_m, alt: string, url: string) => {
      const u = safeUrl(url.replace(/&amp;/g, '&'));
      return `<img alt="${alt}" src="${esc(u.startsWith('/') ? base + u : u)}">`;
    })
    .replace(
      /\[([^\]]+)\]\(([^)\s]+)\)/g,
      (_m, t: string, url: string) => `${t}（${esc(safeUrl(url.replace(/&amp;/g, '&')))}）`,
    )
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
    .replace(/`([^`]+)`/g, '<code>$1</code>');
}

/**
 * A small, safe Markdown subset for print (headings, paragraphs, bullet and numbered lists, bold,
 * code, images, links shown with their URL). Raw HTML is escaped, never passed through.
 */
export function markdownToHtml(md: string, base = ''): string {
  const out: string[] = [];
  let list: 'ul' | 'ol' | null = null;
  let para: string[] = [];
  const flush = () => {
    if (para.length) out.push(`<p>${para.map((l) => inline(l, base)).join('<br>')}</p>`);
    para = [];
  };
  const close = () => {
    if (list) out.push(`</${list}>`);
    list = null;
  };
  for (const raw of md.split('\n')) {
    const line = raw.trimEnd();
    const h = /^(#{1,4})\s+(.*)$/.exec(line);
    const ul = /^\s*[-*]\s+(.*)$/.exec(line);
    const ol = /^\s*\d+\.\s+(.*)$/.exec(line);
    if (!line.trim()) {
      flush();
      close();
    } else if (h) {
      flush();
      close();
      const level = Math.min(6, h[1]!.length + 2);
      out.push(`<h${level}>${inline(h[2]!, base)}</h${level}>`);
    } else if (ul || ol) {
      flush();
      const kind = ul ? 'ul' : 'ol';
      if (list !== kind) {
        close();
        out.push(`<${kind}>`);
        list = kind;
      }
      out.push(`<li>${inline((ul ?? ol)![1]!, base)}</li>`);
    } else if (list && /^\s+/.test(raw)) {
      // a continuation line of the previous list item
      out[out.length - 1] = out[out.length - 1]!.replace(/<\/li>$/, ` ${inline(line.trim(), base)}</li>`);
    } else {
      close();
      para.push(line);
    }
  }
  flush();
  close();
  return out.join('\n');
}

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
${markdownToHtml(p.body, base)}
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
table{border-collapse:collapse;width:100%}td,th{border:1px solid #333;padding:.4em .6em}td:first-child{width:5em}
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
