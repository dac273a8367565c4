import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { demoDivisions } from '../modules/demo/classification-seed.js';
import { generateDemo } from '../modules/demo/generate.js';
import { seedDemo } from '../modules/demo/seed.js';
import {
  type BrowserHarness,
  describeBrowser,
  loginThroughPage,
  startBrowserHarness,
} from '../test/browser.js';
import { PASSWORD } from '../test/factories.js';

// Information classification in the demo agency, as the people concerned take it: a staff member registers
// a 機密性3 document (the form asks for an access scope at that level), asks to carry it out and is shown
// beforehand whose permission that needs; the division head approves it from their queue and confirms the classification; the staff
// member sees it approved, and the audit trail shows every step.
const plan = generateDemo({ staff: 300, seed: 7 });
// A division the demo seed leaves untouched, so its head's queue holds only this journey's request.
const division = demoDivisions(plan)[3]!;
const staffLogin = division.staffNos[0]!.toLowerCase();
const headLogin = division.headStaffNo.toLowerCase();
const TITLE = '地方自治体との協議資料（非公開）';

async function logout(p: Page) {
  await p.getByRole('button', { name: 'ユーザーメニュー' }).click();
  await p.getByRole('menuitem', { name: 'ログアウト' }).click();
  await p.getByRole('button', { name: 'ログイン' }).waitFor();
}

describeBrowser('information classification', () => {
  let h: BrowserHarness;

  beforeAll(async () => {
    h = await startBrowserHarness();
    await seedDemo(h.sys, { plan, password: PASSWORD });
  });

  afterAll(async () => {
    await h?.close();
  });

  it('is registered by staff, carried out with the head’s permission, and traced in the audit trail', async () => {
    const session = await h.newPage();
    const p = session.page;

    // --- The staff member registers a 機密性3 document.
    await loginThroughPage(p, staffLogin);
    await p.getByTestId('card-returned').waitFor();
    await p.getByRole('navigation').getByRole('link', { name: '情報の格付台帳' }).click();
    await p.getByRole('heading', { name: '情報の格付台帳', level: 1 }).waitFor();
    await p.getByRole('link', { name: '情報を登録' }).click();
    await p.getByRole('textbox', { name: '件名' }).fill(TITLE);
    await p.getByRole('textbox', { name: '説明' }).fill('協議の論点と当省の対処方針。');
    // Each level shows its criteria; 機密性3 asks for who may access it.
    await p.getByText('事案の中身が漏れることを特に防ぐべき情報', { exact: false }).waitFor();
    expect(await p.getByTestId('access-scope').count()).toBe(0);
    await p.getByRole('radio', { name: '機密性3情報' }).check();
    await p.getByTestId('level-needs').getByText('アクセス範囲', { exact: false }).waitFor();
    // Submitting without a scope is refused on the page.
    await p.getByRole('button', { name: '登録して確認を依頼' }).click();
    await p.getByText('アクセスできる組織または職員を1つ以上指定してください').waitFor();
    await p
      .getByTestId('access-scope')
      .getByRole('checkbox', { name: /所属組織（.+）の全員/ })
      .check();
    await p.getByRole('checkbox', { name: '複製禁止' }).check();
    await p.getByRole('button', { name: '登録して確認を依頼' }).click();
    await p.getByRole('heading', { name: TITLE, level: 1 }).waitFor();
    expect(await p.getByTestId('marking-document').textContent()).toBe('機密性3情報 取扱制限：複製禁止');
    await p.getByText('課室長の確認を待っています。').waitFor();
    const entryId = new URL(p.url()).pathname.split('/').pop()!;

    // --- …asks to carry it out, and sees whose permission that needs before sending.
    await p.getByRole('link', { name: '取扱いを申請' }).click();
    await p.getByRole('heading', { name: '取扱いの申請', level: 1 }).waitFor();
    await p.getByRole('radio', { name: '複製' }).check();
    // 複製禁止 on the entry forbids copying: explained with the rule, and the form cannot be sent.
    const requirements = p.getByTestId('requirements');
    await requirements.getByText('この取扱いは禁止されています').waitFor();
    await requirements.getByText('複製禁止', { exact: false }).waitFor();
    expect(await p.getByRole('button', { name: '申請する' }).isDisabled()).toBe(true);
    await p.getByRole('radio', { name: '情報の移送（持出し・送信）' }).check();
    await requirements.getByText('次の許可・届出が必要です').waitFor();
    await requirements.getByText(/課室情報セキュリティ責任者（.+）の許可/).waitFor();
    await p.getByRole('textbox', { name: '目的と内容' }).fill('協議の場で説明するため、紙で1部持参する。');
    await p.getByRole('textbox', { name: '持出し先・提供先' }).fill('○○県庁 会議室');
    await p.getByRole('button', { name: '申請する' }).click();
    await p.getByRole('heading', { name: '情報の移送（持出し・送信）の申請', level: 1 }).waitFor();
    expect(await p.getByTestId('request-status').textContent()).toBe('審査中');
    const requestId = new URL(p.url()).pathname.split('/').pop()!;
    await logout(p);

    // --- The division head finds it in the queue and approves it.
    await loginThroughPage(p, headLogin);
    await expect.poll(() => p.getByTestId('card-requests').textContent()).toBe('1');
    await p.getByRole('navigation').getByRole('link', { name: '取扱いの申請' }).click();
    await p.getByRole('tab', { name: '判断待ち' }).click();
    const row = p.getByTestId('requests-table').getByRole('row').filter({ hasText: TITLE });
    await row.getByRole('button', { name: '許可する' }).click();
    const dialog = p.getByRole('dialog', { name: '許可しますか？' });
    await dialog.getByRole('textbox', { name: 'コメント（任意）' }).fill('協議後は回収してください。');
    await dialog.getByRole('button', { name: '許可する' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await p.getByText('判断を待っている申請はありません').waitFor();

    // …and, from the desk, confirms the classification and designates where it is kept (000 L784-787).
    await p.getByRole('navigation').getByRole('link', { name: '格付の確認・承認' }).click();
    await p.getByRole('region', { name: '確認待ちの格付' }).getByRole('link', { name: TITLE }).click();
    await p.getByRole('button', { name: '格付を確認' }).click();
    const confirm = p.getByRole('dialog', { name: '格付を確認しますか？' });
    await confirm.getByRole('textbox', { name: '保存場所' }).fill('施錠書庫 B-1');
    await confirm.getByRole('button', { name: '格付を確認' }).click();
    await confirm.waitFor({ state: 'hidden' });
    await p.getByTestId('entry-history').getByText('格付の確認').waitFor();
    await p.getByText('施錠書庫 B-1').waitFor();
    await logout(p);

    // --- The staff member sees it approved, with the head's decision.
    await loginThroughPage(p, staffLogin);
    await p.getByRole('navigation').getByRole('link', { name: '取扱いの申請' }).click();
    const mine = p.getByTestId('requests-table').getByRole('row').filter({ hasText: TITLE });
    await expect.poll(() => mine.getByTestId('request-status').textContent()).toBe('許可');
    await mine.getByRole('link', { name: '情報の移送（持出し・送信）' }).click();
    await p.getByTestId('request-steps').getByText('協議後は回収してください。').waitFor();
    await logout(p);

    // --- The audit trail shows each step, by whom.
    await loginThroughPage(p, 'admin');
    await p.getByRole('navigation').getByRole('link', { name: '監査ログ' }).click();
    const audit = p.getByTestId('audit-table');
    await p.getByRole('textbox', { name: '対象のID' }).fill(entryId);
    // Rows name their target, so each step is found by its target's id and its label.
    const step = (id: string, label: string) =>
      audit.getByRole('row').filter({ hasText: id }).filter({ hasText: label });
    const proposed = step(entryId, '情報の格付の登録');
    const confirmed = step(entryId, '情報の格付の確認');
    await proposed.waitFor();
    await confirmed.waitFor();
    expect(await proposed.textContent()).toContain(staffLogin);
    expect(await confirmed.textContent()).toContain(headLogin);
    await p.getByRole('textbox', { name: '対象のID' }).fill(requestId);
    const created = step(requestId, '取扱いの申請・届出');
    const approved = step(requestId, '取扱い申請の許可');
    await created.waitFor();
    await approved.waitFor();
    expect(await created.textContent()).toContain(staffLogin);
    expect(await approved.textContent()).toContain(headLogin);

    expect(session.errors).toEqual([]);
  });

  it('lets the security office copy a shipped policy, tighten a rule and put it in force', async () => {
    const session = await h.newPage();
    const p = session.page;
    await loginThroughPage(p, 'admin');
    await p.getByRole('navigation').getByRole('link', { name: '格付ポリシー' }).click();
    const shipped = p.getByRole('row').filter({ hasText: '政府機関統一基準群（第5版）' });
    await shipped.getByRole('button', { name: '複製' }).click();
    const copy = p.getByRole('dialog', { name: '格付ポリシーの複製' });
    await copy.getByRole('textbox', { name: '新しいポリシーの名称' }).fill('試行用 格付基準');
    await copy.getByRole('button', { name: '複製' }).click();
    await p.getByRole('heading', { name: '試行用 格付基準', level: 1 }).waitFor();

    // The Unified Standards only ask to be notified before 機密性2 information is carried out; tighten it.
    await p.getByRole('tab', { name: '許可・届出の表' }).click();
    const cell = p.getByRole('button', { name: '情報の移送・機密性2情報の規則' });
    await cell.getByText('届出: 課室情報セキュリティ責任者').waitFor();
    await cell.click();
    const rule = p.getByRole('dialog', { name: '情報の移送・機密性2情報の規則' });
    await rule.getByRole('combobox', { name: '種類' }).click();
    await p.getByRole('option', { name: '許可' }).click();
    await rule.getByRole('textbox', { name: '根拠' }).fill('当省基準 第12条（機密性2情報の移送は許可制）');
    await rule.getByRole('button', { name: '反映' }).click();
    await p.getByText('保存していない変更があります。').waitFor();
    await p.getByRole('button', { name: '保存' }).click();
    await p.getByText('区分・取扱制限・規則をクリックして編集し、最後に保存してください。').waitFor();
    await cell.getByText('許可: 課室情報セキュリティ責任者').waitFor();

    await p.getByRole('button', { name: 'このポリシーを適用' }).click();
    await p
      .getByRole('dialog', { name: '適用するポリシーを変更しますか？' })
      .getByRole('button', { name: 'このポリシーを適用' })
      .click();
    await p.getByText('適用中', { exact: true }).waitFor();
    // Reloaded from the server, the change is there.
    await p.reload();
    await p.getByRole('tab', { name: '許可・届出の表' }).click();
    await p
      .getByRole('button', { name: '情報の移送・機密性2情報の規則' })
      .getByText('許可: 課室情報セキュリティ責任者')
      .waitFor();
    expect(session.errors).toEqual([]);
  });
});
