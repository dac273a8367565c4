import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type Client, type TestApp } from '../../test/app.js';
import { buildAgencyTree, buildPerson, loginAs } from '../../test/factories.js';
import { answerAll, approvePlan, buildStricterPolicy } from '../../test/selfcheck.js';
import { people } from '../org/schema.js';
import { campaignMembers } from './schema.js';

// The yearly self-check end to end through the API: campaign → answers → progress → results →
// publication → audit sample, and who may do what on the way (catalogs and policies: catalog-policy.test.ts).

let t: TestApp;
let tree: Awaited<ReturnType<typeof buildAgencyTree>>;
let admin: Client;
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
  policyId = (await buildStricterPolicy(admin)).policyId;
});
afterAll(() => t.close());

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
    await approvePlan(admin, campaignId);
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
    // People, not questionnaires (000 L1030): the head answers as staff and as division officer, once.
    expect(r.overall.inScope).toBe(4);
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
    // Four staff are fewer than the minimum group size (5): merged into the total, named only in a note.
    const lines = csv.body.split('\r\n');
    expect(lines.some((l) => l.startsWith('全体,4,'))).toBe(true);
    expect(lines.some((l) => l.startsWith('行政事務従事者,'))).toBe(false);
    expect(lines.some((l) => l.includes('全体に統合') && l.includes('行政事務従事者'))).toBe(true);
  });

  it('gives a division head the figures of their division only', async () => {
    const r = (await headA1.client.get(`/api/v1/selfcheck/campaigns/${campaignId}/results`)).json();
    expect(r.rootUnitId).toBe(tree.divA1.id);
    expect(r.groups.staff.inScope).toBe(2); // staffA1 and the head; the person on leave is excluded
    // Two people: fewer than the minimum group size, so the head does not see how they answered.
    expect(r.groups.staff).toMatchObject({ suppressed: true, captured: null, coverage: null, items: [] });
    expect(r.minGroupSize).toBe(5);
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
      roleCounts: { staff: 2 },
      itemsPerMember: 2,
    });
    const b = await auditor.client.post(`/api/v1/selfcheck/campaigns/${campaignId}/samples`, {
      seed: 42,
      roleCounts: { staff: 2 },
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
    expect(sa.entries.length).toBe(4); // both staff submitters, two items each
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
      (
        await headA1.client.post(`/api/v1/selfcheck/campaigns/${campaignId}/samples`, {
          seed: 1,
          roleCounts: { staff: 1 },
        })
      ).statusCode,
    ).toBe(403);
  });
});
