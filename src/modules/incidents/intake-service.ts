import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { ActorCtx, Ctx } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import { replaceControlCharacters } from '../../server/validation.js';
import { recordAudit } from '../audit/service.js';
import { people, tenants } from '../org/schema.js';
import { rootUnit } from '../org/service.js';
import { caseReference, type IncidentSource, sniffAttachment } from './rules.js';
import { incidentAttachments, incidents } from './schema.js';
import { REPORT_LIMITS, type ReportBody } from './validation.js';

// The reporting point (報告窓口, 001 L10664-10684): a public form per agency, a signed-in form, and the
// incident mailbox. Everything is stored as text; attachments go to the database after their bytes
// were sniffed against an allow-list.

export interface IncomingAttachment {
  filename: string;
  bytes: Buffer;
}

interface NewReport {
  tenantId: string;
  unitId: string;
  source: IncidentSource;
  reporterPersonId: string | null;
  what: string;
  when: string;
  where: string;
  contact: string;
  discoveredAt: Date | null;
  attachments: IncomingAttachment[];
}

function badAttachment(i: number, ja: string, en: string) {
  return new AppError('validation_failed', {
    errors: [{ path: `body.attachments.${i}`, message: { ja, en } }],
  });
}

/** Checks size and sniffed type; returns what to store, or throws naming the attachment. */
export function checkAttachments(list: IncomingAttachment[]) {
  return list.map((a, i) => {
    if (a.bytes.length === 0) throw badAttachment(i, 'ファイルが空です', 'the file is empty');
    if (a.bytes.length > REPORT_LIMITS.attachmentBytes)
      throw badAttachment(i, 'ファイルが大きすぎます（2MB まで）', 'the file is too large (2 MB at most)');
    const type = sniffAttachment(a.bytes);
    if (!type)
      throw badAttachment(
        i,
        '受け付けられない種類のファイルです（PNG・JPEG・PDF・テキストのみ）',
        'this kind of file is not accepted (PNG, JPEG, PDF or plain text only)',
      );
    return { filename: a.filename, contentType: type, size: a.bytes.length, bytes: a.bytes };
  });
}

async function insertReport(db: Db, ctx: Pick<Ctx, 'actor' | 'requestId' | 'ip' | 'env'>, r: NewReport) {
  const files = checkAttachments(r.attachments);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(incidents)
      .values({
        tenantId: r.tenantId,
        unitId: r.unitId,
        source: r.source,
        reporterPersonId: r.reporterPersonId,
        what: r.what,
        whenText: r.when,
        whereText: r.where,
        contact: r.contact,
        discoveredAt: r.discoveredAt,
      })
      .returning();
    if (files.length)
      await tx.insert(incidentAttachments).values(files.map((f) => ({ ...f, incidentId: row!.id })));
    await recordAudit(tx, ctx, {
      action: 'incident.report',
      tenantId: r.tenantId,
      targetId: row!.id,
      after: { source: r.source, attachments: files.length },
      ...(ctx.actor ? {} : { actorLabel: r.source === 'mail' ? 'incident-mailbox' : 'public-form' }),
    });
    return row!;
  });
}

const decode = (body: ReportBody): IncomingAttachment[] =>
  body.attachments.map((a) => ({ filename: a.filename, bytes: Buffer.from(a.data, 'base64') }));

/** The public form: no sign-in; the agency comes from its code in the URL (unknown → not found). */
export async function reportAnonymously(ctx: Ctx, tenantCode: string, body: ReportBody) {
  const [tenant] = await ctx.db
    .select({ id: tenants.id })
    .from(tenants)
    .where(and(eq(tenants.code, tenantCode), eq(tenants.kind, 'agency')));
  if (!tenant) throw new AppError('not_found');
  const row = await insertReport(ctx.db, ctx, {
    tenantId: tenant.id,
    unitId: (await rootUnit(ctx.db, tenant.id)).id,
    source: 'public_form',
    reporterPersonId: null,
    what: body.what,
    when: body.when,
    where: body.where,
    contact: body.contact,
    discoveredAt: body.discoveredAt ? new Date(body.discoveredAt) : null,
    attachments: decode(body),
  });
  // The anonymous reporter gets a receipt, never a handle on the case.
  return { reference: caseReference(row.id), receivedAt: row.createdAt.toISOString() };
}

/** The signed-in form: the reporter's own unit is the reporting unit. */
export async function reportSignedIn(ctx: ActorCtx, body: ReportBody) {
  const [me] = await ctx.db
    .select({ unitId: people.unitId })
    .from(people)
    .where(eq(people.id, ctx.actor.personId));
  if (!me) throw new AppError('not_found');
  const row = await insertReport(ctx.db, ctx, {
    tenantId: ctx.actor.tenantId,
    unitId: me.unitId,
    source: 'signed_in_form',
    reporterPersonId: ctx.actor.personId,
    what: body.what,
    when: body.when,
    where: body.where,
    contact: body.contact,
    discoveredAt: body.discoveredAt ? new Date(body.discoveredAt) : null,
    attachments: decode(body),
  });
  return { id: row.id, receivedAt: row.createdAt.toISOString() };
}

export interface IncidentMail {
  from: string | null;
  subject: string | null;
  /** The text part, or the HTML part converted to text by the parser: markup is never stored. */
  text: string;
  attachments: IncomingAttachment[];
}

/**
 * A mail to the incident mailbox becomes a report (called by the drills' inbound listener). The sender
 * is matched to a person of the agency by address when possible. Attachments that fail the checks are
 * dropped (a mail cannot be refused back to its sender the way a form can), and the text is cut to size.
 */
export async function reportByMail(ctx: Pick<Ctx, 'db' | 'env'>, tenantId: string, mail: IncidentMail) {
  const clean = (s: string, max: number) => replaceControlCharacters(s).slice(0, max);
  const from = mail.from ? clean(mail.from, 300) : '';
  const [person] = from
    ? await ctx.db
        .select({ id: people.id, unitId: people.unitId })
        .from(people)
        .where(and(eq(people.tenantId, tenantId), eq(people.email, from)))
        .limit(1)
    : [];
  const subject = mail.subject ? clean(mail.subject, 300) : '';
  const what = clean([subject, mail.text].filter(Boolean).join('\n\n'), REPORT_LIMITS.what) || '(本文なし)';
  const attachments = mail.attachments
    .slice(0, REPORT_LIMITS.attachments)
    .filter((a) => a.bytes.length <= REPORT_LIMITS.attachmentBytes && sniffAttachment(a.bytes) !== null)
    .map((a) => ({
      filename: clean(a.filename.replace(/[/\\]/g, '_'), 200) || 'attachment',
      bytes: a.bytes,
    }));
  const row = await insertReport(
    ctx.db,
    { actor: null, requestId: null, ip: null, env: ctx.env },
    {
      tenantId,
      unitId: person?.unitId ?? (await rootUnit(ctx.db, tenantId)).id,
      source: 'mail',
      reporterPersonId: person?.id ?? null,
      what,
      when: '',
      where: '',
      contact: from,
      discoveredAt: null,
      attachments,
    },
  );
  return { id: row.id };
}
