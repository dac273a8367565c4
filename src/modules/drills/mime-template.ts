import { randomBytes } from 'node:crypto';
import type { SendMailOptions } from 'nodemailer';
import {
  buildHeaderValue,
  encodeWords,
  foldLines,
  isPlainText,
  quoteString,
} from 'nodemailer/lib/mime-funcs';
import type { Config } from '../../config.js';
import { attachmentHtml, htmlOf, linksFor, REF_HEADER, type RecipientForMail } from './mailer.js';
import { fillTemplate } from './rules.js';
import type { drills } from './schema.js';

type Drill = typeof drills.$inferSelect;

/**
 * Compose once per drill and stage, substitute per recipient. nodemailer builds a MIME tree and
 * streams it for every message; a drill's mails differ only in To, Message-ID, Date, the reference
 * header, the In-Reply-To of やりとり型 and the filled texts. So the static header block (From with
 * its encoded-words, MIME-Version), the part headers and the boundaries are built here once; per
 * recipient only the filled subject (encoded-words only when it holds a placeholder), the texts
 * (the same fillTemplate/htmlOf as the nodemailer path) and their base64 are made. Every body part
 * is base64: valid for any text, no per-recipient choice of QP vs base64 to get wrong. Parsed with
 * mailparser, these messages read the same as nodemailer's (mime-template.test.ts).
 */
export type Compose = (r: RecipientForMail, token: string, messageId: string) => SendMailOptions;

const CRLF = '\r\n';
const hasPlaceholder = (s: string) => /\{\{\s*\w+\s*\}\}/.test(s);

/** base64 in lines of 76 (RFC 2045). */
function base64Lines(text: string): string {
  const b = Buffer.from(text, 'utf8').toString('base64');
  let out = '';
  for (let i = 0; i < b.length; i += 76) out += `${b.slice(i, i + 76)}${CRLF}`;
  return out;
}

const header = (name: string, value: string) => foldLines(`${name}: ${value}`, 76) + CRLF;
const encoded = (name: string, value: string) => header(name, encodeWords(value, 'B', 52, true));

/** Date as nodemailer writes it; recomputed at most once a second. */
let dateCache = { second: -1, value: '' };
function dateHeader(): string {
  const now = Date.now();
  const second = Math.floor(now / 1000);
  if (second !== dateCache.second) {
    dateCache = { second, value: header('Date', new Date(now).toUTCString().replace(/GMT/, '+0000')) };
  }
  return dateCache.value;
}

function fromHeader(drill: Drill) {
  const name = drill.senderName;
  const shown = isPlainText(name) ? quoteString(name) : encodeWords(name, 'B', 52, true);
  return header('From', `${shown} <${drill.senderAddress}>`);
}

/** The subject header: encoded once when it does not depend on the recipient. */
function subjectOf(template: string) {
  if (!hasPlaceholder(template)) {
    const fixed = encoded('Subject', template);
    return () => fixed;
  }
  return (vars: Record<string, string>) => encoded('Subject', fillTemplate(template, vars));
}

const boundary = (kind: string) => `--_mamoru_${kind}_${randomBytes(9).toString('hex')}`;
const textPartHead = `Content-Type: text/plain; charset=utf-8${CRLF}Content-Transfer-Encoding: base64${CRLF}${CRLF}`;
const htmlPartHead = `Content-Type: text/html; charset=utf-8${CRLF}Content-Transfer-Encoding: base64${CRLF}${CRLF}`;

/** The lure, composed once per drill. */
export function lureComposer(config: Config, drill: Drill): Compose {
  const alt = boundary('alt');
  const mixed = boundary('mixed');
  const withAttachment = drill.lureKind === 'attachment';
  const staticHead = `${fromHeader(drill)}MIME-Version: 1.0${CRLF}${
    withAttachment
      ? header('Content-Type', `multipart/mixed; boundary="${mixed}"`)
      : header('Content-Type', `multipart/alternative; boundary="${alt}"`)
  }`;
  const subject = subjectOf(drill.subject);
  const filename = drill.attachmentName ?? '資料.html';
  const attachmentHead =
    header(
      'Content-Type',
      buildHeaderValue({ value: 'text/html', params: { charset: 'utf-8', name: filename } }),
    ) +
    `Content-Transfer-Encoding: base64${CRLF}` +
    header('Content-Disposition', buildHeaderValue({ value: 'attachment', params: { filename } })) +
    CRLF;
  const envelopeFrom = config.drills.reportAddress ?? drill.senderAddress;
  const reply = drill.variant === 'exchange';

  return (r, token, messageId) => {
    const links = linksFor(config.publicUrl, token);
    const vars = { name: r.name, url: links.click, unit: r.unitName ?? '', report: links.report };
    const text = fillTemplate(drill.body, vars);
    const alternative = `--${alt}${CRLF}${textPartHead}${base64Lines(text)}--${alt}${CRLF}${htmlPartHead}${base64Lines(
      htmlOf(text, links, drill.lureKind === 'link'),
    )}--${alt}--${CRLF}`;
    const body = withAttachment
      ? `--${mixed}${CRLF}${header('Content-Type', `multipart/alternative; boundary="${alt}"`)}${CRLF}${alternative}--${mixed}${CRLF}${attachmentHead}${base64Lines(
          attachmentHtml(drill, links),
        )}--${mixed}--${CRLF}`
      : alternative;
    const inReply =
      reply && r.benignMessageId
        ? header('In-Reply-To', r.benignMessageId) + header('References', r.benignMessageId)
        : '';
    const head = `${staticHead}${header('To', r.email)}${subject(vars)}${header('Message-ID', messageId)}${dateHeader()}${inReply}${header(REF_HEADER, token)}`;
    return {
      envelope: { from: envelopeFrom, to: r.email },
      raw: Buffer.from(`${head}${CRLF}${body}`, 'utf8'),
      messageId,
    };
  };
}

/** やりとり型's benign first mail, composed once per drill: text only, no tracking. */
export function benignComposer(config: Config, drill: Drill): Compose {
  const staticHead = `${fromHeader(drill)}${
    config.drills.reportAddress ? header('Reply-To', config.drills.reportAddress) : ''
  }MIME-Version: 1.0${CRLF}Content-Type: text/plain; charset=utf-8${CRLF}Content-Transfer-Encoding: base64${CRLF}`;
  const subject = subjectOf(drill.benignSubject ?? drill.subject);
  const envelopeFrom = config.drills.reportAddress ?? drill.senderAddress;
  return (r, token, messageId) => {
    const vars = { name: r.name, unit: r.unitName ?? '' };
    const text = fillTemplate(drill.benignBody ?? '', vars);
    const head = `${staticHead}${header('To', r.email)}${subject(vars)}${header('Message-ID', messageId)}${dateHeader()}${header(REF_HEADER, token)}`;
    return {
      envelope: { from: envelopeFrom, to: r.email },
      raw: Buffer.from(`${head}${CRLF}${base64Lines(text)}`, 'utf8'),
      messageId,
    };
  };
}
