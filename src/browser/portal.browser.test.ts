import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  type BrowserHarness,
  describeBrowser,
  loginThroughPage,
  startBrowserHarness,
} from '../test/browser.js';
import { buildAgencyTree, buildPerson } from '../test/factories.js';

// A staff member finds a notice on the security portal (issue 11; 000 L933-972, 003 L1291-1297).
describeBrowser('reading the security portal', () => {
  let h: BrowserHarness;
  let staffLogin: string;

  beforeAll(async () => {
    h = await startBrowserHarness();
    const tree = await buildAgencyTree(h);
    staffLogin = (await buildPerson(h, { unit: tree.divA1, roles: ['staff'] })).login;
    const category = (
      await tree.admin.client.post('/api/v1/portal/categories', { nameJa: 'お知らせ' })
    ).json();
    for (const [titleJa, body] of [
      ['【注意】宅配業者を装った不審メール', '添付ファイルは開かず、報告窓口に転送してください。'],
      ['情報セキュリティポリシーの図解', '基本方針の要点をまとめた資料です。'],
    ]) {
      const res = await tree.admin.client.post('/api/v1/portal/items', {
        categoryId: category.id,
        kind: titleJa!.startsWith('【注意】') ? 'notice' : 'document',
        noticeTopic: titleJa!.startsWith('【注意】') ? 'suspicious_mail' : null,
        titleJa,
        body,
        published: true,
      });
      expect(res.statusCode, res.body).toBe(201);
    }
  });

  afterAll(async () => {
    await h?.close();
  });

  it('a plain staff member opens the portal, searches, finds the notice and reads it', async () => {
    const { page, errors } = await h.newPage();
    await loginThroughPage(page, staffLogin);
    await page.getByRole('link', { name: 'セキュリティポータル' }).first().click();
    await page.getByRole('heading', { name: 'セキュリティポータル', level: 1 }).waitFor();
    await page.getByRole('searchbox', { name: '検索' }).fill('宅配');
    await page.getByText('情報セキュリティポリシーの図解').waitFor({ state: 'detached' });
    const found = page.getByRole('link', { name: '【注意】宅配業者を装った不審メール' });
    await found.first().click();
    await page.getByRole('heading', { name: '【注意】宅配業者を装った不審メール', level: 1 }).waitFor();
    await page.getByText('添付ファイルは開かず、報告窓口に転送してください。').waitFor();
    expect(await page.getByText('不審メール', { exact: true }).count()).toBeGreaterThan(0);
    expect(errors).toEqual([]);
  });
});
