import { type ParsedMail, simpleParser } from 'mailparser';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.js';
import { benignMail, lureMail, type RecipientForMail } from './mailer.js';
import { benignComposer, lureComposer } from './mime-template.js';
import type { drills } from './schema.js';

// The composed-once mail must say what nodemailer's says: both are parsed with mailparser and their
// headers, texts, HTML, links and attachments compared, with Japanese names, units and file names.

type Drill = typeof drills.$inferSelect;
const base = loadConfig({});
const config = {
  ...base,
  publicUrl: 'https://mamoru.example.go.jp',
  drills: { ...base.drills, reportAddress: 'report@mamoru.example.go.jp' },
};
const stream = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });

const drill = (over: Partial<Drill>) =>
  ({
    title: '第1回 標的型メール訓練',
    senderName: '人事課 給与係',
    senderAddress: 'kyuyo@example-lure.jp',
    subject: '【重要】{{name}} 様 ({{unit}}) 給与明細の確認について、今月中にご確認ください',
    body: '{{name}} 様\n\n{{unit}} の皆様へ。今月の給与明細を確認してください。\n{{url}}\n\n報告: {{report}}\n人事課',
    variant: 'standard',
    lureKind: 'link',
    attachmentName: null,
    benignSubject: null,
    benignBody: null,
    ...over,
  }) as unknown as Drill;

const people: RecipientForMail[] = [
  { name: '山田 太郎', email: 'yamada@example.go.jp', unitName: '総務部 情報システム課' },
  { name: 'Ōtani "Shō", Jr.', email: 'o.s@example.go.jp', unitName: '' },
  { name: '𠮷野 髙橋・ｶﾅ ①', email: 'kichino@example.go.jp', unitName: '第１課（東京）' },
];
const TOKEN = 'AAAAAAAAAAEhT1x2m5Yk0a9V0bq7nWc_';
const MID = '<1c0e2f4a-1111-4222-8333-444455556666@mamoru.example.go.jp>';

async function parse(m: SendMailOptions): Promise<ParsedMail> {
  const raw = m.raw ? (m.raw as Buffer) : ((await stream.sendMail(m)).message as Buffer);
  return simpleParser(raw);
}

/** What a reader (and our inbound and results code) sees of a message. */
function meaning(p: ParsedMail) {
  return {
    from: p.from?.value,
    to: (Array.isArray(p.to) ? p.to : [p.to]).map((a) => a?.value),
    replyTo: p.replyTo?.value,
    subject: p.subject,
    messageId: p.messageId,
    inReplyTo: p.inReplyTo,
    references: p.references,
    ref: p.headers.get('x-mamoru-ref'),
    text: p.text,
    html: p.html,
    links: [...String(p.html || p.text).matchAll(/https?:\/\/[^\s"<>]+/g)].map((m) => m[0]),
    attachments: p.attachments.map((a) => ({
      filename: a.filename,
      contentType: a.contentType,
      content: a.content.toString('utf8'),
    })),
  };
}

async function expectSameMeaning(composed: SendMailOptions, reference: SendMailOptions) {
  const [a, b] = [await parse(composed), await parse(reference)];
  expect(meaning(a)).toEqual(meaning(b));
  expect(a.date?.getTime()).toBeGreaterThan(Date.now() - 60_000);
  expect(composed.envelope).toEqual(reference.envelope);
}

describe('a lure composed once per drill', () => {
  it('reads like nodemailer’s for Japanese names and units in the subject and body (link lure)', async () => {
    const d = drill({});
    const compose = lureComposer(config, d);
    for (const r of people)
      await expectSameMeaning(compose(r, TOKEN, MID), lureMail(config, d, r, TOKEN, MID));
  });

  it('carries the harmless attachment with its Japanese file name and the recipient’s own links', async () => {
    const d = drill({ lureKind: 'attachment', attachmentName: '令和8年度 給与明細（12月分）.html' });
    const compose = lureComposer(config, d);
    const composed = compose(people[0]!, TOKEN, MID);
    await expectSameMeaning(composed, lureMail(config, d, people[0]!, TOKEN, MID));
    const p = await parse(composed);
    expect(p.attachments[0]!.filename).toBe('令和8年度 給与明細（12月分）.html');
    expect(p.attachments[0]!.content.toString()).toContain(`/api/v1/t/a/${TOKEN}.gif`);
  });

  it('answers the benign mail of やりとり型 (In-Reply-To, References)', async () => {
    const d = drill({ variant: 'exchange' });
    const r = { ...people[2]!, benignMessageId: '<first@mamoru.example.go.jp>' };
    const composed = lureComposer(config, d)(r, TOKEN, MID);
    await expectSameMeaning(composed, lureMail(config, d, r, TOKEN, MID));
    expect((await parse(composed)).inReplyTo).toBe('<first@mamoru.example.go.jp>');
  });

  it('keeps a subject without placeholders and an ASCII sender name with specials', async () => {
    const d = drill({ subject: 'Invoice, overdue: "please" check', senderName: 'Payroll, HR "Desk"' });
    await expectSameMeaning(
      lureComposer(config, d)(people[1]!, TOKEN, MID),
      lureMail(config, d, people[1]!, TOKEN, MID),
    );
  });

  it('gives every recipient their own token, and nobody another’s', async () => {
    const compose = lureComposer(config, drill({}));
    const a = await parse(compose(people[0]!, TOKEN, MID));
    const other = `${TOKEN.slice(0, -1)}A`;
    const b = await parse(compose(people[2]!, other, MID.replace('1c0e', '2d1f')));
    expect(a.text).toContain(TOKEN);
    expect(a.text).not.toContain(other);
    expect(b.text).toContain(other);
    expect(b.subject).toContain('𠮷野');
  });
});

describe('the benign first mail composed once', () => {
  it('reads like nodemailer’s (reply address, subject and text with the name and unit)', async () => {
    const d = drill({
      variant: 'exchange',
      benignSubject: '{{unit}} 会議室の予約について',
      benignBody: '{{name}} 様\n\n来週の会議室の件でご相談があります。ご返信ください。',
    });
    const compose = benignComposer(config, d);
    for (const r of people)
      await expectSameMeaning(compose(r, TOKEN, MID), benignMail(config, d, r, TOKEN, MID));
  });
});
