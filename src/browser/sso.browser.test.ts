import { afterAll, beforeAll, expect, it } from 'vitest';
import { type BrowserHarness, describeBrowser, startBrowserHarness } from '../test/browser.js';
import { buildAgency, buildPerson } from '../test/factories.js';
import { startTestProvider, type TestProvider } from '../test/oidc-provider.js';

// A staff member signs in with the organisation's account: Mamoru's button, the provider's own
// login form, back to Mamoru's home as the person whose staff number the provider gave.
describeBrowser('single sign-on through the login page', () => {
  let h: BrowserHarness;
  let idp: TestProvider;

  beforeAll(async () => {
    h = await startBrowserHarness();
    idp = await startTestProvider({
      redirectUris: [`${h.baseUrl}/api/v1/auth/oidc/callback`],
      users: {
        hanako: { name: 'Hanako at the provider', employee_number: 'SSO-B1' },
        stranger: { name: 'Stranger', employee_number: 'nobody' },
      },
    });
    const { root } = await buildAgency(h, { code: 'sso-browser' });
    await buildPerson(h, { unit: root, staffNo: 'SSO-B1', name: '統合 花子', roles: ['staff'] });
    // The harness learns its port only once listening; the server reads these settings per request.
    h.config.publicUrl = h.baseUrl;
    h.config.oidc = {
      issuer: idp.issuer,
      clientId: idp.clientId,
      clientSecret: idp.clientSecret,
      tenantCode: 'sso-browser',
      match: 'staff_number',
      claims: { staffNumber: 'employee_number', email: 'email', name: 'name' },
      scope: 'openid profile email',
      jitUnitCode: null,
      label: null,
    };
  });

  afterAll(async () => {
    await h?.close();
    await idp?.close();
  });

  async function signInAtProvider(login: string) {
    const { page, errors } = await h.newPage();
    await page.goto('/login');
    await page.getByRole('link', { name: '組織のアカウントでログイン' }).click();
    // The provider's own (development) login form.
    await page.locator('input[name="login"]').fill(login);
    await page.locator('input[name="password"]').fill('any password');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    return { page, errors };
  }

  it("lands on the home page as the person the provider's staff number names", async () => {
    const { page, errors } = await signInAtProvider('hanako');
    await page.getByRole('heading', { name: 'ホーム', level: 1 }).waitFor();
    await expect.poll(() => page.getByText('統合 花子').first().isVisible()).toBe(true);
    expect(new URL(page.url()).origin).toBe(h.baseUrl);
    expect(errors).toEqual([]);
  });

  it('brings a user who is not in the register back to the login page with the reason', async () => {
    const { page } = await signInAtProvider('stranger');
    await page
      .getByRole('alert')
      .getByText('このアカウントに対応する職員が登録されていません。', { exact: false })
      .waitFor();
    await page.getByRole('textbox', { name: 'ログインID' }).waitFor();
  });
});
