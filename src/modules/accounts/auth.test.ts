import { and, eq } from 'drizzle-orm';
import * as OTPAuth from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, Client, type TestApp } from '../../test/app.js';
import { accountOf, buildAgencyTree, buildPerson, loginAs, PASSWORD } from '../../test/factories.js';
import { auditEvents } from '../audit/schema.js';
import { loginThrottles } from './schema.js';

let t: TestApp;
let tree: Awaited<ReturnType<typeof buildAgencyTree>>;

beforeAll(async () => {
  t = await buildTestApp({
    login: { maxFailures: 3, lockMinutes: 15, ratePerMinute: 1000 },
    loginThrottle: { delaySeconds: 30, addressMaxFailures: 100, accountMaxFailures: 4, memoryHours: 24 },
  });
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

// Security finding 6: five wrong passwords locked any account (the administrator's too) from anywhere,
// and the 423 answer told real logins from unknown ones. Now failures are counted per (account,
// address), per address and per account in the database (rules.ts), and every refusal looks the same.
describe('login throttling', () => {
  const attempt = (address: string, login: string, password: string) =>
    new Client(t.app).request({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { login, password },
      remoteAddress: address,
    });
  const fail = async (address: string, login: string, times: number) => {
    for (let i = 0; i < times; i++) await attempt(address, login, 'nope');
  };
  const pairRow = async (login: string, address: string) => {
    const account = await accountOf(t, login);
    const [row] = await t.sys.db
      .select()
      .from(loginThrottles)
      .where(eq(loginThrottles.key, `pair:${account.id}:${address}`));
    return row;
  };

  it('answers an unknown login, a wrong password and a throttled address exactly alike', async () => {
    const { login } = await buildPerson(t, { unit: tree.divA1 });
    await fail('10.1.0.1', login, 3);
    const throttled = await attempt('10.1.0.1', login, PASSWORD);
    const other = await buildPerson(t, { unit: tree.divA1 });
    const wrong = await attempt('10.1.0.2', other.login, 'nope');
    const unknown = await attempt('10.1.0.3', 'nobody-at-all', 'nope');
    for (const res of [throttled, unknown]) {
      expect(res.statusCode).toBe(wrong.statusCode);
      expect(res.headers['content-type']).toBe(wrong.headers['content-type']);
      expect(res.json()).toEqual(wrong.json());
    }
    expect(wrong.json()).toMatchObject({ status: 401, code: 'invalid_credentials' });
  });

  it('does not let failures from one address block a correct login from another', async () => {
    const { login } = await buildPerson(t, { unit: tree.divA1 });
    await fail('10.2.0.1', login, 10);
    expect((await attempt('10.2.0.1', login, PASSWORD)).statusCode).toBe(401);
    const owner = await attempt('10.2.0.2', login, PASSWORD);
    expect(owner.statusCode).toBe(200);
    expect(owner.json().status).toBe('ok');
  });

  it('makes the failing address wait longer with each further failure, then lets it try again', async () => {
    const { login } = await buildPerson(t, { unit: tree.divA1 });
    await fail('10.3.0.1', login, 3);
    const first = await pairRow(login, '10.3.0.1');
    const firstWait = first!.blockedUntil!.getTime() - first!.lastFailureAt!.getTime();
    expect(firstWait).toBe(30_000);
    await fail('10.3.0.1', login, 1);
    const second = await pairRow(login, '10.3.0.1');
    expect(second!.blockedUntil!.getTime() - second!.lastFailureAt!.getTime()).toBe(60_000);
    // Once the wait is over the right password works again, and the count starts afresh.
    await t.sys.db
      .update(loginThrottles)
      .set({ blockedUntil: new Date(Date.now() - 1000) })
      .where(eq(loginThrottles.key, second!.key));
    expect((await attempt('10.3.0.1', login, PASSWORD)).statusCode).toBe(200);
    expect((await pairRow(login, '10.3.0.1'))!.failures).toBe(0);
  });

  it('slows an account attacked from many addresses for new addresses only, never the owner’s known one', async () => {
    const { login } = await buildPerson(t, { unit: tree.divA1 });
    expect((await attempt('10.4.0.100', login, PASSWORD)).statusCode).toBe(200);
    // Four real guesses from two addresses reach the account-wide ceiling (4 in this suite).
    await fail('10.4.0.1', login, 2);
    await fail('10.4.0.2', login, 2);
    expect((await attempt('10.4.0.3', login, PASSWORD)).statusCode).toBe(401);
    expect((await attempt('10.4.0.100', login, PASSWORD)).statusCode).toBe(200);
  });

  it('shows an administrator the throttled account, its addresses, and lets them clear it (audited)', async () => {
    const { login } = await buildPerson(t, { unit: tree.divA1 });
    await fail('10.5.0.1', login, 3);
    const account = await accountOf(t, login);
    const list = await tree.admin.client.get('/api/v1/accounts?throttled=true');
    expect(list.statusCode).toBe(200);
    const item = list.json().items.find((a: { login: string }) => a.login === login);
    expect(item).toMatchObject({ throttled: true });
    expect(Date.parse(item.throttledUntil)).toBeGreaterThan(Date.now());
    const detail = await tree.admin.client.get(`/api/v1/accounts/${account.id}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.json().throttles).toContainEqual(
      expect.objectContaining({ scope: 'pair', address: '10.5.0.1', failures: 3 }),
    );

    const cleared = await tree.admin.client.post(`/api/v1/accounts/${account.id}/unlock`);
    expect(cleared.statusCode).toBe(200);
    expect(cleared.json()).toMatchObject({ throttled: false, throttledUntil: null });
    const [event] = await t.sys.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'account.unlock'), eq(auditEvents.targetId, account.id)));
    expect(event!.before).toMatchObject({ throttledUntil: expect.any(String) });
    expect((await attempt('10.5.0.1', login, PASSWORD)).statusCode).toBe(200);
    const after = await tree.admin.client.get('/api/v1/accounts?throttled=true');
    expect(after.json().items.map((a: { login: string }) => a.login)).not.toContain(login);
  });

  it('hides throttles from people without account.manage', async () => {
    const { login } = await buildPerson(t, { unit: tree.divA1 });
    const account = await accountOf(t, login);
    const head = await loginAs(t, { unit: tree.divA1, roles: ['division_security_officer'] });
    expect((await head.client.get(`/api/v1/accounts/${account.id}`)).statusCode).toBe(403);
    expect((await head.client.post(`/api/v1/accounts/${account.id}/unlock`)).statusCode).toBe(403);
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

  it('refuses a wrong code and counts it towards the throttle of that address', async () => {
    const { login } = await enrol();
    const c = new Client(t.app);
    await c.login(login, PASSWORD, 'totp_required');
    const res = await c.post('/api/v1/auth/totp', { code: '000000' });
    expect(res.json().code).toBe('totp_invalid');
    const account = await accountOf(t, login);
    const [row] = await t.sys.db
      .select()
      .from(loginThrottles)
      .where(and(eq(loginThrottles.accountId, account.id), eq(loginThrottles.scope, 'pair')));
    expect(row!.failures).toBe(1);
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

  it('revokes the account’s API tokens along with its sessions', async () => {
    const holder = await loginAs(t, { unit: tree.divA1, roles: ['division_security_officer'] });
    const created = await holder.client.post('/api/v1/me/tokens', { name: 'script', scopes: ['org.read'] });
    expect(created.statusCode, created.body).toBe(201);
    const bearer = { authorization: `Bearer ${created.json().token}` };
    const use = () => t.app.inject({ method: 'GET', url: '/api/v1/org/units', headers: bearer });
    expect((await use()).statusCode).toBe(200);
    const account = await accountOf(t, holder.login);
    const reset = await tree.admin.client.post(`/api/v1/accounts/${account.id}/reset-password`);
    expect(reset.statusCode).toBe(200);
    expect((await use()).statusCode).toBe(401);
    const listed = (await new Client(t.app).get('/api/v1/me/tokens')).statusCode;
    expect(listed).toBe(401);
  });

  it('may not be done by a person without account.manage', async () => {
    const { login } = await buildPerson(t, { unit: tree.divA1 });
    const account = await accountOf(t, login);
    const head = await loginAs(t, { unit: tree.divA1, roles: ['division_security_officer'] });
    const res = await head.client.post(`/api/v1/accounts/${account.id}/reset-password`);
    expect(res.statusCode).toBe(403);
  });
});

// A stolen session must not become a way to guess the password: re-entering it counts like a login.
describe('password re-entry while signed in', () => {
  it('throttles wrong current passwords, then refuses even the right one from that address', async () => {
    const { client, login } = await loginAs(t, { unit: tree.divA1 });
    for (let i = 0; i < 3; i++) {
      const res = await client.post('/api/v1/me/password', {
        currentPassword: `guess number ${i}`,
        newPassword: 'a much better passphrase',
      });
      expect(res.json().code).toBe('invalid_credentials');
    }
    const right = await client.post('/api/v1/me/password', {
      currentPassword: PASSWORD,
      newPassword: 'a much better passphrase',
    });
    expect(right.json().code).toBe('invalid_credentials');
    const account = await accountOf(t, login);
    const rows = await t.database.db
      .select()
      .from(loginThrottles)
      .where(eq(loginThrottles.accountId, account.id));
    expect(rows.some((r) => r.blockedUntil !== null)).toBe(true);
  });
});
