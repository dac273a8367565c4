import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { pgArray, rowsOf } from '../../db/client.js';
import type { Ctx } from '../../server/context.js';
import { defineJob } from '../../server/jobs/queue.js';
import { sendBatch } from '../../server/mail-batch.js';

const BATCH = 200;

export function inspectionMail(r: {
  round_name: string;
  host_name: string;
  system_name: string;
  reference_date: string;
  due_on: string | null;
  name: string | null;
  url: string;
}) {
  return {
    subject: `【重点検査】回答のお願い：${r.round_name} / Focused inspection`,
    text: [
      `${r.name ?? '情報システムセキュリティ責任者'} 様`,
      '',
      `重点検査「${r.round_name}」（検査基準日 ${r.reference_date}）の対象として、`,
      `情報システム「${r.system_name}」のホスト ${r.host_name} の検査項目への回答をお願いします。`,
      r.due_on ? `回答期限: ${r.due_on}` : '',
      '計測済みの項目は、計測結果を確認してください。',
      r.url,
      '',
      '---',
      `Please answer the focused inspection "${r.round_name}" (reference date ${r.reference_date}) for host ${r.host_name} of the system "${r.system_name}".`,
      r.due_on ? `Due: ${r.due_on}` : '',
      'Items already measured by a probe only need your confirmation.',
      r.url,
    ]
      .filter((l, i, all) => l !== '' || all[i - 1] !== '')
      .join('\n'),
  };
}

/**
 * Mails each host's assignment to its system's 情報システムセキュリティ責任者. sendBatch claims every
 * (round, target) before it goes out and notified_at is set after, so a retried or taken-over job mails
 * nobody twice; a system without an officer or address is listed as a failed mail for the office.
 */
export const inspectionNoticeJob = defineJob({
  name: 'inspection.notice',
  payload: z.object({ roundId: z.uuid() }),
  maxAttempts: 5,
  handler: async (ctx: Ctx, p, job) => {
    let done = 0;
    for (;;) {
      const batch = rowsOf<{
        id: string;
        tenant_id: string;
        person_id: string | null;
        unit_id: string;
        name: string | null;
        email: string | null;
        round_name: string;
        reference_date: string;
        due_on: string | null;
        host_name: string;
        system_name: string;
      }>(
        await ctx.db.execute(sql`
          select t.id, t.tenant_id, pe.id as person_id, t.unit_id, pe.name, pe.email, r.name as round_name,
            r.reference_date::text as reference_date, r.due_on::text as due_on, t.host_name, s.name as system_name
          from inspection_targets t join inspection_rounds r on r.id = t.round_id
            join systems s on s.id = t.system_id
            left join people pe on pe.id = t.assignee_id
          where t.round_id = ${p.roundId} and t.notified_at is null and r.status = 'open'
          order by t.id limit ${BATCH}`),
      );
      if (batch.length === 0) break;
      const res = await sendBatch(
        ctx,
        { tenantId: batch[0]!.tenant_id, purpose: 'inspection.notice', occasion: p.roundId },
        batch.map((r) => ({
          key: r.id,
          personId: r.person_id,
          name: r.name,
          unitId: r.unit_id,
          email: r.email,
          ...inspectionMail({ ...r, url: `${ctx.config.publicUrl}/inspections/targets/${r.id}` }),
        })),
        job,
      );
      done += res.sent + res.failed + res.skipped;
      await ctx.db.execute(sql`
        update inspection_targets set notified_at = now()
        where id = any(${pgArray(batch.map((r) => r.id))}::uuid[]) and notified_at is null`);
      await job.progress({ done, total: done, note: `${res.sent} sent, ${res.failed} failed` });
    }
  },
});
