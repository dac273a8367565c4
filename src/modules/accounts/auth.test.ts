import * as OTPAuth from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, Client, type TestApp } from '../../test/app.js';
import { accountOf, buildAgencyTree, buildPerson, loginAs, PASSWORD } from '../../test/factories.js';

let t: TestApp;
let tree: Awaited<ReturnType<typeof buildAgencyTree>>;

beforeAll(async () => {
  t = await buildTestApp({ login: { maxFailures: 3, lockMinutes: 15, ratePerMinute: 1000 } });
  tree = await buildAgencyTree(t);
});
afterAll(() => t.close());

describe('login and logout', () => {
  it('logs in with the right password and reports the session', async () => {
    const { login } = await buildPerson(t, { unit: tree.divA1, roles: ['staff'] });
    const c = new Client(t.app);
    await c.login(login, PASSWORD);
    const res = await c.get('/api/v1/auth/session');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok', me: { account: { login } } });
  });

  it('refuses a wrong password with problem+json in the caller’s language', async () => {
    const { login } = await buildPerson(t, { unit: tree.divA1 });
    const c = new Client(t.app, null, null, 'en');
    const res = await c.post('/api/v1/auth/login', { login, password: 'wrong password' });
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({
      code: 'invalid_credentials',
      title: 'The login ID or password is incorrect.',
    });
    const ja = await new Client(t.app).post('/api/v1/auth/login', { login, password: 'wrong password' });
    expect(ja.json().title).toBe('ログインIDまたはパスワードが正しくありません。');
  });

  it('treats an unknown login like a wrong password', async () => {
    const res = await new Client(t.app).post('/api/v1/auth/login', { login: 'nobody-here', password: 'x' });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('invalid_credentials');
  });

  it('ends the session on logout', async () => {
    const { client } = await loginAs(t, { unit: tree.divA1 });
    const cookie = client.cookie;
    expect((await client.post('/api/v1/auth/logout')).statusCode).toBe(204);
    const stale = new Client(t.app, cookie);
    expect((await stale.get('/api/v1/me')).json().code).toBe('unauthenticated');
  });
});

describe('lockout', () => {
  it('locks the account after the configured number of failures, even for the right password', async () => {
    const { login } = await buildPerson(t, { unit: tree.divA1 });
    const c = new Client(t.app);
    for (let i = 0; i < 3; i++) await c.post('/api/v1/auth/login', { login, password: 'nope' });
    const res = await c.post('/api/v1/auth/login', { login, password: PASSWORD });
    expect(res.statusCode).toBe(423);
    expect(res.json().code).toBe('account_locked');
    const account = await accountOf(t, login);
    expect(account.lockedUntil!.getTime()).toBeGreaterThan(Date.now());
  });

  it('lets an administrator unlock the account', async () => {
    const { login } = await buildPerson(t, { unit: tree.divA1 });
    const c = new Client(t.app);
    for (let i = 0; i < 3; i++) await c.post('/api/v1/auth/login', { login, password: 'nope' });
    const account = await accountOf(t, login);
    const res = await tree.admin.client.post(`/api/v1/accounts/${account.id}/unlock`);
    expect(res.statusCode).toBe(200);
    await c.login(login, PASSWORD);
  });
});

describe('session expiry', () => {
  it('rejects a session idle longer than the limit with session_expired', async () => {
    const idle = await buildTestApp({ session: { idleMinutes: 1, absoluteHours: 12 } });
    try {
      const { tenant: _t, root } = await (await import('../../test/factories.js')).buildAgency(idle);
      const { client } = await loginAs(idle, { unit: root });
      const { sessions } = await import('./schema.js');
      await idle.sys.db.update(sessions).set({ lastSeenAt: new Date(Date.now() - 2 * 60_000) });
      const res = await client.get('/api/v1/me');
      expect(res.statusCode).toBe(401);
      expect(res.json().code).toBe('session_expired');
    } finally {
      await idle.close();
    }
  });

  it('rejects a session past its absolute lifetime', async () => {
    const { client } = await loginAs(t, { unit: tree.divA1 });
    const { sessions } = await import('./schema.js');
    const { sha256 } = await import('../../server/crypto.js');
    const { eq } = await import('drizzle-orm');
    await t.sys.db
      .update(sessions)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(sessions.id, sha256(client.cookie!)));
    expect((await client.get('/api/v1/me')).json().code).toBe('session_expired');
  });
});

describe('CSRF', () => {
  it('refuses a cookie-authenticated write without the CSRF token', async () => {
    const { client } = await loginAs(t, { unit: tree.divA1 });
    const res = await client.request({
      method: 'PATCH',
      url: '/api/v1/me',
      payload: { locale: 'en' },
      csrf: false,
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('csrf_failed');
  });

  it('refuses a write with another session’s token', async () => {
    const a = await loginAs(t, { unit: tree.divA1 });
    const b = await loginAs(t, { unit: tree.divA1 });
    a.client.csrf = b.client.csrf;
    expect((await a.client.patch('/api/v1/me', { locale: 'en' })).json().code).toBe('csrf_failed');
  });

  it('accepts the write with the right token', async () => {
    const { client } = await loginAs(t, { unit: tree.divA1 });
    const res = await client.patch('/api/v1/me', { locale: 'en' });
    expect(res.statusCode).toBe(200);
    expect(res.json().account.locale).toBe('en');
  });
});

describe('TOTP second factor', () => {
  async function enrol() {
    const built = await loginAs(t, { unit: tree.divA1 });
    const setup = await built.client.post('/api/v1/me/totp/setup');
    const { secret } = setup.json() as { secret: string };
    const totp = new OTPAuth.TOTP({ secret, digits: 6, period: 30 });
    const enable = await built.client.post('/api/v1/me/totp/enable', { code: totp.generate() });
    expect(enable.statusCode).toBe(204);
    return { ...built, totp };
  }

  it('asks for a code after the password, and only then grants access', async () => {
    const { login, totp } = await enrol();
    const c = new Client(t.app);
    await c.login(login, PASSWORD, 'totp_required');
    expect((await c.get('/api/v1/me')).json().code).toBe('totp_required');
    expect((await c.get('/api/v1/auth/session')).json().status).toBe('totp_required');
    // A code from the next time step: the enrolment code's step cannot be replayed.
    const res = await c.post('/api/v1/auth/totp', {
      code: totp.generate({ timestamp: Date.now() + 30_000 }),
    });
    expect(res.statusCode).toBe(200);
    c.csrf = res.json().csrfToken;
    expect((await c.get('/api/v1/me')).statusCode).toBe(200);
  });

  it('refuses a wrong code and counts it towards lockout', async () => {
    const { login } = await enrol();
    const c = new Client(t.app);
    await c.login(login, PASSWORD, 'totp_required');
    const res = await c.post('/api/v1/auth/totp', { code: '000000' });
    expect(res.json().code).toBe('totp_invalid');
    expect((await accountOf(t, login)).failedLogins).toBe(1);
  });

  it('refuses a replayed code', async () => {
    const { login, totp } = await enrol();
    const code = totp.generate({ timestamp: Date.now() + 30_000 });
    const c1 = new Client(t.app);
    await c1.login(login, PASSWORD, 'totp_required');
    expect((await c1.post('/api/v1/auth/totp', { code })).statusCode).toBe(200);
    const c2 = new Client(t.app);
    await c2.login(login, PASSWORD, 'totp_required');
    expect((await c2.post('/api/v1/auth/totp', { code })).json().code).toBe('totp_invalid');
  });
});

describe('password reset by an administrator', () => {
  it('issues a temporary password that must be changed before anything else', async () => {
    const { login } = await buildPerson(t, { unit: tree.divA1 });
    const account = await accountOf(t, login);
    const reset = await tree.admin.client.post(`/api/v1/accounts/${account.id}/reset-password`);
    expect(reset.statusCode).toBe(200);
    const temp = reset.json().temporaryPassword as string;
    const c = new Client(t.app);
    await c.login(login, temp, 'password_change_required');
    expect((await c.get('/api/v1/people')).json().code).toBe('password_change_required');
    const weak = await c.post('/api/v1/me/password', { currentPassword: temp, newPassword: 'short' });
    expect(weak.json().code).toBe('password_too_weak');
    const ok = await c.post('/api/v1/me/password', {
      currentPassword: temp,
      newPassword: 'a much better passphrase',
    });
    expect(ok.statusCode).toBe(204);
    expect((await c.get('/api/v1/me')).statusCode).toBe(200);
  });

  it('may not be done by a person without account.manage', async () => {
    const { login } = await buildPerson(t, { unit: tree.divA1 });
    const account = await accountOf(t, login);
    const head = await loginAs(t, { unit: tree.divA1, roles: ['division_security_officer'] });
    const res = await head.client.post(`/api/v1/accounts/${account.id}/reset-password`);
    expect(res.statusCode).toBe(403);
  });
});
