import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, fiscalYearOf, instantInJapan, todayInJapan } from '../../lib/dates.js';
import type { Ctx } from '../../server/context.js';
import { detachedJob } from '../../server/jobs/queue.js';
import type { Mailer, MailMessage } from '../../server/mail.js';
import { buildTestApp, Client, type TestApp } from '../../test/app.js';
import { buildAgencyTree, loginAs } from '../../test/factories.js';
import { answerAll, buildOpenCampaign } from '../../test/selfcheck.js';
import { remindMilestones } from './jobs.js';
import { secauditFindings } from './schema.js';

// Security audits (000 L464-529, 002 L425-452, L875-962, 003 L826-1039): the CISO-approved plan,
// engagements, findings followed across fiscal years, and working papers for the audit team only.

let t: TestApp;
let tree: Awaited<ReturnType<typeof buildAgencyTree>>;
type Who = Awaited<ReturnType<typeof loginAs>>;
let auditor: Who;
let ciso: Who;
let divHead: Who;
let otherDivHead: Who;
let staff: Who;
let teamMember: Who;
let stranger: Who;

const thisYear = fiscalYearOf(new Date());
const lastYear = thisYear - 1;
const plans = new Map<number, string>();

const planBody = {
  policy: '統一基準群への準拠性を確認する',
  targets: '全部局の情報セキュリティ対策',
  methods: '書面監査及び実地監査',
  criteria: '厚生労働省情報セキュリティポリシー',
};

beforeAll(async () => {
  t = await buildTestApp();
  tree = await buildAgencyTree(t);
  auditor = await loginAs(t, { unit: tree.root, roles: ['audit_officer', 'staff'] });
  ciso = await loginAs(t, { unit: tree.root, roles: ['ciso', 'staff'] });
  divHead = await loginAs(t, { unit: tree.divA1, roles: ['division_security_officer', 'staff'] });
  otherDivHead = await loginAs(t, { unit: tree.divB1, roles: ['division_security_officer', 'staff'] });
  staff = await loginAs(t, { unit: tree.divA1, roles: ['staff'] });
  teamMember = await loginAs(t, { unit: tree.divA2, roles: ['staff'] });
  const other = await buildAgencyTree(t);
  stranger = await loginAs(t, { unit: other.root, roles: ['mamoru_admin', 'audit_officer', 'ciso'] });
});
afterAll(() => t.close());

async function planFor(fiscalYear: number) {
  const known = plans.get(fiscalYear);
  if (known) return known;
  const res = await auditor.client.post('/api/v1/secaudit/plans', { fiscalYear, ...planBody });
  expect(res.statusCode, res.body).toBe(201);
  plans.set(fiscalYear, res.json().id);
  return res.json().id as string;
}

async function engagement(fiscalYear: number, over: Record<string, unknown> = {}) {
  const res = await auditor.client.post('/api/v1/secaudit/engagements', {
    planId: await planFor(fiscalYear),
    kind: 'procedures_vs_policy',
    title: `第一課の実施手順 ${fiscalYear}`,
    unitId: tree.divA1.id,
    auditorKind: 'external',
    auditorName: '監査法人テスト',
    independence: '被監査部門と取引関係のない外部専門家',
    teamPersonIds: [teamMember.person.id],
    ...over,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; fiscalYear: number };
}

async function finding(engagementId: string, over: Record<string, unknown> = {}) {
  const res = await auditor.client.post('/api/v1/secaudit/findings', {
    engagementId,
    clause: '6.2.4(1)(a)',
    condition: 'パスワードの定期変更が行われていない',
    cause: '手順書に記載がない',
    severity: 'medium',
    proposal: '手順書に定期変更を定める',
    ...over,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; state: string; fiscalYear: number };
}

const board = async (c: Client, q: string) => {
  const res = await c.get(`/api/v1/secaudit/findings?${q}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as {
    total: number;
    items: { id: string; carriedOver: boolean; state: string; pastDue: boolean }[];
  };
};

function outbox() {
  const sent: MailMessage[] = [];
  const mailer: Mailer = {
    async send(m) {
      sent.push(m);
      return { messageId: `<${sent.length}@test>` };
    },
    close() {},
  };
  const ctx: Ctx = { ...t.sys, env: { ...t.sys.env, mailer } };
  return { sent, ctx };
}

describe('the yearly plan (003 L826-832)', () => {
  it('is drafted by the audit officer with the default calendar, approved by the CISO, and re-approved after edits', async () => {
    const id = await planFor(thisYear + 1);
    const draft = (await auditor.client.get(`/api/v1/secaudit/plans/${id}`)).json();
    expect(draft).toMatchObject({ state: 'draft', version: 1, can: { edit: true, approve: false } });
    expect(draft.milestones.map((m: { step: string }) => m.step)).toContain('監査計画承認');

    expect((await auditor.client.post(`/api/v1/secaudit/plans/${id}/approve`)).statusCode).toBe(403);
    expect((await staff.client.post(`/api/v1/secaudit/plans/${id}/approve`)).statusCode).toBe(403);
    expect((await stranger.client.post(`/api/v1/secaudit/plans/${id}/approve`)).statusCode).toBe(404);
    const approved = await ciso.client.post(`/api/v1/secaudit/plans/${id}/approve`);
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ state: 'approved', version: 1 });
    expect((await ciso.client.post(`/api/v1/secaudit/plans/${id}/approve`)).statusCode).toBe(409);

    const edited = await auditor.client.request({
      method: 'PUT',
      url: `/api/v1/secaudit/plans/${id}`,
      payload: { ...planBody, methods: '書面監査、実地監査及び技術的検証' },
    });
    expect(edited.json()).toMatchObject({ state: 'draft', version: 2, approvedAt: null });
    const again = (await ciso.client.post(`/api/v1/secaudit/plans/${id}/approve`)).json();
    expect(again).toMatchObject({ state: 'approved', version: 2 });
    expect(again.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(again.versions[1].methods).toBe(planBody.methods);
  });

  it('is read by audit roles only, within the agency; one plan per year', async () => {
    const id = await planFor(thisYear + 1);
    expect((await staff.client.get(`/api/v1/secaudit/plans/${id}`)).statusCode).toBe(403);
    expect((await staff.client.get('/api/v1/secaudit/plans')).statusCode).toBe(403);
    expect((await stranger.client.get(`/api/v1/secaudit/plans/${id}`)).statusCode).toBe(404);
    expect((await new Client(t.app).get(`/api/v1/secaudit/plans/${id}`)).statusCode).toBe(401);
    expect((await ciso.client.get('/api/v1/secaudit/plans')).json().items.length).toBeGreaterThan(0);
    expect(
      (await staff.client.post('/api/v1/secaudit/plans', { fiscalYear: 2040, ...planBody })).statusCode,
    ).toBe(403);
    const dup = await auditor.client.post('/api/v1/secaudit/plans', {
      fiscalYear: thisYear + 1,
      ...planBody,
    });
    expect(dup.statusCode).toBe(409);
  });

  it('mails the person named on a milestone a week ahead, once', async () => {
    const id = await planFor(thisYear + 1);
    const plan = (await auditor.client.get(`/api/v1/secaudit/plans/${id}`)).json();
    const m = plan.milestones[0];
    const due = addDays(todayInJapan(), 5);
    const res = await auditor.client.patch(`/api/v1/secaudit/plans/${id}/milestones/${m.id}`, {
      responsibleId: divHead.person.id,
      dueOn: due,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(
      (await staff.client.patch(`/api/v1/secaudit/plans/${id}/milestones/${m.id}`, { done: true }))
        .statusCode,
    ).toBe(403);
    const { sent, ctx } = outbox();
    await remindMilestones(ctx, detachedJob());
    await remindMilestones(ctx, detachedJob());
    const mine = sent.filter((x) => x.to === divHead.person.email);
    expect(mine).toHaveLength(1);
    expect(mine[0]!.subject).toContain(m.step);
    // done: no more reminders
    await auditor.client.patch(`/api/v1/secaudit/plans/${id}/milestones/${m.id}`, {
      done: true,
      dueOn: addDays(todayInJapan(), 1),
    });
    await remindMilestones(ctx, detachedJob());
    expect(sent.filter((x) => x.to === divHead.person.email)).toHaveLength(1);
  });
});

describe('engagements', () => {
  it('are opened by the audit officer only, and a system audit names a ledger system', async () => {
    const planId = await planFor(thisYear);
    const base = {
      planId,
      kind: 'system',
      title: 'システム監査',
      unitId: tree.divA1.id,
      auditorKind: 'internal',
      auditorName: '監査室',
      independence: '監査室は被監査部門から独立している',
    };
    expect((await staff.client.post('/api/v1/secaudit/engagements', base)).statusCode).toBe(403);
    expect((await auditor.client.post('/api/v1/secaudit/engagements', base)).statusCode).toBe(400);
    const unknown = await auditor.client.post('/api/v1/secaudit/engagements', {
      ...base,
      systemId: '00000000-0000-4000-8000-000000000000',
    });
    expect(unknown.statusCode).toBe(400);
    expect(
      (await stranger.client.post('/api/v1/secaudit/engagements', { ...base, kind: 'operation_manuals' }))
        .statusCode,
    ).toBe(400);
  });

  it('a self-check engagement shows the campaign’s audit samples, read through the self-check module', async () => {
    const { campaignId } = await buildOpenCampaign(tree.admin.client, { fiscalYear: thisYear });
    await answerAll(staff.client, campaignId);
    const drawn = await auditor.client.post(`/api/v1/selfcheck/campaigns/${campaignId}/samples`, {
      seed: 7,
      roleCounts: { staff: 1 },
      itemsPerMember: 1,
    });
    expect(drawn.statusCode, drawn.body).toBe(201);
    const e = await engagement(thisYear, { kind: 'selfcheck', title: '自己点検の監査', campaignId });
    const samples = await auditor.client.get(`/api/v1/secaudit/engagements/${e.id}/samples`);
    expect(samples.statusCode, samples.body).toBe(200);
    expect(samples.json().items).toHaveLength(1);
    expect((await ciso.client.get(`/api/v1/secaudit/engagements/${e.id}/samples`)).statusCode).toBe(403);
    const unknown = await auditor.client.post('/api/v1/secaudit/engagements', {
      planId: await planFor(thisYear),
      kind: 'selfcheck',
      title: 'x',
      unitId: tree.root.id,
      auditorKind: 'internal',
      auditorName: '監査室',
      independence: '独立',
      campaignId: '00000000-0000-4000-8000-000000000000',
    });
    expect(unknown.statusCode).toBe(400);
  });

  it('are read by the audit team, the CISO and the audited unit’s head, not by others', async () => {
    const e = await engagement(thisYear);
    expect((await ciso.client.get(`/api/v1/secaudit/engagements/${e.id}`)).statusCode).toBe(200);
    expect((await divHead.client.get(`/api/v1/secaudit/engagements/${e.id}`)).statusCode).toBe(200);
    expect((await teamMember.client.get(`/api/v1/secaudit/engagements/${e.id}`)).statusCode).toBe(200);
    expect((await otherDivHead.client.get(`/api/v1/secaudit/engagements/${e.id}`)).statusCode).toBe(404);
    expect((await staff.client.get(`/api/v1/secaudit/engagements/${e.id}`)).statusCode).toBe(404);
    expect((await stranger.client.get(`/api/v1/secaudit/engagements/${e.id}`)).statusCode).toBe(404);
    const list = (await staff.client.get('/api/v1/secaudit/engagements')).json();
    expect(list.items).toHaveLength(0);
  });
});

describe('findings followed across fiscal years (000 L488-529, 003 L948-1039)', () => {
  it('a finding left open at fiscal-year end appears in the next year with its history; verifying it closes it', async () => {
    const e = await engagement(lastYear);
    const f = await finding(e.id);
    expect(f).toMatchObject({ fiscalYear: lastYear, state: 'open' });

    // the auditee's head answers; nobody else may
    const respond = {
      response: '手順書を改訂する',
      plan: '次年度上期に改訂し周知する',
      dueOn: addDays(todayInJapan(), 30),
    };
    expect(
      (await otherDivHead.client.post(`/api/v1/secaudit/findings/${f.id}/response`, respond)).statusCode,
    ).toBe(404);
    expect((await staff.client.post(`/api/v1/secaudit/findings/${f.id}/response`, respond)).statusCode).toBe(
      404,
    );
    expect(
      (await auditor.client.post(`/api/v1/secaudit/findings/${f.id}/response`, respond)).statusCode,
    ).toBe(403);
    expect(
      (await stranger.client.post(`/api/v1/secaudit/findings/${f.id}/response`, respond)).statusCode,
    ).toBe(404);
    const answered = await divHead.client.post(`/api/v1/secaudit/findings/${f.id}/response`, respond);
    expect(answered.statusCode, answered.body).toBe(200);
    // the auditor finds the answer insufficient, the head answers again
    expect((await divHead.client.post(`/api/v1/secaudit/findings/${f.id}/return`, {})).statusCode).toBe(403);
    await auditor.client.post(`/api/v1/secaudit/findings/${f.id}/return`, { note: '期限を明確に' });
    await divHead.client.post(`/api/v1/secaudit/findings/${f.id}/response`, respond);

    // the new fiscal year: the open finding shows, marked as carried over
    const now = await board(auditor.client, `fiscalYear=${thisYear}`);
    const carried = now.items.find((i) => i.id === f.id);
    expect(carried).toMatchObject({ carriedOver: true, state: 'responded' });
    expect(
      (await board(auditor.client, `fiscalYear=${thisYear}&carriedOver=true`)).items.map((i) => i.id),
    ).toContain(f.id);
    expect((await board(divHead.client, `fiscalYear=${thisYear}`)).items.map((i) => i.id)).toContain(f.id);
    expect((await board(otherDivHead.client, `fiscalYear=${thisYear}`)).items.map((i) => i.id)).not.toContain(
      f.id,
    );
    expect((await board(stranger.client, `fiscalYear=${thisYear}`)).total).toBe(0);
    const detail = (
      await auditor.client.get(`/api/v1/secaudit/findings/${f.id}?fiscalYear=${thisYear}`)
    ).json();
    expect(detail.carriedOver).toBe(true);
    expect(detail.history.map((h: { kind: string }) => h.kind)).toEqual([
      'raised',
      'responded',
      'returned',
      'responded',
    ]);
    expect(
      (await auditor.client.get('/api/v1/secaudit/findings/summary')).json().carriedOver,
    ).toBeGreaterThanOrEqual(1);

    // verification by the auditor closes it; it stays in the year it was closed in, not the next
    expect((await divHead.client.post(`/api/v1/secaudit/findings/${f.id}/verify`, {})).statusCode).toBe(403);
    const verified = await auditor.client.post(`/api/v1/secaudit/findings/${f.id}/verify`, {
      note: '改訂を確認',
    });
    expect(verified.statusCode, verified.body).toBe(200);
    expect(verified.json()).toMatchObject({ state: 'closed' });
    expect(verified.json().history.at(-1)).toMatchObject({
      kind: 'verified',
      note: '改訂を確認',
      fiscalYear: thisYear,
    });
    expect(
      (await board(auditor.client, `fiscalYear=${thisYear}&state=closed`)).items.map((i) => i.id),
    ).toContain(f.id);
    expect((await board(auditor.client, `fiscalYear=${thisYear + 1}`)).items.map((i) => i.id)).not.toContain(
      f.id,
    );
    expect((await auditor.client.post(`/api/v1/secaudit/findings/${f.id}/verify`, {})).statusCode).toBe(409);
  });

  it('closed on 31 March (Japan time) it stays in its year; closed at 00:00 on 1 April it shows in the new one', async () => {
    const e = await engagement(lastYear, { title: '境界' });
    const f = await finding(e.id, { clause: '境界テスト' });
    const close = (at: Date) =>
      t.sys.db
        .update(secauditFindings)
        .set({ state: 'closed', closedAt: at })
        .where(eq(secauditFindings.id, f.id));
    await close(instantInJapan(`${thisYear}-03-31`, 23, 59));
    expect((await board(auditor.client, `fiscalYear=${thisYear}`)).items.map((i) => i.id)).not.toContain(
      f.id,
    );
    expect((await board(auditor.client, `fiscalYear=${lastYear}`)).items.map((i) => i.id)).toContain(f.id);
    await close(instantInJapan(`${thisYear}-04-01`, 0, 0)); // still 31 March in UTC
    const next = await board(auditor.client, `fiscalYear=${thisYear}`);
    expect(next.items.find((i) => i.id === f.id)).toMatchObject({ carriedOver: true, state: 'closed' });
  });

  it('the board filters by unit, state and due date, pages, and exports .xlsx', async () => {
    const e = await engagement(thisYear, { title: '一覧' });
    const late = await finding(e.id, { clause: '期限超過' });
    await divHead.client.post(`/api/v1/secaudit/findings/${late.id}/response`, {
      response: '対応中',
      plan: '改善する',
      dueOn: addDays(todayInJapan(), -1),
    });
    await finding(e.id, { clause: '別件', severity: 'high' });
    expect((await board(auditor.client, 'pastDue=true')).items.map((i) => i.id)).toContain(late.id);
    expect((await board(auditor.client, `unitId=${tree.divB1.id}`)).total).toBe(0);
    expect((await board(auditor.client, 'severity=high')).items.every((i) => i.id !== late.id)).toBe(true);
    expect((await board(auditor.client, 'q=期限超過')).total).toBe(1);
    const page = await board(auditor.client, 'pageSize=1&page=2');
    expect(page.items).toHaveLength(1);
    expect(
      (await auditor.client.get('/api/v1/secaudit/findings/summary')).json().pastDue,
    ).toBeGreaterThanOrEqual(1);

    const res = await auditor.client.get(`/api/v1/secaudit/findings/export.xlsx?fiscalYear=${thisYear}`);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const all = await board(auditor.client, `fiscalYear=${thisYear}&pageSize=200`);
    expect(wb.worksheets[0]!.rowCount - 1).toBe(all.total);
    expect((await board(staff.client, '')).total).toBe(0);
  });

  it('only the audit officer raises and edits findings; a finding about another agency’s engagement is not found', async () => {
    const e = await engagement(thisYear, { title: '権限' });
    const body = { engagementId: e.id, clause: 'x', condition: 'y', severity: 'low' };
    expect((await staff.client.post('/api/v1/secaudit/findings', body)).statusCode).toBe(403);
    expect((await divHead.client.post('/api/v1/secaudit/findings', body)).statusCode).toBe(403);
    expect((await stranger.client.post('/api/v1/secaudit/findings', body)).statusCode).toBe(404);
    const f = await finding(e.id);
    expect(
      (await divHead.client.patch(`/api/v1/secaudit/findings/${f.id}`, { severity: 'high' })).statusCode,
    ).toBe(403);
    const edited = await auditor.client.patch(`/api/v1/secaudit/findings/${f.id}`, { severity: 'high' });
    expect(edited.json()).toMatchObject({ severity: 'high' });
    expect(edited.json().history.map((h: { kind: string }) => h.kind)).toEqual(['raised', 'edited']);
    const outside = await auditor.client.post('/api/v1/secaudit/findings', {
      ...body,
      unitId: tree.divB1.id,
    });
    expect(outside.statusCode).toBe(400);
  });
});

describe('working papers: the audit team only (stored in the database, content type checked)', () => {
  it('the team uploads and reads them; everyone else gets the same 404 as a random id', async () => {
    const e = await engagement(thisYear, { title: '調書' });
    const up = await auditor.client.request({
      method: 'POST',
      url: `/api/v1/secaudit/engagements/${e.id}/papers?filename=${encodeURIComponent('調書1.pdf')}`,
      headers: { 'content-type': 'application/pdf' },
      payload: Buffer.from('%PDF-1.4\n調書'),
    });
    expect(up.statusCode, up.body).toBe(201);
    const paper = up.json() as { id: string };
    const url = `/api/v1/secaudit/engagements/${e.id}/papers/${paper.id}`;
    const got = await teamMember.client.get(url);
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toContain('application/pdf');
    expect(got.headers['content-disposition']).toContain('attachment');
    expect(got.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await auditor.client.get(url)).statusCode).toBe(200);

    const random = await ciso.client.get(
      `/api/v1/secaudit/engagements/${e.id}/papers/00000000-0000-4000-8000-000000000000`,
    );
    for (const who of [ciso, divHead, staff, otherDivHead, stranger]) {
      const res = await who.client.get(url);
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe(random.json().code);
    }
    expect((await new Client(t.app).get(url)).statusCode).toBe(401);
    // the head reads the engagement but not its papers
    expect((await divHead.client.get(`/api/v1/secaudit/engagements/${e.id}`)).json().papers).toEqual([]);
    expect((await auditor.client.get(`/api/v1/secaudit/engagements/${e.id}`)).json().papers).toHaveLength(1);
    const post = (c: Client, type: string, payload: Buffer) =>
      c.request({
        method: 'POST',
        url: `/api/v1/secaudit/engagements/${e.id}/papers?filename=x`,
        headers: { 'content-type': type },
        payload,
      });
    expect((await post(divHead.client, 'application/pdf', Buffer.from('%PDF-1'))).statusCode).toBe(404);
    expect((await post(stranger.client, 'application/pdf', Buffer.from('%PDF-1'))).statusCode).toBe(404);
  });

  it('refuses types outside the allow-list, files that lie about their type, and files over the limit', async () => {
    const e = await engagement(thisYear, { title: '調書2' });
    const post = (type: string, payload: Buffer) =>
      auditor.client.request({
        method: 'POST',
        url: `/api/v1/secaudit/engagements/${e.id}/papers?filename=x`,
        headers: { 'content-type': type },
        payload,
      });
    expect((await post('text/html', Buffer.from('<script>alert(1)</script>'))).statusCode).toBe(415);
    expect((await post('application/pdf', Buffer.from('<html><script>alert(1)</script>'))).statusCode).toBe(
      400,
    );
    expect((await post('text/plain', Buffer.from('<!doctype html><script>1</script>'))).statusCode).toBe(400);
    expect(
      (await post('application/pdf', Buffer.concat([Buffer.from('%PDF-'), Buffer.alloc(10 * 1024 * 1024)])))
        .statusCode,
    ).toBe(413);
    expect((await post('text/plain', Buffer.from('メモ'))).statusCode).toBe(201);
  });
});
