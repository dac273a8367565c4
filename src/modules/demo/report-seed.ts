// The demo agency's FY2025 annual report (000 L60-1498): the facts the office entered and the first
// narrative blocks, left as a draft for the office to finish and the CISO to approve.
import { and, eq } from 'drizzle-orm';
import type { Ctx } from '../../server/context.js';
import { people } from '../org/schema.js';
import { annualReports, reportNarratives } from '../report/schema.js';
import type { DemoPlan } from './generate.js';

export const DEMO_REPORT_YEAR = 2025;

const NARRATIVES: Record<string, string> = {
  'summary.evaluation':
    '令和7年度は、全職員を対象とした自己点検を実施し、把握率・実施率ともに前年度を上回った。\n一方、情報の格付と取扱制限の表示に関する遵守事項の実施率が低く、引き続き教育による定着が必要である。',
  'summary.goals':
    '1. 格付・取扱制限の表示の徹底（研修教材の改訂）\n2. 標的型メール訓練の開封率の低減\n3. 情報システム台帳の年次見直しの完了',
  priorities: '・標的型メール攻撃への対処訓練の年2回実施\n・外部委託先の確認手順の見直し',
  'statement.education': '全職員を対象に e-ラーニングによる情報セキュリティ研修を実施した。',
};

export async function seedDemoReport(
  ctx: Ctx,
  input: { tenantId: string; plan: DemoPlan; staffQuota: number },
) {
  const [author] = await ctx.db
    .select({ id: people.id })
    .from(people)
    .where(and(eq(people.tenantId, input.tenantId), eq(people.staffNo, input.plan.adminStaffNo)));
  const [report] = await ctx.db
    .insert(annualReports)
    .values({
      tenantId: input.tenantId,
      fiscalYear: DEMO_REPORT_YEAR,
      facts: {
        staffQuota: input.staffQuota,
        itBudgetYen: 3_250_000_000,
        securityBudgetYen: 412_000_000,
        responsibleDivision: '大臣官房 情報システム室',
        notes: '',
      },
    })
    .returning();
  await ctx.db.insert(reportNarratives).values(
    Object.entries(NARRATIVES).map(([blockKey, body]) => ({
      reportId: report!.id,
      blockKey,
      version: 1,
      body,
      authorId: author?.id ?? null,
    })),
  );
}
