import { asc, eq } from 'drizzle-orm';
import { addDays, todayInJapan } from '../../lib/dates.js';
import type { Ctx } from '../../server/context.js';
import { alertDeliveries, centralAlerts } from '../alerts/schema.js';
import { people } from '../org/schema.js';

// A few of the central body's alerts (注意喚起, 001 L447-462, L504-516) delivered to the demo agency:
// one naming a product of the demo ledger, one suspicious mail released to the portal, one asking a
// report back that is overdue.

const DAY = 86_400_000;

export async function seedDemoAlerts(
  ctx: Ctx,
  opts: { centralId: string; tenantId: string },
): Promise<number> {
  const [author] = await ctx.db
    .select({ id: people.id })
    .from(people)
    .where(eq(people.tenantId, opts.centralId))
    .orderBy(asc(people.staffNo))
    .limit(1);
  if (!author) return 0;
  const now = Date.now();
  const today = todayInJapan();
  const alerts = [
    {
      kind: 'vulnerability' as const,
      titleJa: 'Apache HTTP Server の脆弱性への対応について',
      titleEn: 'Apache HTTP Server vulnerability',
      body: 'Apache HTTP Server 2.4.57 以前に脆弱性が公表されました。\n該当するシステムでは速やかに 2.4.58 以降へ更新してください。',
      products: [
        {
          vendor: 'Apache Software Foundation',
          product: 'HTTP Server',
          cpe: null,
          ranges: [{ type: 'before' as const, version: '2.4.58' }],
        },
      ],
      reportRequested: true,
      reportDueOn: addDays(today, 7),
      daysAgo: 1,
      released: false,
    },
    {
      kind: 'suspicious_mail' as const,
      titleJa: '府省庁職員を装った不審メールに注意',
      titleEn: 'Suspicious mail impersonating government staff',
      body: '差出人: soumu-info@example.com\n件名: 【至急】共済組合の手続きについて\n添付: 手続き.zip（パスワード付き）\n兆候: 実在の職員名を騙り、添付ファイルを開かせようとする。',
      products: [],
      reportRequested: false,
      reportDueOn: null,
      daysAgo: 3,
      released: true,
    },
    {
      kind: 'notice' as const,
      titleJa: '長期休暇前の緊急連絡体制の確認について',
      titleEn: 'Check emergency contacts before the long holidays',
      body: '長期休暇に備え、緊急連絡先と対応体制を確認し、結果を報告してください。',
      products: [],
      reportRequested: true,
      reportDueOn: addDays(today, -2),
      daysAgo: 10,
      released: false,
    },
  ];
  for (const { daysAgo, released, ...x } of alerts) {
    const at = new Date(now - daysAgo * DAY);
    const [alert] = await ctx.db
      .insert(centralAlerts)
      .values({
        ...x,
        tenantId: opts.centralId,
        agencyIds: [opts.tenantId],
        createdBy: author.id,
        publishedBy: author.id,
        publishedAt: at,
        createdAt: at,
      })
      .returning();
    await ctx.db.insert(alertDeliveries).values({
      alertId: alert!.id,
      tenantId: opts.tenantId,
      receivedAt: at,
      ...(released
        ? {
            acknowledgedAt: new Date(at.getTime() + 40 * 60_000),
            releasedAt: at,
            releasedUntil: addDays(today, 14),
          }
        : {}),
    });
  }
  return alerts.length;
}
