import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  type BrowserHarness,
  describeBrowser,
  loginThroughPage,
  startBrowserHarness,
} from '../test/browser.js';
import { buildAgencyTree, buildPerson } from '../test/factories.js';

// The yearly self-check as people take it: the security office derives a policy from the shipped catalog,
// plans a campaign and opens it; a staff member answers every item (partly by keyboard), is shown what is
// missing, submits and reads the confirmation, also in English; the office then sees progress and results.
describeBrowser('the self-check', () => {
  let h: BrowserHarness;
  let tree: Awaited<ReturnType<typeof buildAgencyTree>>;
  let staff: Awaited<ReturnType<typeof buildPerson>>;

  beforeAll(async () => {
    h = await startBrowserHarness();
    tree = await buildAgencyTree(h);
    // Members are fixed when the campaign opens, so the staff member exists before.
    staff = await buildPerson(h, { unit: tree.divA1, name: '高橋 花子', roles: ['staff'] });
  });

  afterAll(async () => {
    await h?.close();
  });

  it('is planned and opened by the office, answered and submitted by staff, and shows in the results', async () => {
    // --- The security office: policy from the shipped catalog, then a campaign, then open it.
    const admin = await h.newPage();
    const a = admin.page;
    await loginThroughPage(a, tree.admin.login);
    await a.getByRole('navigation').getByRole('link', { name: '点検項目・ポリシー' }).click();
    await a.getByRole('button', { name: 'ポリシーを作成' }).click();
    const policyDialog = a.getByRole('dialog', { name: 'ポリシーの作成' });
    await policyDialog.getByRole('textbox', { name: '名称' }).fill('当省情報セキュリティ対策基準');
    // Only the shipped summary exists: the form says it is a summary, not the official text.
    await policyDialog.getByText('選んだカタログは Mamoru の要約です', { exact: false }).waitFor();
    await policyDialog.getByRole('button', { name: '作成' }).click();
    await a.getByRole('heading', { name: '当省情報セキュリティ対策基準', level: 1 }).waitFor();

    await a.getByRole('navigation').getByRole('link', { name: '自己点検の実施管理' }).click();
    await a.getByRole('link', { name: '自己点検を計画' }).click();
    await a.getByRole('textbox', { name: '名称', exact: true }).fill('令和8年度 情報セキュリティ自己点検');
    await a.getByRole('combobox', { name: 'ポリシー（対策基準）' }).click();
    await a.getByRole('option', { name: '当省情報セキュリティ対策基準' }).click();
    await a.getByRole('checkbox', { name: '行政事務従事者（行政事務従事者）' }).check();
    await a.getByText('該当する項目 28 件').waitFor();
    await a.getByRole('textbox', { name: '実施にあたっての説明' }).fill('各項目の実施状況を選んでください。');
    // The plan (方針・対象・点検内容・実施時期・評価方法, 003 L531-535), written with the campaign.
    for (const [field, text] of [
      ['方針', '全職員が役割に応じて遵守状況を点検する。'],
      ['対象', '全職員（長期休業者を除く）'],
      ['点検内容', '対策基準の遵守事項'],
      ['実施時期', '11月〜12月'],
      ['評価方法', '把握率・実施率・到達率'],
    ] as const) {
      await a.getByRole('textbox', { name: field, exact: true }).fill(text);
    }
    await a.getByRole('button', { name: '下書きとして保存' }).click();
    await a.getByRole('heading', { name: '令和8年度 情報セキュリティ自己点検', level: 1 }).waitFor();
    expect(await a.getByTestId('campaign-state').textContent()).toBe('計画中');

    // Opening waits for the approval of the plan (002 L265-267); this administrator holds selfcheck.approve.
    expect(await a.getByTestId('plan-approval').textContent()).toBe('未承認');
    await a.getByRole('button', { name: '承認する' }).click();
    await a
      .getByRole('dialog', { name: 'この計画を承認しますか？' })
      .getByRole('button', { name: '承認する' })
      .click();
    await expect.poll(() => a.getByTestId('plan-approval').textContent()).toBe('承認済み');

    await a.getByRole('button', { name: '開始する' }).click();
    const openDialog = a.getByRole('dialog', { name: '自己点検を開始しますか？' });
    await openDialog.getByText('質問票として固定します', { exact: false }).waitFor();
    await openDialog.getByRole('button', { name: '開始する' }).click();
    await expect.poll(() => a.getByTestId('campaign-state').textContent()).toBe('受付中');
    const campaignUrl = a.url();

    // --- A staff member: the home card counts what is due; the questionnaire has 28 items.
    const person = await h.newPage();
    const p = person.page;
    await loginThroughPage(p, staff.login);
    await expect.poll(() => p.getByTestId('sc-pending-count').textContent()).toBe('自己点検: 未提出 1 件');
    await p.getByRole('navigation').getByRole('link', { name: '自己点検', exact: true }).click();
    await p.getByRole('link', { name: /^回答を始める/ }).click();
    await p.getByText('各項目の実施状況を選んでください。').waitFor();
    const groups = p.getByRole('main').getByRole('radiogroup');
    await expect.poll(() => groups.count()).toBe(28);

    // The first by pointer, the second by keyboard arrows (down to 一部未実施), the rest by Space.
    await groups.nth(0).getByRole('radio', { name: '実施', exact: true }).check();
    await groups.nth(1).getByRole('radio').first().focus();
    await p.keyboard.press('Space');
    await p.keyboard.press('ArrowDown');
    expect(await groups.nth(1).getByRole('radio', { name: '一部未実施' }).isChecked()).toBe(true);
    for (let i = 2; i < 27; i++) {
      await groups.nth(i).getByRole('radio').first().focus();
      await p.keyboard.press('Space');
    }
    await p.getByTestId('save-status').filter({ hasText: '保存済み' }).waitFor();
    expect(await p.getByTestId('sc-answered').textContent()).toBe('回答済み 27 / 28 項目');

    // Submitting with one item left: the page brings it into view, marks it, and puts focus on it.
    await p.getByRole('button', { name: '提出' }).click();
    const last = p.getByTestId('sc-item').nth(27);
    await expect.poll(() => last.getAttribute('data-missing')).toBe('true');
    await p.getByRole('alert').filter({ hasText: '未回答の項目があります' }).waitFor();
    expect(await last.evaluate((el) => el.contains(document.activeElement))).toBe(true);
    await p.keyboard.press('Space');
    await expect.poll(() => last.getAttribute('data-missing')).toBe('false');

    await p.getByRole('button', { name: '提出' }).click();
    const confirmation = p.getByTestId('submit-confirmation');
    await confirmation.getByText('提出しました', { exact: true }).waitFor();
    expect(await p.getByTestId('sc-answered').textContent()).toBe('回答済み 28 / 28 項目');

    // The same page in English.
    await p.getByRole('banner').getByText('English', { exact: true }).click();
    await confirmation.getByText('Submitted', { exact: true }).waitFor();
    expect(await p.getByTestId('sc-answered').textContent()).toBe('Answered 28 of 28 items');
    await p.getByRole('link', { name: 'Back to the list' }).waitFor();
    await p.getByRole('button', { name: 'Show guidance' }).first().waitFor();
    await p.getByRole('main').getByRole('radio', { name: 'Partly not implemented' }).first().waitFor();

    // --- The office: one of the two people in scope has submitted; the results show the figures.
    await a.goto(`${campaignUrl}/progress`);
    const total = a.getByTestId('progress-table').locator('tbody tr').first();
    await expect.poll(() => total.textContent()).toContain('50.0%');
    expect((await total.locator('td').allTextContents()).slice(1, 3)).toEqual(['2', '1']);

    await a.getByRole('tab', { name: '結果' }).click();
    await expect.poll(() => a.getByTestId('coverage-overall').textContent()).toBe('50.0%');
    // 27 items fully implemented and one at 0 %: the NISC rate is the mean over items, 27/28.
    expect(await a.getByTestId('implementation-staff').textContent()).toBe('96.4%');
    await a.getByTestId('definition-note').getByText('NISC・厚生労働省の定義', { exact: false }).waitFor();
    expect(await a.getByTestId('weakest-items').locator('tbody tr').first().textContent()).toContain('0.0%');

    expect(admin.errors).toEqual([]);
    expect(person.errors).toEqual([]);
  });
});
