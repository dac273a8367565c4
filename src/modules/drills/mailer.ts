import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import nodemailer, { type SendMailOptions, type Transporter } from 'nodemailer';
import type { Config } from '../../config.js';
import { escapeHtml, fillTemplate } from './rules.js';
import type { drills } from './schema.js';

type Drill = typeof drills.$inferSelect;

/** The header every drill mail carries, so a forwarded copy or a bounce names its recipient. */
export const REF_HEADER = 'X-Mamoru-Ref';

export interface DrillTransport {
  send(m: SendMailOptions): Promise<{ messageId: string }>;
}

const transports = new Map<string, Transporter>();

/**
 * The drill relay: a pooled nodemailer transport (several connections, many messages each) for
 * throughput. Without a relay (development, the demo) mail is appended to DATA_DIR/drill-mail.log.
 */
export function drillTransport(config: Config): DrillTransport {
  const url = config.drills.smtpUrl;
  if (!url) {
    const json = nodemailer.createTransport({ jsonTransport: true });
    const file = path.join(config.dataDir, 'drill-mail.log');
    return {
      async send(m) {
        if (m.raw) {
          fs.mkdirSync(config.dataDir, { recursive: true });
          fs.appendFileSync(file, `${m.raw.toString()}\n`);
          return { messageId: String(m.messageId ?? '') };
        }
        const info = await json.sendMail(m);
        fs.mkdirSync(config.dataDir, { recursive: true });
        fs.appendFileSync(file, `${info.message.toString()}\n`);
        return { messageId: info.messageId };
      },
    };
  }
  const key = `${url}#${config.drills.connections}`;
  let t = transports.get(key);
  if (!t) {
    const u = new URL(url);
    t = nodemailer.createTransport({
      pool: true,
      maxConnections: config.drills.connections,
      maxMessages: Number.POSITIVE_INFINITY,
      host: u.hostname,
      port: Number(u.port) || (u.protocol === 'smtps:' ? 465 : 587),
      secure: u.protocol === 'smtps:',
      ...(u.username
        ? { auth: { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) } }
        : {}),
      // A loopback or internal relay without TLS is allowed; anything else negotiates STARTTLS when offered.
      ignoreTLS: u.searchParams.get('tls') === 'off',
    });
    transports.set(key, t);
  }
  const transport = t;
  return {
    async send(m) {
      const info = await transport.sendMail(m);
      return { messageId: info.messageId };
    },
  };
}

/** Closes pooled connections (tests, benchmark, shutdown); `force` also drops deliveries under way. */
export function closeDrillTransports(opts: { force?: boolean } = {}) {
  for (const t of transports.values()) (t.close as (o?: { force?: boolean }) => void)(opts);
  transports.clear();
}

export interface Links {
  click: string;
  open: string;
  attachment: string;
  report: string;
  landing: string;
}

/** The tracking URLs of one recipient (tracking routes are served under /api/v1/t). */
export function linksFor(publicUrl: string, token: string): Links {
  const base = `${publicUrl.replace(/\/$/, '')}/api/v1/t`;
  return {
    click: `${base}/c/${token}`,
    open: `${base}/o/${token}.gif`,
    attachment: `${base}/a/${token}.gif`,
    report: `${base}/r/${token}`,
    landing: `${publicUrl.replace(/\/$/, '')}/drill/${token}`,
  };
}

function domainOf(publicUrl: string) {
  try {
    return new URL(publicUrl).hostname || 'mamoru.invalid';
  } catch {
    return 'mamoru.invalid';
  }
}

export function newMessageId(publicUrl: string) {
  return `<${randomUUID()}@${domainOf(publicUrl)}>`;
}

export function htmlOf(text: string, links: Links, withLink: boolean) {
  const paragraphs = escapeHtml(text)
    .split(/\n{2,}/)
    .map((p) => `<p>${p.replace(/\n/g, '<br>')}</p>`)
    .join('\n');
  const linked = withLink
    ? paragraphs.replaceAll(
        escapeHtml(links.click),
        `<a href="${escapeHtml(links.click)}">${escapeHtml(links.click)}</a>`,
      )
    : paragraphs;
  return `<!doctype html><html><body>${linked}<img src="${escapeHtml(links.open)}" width="1" height="1" alt=""></body></html>`;
}

/**
 * The harmless attachment: an HTML page whose opening loads the callback image and then shows the
 * training content. Never a macro or executable (issue #5).
 */
export function attachmentHtml(drill: Pick<Drill, 'title'>, links: Links) {
  return `<!doctype html>
<html lang="ja"><head><meta charset="utf-8"><title>${escapeHtml(drill.title)}</title>
<meta http-equiv="refresh" content="1; url=${escapeHtml(links.landing)}?via=attachment"></head>
<body><img src="${escapeHtml(links.attachment)}" width="1" height="1" alt="">
<p>読み込み中… / Loading…</p>
<p><a href="${escapeHtml(links.landing)}?via=attachment">${escapeHtml(links.landing)}</a></p></body></html>`;
}

export interface RecipientForMail {
  name: string;
  email: string;
  unitName?: string;
  benignMessageId?: string | null;
}

/** The lure as it goes to one person. */
export function lureMail(
  config: Config,
  drill: Drill,
  r: RecipientForMail,
  token: string,
  messageId: string,
): SendMailOptions {
  const links = linksFor(config.publicUrl, token);
  const vars = { name: r.name, url: links.click, unit: r.unitName ?? '', report: links.report };
  const text = fillTemplate(drill.body, vars);
  const reply = drill.variant === 'exchange' && r.benignMessageId;
  return {
    from: { name: drill.senderName, address: drill.senderAddress },
    to: r.email,
    subject: fillTemplate(drill.subject, vars),
    text,
    html: htmlOf(text, links, drill.lureKind === 'link'),
    messageId,
    headers: { [REF_HEADER]: token },
    ...(reply ? { inReplyTo: r.benignMessageId!, references: [r.benignMessageId!] } : {}),
    ...(drill.lureKind === 'attachment'
      ? {
          attachments: [
            {
              filename: drill.attachmentName ?? '資料.html',
              content: attachmentHtml(drill, links),
              contentType: 'text/html; charset=utf-8',
            },
          ],
        }
      : {}),
    envelope: { from: config.drills.reportAddress ?? drill.senderAddress, to: r.email },
  };
}

/** やりとり型: the benign first mail (no link, no attachment, no tracking). */
export function benignMail(
  config: Config,
  drill: Drill,
  r: RecipientForMail,
  token: string,
  messageId: string,
): SendMailOptions {
  const vars = { name: r.name, unit: r.unitName ?? '' };
  return {
    from: { name: drill.senderName, address: drill.senderAddress },
    to: r.email,
    ...(config.drills.reportAddress ? { replyTo: config.drills.reportAddress } : {}),
    subject: fillTemplate(drill.benignSubject ?? drill.subject, vars),
    text: fillTemplate(drill.benignBody ?? '', vars),
    messageId,
    headers: { [REF_HEADER]: token },
    envelope: { from: config.drills.reportAddress ?? drill.senderAddress, to: r.email },
  };
}
