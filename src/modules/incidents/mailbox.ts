import { and, count, eq, gte } from 'drizzle-orm';
import type { ParsedMail } from 'mailparser';
import type { Ctx } from '../../server/context.js';
import { tenants } from '../org/schema.js';
import { reportByMail } from './intake-service.js';
import { incidents } from './schema.js';

// The incident mailbox (MAMORU_INCIDENT_ADDRESS): mail to it, received by the drills' report listener,
// becomes an incident report. `incident+<agency code>@…` names the agency when one listener serves several.

/** Mail reports accepted per sender address, and per agency, in an hour (a flood is dropped, not stored). */
export const MAILBOX_LIMITS = { perSenderPerHour: 10, perAgencyPerHour: 200 } as const;

/** Is one of the recipients the incident mailbox (with or without a +code tag)? Returns the tag. */
export function incidentMailTarget(
  recipients: readonly string[],
  incidentAddress: string,
): { matched: boolean; tenantCode: string | null } {
  const [local, domain] = incidentAddress.toLowerCase().split('@');
  for (const r of recipients) {
    const [rl, rd] = r.toLowerCase().split('@');
    if (!rl || rd !== domain) continue;
    if (rl === local) return { matched: true, tenantCode: null };
    if (rl.startsWith(`${local}+`)) return { matched: true, tenantCode: rl.slice(local!.length + 1) || null };
  }
  return { matched: false, tenantCode: null };
}

function recipientsOf(mail: ParsedMail, envelopeTo: readonly string[]): string[] {
  const header = [mail.to, mail.cc]
    .flatMap((a) => (a === undefined ? [] : Array.isArray(a) ? a : [a]))
    .flatMap((a) => a.value.map((v) => v.address ?? ''));
  return [...envelopeTo, ...header].filter(Boolean);
}

async function overLimit(ctx: Pick<Ctx, 'db'>, tenantId: string, from: string) {
  const since = new Date(Date.now() - 3600_000);
  const recent = and(
    eq(incidents.tenantId, tenantId),
    eq(incidents.source, 'mail'),
    gte(incidents.createdAt, since),
  );
  const [agency] = await ctx.db.select({ n: count() }).from(incidents).where(recent);
  if ((agency?.n ?? 0) >= MAILBOX_LIMITS.perAgencyPerHour) return true;
  const [sender] = await ctx.db
    .select({ n: count() })
    .from(incidents)
    .where(and(recent, eq(incidents.contact, from)));
  return (sender?.n ?? 0) >= MAILBOX_LIMITS.perSenderPerHour;
}

export type MailboxOutcome = 'reported' | 'throttled' | null;

/**
 * Called by the drills' inbound handler for every message: null when it is not for the incident
 * mailbox (the drills go on as before), otherwise whether it became a report or was dropped.
 */
export async function reportFromMailbox(
  ctx: Pick<Ctx, 'db' | 'env'>,
  mail: ParsedMail,
  opts: {
    incidentAddress: string | undefined;
    envelopeTo?: readonly string[];
    tenantId: string | null;
    fallbackTenantId?: string | null;
  },
): Promise<MailboxOutcome> {
  if (!opts.incidentAddress) return null;
  const target = incidentMailTarget(recipientsOf(mail, opts.envelopeTo ?? []), opts.incidentAddress);
  if (!target.matched) return null;
  let tenantId = opts.tenantId;
  if (!tenantId && target.tenantCode) {
    const [t] = await ctx.db
      .select({ id: tenants.id })
      .from(tenants)
      .where(and(eq(tenants.code, target.tenantCode), eq(tenants.kind, 'agency')));
    tenantId = t?.id ?? null;
  }
  tenantId ??= opts.fallbackTenantId ?? null;
  if (!tenantId) return null;
  const from = mail.from?.value[0]?.address?.toLowerCase() ?? '';
  if (await overLimit(ctx, tenantId, from)) return 'throttled';
  await reportByMail(ctx, tenantId, {
    from: from || null,
    subject: mail.subject ?? null,
    // The text part, or the parser's text rendering of the HTML part: markup is never stored.
    text: mail.text ?? '',
    attachments: (mail.attachments ?? [])
      .filter((a) => a.contentDisposition !== 'inline' || a.filename)
      .map((a) => ({ filename: a.filename ?? 'attachment', bytes: a.content })),
  });
  return 'reported';
}
