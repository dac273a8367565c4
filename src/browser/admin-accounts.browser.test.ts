import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  type BrowserHarness,
  describeBrowser,
  loginThroughPage,
  startBrowserHarness,
} from '../test/browser.js';
import { buildAgencyTree, buildPerson } from '../test/factories.js';

// An administrator resets a colleague's password: asked to confirm, shown the temporary password once;
// the colleague then logs in with it and must choose a new one.
describeBrowser('account administration', () => {
  let h: BrowserHarness;

  beforeAll(async () => {
    h = await startBrowserHarness();
  });

  afterAll(async () => {
    await h?.close();
  });

  it('resets a password after confirmation, and the person must change it at login', async () => {
    const tree = await buildAgencyTree(h);
    const colleague = await buildPerson(h, { unit: tree.divA1, name: '高橋 次郎', roles: ['staff'] });

    const admin = await h.newPage();
    await loginThroughPage(admin.page, tree.admin.login);
    await admin.page.getByRole('navigation').getByRole('link', { name: 'アカウントと役割' }).click();
    await admin.page.getByRole('searchbox', { name: 'アカウントを検索' }).fill('高橋');
    await admin.page.getByRole('cell', { name: colleague.login, exact: true }).waitFor();
    await admin.page.getByRole('button', { name: `${colleague.login} の操作` }).click();
    await admin.page.getByRole('menuitem', { name: 'パスワードをリセット' }).click();

    const confirm = admin.page.getByRole('dialog', { name: 'パスワードをリセットしますか？' });
    await confirm.getByRole('button', { name: 'パスワードをリセット' }).click();
    const shown = admin.page.getByRole('dialog', { name: '仮パスワード' }).getByTestId('one-time-secret');
    const temporary = (await shown.textContent()) ?? '';
    expect(temporary.length).toBeGreaterThanOrEqual(12);

    const person = await h.newPage();
    await loginThroughPage(person.page, colleague.login, temporary);
    await person.page.getByRole('heading', { name: 'パスワードの変更' }).waitFor();
    expect(admin.errors).toEqual([]);
    expect(person.errors).toEqual([]);
  });
});
