import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fiscalYearOf, instantInJapan } from '../../lib/dates.js';
import { buildTestApp, type TestApp } from '../../test/app.js';
import { buildAgencyTree, loginAs } from '../../test/factories.js';
import { AuditAnnual } from '../report/figures-model.js';
import { annualFigures } from './public.js';
import { secauditFindings } from './schema.js';

// The audit section of the annual report (000 L432-562): the year's plan, engagements and findings
// board (000 L523-529), built through the API and checked against the API's own answers.

let t: TestApp;
let tree: Awaited<ReturnType<typeof buildAgencyTree>>;
let auditor: Awaited<ReturnType<typeof loginAs>>;
let ciso: Awaited<ReturnType<typeof loginAs>>;
const thisYear = fiscalYearOf(new Date());
const lastYear = thisYear - 1;
const planBody = { policy: '準拠性の確認', targets: '全部局', methods: '書面監査', criteria: '当省ポリシー' };

beforeAll(async () => {
  t = await buildTestApp();
  tree = await buildAgencyTree(t);
  auditor = await loginAs(t, { unit: tree.root, roles: ['audit_officer', 'staff'] });
  ciso = await loginAs(t, { unit: tree.root, roles: ['ciso', 'staff'] });
}, 120_000);
afterAll(() => t.close());

async function post(url: string, body: unknown, who = auditor) {
  const res = await who.client.post(url, body);
  expect(res.statusCode, res.body).toBeLessThan(300);
  return res.json();
}

const engagementBody = (planId: string, title: string) => ({
  planId,
  kind: 'procedures_vs_policy',
  title,
  unitId: tree.divA1.id,
  auditorKind: 'internal',
  auditorName: '監査室',
  independence: '被監査部門から独立した監査室',
  teamPersonIds: [],
});
const findingBody = (engagementId: string, severity: string) => ({
  engagementId,
  clause: '6.2.4(1)(a)',
  condition: 'パスワードの定期変更が行われていない',
  severity,
});

describe('annualFigures (audits)', () => {
  it('is null for a year with neither plan nor engagement', async () => {
    expect(await annualFigures(t.sys.db, tree.root.tenantId, thisYear)).toBeNull();
  });

  it('counts the year’s plan, engagements and findings board exactly as the findings API shows them', async () => {
    const lastPlan = await post('/api/v1/secaudit/plans', { fiscalYear: lastYear, ...planBody });
    const plan = await post('/api/v1/secaudit/plans', { fiscalYear: thisYear, ...planBody });
    await post(`/api/v1/secaudit/plans/${plan.id}/approve`, {}, ciso);
    const old = await post('/api/v1/secaudit/engagements', engagementBody(lastPlan.id, '前年度監査'));
    const now = await post('/api/v1/secaudit/engagements', engagementBody(plan.id, '本年度監査'));
    // Last year's findings: one closed at 23:59 JST on 31 March (leaves the board), one closed at
    // 00:00 JST on 1 April (closed in this year), one still open (carried over).
    const closedBefore = await post('/api/v1/secaudit/findings', findingBody(old.id, 'high'));
    const closedAtStart = await post('/api/v1/secaudit/findings', findingBody(old.id, 'high'));
    await post('/api/v1/secaudit/findings', findingBody(old.id, 'low'));
    const start = instantInJapan(`${thisYear}-04-01`);
    for (const [id, at] of [
      [closedBefore.id, new Date(start.getTime() - 60_000)],
      [closedAtStart.id, start],
    ] as const)
      await t.sys.db
        .update(secauditFindings)
        .set({ state: 'closed', closedAt: at })
        .where(eq(secauditFindings.id, id));
    await post('/api/v1/secaudit/findings', findingBody(now.id, 'medium'));

    const figures = await annualFigures(t.sys.db, tree.root.tenantId, thisYear);
    expect(AuditAnnual.parse(figures)).toEqual(figures);
    const board = (
      await auditor.client.get(`/api/v1/secaudit/findings?fiscalYear=${thisYear}&pageSize=100`)
    ).json();
    const items = board.items as { state: string; severity: string }[];
    expect(figures!.findings).toMatchObject({
      total: board.total,
      closed: items.filter((i) => i.state === 'closed').length,
      open: items.filter((i) => i.state !== 'closed').length,
      bySeverity: {
        high: items.filter((i) => i.severity === 'high').length,
        medium: items.filter((i) => i.severity === 'medium').length,
        low: items.filter((i) => i.severity === 'low').length,
      },
    });
    expect(figures!.findings).toMatchObject({
      total: 3,
      closed: 1,
      open: 2,
      bySeverity: { high: 1, medium: 1, low: 1 },
    });
    const approved = (await auditor.client.get(`/api/v1/secaudit/plans/${plan.id}`)).json();
    expect(figures!.plan).toMatchObject({
      id: plan.id,
      state: 'approved',
      approvedAt: approved.approvedAt,
      link: `/secaudit/plans/${plan.id}`,
    });
    expect(figures!.engagements).toEqual([
      expect.objectContaining({
        id: now.id,
        title: '本年度監査',
        state: 'findings_open',
        link: `/secaudit/engagements/${now.id}`,
      }),
    ]);

    // Last year: its own plan and engagement, the finding closed on 31 March counted closed in it.
    const before = await annualFigures(t.sys.db, tree.root.tenantId, lastYear);
    expect(before!.findings).toMatchObject({ total: 3, closed: 1, open: 2 });
    expect(before!.plan).toMatchObject({ state: 'draft', approvedAt: null });
  });

  it('another agency’s audits never count', async () => {
    const other = await buildAgencyTree(t);
    expect(await annualFigures(t.sys.db, other.root.tenantId, thisYear)).toBeNull();
  });
});
