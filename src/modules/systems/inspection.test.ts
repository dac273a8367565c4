import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Worker } from '../../server/jobs/queue.js';
import { JOBS } from '../../server/jobs/registry.js';
import type { MailMessage } from '../../server/mail.js';
import { buildTestApp, Client, type TestApp } from '../../test/app.js';
import { buildAgencyTree, buildPerson, loginAs } from '../../test/factories.js';
import { buildHost, buildProbeRun, buildSystem, tlsResult } from './inspection.fixtures.js';

let t: TestApp;
let tree: Awaited<ReturnType<typeof buildAgencyTree>>;
const sent: MailMessage[] = [];

type Logged = Awaited<ReturnType<typeof loginAs>>;
let officerA: Logged; // 情報システムセキュリティ責任者 of the divA1 system
let officerB: Logged; // of the divB1 system
let viewerB: Logged; // 課室情報セキュリティ責任者 of divB1: system.view there
let viewerA: Logged; // system.view over divA1, not responsible for the system
let staff: Logged; // no permission
let bureauManager: Logged; // system.manage over bureau B only
let other: Logged; // administrator of another agency
let www: { id: string; tenantId: string; systemId: string };
let mx: { id: string; tenantId: string; systemId: string };
let wwwB: { id: string; tenantId: string; systemId: string };
let roundId: string;

const drain = () => new Worker(t.sys, JOBS).drain();

beforeAll(async () => {
  t = await buildTestApp();
  t.env.mailer = {
    send: async (m) => {
      sent.push(m);
      return { messageId: String(sent.length) };
    },
    close: () => {},
  };
  tree = await buildAgencyTree(t);
  officerA = await loginAs(t, { unit: tree.divA1, roles: ['staff'] });
  officerB = await loginAs(t, { unit: tree.divB1, roles: ['staff'] });
  viewerB = await loginAs(t, { unit: tree.divB1, roles: ['division_security_officer'] });
  viewerA = await loginAs(t, { unit: tree.divA1, roles: ['division_security_officer'] });
  staff = await loginAs(t, { unit: tree.divA2, roles: ['staff'] });
  bureauManager = await loginAs(t, { unit: tree.bureauB, roles: ['chief_security_officer'] });
  const otherTree = await buildAgencyTree(t);
  other = otherTree.admin;

  const sysA = await buildSystem(t, {
    unit: tree.divA1,
    officerId: officerA.person.id,
    name: '電子申請システム',
  });
  www = await buildHost(t, sysA, 'web', 'www.a.example.go.jp');
  mx = await buildHost(t, sysA, 'mail', 'mx.a.example.go.jp');
  await buildHost(t, sysA, 'other', 'batch.a.example.go.jp'); // not a role of the round
  const sysB = await buildSystem(t, { unit: tree.divB1, officerId: officerB.person.id });
  wwwB = await buildHost(t, sysB, 'web', 'www.b.example.go.jp');
  // An older run said SSLv2 was on; the latest says off, and RC4 is still accepted.
  await buildProbeRun(
    t,
    www,
    'tls',
    tlsResult({ protocols: { ...tlsResult().protocols, SSLv2: true } }),
    new Date(Date.now() - 86_400_000),
  );
  await buildProbeRun(t, www, 'tls', tlsResult({ weakCiphers: { ...tlsResult().weakCiphers, RC4: true } }));
  await buildProbeRun(t, mx, 'mail', {
    domain: 'a.example.go.jp',
    mx: ['mx.a.example.go.jp'],
    spf: { record: 'v=spf1 ip4:192.0.2.1 -all', all: '-all' },
    dmarc: { record: null, policy: 'missing' },
  });
  // A failed probe run (no result) is no evidence.
  await buildProbeRun(t, wwwB, 'tls', null);
}, 180_000);
afterAll(() => t.close());

const openBody = (over: Record<string, unknown> = {}) => ({
  name: '令和8年度 重点検査',
  referenceDate: '2026-11-01',
  dueOn: '2026-12-25',
  unitIds: [tree.root.id],
  itemSets: [
    { role: 'web', ref: 'shipped:web' },
    { role: 'mail', ref: 'shipped:mail' },
  ],
  ...over,
});

describe('item sets', () => {
  it('lists the shipped sets with their source lines', async () => {
    const res = await tree.admin.client.get('/api/v1/inspections/item-sets');
    expect(res.statusCode).toBe(200);
    const web = res.json().items.find((s: { ref: string }) => s.ref === 'shipped:web');
    expect(web).toMatchObject({ shipped: true, role: 'web', source: '000 L1173-1195, 003 L731-772' });
    expect(web.items[0]).toMatchObject({
      titleJa: 'SSL バージョン 2の無効化状況',
      probe: 'tls.sslv2_disabled',
    });
  });

  it('an agency copies a shipped set and extends it with a notice item; a stale edit conflicts', async () => {
    const created = await tree.admin.client.post('/api/v1/inspections/item-sets', {
      name: '公開ウェブサーバ（当省版）',
      basedOn: 'web',
    });
    expect(created.statusCode).toBe(201);
    const set = created.json();
    expect(set).toMatchObject({ role: 'web', basedOn: 'web', version: 1, shipped: false });
    const items = [
      ...set.items,
      {
        key: 'hsts',
        titleJa: 'HSTS の設定状況',
        titleEn: 'HSTS',
        source: 'NISC 事務連絡',
        probe: 'http.hsts',
      },
    ];
    const edited = await tree.admin.client.patch(`/api/v1/inspections/item-sets/${set.id}`, {
      version: 1,
      items,
    });
    expect(edited.statusCode).toBe(200);
    expect(edited.json().items).toHaveLength(9);
    const stale = await tree.admin.client.patch(`/api/v1/inspections/item-sets/${set.id}`, {
      version: 1,
      name: 'x',
    });
    expect(stale.statusCode).toBe(409);
    const dup = await tree.admin.client.patch(`/api/v1/inspections/item-sets/${set.id}`, {
      version: 2,
      items: [items[0], items[0]],
    });
    expect(dup.statusCode).toBe(400);
    expect((await tree.admin.client.delete(`/api/v1/inspections/item-sets/${set.id}`)).statusCode).toBe(204);
  });

  it('only agency-wide system.manage edits sets; others cannot see another agency’s set', async () => {
    expect(
      (await bureauManager.client.post('/api/v1/inspections/item-sets', { name: 'x', basedOn: 'web' }))
        .statusCode,
    ).toBe(403);
    expect(
      (await staff.client.post('/api/v1/inspections/item-sets', { name: 'x', basedOn: 'web' })).statusCode,
    ).toBe(403);
    expect((await staff.client.get('/api/v1/inspections/item-sets')).statusCode).toBe(403);
    const mine = (
      await tree.admin.client.post('/api/v1/inspections/item-sets', { name: 'mine', basedOn: 'dns' })
    ).json();
    expect((await other.client.get(`/api/v1/inspections/item-sets/${mine.id}`)).statusCode).toBe(404);
    expect(
      (await other.client.patch(`/api/v1/inspections/item-sets/${mine.id}`, { version: 1, name: 'x' }))
        .statusCode,
    ).toBe(404);
    expect((await other.client.delete(`/api/v1/inspections/item-sets/${mine.id}`)).statusCode).toBe(404);
    expect((await new Client(t.app).get('/api/v1/inspections/item-sets')).statusCode).toBe(401);
  });
});

describe('a round', () => {
  it('opens over the ledger hosts of the chosen roles, pre-fills probe items and mails each officer once', async () => {
    const res = await tree.admin.client.post('/api/v1/inspections/rounds', openBody());
    expect(res.statusCode).toBe(201);
    const round = res.json();
    roundId = round.id;
    expect(round).toMatchObject({
      fiscalYear: 2026,
      status: 'open',
      progress: { answered: 0, total: 3 },
      canManage: true,
    });
    await drain();
    await drain();
    expect(
      sent
        .filter((m) => m.subject.includes('重点検査'))
        .map((m) => m.to)
        .sort(),
    ).toEqual([officerA.person.email, officerA.person.email, officerB.person.email].sort());
    expect(sent[0]!.text).toContain('/inspections/targets/');
  });

  it('refuses a unit outside the caller’s system.manage, another agency’s unit, and a set of the wrong role', async () => {
    expect((await bureauManager.client.post('/api/v1/inspections/rounds', openBody())).statusCode).toBe(404);
    expect((await other.client.post('/api/v1/inspections/rounds', openBody())).statusCode).toBe(404);
    expect((await viewerA.client.post('/api/v1/inspections/rounds', openBody())).statusCode).toBe(403);
    const wrong = await tree.admin.client.post(
      '/api/v1/inspections/rounds',
      openBody({ itemSets: [{ role: 'mail', ref: 'shipped:web' }] }),
    );
    expect(wrong.statusCode).toBe(400);
  });

  it('the owner sees their hosts with the measured items filled from the latest probe run', async () => {
    const mine = await officerA.client.get('/api/v1/inspections/my-targets');
    expect(mine.statusCode).toBe(200);
    const items = mine.json().items;
    expect(items.map((i: { hostName: string }) => i.hostName).sort()).toEqual([
      'mx.a.example.go.jp',
      'www.a.example.go.jp',
    ]);
    const web = items.find((i: { role: string }) => i.role === 'web');
    const target = (await officerA.client.get(`/api/v1/inspections/targets/${web.id}`)).json();
    expect(target.canAnswer).toBe(true);
    const byKey = Object.fromEntries(
      target.items.map((i: { key: string; answer: unknown }) => [i.key, i.answer]),
    );
    expect(byKey['https.sslv2']).toMatchObject({ status: 'met', answeredBy: 'probe' });
    expect(byKey['https.weak_ciphers']).toMatchObject({ status: 'not_met', answeredBy: 'probe' });
    expect(byKey['https.weak_ciphers'].probeSummary).toContain('RC4');
    expect(byKey['dos.impact']).toMatchObject({ status: null, answeredBy: null });
  });

  it('submission needs every item; then the grade is B for 7 of 8 met (87.5 %)', async () => {
    const web = (await officerA.client.get('/api/v1/inspections/my-targets'))
      .json()
      .items.find((i: { role: string }) => i.role === 'web');
    const early = await officerA.client.post(`/api/v1/inspections/targets/${web.id}/submit`);
    expect(early.statusCode).toBe(409);
    const rest = [
      'dos.device_functions',
      'dos.impact',
      'dos.monitoring',
      'dos.procedure',
      'update.os',
      'update.app',
    ];
    const saved = await officerA.client.request({
      method: 'PUT',
      url: `/api/v1/inspections/targets/${web.id}/answers`,
      payload: { answers: rest.map((itemKey) => ({ itemKey, status: 'met', evidence: '運用手順書 第3版' })) },
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().tally).toMatchObject({ met: 7, applicable: 8, grade: 'B' });
    const bad = await officerA.client.request({
      method: 'PUT',
      url: `/api/v1/inspections/targets/${web.id}/answers`,
      payload: { answers: [{ itemKey: 'no.such.item', status: 'met' }] },
    });
    expect(bad.statusCode).toBe(400);
    const submitted = await officerA.client.post(`/api/v1/inspections/targets/${web.id}/submit`);
    expect(submitted.statusCode).toBe(200);
    expect(submitted.json()).toMatchObject({ canAnswer: false });
    expect(
      submitted
        .json()
        .items.every((i: { answer: { answeredBy: string } }) => i.answer.answeredBy === 'owner'),
    ).toBe(true);
    const again = await officerA.client.request({
      method: 'PUT',
      url: `/api/v1/inspections/targets/${web.id}/answers`,
      payload: { answers: [{ itemKey: 'update.os', status: 'not_met' }] },
    });
    expect(again.statusCode).toBe(409);
  });

  it('the mail host: SPF measured, the rest answered, one item not applicable → A', async () => {
    const mail = (await officerA.client.get('/api/v1/inspections/my-targets'))
      .json()
      .items.find((i: { role: string }) => i.role === 'mail');
    await officerA.client.request({
      method: 'PUT',
      url: `/api/v1/inspections/targets/${mail.id}/answers`,
      payload: {
        answers: [
          { itemKey: 'update.os', status: 'met' },
          { itemKey: 'update.app', status: 'na', evidence: 'クラウドメールサービスのため' },
        ],
      },
    });
    const res = await officerA.client.post(`/api/v1/inspections/targets/${mail.id}/submit`);
    expect(res.json().tally).toMatchObject({ met: 2, na: 1, applicable: 2, grade: 'A' });
  });

  it('an evidence file goes with an answer; the division viewer downloads it, nobody else', async () => {
    const mail = (await officerA.client.get('/api/v1/inspections/my-targets'))
      .json()
      .items.find(
        (i: { role: string; submittedAt: string | null }) => i.role === 'web' && i.submittedAt === null,
      );
    const webB = (await officerB.client.get('/api/v1/inspections/my-targets')).json().items[0];
    const file = {
      itemKey: 'update.os',
      name: 'patch-report.txt',
      type: 'text/plain',
      base64: Buffer.from('KB5034441 適用済み').toString('base64'),
    };
    const res = await officerB.client.post(`/api/v1/inspections/targets/${webB.id}/evidence-file`, file);
    expect(res.statusCode).toBe(200);
    const item = res.json().items.find((i: { key: string }) => i.key === 'update.os');
    expect(item.answer.evidenceFile).toMatchObject({ name: 'patch-report.txt', type: 'text/plain' });
    const url = `/api/v1/inspections/targets/${webB.id}/evidence-file?item=update.os`;
    const got = await viewerB.client.get(url);
    expect(got.statusCode).toBe(200);
    expect(got.body).toBe('KB5034441 適用済み');
    expect((await viewerA.client.get(url)).statusCode).toBe(404);
    expect((await other.client.get(url)).statusCode).toBe(404);
    expect(
      (await viewerB.client.post(`/api/v1/inspections/targets/${webB.id}/evidence-file`, file)).statusCode,
    ).toBe(403);
    expect(
      (
        await officerB.client.post(`/api/v1/inspections/targets/${webB.id}/evidence-file`, {
          ...file,
          itemKey: 'nope',
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (
        await officerB.client.post(`/api/v1/inspections/targets/${webB.id}/evidence-file`, {
          ...file,
          type: 'text/html',
        })
      ).statusCode,
    ).toBe(400);
    expect(mail).toBeUndefined(); // officer A's web host was already submitted
  });

  it('who may not answer or read a host', async () => {
    const web = (await officerA.client.get('/api/v1/inspections/my-targets'))
      .json()
      .items.find((i: { role: string }) => i.role === 'web');
    const url = `/api/v1/inspections/targets/${web.id}`;
    const put = (c: Client) =>
      c.request({
        method: 'PUT',
        url: `${url}/answers`,
        payload: { answers: [{ itemKey: 'update.os', status: 'met' }] },
      });
    expect((await viewerA.client.get(url)).statusCode).toBe(200); // system.view over divA1 reads
    expect((await viewerA.client.get(url)).json().canAnswer).toBe(false);
    const targetB = (await officerB.client.get('/api/v1/inspections/my-targets')).json().items[0];
    expect((await put(viewerA.client)).statusCode).toBe(403); // reads, but does not answer for the system
    expect(
      (
        await viewerB.client.request({
          method: 'PUT',
          url: `/api/v1/inspections/targets/${targetB.id}/answers`,
          payload: { answers: [{ itemKey: 'update.os', status: 'met' }] },
        })
      ).statusCode,
    ).toBe(403); // sees it, does not answer for it
    expect((await viewerB.client.get(url)).statusCode).toBe(404); // other division
    expect((await officerB.client.get(url)).statusCode).toBe(404); // another system's officer
    expect((await staff.client.get(url)).statusCode).toBe(404);
    expect((await put(staff.client)).statusCode).toBe(404);
    expect((await other.client.get(url)).statusCode).toBe(404);
    expect((await new Client(t.app).get(url)).statusCode).toBe(401);
    expect((await staff.client.get('/api/v1/inspections/my-targets')).json().items).toEqual([]);
  });
});

describe('the grade table', () => {
  it('grades each host and division, progress counts submitted hosts', async () => {
    const res = await tree.admin.client.get(`/api/v1/inspections/rounds/${roundId}/grades`);
    expect(res.statusCode).toBe(200);
    const table = res.json();
    expect(table.progress).toEqual({ answered: 2, total: 3 });
    const host = (name: string) => table.hosts.find((h: { hostName: string }) => h.hostName === name);
    expect(host('www.a.example.go.jp')).toMatchObject({ grade: 'B', met: 7, applicable: 8, rate: 0.875 });
    expect(host('mx.a.example.go.jp')).toMatchObject({ grade: 'A' });
    expect(host('www.b.example.go.jp')).toMatchObject({ grade: null, submittedAt: null });
    const divA1 = table.divisions.find((d: { unitId: string }) => d.unitId === tree.divA1.id);
    expect(divA1).toMatchObject({ hosts: 2, submitted: 2, met: 9, applicable: 10, grade: 'B' });
    expect(table.grades[0]).toMatchObject({ grade: 'A', range: 'x = 100%' });
    expect(table.grades[3].ja).toContain('著しく遅れている');
  });

  it('a division viewer sees only their subtree; others are refused', async () => {
    const res = await viewerB.client.get(`/api/v1/inspections/rounds/${roundId}/grades`);
    expect(res.statusCode).toBe(200);
    expect(res.json().hosts.map((h: { hostName: string }) => h.hostName)).toEqual(['www.b.example.go.jp']);
    expect((await viewerB.client.get(`/api/v1/inspections/rounds/${roundId}`)).json()).toMatchObject({
      canManage: false,
      progress: { answered: 0, total: 1 },
    });
    expect((await other.client.get(`/api/v1/inspections/rounds/${roundId}/grades`)).statusCode).toBe(404);
    expect((await other.client.get(`/api/v1/inspections/rounds/${roundId}`)).statusCode).toBe(404);
    expect((await other.client.get('/api/v1/inspections/rounds')).json().items).toEqual([]);
    expect((await staff.client.get(`/api/v1/inspections/rounds/${roundId}/grades`)).statusCode).toBe(403);
    expect((await staff.client.get('/api/v1/inspections/rounds')).statusCode).toBe(403);
    expect((await new Client(t.app).get(`/api/v1/inspections/rounds/${roundId}/grades`)).statusCode).toBe(
      401,
    );
  });

  it('exports the table as .xlsx', async () => {
    const res = await tree.admin.client.get(`/api/v1/inspections/rounds/${roundId}/grades/export`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const hosts = wb.getWorksheet('ホスト別')!;
    const rows = hosts.getSheetValues().filter(Boolean) as unknown[][];
    const www = rows.find((r) => r.includes('www.a.example.go.jp'))!;
    expect(www).toContain('B');
    expect(www).toContain(87.5);
    expect((await viewerB.client.get(`/api/v1/inspections/rounds/${roundId}/grades/export`)).statusCode).toBe(
      200,
    );
    expect((await other.client.get(`/api/v1/inspections/rounds/${roundId}/grades/export`)).statusCode).toBe(
      404,
    );
  });

  it('compares with the previous round (003 L713-717), host by host', async () => {
    const res = await tree.admin.client.post(
      '/api/v1/inspections/rounds',
      openBody({ name: '次回', referenceDate: '2027-11-01' }),
    );
    const next = res.json();
    expect(next.previousRoundId).toBe(roundId);
    const web = (await officerA.client.get('/api/v1/inspections/my-targets'))
      .json()
      .items.find((i: { role: string; roundId: string }) => i.role === 'web' && i.roundId === next.id);
    const keys = [
      'https.weak_ciphers',
      'dos.device_functions',
      'dos.impact',
      'dos.monitoring',
      'dos.procedure',
      'update.os',
      'update.app',
    ];
    await officerA.client.request({
      method: 'PUT',
      url: `/api/v1/inspections/targets/${web.id}/answers`,
      payload: { answers: keys.map((itemKey) => ({ itemKey, status: 'met', evidence: 'RC4 無効化済み' })) },
    });
    expect((await officerA.client.post(`/api/v1/inspections/targets/${web.id}/submit`)).statusCode).toBe(200);
    const table = (await tree.admin.client.get(`/api/v1/inspections/rounds/${next.id}/grades`)).json();
    expect(table.hosts.find((h: { hostName: string }) => h.hostName === 'www.a.example.go.jp')).toMatchObject(
      {
        grade: 'A',
        previousGrade: 'B',
        trend: 'up',
      },
    );
    const panel = await officerA.client.get(`/api/v1/inspections/systems/${www.systemId}/targets`);
    expect(panel.statusCode).toBe(200);
    expect(
      panel
        .json()
        .items.filter((i: { hostName: string }) => i.hostName === 'www.a.example.go.jp')
        .map((i: { grade: string }) => i.grade),
    ).toEqual(['A', 'B']);
    expect((await other.client.get(`/api/v1/inspections/systems/${www.systemId}/targets`)).statusCode).toBe(
      404,
    );
    expect((await staff.client.get(`/api/v1/inspections/systems/${www.systemId}/targets`)).statusCode).toBe(
      404,
    );
    expect((await viewerB.client.get(`/api/v1/inspections/systems/${www.systemId}/targets`)).statusCode).toBe(
      404,
    );
  });

  it('lists rounds with search and paging; closing stops answers; only managers close', async () => {
    const list = await tree.admin.client.get('/api/v1/inspections/rounds?q=次回');
    expect(list.json()).toMatchObject({ total: 1, page: 1 });
    const paged = await tree.admin.client.get('/api/v1/inspections/rounds?pageSize=1&page=2');
    expect(paged.json().items).toHaveLength(1);
    expect(paged.json().total).toBe(2);
    expect((await viewerB.client.post(`/api/v1/inspections/rounds/${roundId}/close`)).statusCode).toBe(403);
    expect((await bureauManager.client.post(`/api/v1/inspections/rounds/${roundId}/close`)).statusCode).toBe(
      403,
    );
    expect((await other.client.post(`/api/v1/inspections/rounds/${roundId}/close`)).statusCode).toBe(404);
    const closed = await tree.admin.client.post(`/api/v1/inspections/rounds/${roundId}/close`);
    expect(closed.json().status).toBe('closed');
    const targetB = (await officerB.client.get('/api/v1/inspections/my-targets'))
      .json()
      .items.find((i: { roundId: string }) => i.roundId === roundId);
    const late = await officerB.client.request({
      method: 'PUT',
      url: `/api/v1/inspections/targets/${targetB.id}/answers`,
      payload: { answers: [{ itemKey: 'update.os', status: 'met' }] },
    });
    expect(late.statusCode).toBe(409);
  });

  it('answering follows the ledger: a new security officer answers, the former one no longer can', async () => {
    const newcomer = await buildPerson(t, { unit: tree.divB1, roles: ['staff'] });
    const c = new Client(t.app);
    await c.login(newcomer.login, 'correct horse battery staple');
    const { systems } = await import('./schema.js');
    const { eq } = await import('drizzle-orm');
    await t.sys.db
      .update(systems)
      .set({ securityOfficerId: newcomer.person.id })
      .where(eq(systems.id, wwwB.systemId));
    const mine = (await c.get('/api/v1/inspections/my-targets')).json().items;
    expect(mine.length).toBe(2);
    const open = mine.find((i: { roundStatus: string }) => i.roundStatus === 'open');
    expect((await c.get(`/api/v1/inspections/targets/${open.id}`)).json().canAnswer).toBe(true);
    expect((await officerB.client.get(`/api/v1/inspections/targets/${open.id}`)).statusCode).toBe(404);
  });
});
