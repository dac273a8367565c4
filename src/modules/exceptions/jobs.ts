import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { rowsOf } from '../../db/client.js';
import { addDays, todayInJapan } from '../../lib/dates.js';
import type { Ctx } from '../../server/context.js';
import { type AnyJob, defineJob, type JobHandle, type Recurring } from '../../server/jobs/queue.js';
import { sendBatch } from '../../server/mail-batch.js';
import { EXPIRY_NOTICE_DAYS, expiryReminder } from './rules.js';

/** An exception expired this long ago without a reminder (a new deployment) is not mailed about any more. */
const EXPIRED_LOOKBACK_DAYS = 30;

export function expiryMail(
  x: { clause: string; toOn: string },
  name: string,
  threshold: string,
  url: string,
) {
  const expired = threshold === 'expired';
  return {
    subject: expired
      ? `【例外措置】期間が終了しました：${x.clause} / Exception expired`
      : `【例外措置】期間終了のお知らせ（${x.toOn}まで）：${x.clause} / Exception ending`,
    text: [
      `${name} 様`,
      '',
      expired
        ? `例外措置「${x.clause}」の期間は ${x.toOn} で終了しました。引き続き必要な場合は更新を申請してください。`
        : `例外措置「${x.clause}」の期間は ${x.toOn} に終了します。引き続き必要な場合は更新を申請してください。`,
      url,
      '',
      '---',
      expired
        ? `Your exception "${x.clause}" expired on ${x.toOn}. Request a renewal if it is still needed.`
        : `Your exception "${x.clause}" ends on ${x.toOn}. Request a renewal if it is still needed.`,
      url,
    ].join('\n'),
  };
}

/**
 * Reminds each holder of an approved, not renewed exception 30 and 7 days before its period ends and
 * once after it has expired; sendBatch keys each mail by (exception, threshold, person), so nobody is
 * mailed twice for the same threshold however often this runs.
 */
export async function remindExpiringExceptions(ctx: Ctx, job: JobHandle | null, now = new Date()) {
  const today = todayInJapan(now);
  const rows = rowsOf<{
    id: string;
    tenant_id: string;
    unit_id: string;
    clause: string;
    to_on: string;
    person_id: string;
    name: string;
    email: string | null;
  }>(
    await ctx.db.execute(sql`
      select x.id, x.tenant_id, x.unit_id, x.clause, x.to_on::text as to_on, p.id as person_id, p.name, p.email
      from security_exceptions x join people p on p.id = x.requester_id
      where x.state = 'approved'
        and x.to_on <= ${addDays(today, Math.max(...EXPIRY_NOTICE_DAYS))}
        and x.to_on >= ${addDays(today, -EXPIRED_LOOKBACK_DAYS)}
        and not exists (select 1 from security_exceptions r where r.renews_id = x.id and r.state in ('requested', 'approved'))
      order by x.id`),
  );
  let sent = 0;
  for (const r of rows) {
    const threshold = expiryReminder(r.to_on, today);
    if (!threshold) continue;
    const url = `${ctx.config.publicUrl}/exceptions/${r.id}`;
    const res = await sendBatch(
      ctx,
      { tenantId: r.tenant_id, purpose: 'exception.expiry-remind', occasion: `${r.id}:${threshold}` },
      [
        {
          key: r.person_id,
          personId: r.person_id,
          name: r.name,
          unitId: r.unit_id,
          email: r.email,
          ...expiryMail({ clause: r.clause, toOn: r.to_on }, r.name, threshold, url),
        },
      ],
      job,
    );
    sent += res.sent;
  }
  return { sent };
}

export const expiryRemindJob = defineJob({
  name: 'exceptions.expiry-remind',
  payload: z.object({}),
  handler: async (ctx, _p, job) => {
    await remindExpiringExceptions(ctx, job);
  },
});

export const MODULE_JOBS: AnyJob[] = [expiryRemindJob as AnyJob];
// In the morning on the Japanese clock, with the other reminders.
export const MODULE_RECURRING: Recurring[] = [{ def: expiryRemindJob, cron: '10 9 * * *' }];
