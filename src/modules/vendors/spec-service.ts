// The specification-clause generator: the ticked requirements as Japanese clauses, as text to copy and
// as a .docx to attach to the procurement specification (000 L1374-1406, 001 L14860-14930).
import { specClauses, specText } from './rules.js';

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export function specAsText(keys: readonly string[]) {
  return { text: specText(keys), clauses: specClauses(keys) };
}

export async function specAsDocx(keys: readonly string[]): Promise<Buffer> {
  const clauses = specClauses(keys);
  // docx is loaded on first use, not at server start (it takes a noticeable time to import).
  const { Document, HeadingLevel, Packer, Paragraph, TextRun } = await import('docx');
  const doc = new Document({
    creator: 'Mamoru',
    title: '情報セキュリティに関する事項',
    styles: { default: { document: { run: { font: 'MS Mincho', size: 21 } } } },
    sections: [
      {
        children: [
          new Paragraph({
            heading: HeadingLevel.HEADING_1,
            children: [new TextRun('情報セキュリティに関する事項')],
          }),
          ...clauses.map(
            (c, i) =>
              new Paragraph({ spacing: { after: 120 }, children: [new TextRun(`${i + 1}. ${c.clause}`)] }),
          ),
        ],
      },
    ],
  });
  return Buffer.from(await Packer.toBuffer(doc));
}
