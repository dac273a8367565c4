// The dashboard card's counts, within what the caller may read.
import { and, count, eq, sql } from 'drizzle-orm';
import { addDays, todayInJapan } from '../../lib/dates.js';
import type { ActorCtx } from '../../server/context.js';
import { readScope } from './access.js';
import { CHECK_PHASES, CONTRACT_CHECKS } from './checklists.js';
import { CERT_SOON_DAYS, RECONFIRM_SOON_DAYS } from './rules.js';
import { snsAccounts as a, cloudServices as c, vendorContracts as v } from './schema.js';

const path = (col: unknown) => sql`(select ou.path from org_units ou where ou.id = ${col})`;
const ITEMS = CHECK_PHASES.reduce((n, p) => n + CONTRACT_CHECKS[p].length, 0);

export async function dashboard(ctx: ActorCtx) {
  const today = todayInJapan();
  const soon = addDays(today, RECONFIRM_SOON_DAYS);
  const t = ctx.actor.tenantId;
  const dueOf = async (table: typeof c | typeof a) => {
    const [row] = await ctx.db
      .select({
        due: sql<number>`count(*) filter (where ${table.reconfirmDue} <= ${soon})::int`,
        overdue: sql<number>`count(*) filter (where ${table.reconfirmDue} < ${today})::int`,
      })
      .from(table)
      .where(
        and(eq(table.tenantId, t), eq(table.status, 'active'), readScope(ctx.actor, path(table.unitId))),
      );
    return row ?? { due: 0, overdue: 0 };
  };
  const cloud = await dueOf(c);
  const sns = await dueOf(a);
  const scope = and(eq(v.tenantId, t), readScope(ctx.actor, path(v.unitId)));
  const [certs] = await ctx.db
    .select({ n: count() })
    .from(v)
    .where(and(scope, sql`${v.ismsCertificateExpiry} <= ${addDays(today, CERT_SOON_DAYS)}`));
  const [open] = await ctx.db
    .select({ n: count() })
    .from(v)
    .where(
      and(
        scope,
        sql`(select count(*) from vendor_contract_checks ck where ck.contract_id = ${v.id} and ck.result in ('ok', 'na')) < ${ITEMS}`,
      ),
    );
  return {
    reconfirmDue: cloud.due + sns.due,
    reconfirmOverdue: cloud.overdue + sns.overdue,
    certificatesExpiring: certs?.n ?? 0,
    contractsWithOpenChecks: open?.n ?? 0,
  };
}
