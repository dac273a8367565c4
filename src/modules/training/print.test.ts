import { describe, expect, it } from 'vitest';
import { STARTER_COURSES, type StarterCourse } from './course-data/index.js';
import { printableCourse } from './print.js';
import type { CourseDetailOut } from './validation.js';

// The printable course (003 L429): its Markdown goes through the shared renderer (src/lib/html.ts).
// Security finding "security holes" item 5: crafted Markdown once produced <img … onerror=…>.

const BASE = 'https://m.example';

function detail(c: StarterCourse): CourseDetailOut {
  return {
    id: 'c1',
    key: c.key,
    title: c.title,
    description: c.description,
    audienceRoleKeys: c.audienceRoleKeys,
    passMark: c.passMark,
    perfectScoreRequired: c.perfectScoreRequired,
    questionsPerAttempt: c.questionsPerAttempt,
    shuffle: c.shuffle,
    reminderAfterDays: c.reminderAfterDays,
    status: 'published',
    version: 1,
    publishedAt: null,
    pageCount: c.pages.length,
    questionCount: c.questions.length,
    createdAt: '2026-04-01T00:00:00.000Z',
    updatedAt: '2026-04-01T00:00:00.000Z',
    pages: c.pages.map((p, i) => ({ id: `p${i}`, position: i, ...p })),
    questions: c.questions.map((q, i) => ({
      id: `q${i}`,
      position: i,
      ...q,
      choices: q.choices.map((ch, j) => ({ id: `q${i}c${j}`, ...ch })),
    })),
  };
}

const withBody = (body: string) => {
  const c = detail(STARTER_COURSES[0]!);
  return printableCourse({ ...c, pages: [{ ...c.pages[0]!, body }] }, 'テスト省', BASE);
};

describe('printableCourse', () => {
  it.each(STARTER_COURSES.map((c) => [c.key, c] as const))('prints the starter course %s', (_key, c) => {
    const html = printableCourse(detail(c), 'テスト省', BASE);
    for (const p of c.pages) expect(html).toContain(p.title);
    const md = c.pages.map((p) => p.body).join('\n\n');
    if (md.includes('**')) expect(html).toContain('<strong>');
    if (/^- /m.test(md)) expect(html).toContain('<ul>\n<li>');
    if (/^\d+\. /m.test(md)) expect(html).toContain('<ol>\n<li>');
    expect(html.match(/<li class="q">/g)).toHaveLength(c.questions.length);
    // no answer key, no script, no raw Markdown markers left
    for (const q of c.questions) if (q.explanation) expect(html).not.toContain(q.explanation);
    expect(html).not.toContain('<script');
    expect(html).not.toContain('**');
  });

  it('renders headings below the page title, links with their URL for paper, and own images absolute', () => {
    const html = withBody('# 見出し\n\n[窓口](https://soc.example.jp)\n\n![図](/api/v1/training/images/x)');
    expect(html).toContain('<h3>見出し</h3>');
    expect(html).toContain('<a href="https://soc.example.jp" rel="noopener noreferrer">窓口</a>');
    expect(html).toContain('a[href]::after{content:"（" attr(href) "）"');
    expect(html).toContain('<img src="https://m.example/api/v1/training/images/x" alt="図" />');
  });

  it.each([
    // the finding: the link rule ran over the <img> the image rule had made, eating its closing `">`
    '![[x](https://a/](zzz)q)![ onerror=alert(1) x](https://b)',
    '![x](y" onerror="alert(1))',
    '![x" onerror="alert(1)](https://example.jp/a.png)',
    '[![x](javascript:alert(1))](javascript:alert(1))',
    '<img src=x onerror=alert(1)>',
  ])('prints crafted Markdown as inert text: %j', (body) => {
    const html = withBody(body);
    const page = html.slice(html.indexOf('<section class="page">'), html.indexOf('</section>'));
    // outside quoted attribute values (where `"` is always escaped), no on…= attribute
    expect(page.replace(/"[^"]*"/g, '""')).not.toMatch(/<[^>]*\son[a-z]+\s*=/i);
    expect(page).not.toMatch(/(href|src)="\s*javascript:/i);
    expect(page).not.toMatch(/<img(?![^>]*src="https:\/\/)/);
  });
});
