import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { rowsOf } from '../../db/client.js';
import { todayInJapan } from '../../lib/dates.js';
import type { Ctx } from '../../server/context.js';
import { type AnyJob, defineJob, type JobHandle, type Recurring } from '../../server/jobs/queue.js';
import { sendBatch } from '../../server/mail-batch.js';
import { milestoneReminder, reminderWindow } from './rules.js';

export function milestoneMail(
  x: { step: string; dueOn: string; fiscalYear: number },
  name: string,
  url: string,
) {
  return {
    subject: `【情報セキュリティ監査】${x.step}（期限 ${x.dueOn}）/ Audit calendar reminder`,
    text: [
      `${name} 様`,
      '',
      `${x.fiscalYear}年度の情報セキュリティ監査の「${x.step}」の期限は ${x.dueOn} です。`,
      url,
      '',
      '---',
      `The step "${x.step}" of the FY${x.fiscalYear} security audit is due on ${x.dueOn}.`,
      url,
    ].join('\n'),
  };
}

/**
 * Mails the person named on each open milestone a week and a day before it is due (002 L875-962).
 * Each mail is keyed by (milestone, due date, threshold, person): moving the date re-arms it, and no
 * rerun mails anyone twice.
 */
export async function remindMilestones(ctx: Ctx, job: JobHandle | null, now = new Date()) {
  const today = todayInJapan(now);
  const { from, to } = reminderWindow(today);
  const rows = rowsOf<{
    id: string;
    tenant_id: string;
    step: string;
    due_on: string;
    fiscal_year: number;
    person_id: string;
    unit_id: string;
    name: string;
    email: string | null;
  }>(
    await ctx.db.execute(sql`
      select m.id, m.tenant_id, m.step, m.due_on::text as due_on, pl.fiscal_year,
             p.id as person_id, p.unit_id, p.name, p.email
      from secaudit_milestones m
        join secaudit_plans pl on pl.id = m.plan_id
        join people p on p.id = m.responsible_id
      where m.done_at is null and m.due_on >= ${from} and m.due_on <= ${to} and p.status <> 'left'
      order by m.id`),
  );
  let sent = 0;
  for (const r of rows) {
    const threshold = milestoneReminder(r.due_on, today);
    if (!threshold) continue;
    const res = await sendBatch(
      ctx,
      {
        tenantId: r.tenant_id,
        purpose: 'secaudit.milestone-remind',
        occasion: `${r.id}:${r.due_on}:${threshold}`,
      },
      [
        {
          key: r.person_id,
          personId: r.person_id,
          name: r.name,
          unitId: r.unit_id,
          email: r.email,
          ...milestoneMail(
            { step: r.step, dueOn: r.due_on, fiscalYear: Number(r.fiscal_year) },
            r.name,
            `${ctx.config.publicUrl}/secaudit`,
          ),
        },
      ],
      job,
    );
    sent += res.sent;
  }
  return { sent };
}

export const milestoneRemindJob = defineJob({
  name: 'secaudit.milestone-remind',
  payload: z.object({}),
  handler: async (ctx, _p, job) => {
    await remindMilestones(ctx, job);
  },
});

export const MODULE_JOBS: AnyJob[] = [milestoneRemindJob as AnyJob];
export const MODULE_RECURRING: Recurring[] = [{ def: milestoneRemindJob, cron: '15 9 * * *' }];
