import { eq } from 'drizzle-orm';
import * as OTPAuth from 'otpauth';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { accounts } from '../modules/accounts/schema.js';
import { Client } from '../test/app.js';
import {
  type BrowserHarness,
  describeBrowser,
  loginThroughPage,
  startBrowserHarness,
} from '../test/browser.js';
import { accountOf, buildAgency, buildPerson, PASSWORD } from '../test/factories.js';

// A person who enrolled an authenticator app is asked for its code after the password.
const totpOf = (secret: string) =>
  new OTPAuth.TOTP({ algorithm: 'SHA1', digits: 6, period: 30, secret: OTPAuth.Secret.fromBase32(secret) });

describeBrowser('login with two-factor authentication', () => {
  let h: BrowserHarness;

  beforeAll(async () => {
    h = await startBrowserHarness();
  });

  afterAll(async () => {
    await h?.close();
  });

  it('asks for the code after the password, then opens the app', async () => {
    const { root } = await buildAgency(h);
    const { login } = await buildPerson(h, { unit: root, roles: ['staff'] });

    // Enrol through the API, as the profile page does.
    const api = new Client(h.app);
    await api.login(login, PASSWORD);
    const setup = (await api.post('/api/v1/me/totp/setup')).json() as { secret: string };
    const totp = totpOf(setup.secret);
    const enabled = await api.post('/api/v1/me/totp/enable', { code: totp.generate() });
    expect(enabled.statusCode).toBe(204);

    const { page, errors } = await h.newPage();
    await loginThroughPage(page, login);
    await page.getByRole('heading', { name: '確認コードの入力' }).waitFor();

    // A wrong code is refused with the server's message.
    await page.getByRole('textbox', { name: '確認コード（6桁）' }).fill('000000');
    await page.getByRole('button', { name: '確認' }).click();
    await page.getByRole('alert').getByText('確認コードが正しくありません。').waitFor();

    // The next period's code: the one used to enrol cannot be replayed.
    await page
      .getByRole('textbox', { name: '確認コード（6桁）' })
      .fill(totp.generate({ timestamp: Date.now() + 30_000 }));
    await page.getByRole('button', { name: '確認' }).click();
    await page.getByRole('heading', { name: 'ホーム', level: 1 }).waitFor();
    expect(errors).toEqual([]);
  });

  it('sends a person whose password was reset to the password-change screen first', async () => {
    const { root } = await buildAgency(h);
    const { login } = await buildPerson(h, { unit: root, roles: ['staff'] });
    // As after an administrator's reset: the account must choose a new password before anything else.
    await h.sys.db
      .update(accounts)
      .set({ mustChangePassword: true })
      .where(eq(accounts.id, (await accountOf(h, login)).id));

    const { page } = await h.newPage();
    await loginThroughPage(page, login);
    await page.getByRole('heading', { name: 'パスワードの変更' }).waitFor();
    await page.getByRole('textbox', { name: '現在のパスワード' }).fill(PASSWORD);
    await page
      .getByRole('textbox', { name: '新しいパスワード', exact: true })
      .fill('a new long passphrase 2024');
    await page.getByRole('textbox', { name: '新しいパスワード（確認）' }).fill('a new long passphrase 2024');
    await page.getByRole('button', { name: 'パスワードを変更' }).click();
    await page.getByRole('heading', { name: 'ホーム', level: 1 }).waitFor();
  });
});
