// The daily reminder of re-confirmations: SNS accounts' 管理担当者 and cloud services' responsible
// people are mailed when the due date comes within RECONFIRM_SOON_DAYS and again once it has passed.
// sendBatch claims each mail per (account or service, due date, stage, person): never twice.
import { and, eq, inArray, lte, sql } from 'drizzle-orm';
import { z } from 'zod';
import { addDays, todayInJapan } from '../../lib/dates.js';
import type { Ctx } from '../../server/context.js';
import { type AnyJob, defineJob, type JobHandle, type Recurring } from '../../server/jobs/queue.js';
import { type BatchMail, sendBatch } from '../../server/mail-batch.js';
import { recordAudit } from '../audit/service.js';
import { people } from '../org/schema.js';
import { RECONFIRM_SOON_DAYS } from './rules.js';
import { cloudServices, snsAccountManagers, snsAccounts } from './schema.js';

interface Due {
  kind: 'sns' | 'cloud';
  id: string;
  tenantId: string;
  unitId: string;
  label: string;
  due: string;
  personIds: string[];
}

function reminderMail(d: Due, today: string, url: string, name: string) {
  const what = d.kind === 'sns' ? 'SNSアカウント' : '約款による外部サービス';
  const overdue = d.due < today;
  return {
    subject: `【Mamoru】${what}の再確認${overdue ? 'の期限が過ぎています' : '期限が近づいています'}：${d.label}`,
    text: [
      `${name} 様`,
      '',
      `${what}「${d.label}」の定期的な再確認の期限は ${d.due} です${overdue ? '（期限を過ぎています）' : ''}。`,
      d.kind === 'sns'
        ? 'チェックリスト（ソーシャルメディアの利用に関する注意喚起）の回答と証跡を確認し、再確認を記録してください。'
        : '利用条件と利用状況を確認し、再確認を記録してください。',
      url,
      '',
      `The periodic re-confirmation of ${d.label} is due on ${d.due}${overdue ? ' (overdue)' : ''}.`,
    ].join('\n'),
  };
}

async function dueItems(ctx: Ctx, until: string): Promise<Due[]> {
  const sns = await ctx.db
    .select()
    .from(snsAccounts)
    .where(and(eq(snsAccounts.status, 'active'), lte(snsAccounts.reconfirmDue, until)));
  const managers = sns.length
    ? await ctx.db
        .select()
        .from(snsAccountManagers)
        .where(
          inArray(
            snsAccountManagers.accountId,
            sns.map((s) => s.id),
          ),
        )
    : [];
  const cloud = await ctx.db
    .select()
    .from(cloudServices)
    .where(
      and(
        eq(cloudServices.status, 'active'),
        lte(cloudServices.reconfirmDue, until),
        sql`${cloudServices.responsiblePersonId} is not null`,
      ),
    );
  return [
    ...sns.map((s) => ({
      kind: 'sns' as const,
      id: s.id,
      tenantId: s.tenantId,
      unitId: s.unitId,
      label: `${s.platform} ${s.accountName}`,
      due: s.reconfirmDue!,
      personIds: managers.filter((m) => m.accountId === s.id).map((m) => m.personId),
    })),
    ...cloud.map((c) => ({
      kind: 'cloud' as const,
      id: c.id,
      tenantId: c.tenantId,
      unitId: c.unitId,
      label: c.name,
      due: c.reconfirmDue!,
      personIds: [c.responsiblePersonId!],
    })),
  ];
}

export async function remindReconfirmations(ctx: Ctx, job?: JobHandle | null, today = todayInJapan()) {
  const items = await dueItems(ctx, addDays(today, RECONFIRM_SOON_DAYS));
  const perTenant = new Map<string, { items: number; sent: number; failed: number }>();
  for (const d of items) {
    if (d.personIds.length === 0) continue;
    const to = await ctx.db
      .select({ id: people.id, name: people.name, email: people.email, status: people.status })
      .from(people)
      .where(inArray(people.id, d.personIds));
    const stage = d.due < today ? 'overdue' : 'soon';
    const url = `${ctx.config.publicUrl}/vendors/${d.kind === 'sns' ? 'sns' : 'cloud'}/${d.id}`;
    const mails: BatchMail[] = to
      .filter((p) => p.status !== 'left')
      .map((p) => ({
        key: p.id,
        personId: p.id,
        name: p.name,
        unitId: d.unitId,
        email: p.email,
        ...reminderMail(d, today, url, p.name),
      }));
    const res = await sendBatch(
      ctx,
      {
        tenantId: d.tenantId,
        purpose: 'vendors.reconfirm-remind',
        occasion: `${d.kind}:${d.id}:${d.due}:${stage}`,
      },
      mails,
      job,
    );
    const t = perTenant.get(d.tenantId) ?? { items: 0, sent: 0, failed: 0 };
    perTenant.set(d.tenantId, { items: t.items + 1, sent: t.sent + res.sent, failed: t.failed + res.failed });
  }
  for (const [tenantId, totals] of perTenant) {
    if (totals.sent === 0 && totals.failed === 0) continue;
    await ctx.db.transaction((tx) =>
      recordAudit(tx, ctx, {
        action: 'vendor.reconfirm_remind',
        tenantId,
        targetId: tenantId,
        actorLabel: 'job',
        after: { today, ...totals },
      }),
    );
  }
}

export const reconfirmRemindersJob = defineJob({
  name: 'vendors.reconfirm-reminders',
  payload: z.object({}),
  handler: (ctx: Ctx, _p, job) => remindReconfirmations(ctx, job),
});

export const MODULE_JOBS: AnyJob[] = [reconfirmRemindersJob as AnyJob];
export const MODULE_RECURRING: Recurring[] = [{ def: reconfirmRemindersJob, cron: '10 9 * * *' }];
