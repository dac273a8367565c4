import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  type BrowserHarness,
  describeBrowser,
  loginThroughPage,
  startBrowserHarness,
} from '../test/browser.js';
import { buildAgencyTree, buildPerson } from '../test/factories.js';

// An administrator finds people the way a person would: log in, open the organisation, walk the tree,
// search and page — then switches the whole UI to English.
const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff]/;

describeBrowser('browsing the organisation', () => {
  let h: BrowserHarness;
  let tree: Awaited<ReturnType<typeof buildAgencyTree>>;
  let adminName: string;

  beforeAll(async () => {
    h = await startBrowserHarness();
    tree = await buildAgencyTree(h);
    adminName = tree.admin.person.name;
    for (let i = 1; i <= 55; i++) {
      await buildPerson(h, { unit: tree.divA1, name: `山田 太郎${i}`, account: false });
    }
    await buildPerson(h, { unit: tree.divA1, name: '佐藤 花子', account: false });
    await buildPerson(h, { unit: tree.divB1, name: '鈴木 一郎', account: false });
  });

  afterAll(async () => {
    await h?.close();
  });

  it('lets an administrator walk the tree, search, page, and read it all in English', async () => {
    const { page, errors } = await h.newPage();

    await page.goto('/org');
    await expect.poll(() => page.url()).toContain('/login');
    await loginThroughPage(page, tree.admin.login);

    // Back where they wanted to go, with the agency in the top bar.
    await page.getByRole('heading', { name: '組織・職員', level: 1 }).waitFor();
    expect(await page.getByTestId('agency-name').textContent()).toBe(tree.tenant.nameJa);
    await page.getByRole('link', { name: 'ホーム' }).click();
    await page.getByRole('heading', { name: 'ホーム', level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'あなたの所属と役割' }).waitFor();

    await page.getByRole('navigation').getByRole('link', { name: '組織・職員' }).click();
    const unitTree = page.getByRole('tree', { name: '組織ツリー' });
    await unitTree.waitFor();

    // Bureaus show, their divisions stay collapsed until a bureau is opened.
    const bureau = unitTree.getByRole('treeitem', { name: /^第一局/ });
    await bureau.waitFor();
    expect(await bureau.getAttribute('aria-expanded')).toBe('false');
    expect(await unitTree.getByRole('treeitem', { name: /^第一課/ }).count()).toBe(0);
    await bureau.locator('[data-value]').first().click();
    expect(await bureau.getAttribute('aria-expanded')).toBe('true');

    // Selecting a division lists its people, 50 a page.
    await unitTree
      .getByRole('treeitem', { name: /^第一課/ })
      .locator('[data-value]')
      .first()
      .click();
    await expect.poll(() => page.getByTestId('people-heading').textContent()).toBe('第一課');
    const rows = page.getByTestId('people-table').locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(50);
    await page.getByText('全 56 件中 1〜50 件').waitFor();
    expect(await page.getByText('鈴木 一郎').count()).toBe(0);

    // Search by name (the server searches; the box waits for typing to pause).
    await page.getByRole('searchbox', { name: '職員を検索' }).fill('佐藤');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain('佐藤 花子');
    await page.getByRole('searchbox', { name: '職員を検索' }).fill('');
    await page.getByText('全 56 件中 1〜50 件').waitFor();

    // Page on.
    await page.getByRole('button', { name: '次のページ' }).click();
    await page.getByText('全 56 件中 51〜56 件').waitFor();
    await expect.poll(() => rows.count()).toBe(6);

    // English: every label changes; only data (names) stays as it is.
    await page.getByText('English', { exact: true }).click();
    await page.getByRole('heading', { name: 'Organisation and staff', level: 1 }).waitFor();
    const nav = page.getByRole('navigation', { name: 'Main menu' });
    for (const label of ['Home', 'Organisation', 'Users and roles', 'Audit log', 'Profile']) {
      await nav.getByRole('link', { name: label }).waitFor();
    }
    await page.getByText('51–56 of 56').waitFor();
    expect(await page.getByRole('columnheader', { name: 'Staff no.' }).count()).toBe(1);
    expect(await page.getByTestId('agency-name').textContent()).toBe(tree.tenant.nameEn);

    // All text and accessible labels of the navigation and the top bar, less the data shown in them.
    const chrome = await page.evaluate(() =>
      ['nav', '[data-testid="top-bar"]'].flatMap((sel) => {
        const root = document.querySelector(sel);
        if (!root) return [];
        const labels = [...root.querySelectorAll('[aria-label]')].map(
          (e) => e.getAttribute('aria-label') ?? '',
        );
        return [root.textContent ?? '', ...labels];
      }),
    );
    const withoutData = chrome
      .map(
        (text) => text.replaceAll(adminName, '').replaceAll('日本語', ''), // the language switch names Japanese in Japanese, by convention
      )
      .filter((text) => JAPANESE.test(text));
    expect(withoutData).toEqual([]);

    // The choice is saved: a reload stays in English.
    await page.reload();
    await page.getByRole('heading', { name: 'Organisation and staff', level: 1 }).waitFor();
    expect(errors).toEqual([]);
  });
});
