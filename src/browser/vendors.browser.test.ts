import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  type BrowserHarness,
  describeBrowser,
  loginThroughPage,
  startBrowserHarness,
} from '../test/browser.js';
import { buildAgencyTree, loginAs } from '../test/factories.js';

// An SNS account's 管理担当者 answers the checklist and confirms; the office opens a contract, records
// a check and generates the specification clauses; the dashboard card counts what is open.

describeBrowser('cloud, SNS and outsourcing', () => {
  let h: BrowserHarness;
  let tree: Awaited<ReturnType<typeof buildAgencyTree>>;
  let manager: Awaited<ReturnType<typeof loginAs>>;
  let accountId: string;
  let contractId: string;

  beforeAll(async () => {
    h = await startBrowserHarness();
    tree = await buildAgencyTree(h);
    manager = await loginAs(h, { unit: tree.divA1, roles: ['staff'], name: '広報 担当' });
    const sns = await tree.admin.client.post('/api/v1/vendors/sns-accounts', {
      unitId: tree.divA1.id,
      platform: 'X',
      accountName: '@test_koho',
      managerIds: [manager.person.id],
      reconfirmDue: '2020-04-01',
    });
    accountId = sns.json().id;
    const c = await tree.admin.client.post('/api/v1/vendors/contracts', {
      unitId: tree.divA1.id,
      name: 'ウェブサイト運用業務',
      contractor: '株式会社テスト',
      ismsCertificateExpiry: '2020-01-31',
    });
    contractId = c.json().id;
  });

  afterAll(async () => {
    await h?.close();
  });

  it('the 管理担当者 answers the SNS checklist and records the re-confirmation', async () => {
    const { page, errors } = await h.newPage();
    await loginThroughPage(page, manager.login);
    await page.getByRole('heading', { name: 'ホーム', level: 1 }).waitFor();
    await page.goto(`/vendors/sns/${accountId}`);
    await page.getByRole('heading', { name: 'X @test_koho', level: 1 }).waitFor();
    await page.getByText('再確認期限切れ').first().waitFor();
    const item = page.getByTestId('sns-item-strong_authentication');
    await item.getByText('実施', { exact: true }).click();
    await item.getByRole('textbox').fill('二段階認証を設定済み');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('保存しました。').waitFor();
    await page.getByRole('button', { name: '再確認を記録' }).click();
    await page.getByText('再確認済み').first().waitFor();
    expect(errors).toEqual([]);
  });

  it('the office sees the card, records a contract check and gets the clauses', async () => {
    const { page, errors } = await h.newPage();
    await loginThroughPage(page, tree.admin.login);
    await page.getByRole('heading', { name: 'ホーム', level: 1 }).waitFor();
    await expect.poll(() => page.getByTestId('vendor-card-certs').textContent()).toBe('1');
    await expect.poll(() => page.getByTestId('vendor-card-open').textContent()).toBe('1');

    await page.goto(`/vendors/contracts/${contractId}`);
    await page.getByRole('heading', { name: 'ウェブサイト運用業務', level: 1 }).waitFor();
    await page.getByText('期限切れ').first().waitFor();
    const check = page.getByTestId('check-contract-isms');
    await check.getByText('確認済み', { exact: true }).click();
    await check.getByRole('textbox').fill('認証書の写しを確認');
    await check.getByRole('button', { name: '保存' }).click();
    await check.getByText(/確認者/).waitFor();
    await expect.poll(() => page.getByTestId('open-checks').textContent()).toContain('11');

    await page.goto('/vendors/spec');
    await page.getByLabel(/利用者個人の行動を追跡する機能/).check();
    await page.getByRole('button', { name: '条項を表示' }).click();
    await expect
      .poll(() => page.getByTestId('spec-text').textContent())
      .toContain('追跡する機能を組み込まないこと');
    expect(errors).toEqual([]);
  });
});
