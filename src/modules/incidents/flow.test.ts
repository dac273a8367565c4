import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fiscalYearOf } from '../../lib/dates.js';
import { buildTestApp, type Client, type TestApp } from '../../test/app.js';
import { buildAgency, buildAgencyTree, loginAs } from '../../test/factories.js';
import { systems } from '../systems/schema.js';
import { DEFAULT_FLOW } from './rules.js';

// The "Done when" walk: an anonymous report through all 13 default steps (002 L692-778) to closure,
// each step refused to everyone but its holder, and the year's list export matching the cases.

let t: TestApp;
let tree: Awaited<ReturnType<typeof buildAgencyTree>>;
type Who = { client: Client; person: { id: string } };
let csirt: Who;
let ciso: Who;
let bureauOfficer: Who;
let divHead: Who;
let sysOfficer: Who;
let otherDivHead: Who;
let staff: Who;
let foreignCsirt: Who;
let systemId: string;

beforeAll(async () => {
  t = await buildTestApp();
  tree = await buildAgencyTree(t);
  csirt = await loginAs(t, { unit: tree.root, roles: ['csirt'] });
  ciso = await loginAs(t, { unit: tree.root, roles: ['ciso'] });
  bureauOfficer = await loginAs(t, { unit: tree.bureauA, roles: ['security_officer'] });
  divHead = await loginAs(t, { unit: tree.divA1, roles: ['division_security_officer'] });
  sysOfficer = await loginAs(t, { unit: tree.divA1, roles: ['system_security_officer'] });
  otherDivHead = await loginAs(t, { unit: tree.divA2, roles: ['division_security_officer'] });
  staff = await loginAs(t, { unit: tree.divA1, roles: ['staff'] });
  const other = await buildAgency(t);
  foreignCsirt = await loginAs(t, { unit: other.root, roles: ['csirt', 'ciso'] });
  const [sys] = await t.sys.db
    .insert(systems)
    .values({
      tenantId: tree.tenant.id,
      code: 'SYS-1',
      name: '文書管理システム',
      unitId: tree.divA1.id,
      securityOfficerId: sysOfficer.person.id,
    })
    .returning();
  systemId = sys!.id;
});
afterAll(() => t.close());

const anonymous = () =>
  t.app.inject({
    method: 'POST',
    url: `/api/v1/report/${tree.tenant.code}`,
    payload: {
      what: '<script>alert(1)</script> 不審なメールの添付ファイルを開いてしまった',
      when: '今朝9時ごろ',
      where: '第一課の端末',
      contact: '内線1234',
    },
  });

describe('an incident from an anonymous report to closure', () => {
  let id: string;

  it('takes an anonymous report and gives only a receipt', async () => {
    const res = await anonymous();
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toEqual({ reference: expect.any(String), receivedAt: expect.any(String) });
    const list = await csirt.client.get('/api/v1/incidents?state=reported');
    expect(list.json().total).toBe(1);
    id = list.json().items[0].id;
    // Stored as typed: text, never interpreted (screens escape it).
    expect(list.json().items[0].what).toContain('<script>alert(1)</script>');
  });

  it('answers 404 to other agencies and to people outside the case, as for a random id', async () => {
    for (const who of [foreignCsirt, otherDivHead, staff]) {
      const res = await who.client.get(`/api/v1/incidents/${id}`);
      expect(res.statusCode).toBe(404);
      const random = await who.client.get('/api/v1/incidents/00000000-0000-4000-8000-000000000000');
      const { instance: _a, ...seen } = res.json();
      const { instance: _b, ...unseen } = random.json();
      expect(seen).toEqual(unseen);
      expect((await who.client.get('/api/v1/incidents')).json().items).toHaveLength(0);
    }
  });

  it('is triaged only by the CSIRT, which starts the 13-step flow resolved to people', async () => {
    const body = {
      title: '標的型メールによるマルウェア感染の疑い',
      type: 'external_attack',
      severity: 'high',
      personalData: false,
      unitId: tree.divA1.id,
      systemIds: [systemId],
    };
    expect((await divHead.client.post(`/api/v1/incidents/${id}/triage`, body)).statusCode).toBe(403);
    expect((await foreignCsirt.client.post(`/api/v1/incidents/${id}/triage`, body)).statusCode).toBe(404);
    const res = await csirt.client.post(`/api/v1/incidents/${id}/triage`, body);
    expect(res.statusCode, res.body).toBe(200);
    const c = res.json();
    expect(c.state).toBe('in_progress');
    expect(c.mustNotifyNisc).toBe(true);
    expect(c.steps.map((s: { key: string }) => s.key)).toEqual(DEFAULT_FLOW.map((s) => s.key));
    expect(c.current).toMatchObject({ key: 'report', holders: [{ id: divHead.person.id }] });
  });

  it('refuses a system not in the agency’s ledger', async () => {
    const res = await csirt.client.post(`/api/v1/incidents/${id}/triage`, {
      title: 'x',
      type: 'other',
      severity: 'low',
      personalData: false,
      systemIds: ['00000000-0000-4000-8000-000000000000'],
    });
    expect(res.statusCode).toBe(400);
  });

  it('walks all 13 steps, each done only by its holder', async () => {
    const doerOf: Record<string, Who> = {
      report: divHead,
      instruct: divHead,
      notify_officer: bureauOfficer,
      notify_liaison: csirt,
      plan: sysOfficer,
      plan_approval: divHead,
      nisc: csirt,
      prevention: sysOfficer,
      prevention_approval: bureauOfficer,
      result: sysOfficer,
      result_confirm: divHead,
      report_ciso: csirt,
      ciso: ciso,
    };
    const insiders = [csirt, ciso, bureauOfficer, divHead, sysOfficer];
    for (const [n, step] of DEFAULT_FLOW.entries()) {
      const url = `/api/v1/incidents/${id}/steps/${step.key}/complete`;
      const doer = doerOf[step.key]!;
      for (const who of insiders.filter((w) => w !== doer)) {
        const res = await who.client.post(url, { note: null });
        expect(res.statusCode, `${step.key} by someone else`).toBe(403);
      }
      for (const who of [foreignCsirt, otherDivHead, staff])
        expect((await who.client.post(url, { note: null })).statusCode, `${step.key} by an outsider`).toBe(
          404,
        );
      // A later step cannot be done before this one.
      const next = DEFAULT_FLOW[n + 1];
      if (next)
        expect(
          (await doerOf[next.key]!.client.post(`/api/v1/incidents/${id}/steps/${next.key}/complete`, {}))
            .statusCode,
        ).toBe(409);
      if (step.key === 'nisc') {
        const liaison = await csirt.client.post(`/api/v1/incidents/${id}/liaisons`, {
          direction: 'sent',
          counterpart: 'nisc',
          at: new Date().toISOString(),
          channel: 'mail',
          content: '第一報を送付',
        });
        expect(liaison.statusCode, liaison.body).toBe(200);
        expect(liaison.json().niscNotifiedAt).not.toBeNull();
      }
      const res = await doer.client.post(url, { note: `${step.nameJa} 完了` });
      expect(res.statusCode, `${step.key}: ${res.body}`).toBe(200);
      const c = res.json();
      expect(c.steps[n].doneBy.id).toBe(doer.person.id);
      expect(c.state).toBe(n === DEFAULT_FLOW.length - 1 ? 'closed' : 'in_progress');
    }
    const closed = (await ciso.client.get(`/api/v1/incidents/${id}`)).json();
    expect(closed.closedAt).not.toBeNull();
    expect(closed.current).toBeNull();
    expect(closed.steps.every((s: { doneAt: string | null }) => s.doneAt !== null)).toBe(true);
  });

  it('lists the year’s cases in the report’s shape, and the export matches', async () => {
    const second = await staff.client.post('/api/v1/incidents', {
      what: 'USBメモリを紛失した',
      where: '庁舎外',
    });
    expect(second.statusCode, second.body).toBe(201);
    const fy = fiscalYearOf(new Date());
    const list = await ciso.client.get(`/api/v1/incidents/year/${fy}`);
    expect(list.statusCode).toBe(200);
    const items = list.json().items as { summary: string; typeJa: string; month: string }[];
    expect(items).toHaveLength(2);
    expect(items.map((i) => i.typeJa).sort()).toEqual(['外部からの攻撃', '未分類']);
    const csv = await ciso.client.get(`/api/v1/incidents/year/${fy}/export?format=csv`);
    expect(csv.statusCode).toBe(200);
    const rows = parse(csv.rawPayload.toString('utf8').replace(/^\uFEFF/, ''), { columns: true }) as Record<
      string,
      string
    >[];
    expect(rows).toHaveLength(2);
    expect(rows.map((r) => r.種別)).toEqual(items.map((i) => i.typeJa));
    expect(rows.map((r) => r.年月)).toEqual(items.map((i) => i.month));
    expect(rows[0]!['情報セキュリティインシデントの概要・対応等']).toContain('【概要】');
    const xlsx = await ciso.client.get(`/api/v1/incidents/year/${fy}/export?format=xlsx`);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    // Staff and other agencies see no list.
    expect((await staff.client.get(`/api/v1/incidents/year/${fy}`)).statusCode).toBe(403);
    expect((await foreignCsirt.client.get(`/api/v1/incidents/year/${fy}`)).json().items).toHaveLength(0);
  });

  it('exports the liaison record in a reporting layout', async () => {
    const res = await csirt.client.get(`/api/v1/incidents/${id}/liaisons/export`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect((await foreignCsirt.client.get(`/api/v1/incidents/${id}/liaisons/export`)).statusCode).toBe(404);
  });

  it('gives the reporter their own case in a limited view', async () => {
    const mine = (await staff.client.get('/api/v1/incidents')).json().items;
    expect(mine).toHaveLength(1);
    const c = (await staff.client.get(`/api/v1/incidents/${mine[0].id}`)).json();
    expect(c.view).toBe('reporter');
    expect(c.steps).toEqual([]);
  });

  it('shows the CISO the open cases, who holds them and since when', async () => {
    const res = await ciso.client.get('/api/v1/incidents/summary');
    expect(res.statusCode).toBe(200);
    expect(res.json().open).toBe(1);
    expect(res.json().reported).toBe(1);
    expect((await staff.client.get('/api/v1/incidents/summary')).statusCode).toBe(403);
  });
});
