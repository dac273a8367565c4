import { sql } from 'drizzle-orm';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { type Db, pgArray, rowsOf } from '../../db/client.js';
import type { Ctx } from '../../server/context.js';
import { replaceControlCharacters } from '../../server/validation.js';
import { reportFromMailbox } from '../incidents/mailbox.js';
import { storeEvents } from './event-writer.js';
import { drillInboundMail } from './schema.js';
import { scheduleSend } from './send.js';
import { findTokens, tokenKey } from './tokens.js';

export type InboundKind = 'drill_report' | 'suspicious' | 'reply' | 'bounce' | 'incident';
export const MAX_INBOUND_BYTES = 10 * 1024 * 1024;

/** Every text a token may hide in: headers, bodies, attachments, forwarded messages (recursively). */
async function textsOf(mail: ParsedMail, raw: Buffer, depth = 0): Promise<string[]> {
  const out = [
    raw.toString('utf8').replace(/=\r?\n/g, ''),
    mail.text ?? '',
    typeof mail.html === 'string' ? mail.html : '',
  ];
  for (const a of mail.attachments ?? []) {
    out.push(a.content.toString('utf8'));
    if (depth < 3 && (a.contentType === 'message/rfc822' || a.contentType === 'message/global')) {
      out.push(...(await textsOf(await simpleParser(a.content), a.content, depth + 1)));
    }
  }
  return out;
}

function isBounce(mail: ParsedMail) {
  const type = mail.headers.get('content-type') as
    | { value?: string; params?: Record<string, string> }
    | undefined;
  if (type?.value === 'multipart/report' && type.params?.['report-type'] === 'delivery-status') return true;
  const from = mail.from?.value[0]?.address?.toLowerCase() ?? '';
  return /^(mailer-daemon|postmaster)@/.test(from);
}

function messageIds(mail: ParsedMail): string[] {
  const refs = [mail.inReplyTo, ...(Array.isArray(mail.references) ? mail.references : [mail.references])];
  return refs.filter((x): x is string => typeof x === 'string' && x.length > 0);
}

const clean = (s: string | undefined) => (s === undefined ? null : replaceControlCharacters(s));

export interface InboundResult {
  kind: InboundKind;
  drillId: string | null;
  recorded: boolean;
}

/**
 * A message that reached the report mailbox: a reply to an exchange drill's first mail (the lure
 * follows now), a bounce (the recipient is marked bounced), a forwarded lure (reported), or other
 * suspicious mail staff reported (counted apart). `tenantId` limits which drills it may touch (null:
 * any, for the SMTP listener, where the token alone decides).
 */
export async function ingestInbound(
  ctx: Pick<Ctx, 'db' | 'env'>,
  raw: Buffer,
  opts: {
    via: 'smtp' | 'api';
    tenantId: string | null;
    fallbackTenantId?: string | null;
    /** The incident mailbox (MAMORU_INCIDENT_ADDRESS): mail to it becomes an incident report. */
    incidentAddress?: string;
    envelopeTo?: readonly string[];
  },
): Promise<InboundResult> {
  const db = ctx.db;
  const mail = await simpleParser(raw);
  const incident = await reportFromMailbox(ctx, mail, {
    incidentAddress: opts.incidentAddress,
    envelopeTo: opts.envelopeTo ?? [],
    tenantId: opts.tenantId,
    fallbackTenantId: opts.fallbackTenantId ?? null,
  });
  if (incident) return { kind: 'incident', drillId: null, recorded: incident === 'reported' };
  const tenantFilter = opts.tenantId ? sql`and tenant_id = ${opts.tenantId}` : sql``;
  const base = {
    // Mail comes from anywhere: control characters (NUL cannot be stored) are replaced, never refused.
    fromAddress: clean(mail.from?.value[0]?.address),
    subject: clean(mail.subject?.slice(0, 500)),
    via: opts.via,
    size: raw.length,
  };

  // A reply to the benign first mail of an exchange drill: its lure goes now.
  const refs = messageIds(mail);
  if (refs.length && !isBounce(mail)) {
    const replied = rowsOf<{ id: number; drill_id: string; tenant_id: string }>(
      await db.execute(sql`
        update drill_recipients set replied_at = coalesce(replied_at, now()),
          lure_due_at = case when state = 'queued' then least(coalesce(lure_due_at, now()), now()) else lure_due_at end
        where benign_message_id = any(${pgArray(refs)}::text[]) ${tenantFilter}
        returning id, drill_id, tenant_id`),
    );
    if (replied.length) {
      const r = replied[0]!;
      await scheduleSend(db, r.drill_id, new Date());
      await db.insert(drillInboundMail).values({
        ...base,
        tenantId: r.tenant_id,
        kind: 'reply',
        drillId: r.drill_id,
        recipientId: Number(r.id),
      });
      return { kind: 'reply', drillId: r.drill_id, recorded: true };
    }
  }

  const ids = findTokens(tokenKey(ctx.env.secretKey), (await textsOf(mail, raw)).join('\n'));
  const known = ids.length
    ? rowsOf<{ id: number | string; drill_id: string; tenant_id: string }>(
        await db.execute(sql`select id, drill_id, tenant_id from drill_recipients
          where id = any(${pgArray(ids)}::bigint[]) ${tenantFilter}`),
      )
    : [];
  if (known.length && isBounce(mail)) {
    await db.execute(sql`update drill_recipients set state = 'bounced', error = ${`bounce: ${base.subject ?? ''}`.slice(0, 500)}
      where id = any(${pgArray(known.map((k) => Number(k.id)))}::bigint[]) and state = 'sent'`);
    const k = known[0]!;
    await db.insert(drillInboundMail).values({
      ...base,
      tenantId: k.tenant_id,
      kind: 'bounce',
      drillId: k.drill_id,
      recipientId: Number(k.id),
    });
    return { kind: 'bounce', drillId: k.drill_id, recorded: true };
  }
  if (known.length) {
    const at = new Date();
    const stored = await storeEvents(
      db,
      known.map((k) => ({
        recipientId: Number(k.id),
        kind: 'report' as const,
        at,
        method: 'MAIL',
        userAgent: `report-mailbox (${opts.via})`,
        ip: null,
        data: { from: base.fromAddress },
      })),
    );
    const k = known[0]!;
    await db.insert(drillInboundMail).values({
      ...base,
      tenantId: k.tenant_id,
      kind: 'drill_report',
      drillId: k.drill_id,
      recipientId: Number(k.id),
    });
    return { kind: 'drill_report', drillId: k.drill_id, recorded: stored > 0 };
  }
  const tenantId = opts.tenantId ?? opts.fallbackTenantId ?? null;
  await db
    .insert(drillInboundMail)
    .values({ ...base, tenantId, kind: isBounce(mail) ? 'bounce' : 'suspicious' });
  return { kind: isBounce(mail) ? 'bounce' : 'suspicious', drillId: null, recorded: true };
}

/** The agency non-drill reports belong to when the listener cannot tell: the only agency, if there is one. */
async function soleAgency(db: Db): Promise<string | null> {
  const rows = rowsOf<{ id: string }>(
    await db.execute(sql`select id from tenants where kind = 'agency' limit 2`),
  );
  return rows.length === 1 ? rows[0]!.id : null;
}

/**
 * The report mailbox as an SMTP listener (MAMORU_REPORT_SMTP_PORT): the mail gateway forwards
 * reported mail, replies and bounces here. No authentication: bind it to an internal address.
 */
export async function startReportListener(
  ctx: Pick<Ctx, 'db' | 'env'>,
  port: number,
  host: string,
  opts: { incidentAddress?: string } = {},
) {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: MAX_INBOUND_BYTES,
    logger: false,
    onData(stream, session, done) {
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on('data', (c: Buffer) => {
        size += c.length;
        if (size <= MAX_INBOUND_BYTES) chunks.push(c);
      });
      stream.on('end', async () => {
        if (size > MAX_INBOUND_BYTES)
          return done(Object.assign(new Error('message too large'), { responseCode: 552 }));
        try {
          await ingestInbound(ctx, Buffer.concat(chunks), {
            via: 'smtp',
            tenantId: null,
            fallbackTenantId: await soleAgency(ctx.db),
            ...(opts.incidentAddress ? { incidentAddress: opts.incidentAddress } : {}),
            envelopeTo: session.envelope.rcptTo.map((r) => r.address),
          });
          done();
        } catch (err) {
          done(
            Object.assign(new Error(`could not store the message: ${(err as Error).message}`), {
              responseCode: 451,
            }),
          );
        }
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return {
    port: (server.server.address() as { port: number }).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
