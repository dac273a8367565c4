import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { pgArray, rowsOf } from '../../db/client.js';
import type { Ctx } from '../../server/context.js';
import { defineJob } from '../../server/jobs/queue.js';
import { type BatchMail, sendBatch } from '../../server/mail-batch.js';

interface Row {
  response_id: string;
  tenant_id: string;
  tracking_id: string;
  title: string;
  cvss_score: number | null;
  target_date: string;
  system_code: string;
  system_name: string;
  unit_id: string;
  person_id: string;
  person_name: string;
  email: string | null;
}

export function adviceMail(
  a: { trackingId: string; title: string; cvssScore: number | null },
  name: string,
  systems: { code: string; name: string; targetDate: string }[],
  url: string,
) {
  const score = a.cvssScore === null ? '—' : a.cvssScore.toFixed(1);
  const list = systems.map((s) => `  - ${s.code} ${s.name}（対応期限 / due ${s.targetDate}）`);
  return {
    subject: `【脆弱性情報】${a.trackingId} ${a.title} / Vulnerability advisory`,
    text: [
      `${name} 様`,
      '',
      `脆弱性情報「${a.title}」（${a.trackingId}、CVSS 基本値 ${score}）が、あなたが責任を持つ次の情報システムに該当する可能性があります。`,
      '対応状況（修正済み・回避策実施・影響なし・リスク受容）を期限までに登録してください。',
      ...list,
      url,
      '',
      '---',
      `The advisory "${a.title}" (${a.trackingId}, CVSS base score ${score}) may affect these systems you answer for.`,
      'Please record your response (patched, mitigated, not affected, risk accepted) by the due date:',
      ...list,
      url,
    ].join('\n'),
  };
}

/**
 * Mails each affected system's 情報システムセキュリティ責任者 and 管理者 (002 L287-303) once per
 * advisory, one mail per person listing all their newly affected systems. The key of each mail names the
 * responses it covers, so a retry (or a worker that took the job over) mails nobody twice, while systems
 * found affected later get a mail of their own.
 */
export const advisoryNoticeJob = defineJob({
  name: 'systems.advisory-notice',
  payload: z.object({ advisoryId: z.uuid() }),
  maxAttempts: 5,
  handler: async (ctx: Ctx, p, job) => {
    const rows = rowsOf<Row>(
      await ctx.db.execute(sql`
        select r.id as response_id, r.tenant_id, a.tracking_id, a.title, a.cvss_score, r.target_date::text as target_date,
          s.code as system_code, s.name as system_name, s.unit_id, pe.id as person_id, pe.name as person_name, pe.email
        from advisory_responses r join advisories a on a.id = r.advisory_id join systems s on s.id = r.system_id
          join people pe on pe.id in (s.security_officer_id, s.administrator_id)
        where r.advisory_id = ${p.advisoryId} and r.notified_at is null
        order by pe.id, s.code`),
    );
    if (rows.length === 0) return;
    const first = rows[0]!;
    const url = `${ctx.config.publicUrl}/systems/advisories/${p.advisoryId}`;
    const byPerson = new Map<string, Row[]>();
    for (const r of rows) byPerson.set(r.person_id, [...(byPerson.get(r.person_id) ?? []), r]);
    const mails: BatchMail[] = [...byPerson.values()].map((rs) => {
      const ids = rs.map((r) => r.response_id).sort();
      const digest = createHash('sha256').update(ids.join(',')).digest('hex').slice(0, 16);
      const m = adviceMail(
        { trackingId: first.tracking_id, title: first.title, cvssScore: first.cvss_score },
        rs[0]!.person_name,
        rs.map((r) => ({ code: r.system_code, name: r.system_name, targetDate: r.target_date })),
        url,
      );
      return {
        key: `${rs[0]!.person_id}:${digest}`,
        personId: rs[0]!.person_id,
        name: rs[0]!.person_name,
        unitId: rs[0]!.unit_id,
        email: rs[0]!.email,
        ...m,
      };
    });
    const res = await sendBatch(
      ctx,
      { tenantId: first.tenant_id, purpose: 'systems.advisory-notice', occasion: p.advisoryId },
      mails,
      job,
    );
    const responseIds = [...new Set(rows.map((r) => r.response_id))];
    await ctx.db.execute(sql`
      update advisory_responses set notified_at = now()
      where id = any(${pgArray(responseIds)}::uuid[]) and notified_at is null`);
    await job.progress({
      done: mails.length,
      total: mails.length,
      note: `${res.sent} sent, ${res.failed} failed`,
    });
  },
});
