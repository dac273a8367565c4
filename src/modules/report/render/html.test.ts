import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../../../lib/html.js';
import { renderHtml } from './index.js';
import { BASE_URL, EVIL, fixtureDoc, NARRATIVE, STAFF_LINK } from './test-fixture.js';

describe('renderHtml', () => {
  it('writes a standalone page with the sections in document order, numbered as the doc gives them', async () => {
    const html = await renderHtml(fixtureDoc());
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    const order = [
      'summary',
      'basics',
      'framework',
      'framework.audit',
      'framework.ledger',
      'framework.ledger.eos',
      'selfcheck',
      'inspection',
    ];
    const at = order.map((k) => html.indexOf(`<section id="sec-${k}"`));
    expect(at.every((i) => i > 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(html).toContain('<h4><span class="num">3 (2) ①</span>サポート終了</h4>');
    // the table of contents links every section
    for (const k of order) expect(html).toContain(`<a href="#sec-${k}">`);
    // nothing loaded from elsewhere
    expect(html).not.toMatch(/<link |<script|<img |url\((?!#)|@import/i);
  });

  it('escapes every text: titles, cells, notes, narratives, chart categories and series names', async () => {
    const html = await renderHtml(fixtureDoc());
    expect(html).not.toMatch(/<script|<b>|<i>|<chart>|<u>|<注記>|<理由>/);
    expect(html).toContain(escapeHtml(EVIL));
    expect(html).toContain(`<title>${escapeHtml(`情報セキュリティ対策の実施状況 ${EVIL}`)}`);
    expect(html).toContain('経済産業省 &amp; &quot;本省&quot;');
    expect(html).toContain('<td>幹部 &lt;script&gt;</td>');
    expect(html).toContain('注: &lt;注記&gt; &amp; &quot;引用&quot;');
    // the narrative keeps its lines exactly, shown pre-wrapped
    expect(html).toContain(`<div class="narr-text">${escapeHtml(NARRATIVE)}</div>`);
    expect(html).toMatch(/\.narr-text[^{]*\{[^}]*white-space: pre-wrap/);
    // ECharts' SVG: the category and series names escaped, too
    expect(html).toContain('幹部&lt;script&gt;');
    expect(html).toContain('未実施 &lt;u&gt;');
  });

  it('links every figure that has a link to baseUrl + link, and never a script URL', async () => {
    const html = await renderHtml(fixtureDoc());
    const href = escapeHtml(`${BASE_URL.replace(/\/$/, '')}${STAFF_LINK}`);
    expect(html).toContain(`<a href="${href}">85.2%</a>`);
    expect(html).toContain(`<a href="${href}">12,345</a>`);
    expect(html).toContain(
      '<a href="https://mamoru.example.go.jp/selfcheck/campaigns/c1/results?group=managers">—</a>',
    );
    expect(html).not.toContain('javascript:');
    const relative = await renderHtml(fixtureDoc({ baseUrl: null }));
    expect(relative).toContain(`<a href="${escapeHtml(STAFF_LINK)}">85.2%</a>`);
  });

  it('has print CSS: A4, a page break before each top-level section, table headers repeated', async () => {
    const html = await renderHtml(fixtureDoc());
    expect(html).toContain('@page { size: A4');
    expect(html).toMatch(/@media print \{[\s\S]*main > section \{ break-before: page;/);
    expect(html).toContain('thead { display: table-header-group; }');
  });

  it('shows the status banner, with approver and date once approved', async () => {
    expect(await renderHtml(fixtureDoc())).toContain('data-status="draft">下書き</p>');
    expect(await renderHtml(fixtureDoc({ status: 'pending_approval' }))).toContain('>承認待ち</p>');
    const approved = await renderHtml(
      fixtureDoc({
        status: 'approved',
        approvedBy: '最高情報セキュリティ責任者 <CISO>',
        approvedAt: '2027-04-10T03:00:00Z',
      }),
    );
    expect(approved).toContain(
      '>承認済み / 承認者: 最高情報セキュリティ責任者 &lt;CISO&gt; / 承認日: 2027年4月10日</p>',
    );
    const en = await renderHtml(
      fixtureDoc({ locale: 'en', status: 'approved', approvedBy: 'CISO', approvedAt: '2027-04-10' }),
    );
    expect(en).toContain('>Approved / Approved by: CISO / Approved on: 10 Apr 2027</p>');
  });

  it('says a capability is not in use instead of printing zeros, and marks an unwritten narrative', async () => {
    const html = await renderHtml(fixtureDoc());
    expect(html).toMatch(
      /<div class="not-in-use"[^>]*><strong>この機能は本年度利用されていません<\/strong><p>本年度は重点検査を実施していない &lt;理由&gt;。<\/p>/,
    );
    expect(html).toMatch(/<div class="narrative empty" data-key="goals">[\s\S]*?（未記入）/);
    expect(html).toContain('<dt>IT予算</dt><dd>1,234,567,890円</dd>');
    expect(html).toContain('<dt>未入力</dt><dd>—</dd>');
  });

  it('draws the charts as inline SVG', async () => {
    const html = await renderHtml(fixtureDoc());
    expect(html.match(/<svg /g)).toHaveLength(2);
    expect(html).toContain('<figcaption>グループ別 実施率 &lt;chart&gt;</figcaption>');
  });
});
