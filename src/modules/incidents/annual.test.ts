import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fiscalYearOf } from '../../lib/dates.js';
import { buildTestApp, type TestApp } from '../../test/app.js';
import { buildAgencyTree, loginAs } from '../../test/factories.js';
import { IncidentAnnual } from '../report/figures-model.js';
import { annualFigures } from './public.js';
import { DEFAULT_FLOW, INCIDENT_TYPES } from './rules.js';
import { incidents } from './schema.js';

// The annual report's incidents (001 L4252-4282 item (4), 001 ch. II by type) must be the year's list
// of the incidents page, exactly; "no incident" is a statement only for an agency that handles them.

let t: TestApp;
const FY = fiscalYearOf(new Date());

beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

async function agency() {
  const tree = await buildAgencyTree(t);
  const csirt = await loginAs(t, { unit: tree.root, roles: ['csirt'] });
  const staff = await loginAs(t, { unit: tree.divA1, roles: ['staff'] });
  const report = async (what: string, discoveredAt: string | null = null) => {
    const res = await staff.client.post('/api/v1/incidents', { what, discoveredAt });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };
  const triage = async (id: string, type: string, severity: string) => {
    const res = await csirt.client.post(`/api/v1/incidents/${id}/triage`, {
      title: `件名 ${type}`,
      type,
      severity,
      personalData: false,
    });
    expect(res.statusCode, res.body).toBe(200);
  };
  return { tree, csirt, staff, report, triage };
}

/** The figures against the incidents page's year list and each case page. */
async function expectSameAsYearList(
  a: Awaited<ReturnType<typeof agency>>,
  fy: number,
  figures: IncidentAnnual,
) {
  const res = await a.csirt.client.get(`/api/v1/incidents/year/${fy}`);
  expect(res.statusCode, res.body).toBe(200);
  const year = res.json().items as { id: string; type: string | null }[];
  expect(figures.list.map((c) => c.incidentId)).toEqual(year.map((i) => i.id));
  expect(figures.list.map((c) => c.type)).toEqual(year.map((i) => i.type));
  for (const type of INCIDENT_TYPES) {
    expect(figures.byType.find((b) => b.type === type)!.count).toBe(
      year.filter((i) => i.type === type).length,
    );
  }
  expect(figures.byType.reduce((n, b) => n + b.count, 0)).toBe(year.length);
  for (const c of figures.list) {
    const page = (await a.csirt.client.get(`/api/v1/incidents/${c.incidentId}`)).json();
    expect(c).toMatchObject({
      reportedAt: page.createdAt,
      type: page.type,
      severity: page.severity,
      status: page.state,
      link: `/incidents/${c.incidentId}`,
      reference: c.incidentId.slice(0, 8).toUpperCase(),
    });
    if (page.title) expect(c.title).toBe(page.title);
  }
}

describe('incidents annualFigures', () => {
  it('equals the year list: every type counted (Japanese labels), untriaged cases apart', async () => {
    const a = await agency();
    const attack = await a.report('不審なメールの添付ファイルを開いた', '2026-05-01T10:00:00+09:00');
    const leak = await a.report('メールの誤送信');
    const attack2 = await a.report('不正アクセスの疑い');
    await a.report('USBメモリを紛失した\n詳細は追って');
    await a.triage(attack, 'external_attack', 'high');
    await a.triage(leak, 'unintended_leak', 'medium');
    await a.triage(attack2, 'external_attack', 'low');
    const figures = await annualFigures(t.sys.db, a.tree.tenant.id, FY);
    expect(IncidentAnnual.parse(figures)).toEqual(figures);
    await expectSameAsYearList(a, FY, figures!);
    expect(figures!.byType).toEqual([
      { type: 'external_attack', label: '外部からの攻撃', count: 2 },
      { type: 'unintended_leak', label: '意図せぬ情報流出', count: 1 },
      { type: 'insider', label: '内部不正', count: 0 },
      { type: 'other', label: 'その他', count: 0 },
      { type: 'unclassified', label: '未分類', count: 1 },
    ]);
    expect(figures!.list[0]).toMatchObject({
      occurredOn: '2026-05-01',
      severity: 'high',
      status: 'in_progress',
    });
    expect(figures!.list[3]).toMatchObject({ title: 'USBメモリを紛失した', type: null, severity: null });
  });

  it('counts a case received at 00:30 JST on 1 April in the new fiscal year, at 23:59 on 31 March in the old', async () => {
    const a = await agency();
    const late = await a.report('年度末の事案');
    const early = await a.report('年度初めの事案');
    await a.triage(early, 'other', 'low');
    const at = (id: string, iso: string) =>
      t.sys.db
        .update(incidents)
        .set({ createdAt: new Date(iso) })
        .where(eq(incidents.id, id));
    await at(late, '2025-03-31T14:59:00Z'); // 23:59 JST, 31 March 2025: FY2024
    await at(early, '2025-03-31T15:30:00Z'); // 00:30 JST, 1 April 2025: FY2025
    const fy2024 = await annualFigures(t.sys.db, a.tree.tenant.id, 2024);
    const fy2025 = await annualFigures(t.sys.db, a.tree.tenant.id, 2025);
    expect(fy2024!.list.map((c) => c.incidentId)).toEqual([late]);
    expect(fy2025!.list.map((c) => c.incidentId)).toEqual([early]);
    await expectSameAsYearList(a, 2024, fy2024!);
    await expectSameAsYearList(a, 2025, fy2025!);
    // having handled incidents before, a year without any is a year of zeros, not "not in use"
    const quiet = await annualFigures(t.sys.db, a.tree.tenant.id, FY);
    expect(quiet).toEqual({
      byType: INCIDENT_TYPES.map((type) => expect.objectContaining({ type, count: 0 })),
      list: [],
    });
    expect(await annualFigures(t.sys.db, a.tree.tenant.id, 2023)).toBeNull();
  });

  it('is null for an agency that never set up incident handling; zeros once it saved its flow', async () => {
    const a = await agency();
    expect(await annualFigures(t.sys.db, a.tree.tenant.id, FY)).toBeNull();
    const res = await a.csirt.client.request({
      method: 'PUT',
      url: '/api/v1/incidents/flow',
      payload: { steps: DEFAULT_FLOW },
    });
    expect(res.statusCode, res.body).toBe(200);
    const figures = await annualFigures(t.sys.db, a.tree.tenant.id, FY);
    expect(IncidentAnnual.parse(figures)).toEqual(figures);
    expect(figures!.list).toEqual([]);
    expect(figures!.byType.map((b) => b.count)).toEqual([0, 0, 0, 0]);
    // the flow was saved this year: earlier years stay "not in use"
    expect(await annualFigures(t.sys.db, a.tree.tenant.id, FY - 1)).toBeNull();
  });
});
