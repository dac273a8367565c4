import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  type BrowserHarness,
  describeBrowser,
  loginThroughPage,
  startBrowserHarness,
} from '../test/browser.js';
import { buildAgencyTree, buildPerson, loginAs } from '../test/factories.js';
import { answerAll, buildOpenCampaign } from '../test/selfcheck.js';

// The shell every page shares: the navigation grouped by capability and cut to what the person can use,
// a header that fits a phone, and figures as the reports print them (0.1 %, 000 L1020-1095).
describeBrowser('the shell', () => {
  let h: BrowserHarness;
  let tree: Awaited<ReturnType<typeof buildAgencyTree>>;
  let staff: Awaited<ReturnType<typeof buildPerson>>;
  let officer: Awaited<ReturnType<typeof buildPerson>>;

  beforeAll(async () => {
    h = await startBrowserHarness();
    tree = await buildAgencyTree(h);
    // 25 staff members (the administrator holds 行政事務従事者 too), 17 of whom submit: 68.0 %.
    const submitters = [];
    for (let i = 0; i < 24; i++) {
      if (i < 16) submitters.push(await loginAs(h, { unit: tree.divA1, roles: ['staff'] }));
      else await buildPerson(h, { unit: tree.divA2, roles: ['staff'], account: false });
    }
    const { campaignId } = await buildOpenCampaign(tree.admin.client, { title: '令和8年度 自己点検' });
    for (const s of [tree.admin, ...submitters]) await answerAll(s.client, campaignId);
    // Joined after the campaign opened, so not among its members.
    staff = await buildPerson(h, {
      unit: tree.divB1,
      name: '長い名前の職員 さくらこ',
      roles: ['staff'],
    });
    officer = await buildPerson(h, {
      unit: tree.bureauA,
      name: '情報 太郎',
      roles: ['security_officer', 'division_security_officer', 'staff'],
    });
  });

  afterAll(async () => {
    await h?.close();
  });

  const sectionsOf = async (page: import('playwright-core').Page) => {
    const nav = page.getByRole('navigation', { name: 'メインメニュー' });
    await nav.getByRole('link', { name: 'ホーム' }).waitFor();
    return nav.getByRole('button').allTextContents();
  };

  it('shows a staff member only their own sections, an officer also the oversight and administration', async () => {
    const { page, errors } = await h.newPage();
    await loginThroughPage(page, staff.login);
    await page.getByRole('heading', { name: 'ホーム', level: 1 }).waitFor();
    expect(await sectionsOf(page)).toEqual(['自己点検', '情報の格付', '教育', '監査・インシデント']);
    const nav = page.getByRole('navigation', { name: 'メインメニュー' });
    expect(await nav.getByRole('link').allTextContents()).toEqual([
      'ホーム',
      'セキュリティポータル',
      '自己点検',
      '情報の格付台帳',
      '取扱いの申請',
      '研修',
      '例外措置',
      '障害・事故等',
      '個人設定',
    ]);

    // A section folds away and opens again.
    const training = nav.getByRole('button', { name: '教育' });
    expect(await training.getAttribute('aria-expanded')).toBe('true');
    await training.click();
    expect(await training.getAttribute('aria-expanded')).toBe('false');
    await expect.poll(() => nav.getByRole('link', { name: '研修' }).isVisible()).toBe(false);
    await training.click();
    await nav.getByRole('link', { name: '研修' }).click();
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    expect(page.url()).toContain('/training/my');

    const other = await h.newPage();
    await loginThroughPage(other.page, officer.login);
    expect(await sectionsOf(other.page)).toEqual([
      '自己点検',
      '情報の格付',
      '教育',
      '標的型メール訓練',
      '情報システム',
      '監査・インシデント',
      '組織・管理',
    ]);
    const admin = other.page
      .getByRole('navigation', { name: 'メインメニュー' })
      .getByTestId('nav-section-admin');
    await admin.waitFor();
    await other.page.getByRole('navigation').getByRole('link', { name: '組織・職員' }).click();
    await other.page.getByRole('heading', { name: '組織・職員', level: 1 }).waitFor();
    expect([...errors, ...other.errors]).toEqual([]);
  });

  it('fits a 375 px phone: no sideways scrolling, the burger opens the navigation, roles in the user menu', async () => {
    const { page, errors } = await h.newPage();
    await page.setViewportSize({ width: 375, height: 740 });
    await loginThroughPage(page, officer.login);
    await page.getByRole('heading', { name: 'ホーム', level: 1 }).waitFor();
    await page.getByRole('region', { name: 'あなたの所属と役割' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    // The header is fixed, so what does not fit squeezes inside it instead of widening the page: nothing
    // in it may stick out, wrap below its height or be clipped.
    const squeezed = await page.getByTestId('top-bar').evaluate((bar) => [
      ...(bar.scrollHeight > bar.clientHeight || bar.scrollWidth > bar.clientWidth ? ['top-bar'] : []),
      ...[...bar.querySelectorAll<HTMLElement>('*')]
        .filter((el) => el.checkVisibility())
        .filter((el) => el.getBoundingClientRect().right > 375 || el.scrollWidth > el.clientWidth + 1)
        .map((el) => el.outerHTML.slice(0, 80)),
    ]);
    expect(squeezed).toEqual([]);

    // The navigation stays off the screen until the burger opens it, and closes on a choice.
    const myTraining = page.getByRole('navigation').getByRole('link', { name: '研修', exact: true });
    const onScreen = async () => {
      const box = await myTraining.boundingBox();
      return box !== null && box.x >= 0 && box.x + box.width <= 375;
    };
    expect(await onScreen()).toBe(false);
    // Off the screen means out of reach: Tab never lands in the closed navigation.
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press('Tab');
      const inNav = await page.evaluate(() => document.activeElement?.closest('nav') !== null);
      expect(inNav).toBe(false);
    }
    await page.getByRole('button', { name: 'メニューを開閉' }).click();
    await expect.poll(onScreen).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    // The last section lies below the phone's screen: the navigation scrolls to it.
    await page.getByRole('navigation').getByRole('link', { name: '組織・職員' }).click();
    await expect.poll(() => page.url()).toContain('/org');
    await expect.poll(onScreen).toBe(false);

    // The name and roles, hidden in the bar, are in the user menu.
    expect(await page.getByTestId('user-summary').isVisible()).toBe(false);
    await page.getByRole('button', { name: 'ユーザーメニュー' }).click();
    const summary = page.getByTestId('user-menu-summary');
    await summary.waitFor();
    expect(await summary.textContent()).toContain('情報 太郎');
    expect(await summary.textContent()).toContain('情報セキュリティ責任者');
    expect(errors).toEqual([]);
  });

  it('prints the share of submitted questionnaires on the home page as 68.0 %, in Japanese and English', async () => {
    const { page, errors } = await h.newPage();
    await loginThroughPage(page, tree.admin.login);
    const card = page.getByRole('region', { name: '受付中の自己点検' });
    await card.getByText('令和8年度 自己点検').waitFor();
    await card.getByText('17 / 25 人提出（68.0%）', { exact: true }).waitFor();

    await page.getByText('English', { exact: true }).click();
    const cardEn = page.getByRole('region', { name: 'Self-checks open now' });
    await cardEn.getByText('17 of 25 people submitted (68.0%)', { exact: true }).waitFor();
    expect(errors).toEqual([]);
  });
});
