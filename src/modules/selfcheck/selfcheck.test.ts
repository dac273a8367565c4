import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type Client, type TestApp } from '../../test/app.js';
import { buildAgencyTree, buildPerson, loginAs } from '../../test/factories.js';
import { answerAll } from '../../test/selfcheck.js';
import { people } from '../org/schema.js';
import { campaignMembers } from './schema.js';

// The yearly self-check end to end through the API: catalog → policy → campaign → answers →
// progress → results → publication, and who may do what on the way.

let t: TestApp;
let tree: Awaited<ReturnType<typeof buildAgencyTree>>;
let admin: Client;
let catalogVersionId: string;
let policyId: string;
let campaignId: string;
let staffA1: Awaited<ReturnType<typeof loginAs>>;
let staffA2: Awaited<ReturnType<typeof loginAs>>;
let headA1: Awaited<ReturnType<typeof loginAs>>;

async function questionnaire(c: Client) {
  const my = (await c.get('/api/v1/selfcheck/my')).json().items as {
    memberId: string;
    roleKey: string;
    campaignId: string;
  }[];
  const mine = my.find((q) => q.campaignId === campaignId && q.roleKey === 'staff')!;
  return (await c.get(`/api/v1/selfcheck/questionnaires/${mine.memberId}`)).json();
}

function allAnswers(
  q: { chapters: { items: { itemId: string }[] }[] },
  pick: (itemId: string, i: number) => string,
) {
  const items = q.chapters.flatMap((ch) => ch.items);
  return Object.fromEntries(items.map((it, i) => [it.itemId, pick(it.itemId, i)]));
}

beforeAll(async () => {
  t = await buildTestApp();
  tree = await buildAgencyTree(t);
  admin = tree.admin.client;
  staffA1 = await loginAs(t, { unit: tree.divA1, roles: ['staff'] });
  staffA2 = await loginAs(t, { unit: tree.divA2, roles: ['staff'] });
  headA1 = await loginAs(t, { unit: tree.divA1, roles: ['division_security_officer', 'staff'] });
  await buildPerson(t, { unit: tree.divA1, roles: ['staff'], status: 'long_leave', account: false });
});
afterAll(() => t.close());

describe('catalog and policy', () => {
  it('ships a summary catalog of the Unified Standards, marked as a summary', async () => {
    const res = await admin.get('/api/v1/selfcheck/catalogs');
    expect(res.statusCode).toBe(200);
    const shipped = res.json().items.find((v: { shipped: boolean }) => v.shipped);
    expect(shipped).toMatchObject({ summary: true });
    expect(shipped.itemCount).toBeGreaterThan(40);
    catalogVersionId = shipped.id;
    const detail = (await admin.get(`/api/v1/selfcheck/catalogs/${catalogVersionId}`)).json();
    expect(detail.chapters.map((c: { no: string }) => c.no)).toEqual([
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
      '7',
      '8',
    ]);
    expect(
      detail.items.some((i: { tags: string[] }) => i.tags.some((t) => t.startsWith('staff-area:'))),
    ).toBe(true);
  });

  it('exports a catalog version as YAML and .xlsx, and re-imports it as a new version of the agency', async () => {
    const yaml = await admin.get(`/api/v1/selfcheck/catalogs/${catalogVersionId}/export?format=yaml`);
    expect(yaml.statusCode).toBe(200);
    const own = yaml.body
      .replace(/^(\s*)code: .*$/m, '$1code: agency-own')
      .replace(/^(\s*)version: .*$/m, '$1version: "2026-1"');
    const imported = await admin.request({
      method: 'POST',
      url: '/api/v1/selfcheck/catalogs/import',
      payload: own,
      headers: { 'content-type': 'application/yaml' },
    });
    expect(imported.statusCode).toBe(200);
    expect(imported.json()).toMatchObject({ code: 'agency-own', version: '2026-1', dryRun: false });
    const again = await admin.request({
      method: 'POST',
      url: '/api/v1/selfcheck/catalogs/import',
      payload: own,
      headers: { 'content-type': 'application/yaml' },
    });
    expect(again.statusCode).toBe(409);
    const xlsx = await admin.get(`/api/v1/selfcheck/catalogs/${catalogVersionId}/export?format=xlsx`);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets[0]!.rowCount).toBeGreaterThan(40);
  });

  it('reports a bad catalog file row by row and stores nothing', async () => {
    const bad =
      'code: broken\ntitle: 壊れた\nversion: "1"\nsummary: false\nchapters:\n  - no: "1"\n    title: 総則\n    sections:\n      - no: "1.1"\n        title: 節\n        items:\n          - id: "1.1.1(1)(a)"\n            title: 項目\n            text: 本文\n            roles: [nobody]\n            level: basic\n            tags: []\n';
    const res = await admin.request({
      method: 'POST',
      url: '/api/v1/selfcheck/catalogs/import',
      payload: bad,
      headers: { 'content-type': 'application/yaml' },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0].line).toBeGreaterThan(1);
  });

  it('derives a policy, records each difference with its reason, and exports the differences table', async () => {
    const created = await admin.post('/api/v1/selfcheck/policies', {
      name: 'テスト省情報セキュリティ対策基準',
      catalogVersionId,
    });
    expect(created.statusCode).toBe(201);
    policyId = created.json().id;
    const detail = (await admin.get(`/api/v1/selfcheck/policies/${policyId}`)).json();
    const staffItem = detail.items.find((i: { roles: string[] }) => i.roles.includes('staff'));
    const tighten = await admin.request({
      method: 'PUT',
      url: `/api/v1/selfcheck/policies/${policyId}/changes`,
      payload: {
        kind: 'tighten',
        itemId: staffItem.itemId,
        reason: '届出を許可に強化',
        content: { ...pickContent(staffItem), text: `${staffItem.text}（許可制）` },
      },
    });
    expect(tighten.statusCode).toBe(200);
    const add = await admin.request({
      method: 'PUT',
      url: `/api/v1/selfcheck/policies/${policyId}/changes`,
      payload: {
        kind: 'add',
        itemId: '3.9.9(1)(a)',
        reason: '機密性4の追加',
        content: {
          ...pickContent(staffItem),
          title: '機密性4情報の通し番号',
          text: '機密性4情報には通し番号を付す。',
        },
      },
    });
    expect(add.statusCode).toBe(200);
    const unknown = await admin.request({
      method: 'PUT',
      url: `/api/v1/selfcheck/policies/${policyId}/changes`,
      payload: { kind: 'not_applicable', itemId: '99.9', reason: 'x' },
    });
    expect(unknown.statusCode).toBe(400);
    const after = (await admin.get(`/api/v1/selfcheck/policies/${policyId}`)).json();
    expect(after.differences.map((d: { kind: string }) => d.kind)).toEqual(['tighten', 'add']);
    expect(after.items.find((i: { itemId: string }) => i.itemId === '3.9.9(1)(a)').origin).toBe('added');
    const xlsx = await admin.get(`/api/v1/selfcheck/policies/${policyId}/differences.xlsx`);
    expect(xlsx.statusCode).toBe(200);
  });

  it('is not for a staff member', async () => {
    expect((await staffA1.client.get('/api/v1/selfcheck/catalogs')).statusCode).toBe(403);
    expect(
      (await staffA1.client.post('/api/v1/selfcheck/policies', { name: 'x', catalogVersionId })).statusCode,
    ).toBe(403);
    expect(
      (await headA1.client.post('/api/v1/selfcheck/policies', { name: 'x', catalogVersionId })).statusCode,
    ).toBe(403);
  });
});

function pickContent(i: Record<string, unknown>) {
  const { chapterNo, chapterTitle, sectionNo, sectionTitle, title, text, roles, level, tags } = i;
  return { chapterNo, chapterTitle, sectionNo, sectionTitle, title, text, roles, level, tags };
}

describe('a campaign', () => {
  it('is built from the policy and opened: every holder of a self-checked role gets a questionnaire', async () => {
    const res = await admin.post('/api/v1/selfcheck/campaigns', {
      policyId,
      title: '令和8年度 情報セキュリティ自己点検',
      fiscalYear: 2026,
      startsOn: '2026-11-01',
      endsOn: '2026-12-15',
      instructions: '各項目について、実施状況を回答してください。',
    });
    expect(res.statusCode).toBe(201);
    campaignId = res.json().id;
    expect(res.json().state).toBe('draft');
    expect(res.json().answerOptions.map((o: { labelJa: string }) => o.labelJa)).toEqual([
      '実施',
      '一部未実施',
      '未実施',
      '該当なし',
    ]);
    const opened = await admin.post(`/api/v1/selfcheck/campaigns/${campaignId}/transition`, { to: 'open' });
    expect(opened.statusCode).toBe(200);
    expect(opened.json().state).toBe('open');
    const members = await t.sys.db
      .select()
      .from(campaignMembers)
      .where(eq(campaignMembers.campaignId, campaignId));
    // admin (staff), staffA1, staffA2, headA1 (staff + division officer), the person on long leave.
    expect(members.filter((m) => m.roleKey === 'staff')).toHaveLength(5);
    expect(members.filter((m) => m.roleKey === 'division_security_officer')).toHaveLength(1);
    expect(members.filter((m) => !m.inScope).map((m) => m.exclusion)).toEqual(['long_leave']);
  });

  it('cannot change its questionnaire once open, but can change its wording', async () => {
    expect(
      (await admin.patch(`/api/v1/selfcheck/campaigns/${campaignId}`, { scopeRoleKeys: ['staff'] }))
        .statusCode,
    ).toBe(409);
    expect(
      (await admin.patch(`/api/v1/selfcheck/campaigns/${campaignId}`, { instructions: '締切厳守' }))
        .statusCode,
    ).toBe(200);
  });

  it('cannot be opened twice', async () => {
    expect(
      (await admin.post(`/api/v1/selfcheck/campaigns/${campaignId}/transition`, { to: 'open' })).statusCode,
    ).toBe(409);
  });
});

describe('answering', () => {
  it('shows the questionnaire grouped by chapter with the tightened text', async () => {
    const q = await questionnaire(staffA1.client);
    expect(q.editable).toBe(true);
    expect(q.chapters.length).toBeGreaterThan(0);
    const items = q.chapters.flatMap((ch: { items: unknown[] }) => ch.items);
    expect(items.some((i: { text: string }) => i.text.endsWith('（許可制）'))).toBe(true);
    expect(items.some((i: { itemId: string }) => i.itemId === '3.9.9(1)(a)')).toBe(true);
  });

  it('saves a draft, refuses an incomplete submission, then submits', async () => {
    const q = await questionnaire(staffA1.client);
    const first = q.chapters[0].items[0].itemId as string;
    const draft = await staffA1.client.request({
      method: 'PUT',
      url: `/api/v1/selfcheck/questionnaires/${q.memberId}/answers`,
      payload: { answers: { [first]: 'implemented' } },
    });
    expect(draft.statusCode).toBe(200);
    expect(draft.json()).toMatchObject({ state: 'draft', answered: 1 });
    const early = await staffA1.client.request({
      method: 'PUT',
      url: `/api/v1/selfcheck/questionnaires/${q.memberId}/answers`,
      payload: { answers: {}, submit: true },
    });
    expect(early.statusCode).toBe(409);
    expect(early.json().unanswered.length).toBe(q.total - 1);
    // Everything implemented except the first item, which is not.
    const answers = allAnswers(q, (_id, i) => (i === 0 ? 'not_implemented' : 'implemented'));
    const done = await staffA1.client.request({
      method: 'PUT',
      url: `/api/v1/selfcheck/questionnaires/${q.memberId}/answers`,
      payload: { answers, submit: true },
    });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ state: 'submitted', answered: q.total });
  });

  it('refuses unknown items and options, and someone else’s questionnaire', async () => {
    const q = await questionnaire(staffA2.client);
    const bad = await staffA2.client.request({
      method: 'PUT',
      url: `/api/v1/selfcheck/questionnaires/${q.memberId}/answers`,
      payload: { answers: { '0.0.0': 'implemented', [q.chapters[0].items[0].itemId]: 'maybe' } },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toHaveLength(2);
    const theirs = await staffA1.client.get(`/api/v1/selfcheck/questionnaires/${q.memberId}`);
    expect(theirs.statusCode).toBe(404);
    const write = await staffA1.client.request({
      method: 'PUT',
      url: `/api/v1/selfcheck/questionnaires/${q.memberId}/answers`,
      payload: { answers: {} },
    });
    expect(write.statusCode).toBe(404);
  });

  it('lets a submitter amend until close, keeping it complete', async () => {
    const q = await questionnaire(staffA1.client);
    const first = q.chapters[0].items[0].itemId as string;
    const cleared = await staffA1.client.request({
      method: 'PUT',
      url: `/api/v1/selfcheck/questionnaires/${q.memberId}/answers`,
      payload: { answers: { [first]: null } },
    });
    expect(cleared.statusCode).toBe(409);
    const amended = await staffA1.client.request({
      method: 'PUT',
      url: `/api/v1/selfcheck/questionnaires/${q.memberId}/answers`,
      payload: { answers: { [first]: 'partial' } },
    });
    expect(amended.json().state).toBe('submitted');
  });
});

describe('progress', () => {
  it('shows the security office every unit', async () => {
    const res = await admin.get(`/api/v1/selfcheck/campaigns/${campaignId}/progress`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.unit).toMatchObject({ inScope: 5, submitted: 1, excluded: 1 });
    expect(body.children.map((c: { unitId: string }) => c.unitId)).toContain(tree.bureauA.id);
  });

  it('shows a division head their own division only', async () => {
    const own = await headA1.client.get(`/api/v1/selfcheck/campaigns/${campaignId}/progress`);
    expect(own.json().unit.unitId).toBe(tree.divA1.id);
    const other = await headA1.client.get(
      `/api/v1/selfcheck/campaigns/${campaignId}/progress?unitId=${tree.divA2.id}`,
    );
    expect(other.statusCode).toBe(404);
    const pendingList = (await headA1.client.get(`/api/v1/selfcheck/campaigns/${campaignId}/pending`)).json();
    expect(pendingList.items.every((p: { unitName: string }) => p.unitName === tree.divA1.nameJa)).toBe(true);
  });

  it('is not for a staff member', async () => {
    expect((await staffA1.client.get(`/api/v1/selfcheck/campaigns/${campaignId}/progress`)).statusCode).toBe(
      403,
    );
  });
});

describe('results', () => {
  it('computes 把握率 and 実施率 from the answers', async () => {
    const res = await admin.get(`/api/v1/selfcheck/campaigns/${campaignId}/results`);
    expect(res.statusCode).toBe(200);
    const r = res.json();
    const staff = r.groups.staff;
    // admin, staffA1, staffA2 and the head answer as staff; the person on long leave is out of scope.
    expect(staff.inScope).toBe(4);
    expect(staff.captured).toBe(1);
    expect(staff.coverage).toBe(1 / 4);
    expect(r.overall.inScope).toBe(5); // plus the head's questionnaire as division officer
    // One submitter, one item not implemented ("partial"): pooled = (n-1)/n, nisc = mean of 0 and 1s.
    const n = staff.items.filter((i: { duty: number }) => i.duty > 0).length;
    expect(staff.implementation.pooled).toBeCloseTo((n - 1) / n, 12);
    expect(staff.implementation.nisc).toBeCloseTo((n - 1) / n, 12);
    expect(staff.implementation.meti_all_items).toBe(0);
    expect(staff.attainment['100']).toBeCloseTo((n - 1) / n, 12);
    expect(staff.items[0].rate).toBe(0);
  });

  it('exports .xlsx and CSV', async () => {
    const x = await admin.get(`/api/v1/selfcheck/campaigns/${campaignId}/results/export?format=xlsx`);
    expect(x.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toContain('項目別（弱い順）');
    const csv = await admin.get(
      `/api/v1/selfcheck/campaigns/${campaignId}/results/export?format=csv&table=groups`,
    );
    expect(csv.body).toContain('行政事務従事者');
  });

  it('gives a division head the figures of their division only', async () => {
    const r = (await headA1.client.get(`/api/v1/selfcheck/campaigns/${campaignId}/results`)).json();
    expect(r.rootUnitId).toBe(tree.divA1.id);
    expect(r.groups.staff.inScope).toBe(2); // staffA1 and the head; the person on leave is excluded
  });
});

describe('closing and publishing', () => {
  it('refuses answers after close and lists changes made after it', async () => {
    expect(
      (await admin.post(`/api/v1/selfcheck/campaigns/${campaignId}/transition`, { to: 'closed' })).statusCode,
    ).toBe(200);
    const q = await questionnaire(staffA2.client);
    const late = await staffA2.client.request({
      method: 'PUT',
      url: `/api/v1/selfcheck/questionnaires/${q.memberId}/answers`,
      payload: { answers: {} },
    });
    expect(late.statusCode).toBe(409);
    await admin.patch(`/api/v1/selfcheck/campaigns/${campaignId}`, { title: '令和8年度 自己点検（確定）' });
    const changes = (await admin.get(`/api/v1/selfcheck/campaigns/${campaignId}/changes-after-close`)).json();
    expect(changes.items.map((c: { action: string }) => c.action)).toContain('selfcheck.campaign_update');
  });

  it('keeps listing changes made while reopened, after closing again', async () => {
    expect(
      (await admin.post(`/api/v1/selfcheck/campaigns/${campaignId}/transition`, { to: 'open' })).statusCode,
    ).toBe(200);
    await answerAll(staffA2.client, campaignId);
    expect(
      (await admin.post(`/api/v1/selfcheck/campaigns/${campaignId}/transition`, { to: 'closed' })).statusCode,
    ).toBe(200);
    const changes = (await admin.get(`/api/v1/selfcheck/campaigns/${campaignId}/changes-after-close`)).json();
    const submitted = changes.items.find((c: { action: string }) => c.action === 'selfcheck.answers_submit');
    expect(submitted.target).toContain(staffA2.person.staffNo);
  });

  it('publishes with frozen figures that later edits of people do not change', async () => {
    const before = (await admin.get(`/api/v1/selfcheck/campaigns/${campaignId}/results`)).json();
    const pub = await admin.post(`/api/v1/selfcheck/campaigns/${campaignId}/transition`, { to: 'published' });
    expect(pub.statusCode).toBe(200);
    await t.sys.db
      .update(people)
      .set({ unitId: tree.divB1.id, status: 'left' })
      .where(eq(people.id, staffA1.person.id));
    const after = (await admin.get(`/api/v1/selfcheck/campaigns/${campaignId}/results`)).json();
    expect(after.frozen).toBe(true);
    expect(after.groups).toEqual(before.groups);
    expect(
      (await admin.post(`/api/v1/selfcheck/campaigns/${campaignId}/transition`, { to: 'open' })).statusCode,
    ).toBe(409);
  });
});

describe('auditing the self-check', () => {
  it('draws the same sample for the same seed and records verification', async () => {
    const auditor = await loginAs(t, { unit: tree.root, roles: ['audit_officer'] });
    const a = await auditor.client.post(`/api/v1/selfcheck/campaigns/${campaignId}/samples`, {
      seed: 42,
      perRole: 5,
      itemsPerMember: 2,
    });
    const b = await auditor.client.post(`/api/v1/selfcheck/campaigns/${campaignId}/samples`, {
      seed: 42,
      perRole: 5,
      itemsPerMember: 2,
    });
    expect(a.statusCode).toBe(201);
    const sa = (
      await auditor.client.get(`/api/v1/selfcheck/campaigns/${campaignId}/samples/${a.json().id}`)
    ).json();
    const sb = (
      await auditor.client.get(`/api/v1/selfcheck/campaigns/${campaignId}/samples/${b.json().id}`)
    ).json();
    const key = (s: { entries: { staffNo: string; itemId: string }[] }) =>
      s.entries.map((e) => `${e.staffNo}:${e.itemId}`);
    expect(key(sa)).toEqual(key(sb));
    expect(sa.entries.length).toBe(4); // both staff submitters (fewer than perRole), two items each
    const entry = sa.entries[0];
    const v = await auditor.client.patch(
      `/api/v1/selfcheck/campaigns/${campaignId}/samples/${sa.id}/entries/${entry.id}`,
      { verified: true, note: '証跡を確認' },
    );
    expect(v.statusCode).toBe(204);
    const after = (
      await auditor.client.get(`/api/v1/selfcheck/campaigns/${campaignId}/samples/${sa.id}`)
    ).json();
    expect(after.summary).toMatchObject({ checked: 1, confirmed: 1 });
    expect(
      (await headA1.client.post(`/api/v1/selfcheck/campaigns/${campaignId}/samples`, { seed: 1, perRole: 1 }))
        .statusCode,
    ).toBe(403);
  });
});
