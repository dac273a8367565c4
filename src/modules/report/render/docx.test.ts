import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { cellText } from './cells.js';
import { renderDocx } from './index.js';
import { EVIL, fixtureDoc, NARRATIVE } from './test-fixture.js';

const unxml = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

/** The paragraphs of document.xml: their style and their text, breaks as \n. */
function paragraphs(xml: string): { style: string | null; text: string }[] {
  return [...xml.matchAll(/<w:p(?: [^>]*)?>([\s\S]*?)<\/w:p>/g)].map((m) => {
    const body = m[1] ?? '';
    const style = /<w:pStyle w:val="([^"]+)"\/>/.exec(body)?.[1] ?? null;
    const text = [...body.matchAll(/<w:br\/>|<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)]
      .map((t) => (t[0] === '<w:br/>' ? '\n' : unxml(t[1] ?? '')))
      .join('');
    return { style, text };
  });
}

describe('renderDocx', async () => {
  const zip = await JSZip.loadAsync(await renderDocx(fixtureDoc()));
  const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
  const paras = paragraphs(xml);

  it('sets the sections as Heading 1–3 in document order (Word navigation pane and TOC)', () => {
    const headings = paras.filter((p) => p.style?.startsWith('Heading')).map((p) => `${p.style}:${p.text}`);
    expect(headings).toEqual([
      `Heading1:1　評価及び目標 ${EVIL}`,
      'Heading1:2　基本情報',
      'Heading1:3　情報セキュリティ対策の推進体制',
      'Heading2:3 (1)　監査',
      'Heading2:3 (2)　台帳',
      'Heading3:3 (2) ①　サポート終了',
      'Heading1:4　自己点検',
      'Heading1:5　重点検査',
    ]);
    expect(xml).toContain('TOC \\h \\o &quot;1-3&quot;');
  });

  it('keeps narrative text exact, each line a break, and markup as text', () => {
    expect(paras.map((p) => p.text)).toContain(NARRATIVE);
    expect(paras.map((p) => p.text)).toContain('評価 <b>');
    expect(xml).not.toContain('<script>');
    expect(paras.map((p) => p.text)).toContain('（未記入）');
  });

  it('shows figures as the cell formatter does, with a header row repeated on each page', () => {
    const texts = new Set(paras.map((p) => p.text));
    for (const [cell, format] of [
      [0.8523, 'rate'],
      [0.9, 'rate'],
      [12345, 'count'],
      [1234567890, 'yen'],
      [null, 'rate'],
    ] as const) {
      expect(texts.has(cellText(cell, 'ja', format))).toBe(true);
    }
    expect(xml).toContain('<w:tblHeader/>');
  });

  it('has a title page with the status, and the not-in-use notice', () => {
    const texts = paras.map((p) => p.text);
    expect(texts).toContain('2026年度');
    expect(texts).toContain('経済産業省 & "本省"');
    expect(texts).toContain('下書き');
    expect(texts).toContain('この機能は本年度利用されていません\n本年度は重点検査を実施していない <理由>。');
  });

  it('embeds each chart as a PNG (with the SVG beside it)', async () => {
    const media = Object.keys(zip.files).filter((f) => f.startsWith('word/media/'));
    const pngs = media.filter((f) => f.endsWith('.png'));
    expect(pngs).toHaveLength(2);
    expect(media.filter((f) => f.endsWith('.svg'))).toHaveLength(2);
    const png = await zip.file(pngs[0] as string)?.async('nodebuffer');
    expect([...(png ?? Buffer.alloc(0)).subarray(0, 8)]).toEqual([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a,
    ]);
  });

  it('sets a Japanese font for East Asian text', async () => {
    const styles = (await zip.file('word/styles.xml')?.async('string')) ?? '';
    expect(styles).toContain('w:eastAsia="Yu Mincho"');
    expect(styles).toContain('w:eastAsia="Yu Gothic"');
  });
});
