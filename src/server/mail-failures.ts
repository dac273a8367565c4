import { and, count, desc, eq, or, type SQL, sql } from 'drizzle-orm';
import { orgUnits } from '../modules/org/schema.js';
import type { ActorCtx } from './context.js';
import { AppError } from './errors.js';
import { MAIL_PURPOSES, type MailPurpose, STALE_MINUTES } from './mail-batch.js';
import { mailSends } from './mail-schema.js';
import { can, canTenantWide, inScope } from './policy.js';

export interface MailFailureQuery {
  purpose?: MailPurpose | undefined;
  page: number;
  pageSize: number;
}

/**
 * Failed batch mail of the actor's agency, newest first: each purpose is visible to holders of its
 * module's manage permission, within their subtrees (a mail without a unit: to tenant-wide holders).
 * A send interrupted by a crash ("sending" for over STALE_MINUTES) is listed as delivery unknown.
 */
export async function listMailFailures(ctx: ActorCtx, q: MailFailureQuery) {
  const { actor } = ctx;
  const purposes = (Object.keys(MAIL_PURPOSES) as MailPurpose[]).filter(
    (p) => (!q.purpose || p === q.purpose) && can(actor, MAIL_PURPOSES[p]),
  );
  if (!(Object.keys(MAIL_PURPOSES) as MailPurpose[]).some((p) => can(actor, MAIL_PURPOSES[p]))) {
    throw new AppError('forbidden');
  }
  if (purposes.length === 0) return { total: 0, items: [] };
  const visible: SQL[] = purposes.map((p) => {
    const permission = MAIL_PURPOSES[p];
    const unitless = canTenantWide(actor, permission) ? sql`${mailSends.unitId} is null` : sql`false`;
    return sql`(${mailSends.purpose} = ${p} and (${inScope(actor, permission, orgUnits.path)} or ${unitless}))`;
  });
  const interrupted = sql`(${mailSends.status} = 'sending' and ${mailSends.claimedAt} < now() - make_interval(mins => ${STALE_MINUTES}))`;
  const where = and(
    eq(mailSends.tenantId, actor.tenantId),
    or(eq(mailSends.status, 'failed'), interrupted),
    or(...visible),
  );
  const [total] = await ctx.db
    .select({ n: count() })
    .from(mailSends)
    .leftJoin(orgUnits, eq(orgUnits.id, mailSends.unitId))
    .where(where);
  const rows = await ctx.db
    .select({ send: mailSends, unitName: orgUnits.nameJa })
    .from(mailSends)
    .leftJoin(orgUnits, eq(orgUnits.id, mailSends.unitId))
    .where(where)
    .orderBy(desc(sql`coalesce(${mailSends.finishedAt}, ${mailSends.claimedAt})`), desc(mailSends.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  return { total: total?.n ?? 0, items: rows.map(presentFailure) };
}

function presentFailure({
  send: s,
  unitName,
}: {
  send: typeof mailSends.$inferSelect;
  unitName: string | null;
}) {
  const unknown = s.status === 'sending';
  return {
    id: s.id,
    purpose: s.purpose as MailPurpose,
    subject: s.subject,
    recipientName: s.recipientName,
    email: s.email,
    unitName,
    reason: unknown
      ? ('delivery_unknown' as const)
      : s.email
        ? ('refused' as const)
        : ('no_address' as const),
    error: unknown ? null : s.error,
    attempts: s.attempts,
    at: (s.finishedAt ?? s.claimedAt ?? s.createdAt).toISOString(),
  };
}
