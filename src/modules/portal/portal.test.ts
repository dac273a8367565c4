import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayInJapan } from '../../lib/dates.js';
import { buildTestApp, type Client, type TestApp } from '../../test/app.js';
import { buildAgencyTree, buildPerson, loginAs } from '../../test/factories.js';

// The security portal (000 L933-972): materials in categories managed by the security office
// (portal.manage), read by every member of the agency; current notices on top (003 L1291-1297).

let t: TestApp;
let tree: Awaited<ReturnType<typeof buildAgencyTree>>;
let office: Client;
let staff: Client;
let stranger: Client;
let bureauManager: Client;
let categoryId: string;

const today = todayInJapan();

async function item(over: Record<string, unknown> = {}) {
  const res = await office.post('/api/v1/portal/items', {
    categoryId,
    kind: 'document',
    titleJa: '情報セキュリティポリシーの概要',
    body: '# 概要\n\n全職員が守る事項をまとめた資料です。',
    published: true,
    ...over,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; current: boolean; bodyHtml: string };
}

beforeAll(async () => {
  t = await buildTestApp();
  tree = await buildAgencyTree(t);
  office = (await loginAs(t, { unit: tree.root, roles: ['chief_security_officer', 'staff'] })).client;
  staff = (await loginAs(t, { unit: tree.divA1, roles: ['staff'] })).client;
  // portal.manage held below the root does not manage the agency's portal.
  bureauManager = (await loginAs(t, { unit: tree.bureauA, roles: ['chief_security_officer', 'staff'] }))
    .client;
  const other = await buildAgencyTree(t);
  stranger = other.admin.client;
  const res = await office.post('/api/v1/portal/categories', { nameJa: '規程・手順', nameEn: 'Rules' });
  expect(res.statusCode, res.body).toBe(201);
  categoryId = res.json().id;
});
afterAll(() => t.close());

describe('reading the portal', () => {
  it('plain staff read published items and open them; the body is sanitised HTML', async () => {
    const x = await item({
      titleJa: '職員の責務の解説',
      body: '**重要** <script>alert(1)</script> [x](javascript:alert(1))',
    });
    const page = (await staff.get('/api/v1/portal')).json();
    expect(page.categories.map((c: { id: string }) => c.id)).toContain(categoryId);
    expect(page.items.items.map((i: { id: string }) => i.id)).toContain(x.id);
    const detail = await staff.get(`/api/v1/portal/items/${x.id}`);
    expect(detail.statusCode).toBe(200);
    const html = detail.json().bodyHtml as string;
    expect(html).toContain('<strong>重要</strong>');
    expect(html).not.toContain('<script');
    expect(html).not.toMatch(/href="javascript/i);
    expect(html).not.toContain('<a ');
  });

  it('hides unpublished, not yet started and expired items from staff, but not from the office', async () => {
    const hidden = await item({ titleJa: '下書きの資料', published: false });
    const future = await item({ titleJa: '来月の資料', publishedFrom: addDays(today, 1) });
    const expired = await item({ titleJa: '昨年の資料', publishedUntil: addDays(today, -1) });
    const lastDay = await item({ titleJa: '本日までの資料', publishedUntil: today });
    const seen = (await staff.get('/api/v1/portal?pageSize=100'))
      .json()
      .items.items.map((i: { id: string }) => i.id);
    expect(seen).toContain(lastDay.id);
    for (const x of [hidden, future, expired]) {
      expect(seen).not.toContain(x.id);
      expect((await staff.get(`/api/v1/portal/items/${x.id}`)).statusCode).toBe(404);
      expect((await office.get(`/api/v1/portal/items/${x.id}`)).statusCode).toBe(200);
    }
    const all = (await office.get('/api/v1/portal/manage/items?pageSize=100')).json().items;
    expect(all.find((i: { id: string }) => i.id === hidden.id)).toMatchObject({ current: false });
  });

  it('searches title and body as a substring, case-insensitively, and filters by kind', async () => {
    const mail = await item({
      kind: 'notice',
      noticeTopic: 'suspicious_mail',
      titleJa: '不審メールに注意',
      body: '差出人が Example-Bank を名乗る添付付きメールが届いています。',
    });
    const ids = async (url: string) =>
      (await staff.get(url)).json().items.items.map((i: { id: string }) => i.id) as string[];
    expect(await ids(`/api/v1/portal?q=${encodeURIComponent('不審')}`)).toEqual([mail.id]);
    expect(await ids(`/api/v1/portal?q=${encodeURIComponent('example-bank')}`)).toEqual([mail.id]);
    expect(await ids(`/api/v1/portal?q=${encodeURIComponent('添付 メール')}`)).toEqual([mail.id]);
    expect(await ids(`/api/v1/portal?q=${encodeURIComponent('100%')}`)).toEqual([]);
    expect(await ids('/api/v1/portal?kind=notice')).toEqual([mail.id]);
    const notices = (await staff.get('/api/v1/portal')).json().notices;
    expect(notices[0]).toMatchObject({ source: 'item', id: mail.id, topic: 'suspicious_mail' });
  });

  it('pages the items', async () => {
    const cat = (await office.post('/api/v1/portal/categories', { nameJa: '頁送り' })).json().id as string;
    for (let n = 0; n < 5; n++) await item({ categoryId: cat, titleJa: `頁送り資料 ${n}` });
    const p1 = (await staff.get(`/api/v1/portal?categoryId=${cat}&pageSize=2&page=1`)).json().items;
    const p3 = (await staff.get(`/api/v1/portal?categoryId=${cat}&pageSize=2&page=3`)).json().items;
    expect(p1).toMatchObject({ total: 5, page: 1, pageSize: 2 });
    expect(p1.items).toHaveLength(2);
    expect(p3.items).toHaveLength(1);
  });

  it('shows the duties of each role as the agency names it, and who holds it above the reader', async () => {
    const head = await buildPerson(t, {
      unit: tree.divA1,
      name: '課長 一郎',
      roles: ['division_security_officer'],
    });
    await buildPerson(t, { unit: tree.divA2, name: '隣課 次郎', roles: ['division_security_officer'] });
    const renamed = await office.get('/api/v1/roles');
    const ciso = renamed.json().items.find((r: { key: string }) => r.key === 'ciso');
    await tree.admin.client.patch(`/api/v1/roles/${ciso.id}`, { nameJa: '最高情報セキュリティ管理者' });
    const res = await staff.get('/api/v1/portal/roles');
    expect(res.statusCode).toBe(200);
    const roles = res.json().items as {
      nameJa: string;
      standardName: string;
      dutiesJa: string;
      source: string;
      holders: { name: string }[];
    }[];
    const division = roles.find((r) => r.standardName === '課室情報セキュリティ責任者')!;
    expect(division.dutiesJa).toContain('私物パソコン');
    expect(division.source).toMatch(/^002 L/);
    expect(division.holders.map((h) => h.name)).toEqual([head.person.name]);
    expect(roles.find((r) => r.standardName === '最高情報セキュリティ責任者')!.nameJa).toBe(
      '最高情報セキュリティ管理者',
    );
    expect(roles.find((r) => r.standardName === '行政事務従事者')!.holders).toEqual([]);
    expect(JSON.stringify(roles)).not.toContain('Mamoru 管理者');
  });
});

describe('managing the portal', () => {
  it('only portal.manage at the agency root may add, change, publish or delete', async () => {
    const x = await item();
    const attempts = [
      () => staff.post('/api/v1/portal/categories', { nameJa: 'x' }),
      () => staff.post('/api/v1/portal/items', { categoryId, kind: 'document', titleJa: 'x' }),
      () => staff.patch(`/api/v1/portal/items/${x.id}`, { titleJa: 'x' }),
      () => staff.post(`/api/v1/portal/items/${x.id}/publication`, { published: false }),
      () => staff.delete(`/api/v1/portal/items/${x.id}`),
      () => staff.get('/api/v1/portal/manage/items'),
      () => bureauManager.post('/api/v1/portal/categories', { nameJa: 'x' }),
      () => bureauManager.patch(`/api/v1/portal/items/${x.id}`, { titleJa: 'x' }),
    ];
    for (const attempt of attempts) expect((await attempt()).statusCode).toBe(403);
  });

  it('unpublishes and republishes an item', async () => {
    const x = await item({ titleJa: '一時非公開' });
    const off = await office.post(`/api/v1/portal/items/${x.id}/publication`, { published: false });
    expect(off.json()).toMatchObject({ published: false, current: false });
    expect((await staff.get(`/api/v1/portal/items/${x.id}`)).statusCode).toBe(404);
    await office.post(`/api/v1/portal/items/${x.id}/publication`, { published: true });
    expect((await staff.get(`/api/v1/portal/items/${x.id}`)).statusCode).toBe(200);
  });

  it('refuses link URLs other than http(s), e.g. javascript:', async () => {
    for (const url of ['javascript:alert(1)', 'data:text/html,x', 'file:///etc/passwd']) {
      const res = await office.post('/api/v1/portal/items', { categoryId, kind: 'link', titleJa: 'x', url });
      expect(res.statusCode, url).toBe(400);
    }
    const noUrl = await office.post('/api/v1/portal/items', { categoryId, kind: 'link', titleJa: 'x' });
    expect(noUrl.statusCode).toBe(400);
    const ok = await item({ kind: 'link', titleJa: 'NISC', url: 'https://www.nisc.go.jp/' });
    const x = await office.patch(`/api/v1/portal/items/${ok.id}`, { url: 'javascript:alert(1)' });
    expect(x.statusCode).toBe(400);
  });

  it('attaches a document file that staff download; other types and another agency are refused', async () => {
    const x = await item({ titleJa: '手順書' });
    const put = (type: string, body: Buffer) =>
      office.request({
        method: 'PUT',
        url: `/api/v1/portal/items/${x.id}/file?filename=${encodeURIComponent('手順書.pdf')}`,
        payload: body,
        headers: { 'content-type': type },
      });
    expect((await put('text/html', Buffer.from('<script>'))).statusCode).toBe(415);
    const up = await put('application/pdf', Buffer.from('%PDF-1.4 手順'));
    expect(up.statusCode, up.body).toBe(200);
    expect(up.json().file).toMatchObject({ filename: '手順書.pdf', contentType: 'application/pdf' });
    const dl = await staff.get(`/api/v1/portal/items/${x.id}/file`);
    expect(dl.statusCode).toBe(200);
    expect(dl.headers['content-type']).toBe('application/pdf');
    expect(dl.rawPayload.toString()).toBe('%PDF-1.4 手順');
    expect((await stranger.get(`/api/v1/portal/items/${x.id}/file`)).statusCode).toBe(404);
    expect((await stranger.get(`/api/v1/portal/items/${x.id}`)).statusCode).toBe(404);
  });

  it('another agency never sees the items, even its own portal manager', async () => {
    const x = await item({ titleJa: '他省に見せない資料' });
    const page = await stranger.get(`/api/v1/portal?q=${encodeURIComponent('他省に見せない')}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('他省に見せない資料');
    expect((await stranger.get('/api/v1/portal/manage/items')).body).not.toContain(x.id);
    expect((await stranger.patch(`/api/v1/portal/items/${x.id}`, { titleJa: '乗っ取り' })).statusCode).toBe(
      404,
    );
    expect((await stranger.delete(`/api/v1/portal/items/${x.id}`)).statusCode).toBe(404);
    const own = (await stranger.post('/api/v1/portal/categories', { nameJa: '自省' })).json();
    const into = await stranger.post('/api/v1/portal/items', {
      categoryId,
      kind: 'document',
      titleJa: '侵入',
    });
    expect(into.statusCode).toBe(400);
    expect(own.id).toBeTruthy();
  });

  it('reorders categories, and deletes a category only once it is empty', async () => {
    const a = (await office.post('/api/v1/portal/categories', { nameJa: '甲' })).json().id as string;
    const b = (await office.post('/api/v1/portal/categories', { nameJa: '乙' })).json().id as string;
    const ids = (await staff.get('/api/v1/portal'))
      .json()
      .categories.map((c: { id: string }) => c.id) as string[];
    const reordered = [b, a, ...ids.filter((id) => id !== a && id !== b)];
    const res = await office.request({
      method: 'PUT',
      url: '/api/v1/portal/categories/order',
      payload: { ids: reordered },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect((await staff.get('/api/v1/portal')).json().categories.map((c: { id: string }) => c.id)).toEqual(
      reordered,
    );
    const partial = await office.request({
      method: 'PUT',
      url: '/api/v1/portal/categories/order',
      payload: { ids: [a] },
    });
    expect(partial.statusCode).toBe(400);
    const x = await item({ categoryId: a });
    expect((await office.delete(`/api/v1/portal/categories/${a}`)).statusCode).toBe(409);
    expect((await office.delete(`/api/v1/portal/items/${x.id}`)).statusCode).toBe(200);
    expect((await office.delete(`/api/v1/portal/categories/${a}`)).statusCode).toBe(200);
    const audit = (await tree.admin.client.get('/api/v1/audit-events?action=portal.category_delete')).json();
    expect(JSON.stringify(audit)).toContain(a);
  });
});
