import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OidcConfig } from '../../config.js';
import { decryptSecret, encryptSecret } from '../../server/crypto.js';
import { buildTestApp, Client, type TestApp } from '../../test/app.js';
import { buildAgency, buildPerson, buildUnit, PASSWORD } from '../../test/factories.js';
import { startTestProvider, type TestProvider } from '../../test/oidc-provider.js';
import { auditEvents } from '../audit/schema.js';
import { people } from '../org/schema.js';
import { accounts, sessions } from './schema.js';

const PUBLIC_URL = 'http://mamoru.test';

let t: TestApp;
let idp: TestProvider;
let agency: Awaited<ReturnType<typeof buildAgency>>;
let newcomers: { id: string; code: string };
let alice: Awaited<ReturnType<typeof buildPerson>>;
let bob: Awaited<ReturnType<typeof buildPerson>>;
let base: OidcConfig;

/** The provider's users (login name at the provider → claims). */
const USERS = {
  alice: { name: 'Alice Provider', employee_number: 'SSO-100', email: 'alice@example.go.jp' },
  bob: {
    name: 'Bob',
    employee_number: 'not-in-register',
    email: 'Bob.Mail@Example.go.jp',
    email_verified: true,
  },
  carol: { name: '新人 花子', employee_number: 'SSO-300', email: 'carol@example.go.jp' },
  dave: { name: 'Dave', employee_number: 'SSO-400', email: 'dave@example.go.jp' },
  erin: { name: 'Erin', employee_number: 'SSO-500', email: 'erin@example.go.jp' },
  mallory: { name: 'Mallory', employee_number: 'x', email: 'alice@example.go.jp', email_verified: false },
};

/** Cookies of the browser at the provider. */
class Jar {
  private readonly cookies = new Map<string, string>();
  take(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const pair = line.split(';')[0]!;
      const name = pair.slice(0, pair.indexOf('='));
      const value = pair.slice(pair.indexOf('=') + 1);
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  get header() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

/** Follows the provider's redirects until it sends the browser back to Mamoru; returns that address. */
async function followToMamoru(jar: Jar, first: Response, from: URL): Promise<URL | Response> {
  let res = first;
  let at = from;
  while (res.status >= 300 && res.status < 400) {
    at = new URL(res.headers.get('location')!, at);
    if (at.href.startsWith(PUBLIC_URL)) return at;
    res = await fetch(at, { redirect: 'manual', headers: { cookie: jar.header } });
    jar.take(res);
  }
  return res;
}

/**
 * The whole journey by hand: Mamoru's start → the provider's login form (any password) → back to
 * Mamoru's callback with the flow cookie. `tamper` may change the callback address or the cookie.
 */
async function signIn(
  login: string,
  tamper: { url?: (u: URL) => URL; flowCookie?: (c: string) => string } = {},
) {
  const browser = new Client(t.app);
  const start = await browser.get('/api/v1/auth/oidc/start');
  expect(start.statusCode).toBe(303);
  const flow = start.cookies.find((c) => c.name === 'mamoru_oidc')!;
  expect(flow.httpOnly).toBe(true);
  expect(flow.sameSite).toBe('Lax');
  const jar = new Jar();
  const authorize = new URL(start.headers.location as string);
  let res = await fetch(authorize, { redirect: 'manual' });
  jar.take(res);
  const landed = await followToMamoru(jar, res, authorize);
  let callback: URL;
  if (landed instanceof URL) callback = landed;
  else {
    const html = await landed.text();
    const action = /action="([^"]+)"/.exec(html)?.[1];
    if (!action) throw new Error(`no login form at the provider: ${html.slice(0, 300)}`);
    const submit = new URL(action, authorize);
    res = await fetch(submit, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: jar.header, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ prompt: 'login', login, password: 'anything' }).toString(),
    });
    jar.take(res);
    const back = await followToMamoru(jar, res, submit);
    if (!(back instanceof URL)) throw new Error(`the provider did not return: ${back.status}`);
    callback = back;
  }
  const url = tamper.url ? tamper.url(callback) : callback;
  const sealed = tamper.flowCookie ? tamper.flowCookie(flow.value) : flow.value;
  const done = await t.app.inject({
    method: 'GET',
    url: `${url.pathname}${url.search}`,
    headers: { cookie: `mamoru_oidc=${sealed}` },
  });
  expect(done.statusCode).toBe(303);
  const session = done.cookies.find((c) => c.name === 'mamoru_session');
  if (session?.value) browser.cookie = session.value;
  return { done, browser, location: done.headers.location as string, session };
}

async function whoAmI(browser: Client) {
  const res = await browser.get('/api/v1/auth/session');
  return res.json() as { status: string; me: { person: { name: string; id: string } } | null };
}

function configure(over: Partial<OidcConfig>) {
  t.config.oidc = { ...base, ...over };
}

beforeAll(async () => {
  t = await buildTestApp({ publicUrl: PUBLIC_URL });
  idp = await startTestProvider({
    redirectUris: [`${PUBLIC_URL}/api/v1/auth/oidc/callback`],
    users: USERS,
  });
  agency = await buildAgency(t, { code: 'sso-agency' });
  const other = await buildAgency(t, { code: 'other-agency' });
  newcomers = await buildUnit(t, agency.root, { code: 'NEW', nameJa: '新任者' });
  alice = await buildPerson(t, {
    unit: agency.root,
    staffNo: 'SSO-100',
    name: '青木 アリス',
    roles: ['staff'],
  });
  bob = await buildPerson(t, { unit: agency.root, staffNo: 'B-2', name: '別府 ボブ', account: false });
  await t.sys.db.update(people).set({ email: 'bob.mail@example.go.jp' }).where(eq(people.id, bob.person.id));
  // Dave's staff number exists only in the other agency; Erin has left.
  await buildPerson(t, { unit: other.root, staffNo: 'SSO-400', name: '他省 デイブ' });
  await buildPerson(t, { unit: agency.root, staffNo: 'SSO-500', name: '退職 エリン', status: 'left' });
  base = {
    issuer: idp.issuer,
    clientId: idp.clientId,
    clientSecret: idp.clientSecret,
    tenantCode: 'sso-agency',
    match: 'staff_number',
    claims: { staffNumber: 'employee_number', email: 'email', name: 'name' },
    scope: 'openid profile email',
    jitUnitCode: null,
    label: '省内アカウント',
  };
  configure({});
}, 60_000);

afterAll(async () => {
  await t?.close();
  await idp?.close();
});

describe('single sign-on with OpenID Connect', () => {
  it('tells the login page whether it is offered, and refuses to start when it is not', async () => {
    const on = await t.app.inject({ method: 'GET', url: '/api/v1/auth/oidc' });
    expect(on.json()).toEqual({ enabled: true, label: '省内アカウント' });
    t.config.oidc = null;
    try {
      const off = await t.app.inject({ method: 'GET', url: '/api/v1/auth/oidc' });
      expect(off.json()).toEqual({ enabled: false, label: null });
      expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/oidc/start' })).statusCode).toBe(404);
    } finally {
      configure({});
    }
  });

  it('signs in the person whose staff number the provider gives, like a password login', async () => {
    const { browser, location, session } = await signIn('alice');
    expect(location).toBe('/');
    expect(session?.httpOnly).toBe(true);
    expect(session?.sameSite).toBe('Lax');
    const me = await whoAmI(browser);
    expect(me.status).toBe('ok');
    expect(me.me?.person.name).toBe('青木 アリス');
    const [row] = await t.sys.db
      .select()
      .from(sessions)
      .innerJoin(accounts, eq(accounts.id, sessions.accountId))
      .where(eq(accounts.personId, alice.person.id));
    expect(row?.sessions.method).toBe('oidc');
    const [audit] = await t.sys.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'auth.login'), eq(auditEvents.targetId, row!.accounts.id)));
    expect(audit?.after).toEqual({ method: 'oidc' });
    // The CSRF token of the session works for writes, as after a password login.
    browser.csrf = (
      (await browser.get('/api/v1/auth/session')).json() as { me: { csrfToken: string } }
    ).me.csrfToken;
    expect((await browser.patch('/api/v1/me', { locale: 'en' })).statusCode).toBe(200);
  });

  it('signs in by mail (case-insensitive) and makes the account on the first sign-in', async () => {
    configure({ match: 'email' });
    try {
      const { browser } = await signIn('bob');
      expect((await whoAmI(browser)).me?.person.name).toBe('別府 ボブ');
      const [account] = await t.sys.db.select().from(accounts).where(eq(accounts.personId, bob.person.id));
      expect(account?.login).toBe('sso-agency.b-2');
      // That account has no password anyone could guess.
      const guess = await new Client(t.app).post('/api/v1/auth/login', {
        login: account!.login,
        password: '!oidc',
      });
      expect(guess.statusCode).toBe(401);
    } finally {
      configure({});
    }
  });

  it('refuses a mail the provider marks unverified', async () => {
    configure({ match: 'email' });
    try {
      const { location, session } = await signIn('mallory');
      expect(location).toBe('/login?sso_error=email_unverified');
      expect(session?.value ?? '').toBe('');
    } finally {
      configure({});
    }
  });

  it('refuses a user who is not in the register', async () => {
    const { location, session } = await signIn('carol');
    expect(location).toBe('/login?sso_error=unknown_person');
    expect(session?.value ?? '').toBe('');
    const [audit] = await t.sys.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'auth.login_failed'), eq(auditEvents.actorLabel, 'oidc:carol')));
    expect(audit?.after).toEqual({ method: 'oidc', reason: 'unknown_person' });
  });

  it('with just-in-time creation, makes the unknown user a person of the configured unit', async () => {
    configure({ jitUnitCode: 'NEW' });
    try {
      const { browser } = await signIn('carol');
      const me = await whoAmI(browser);
      expect(me.me?.person.name).toBe('新人 花子');
      const [person] = await t.sys.db.select().from(people).where(eq(people.id, me.me!.person.id));
      expect(person).toMatchObject({ tenantId: agency.tenant.id, unitId: newcomers.id, staffNo: 'SSO-300' });
      // The second sign-in finds the same person.
      const again = await signIn('carol');
      expect((await whoAmI(again.browser)).me?.person.id).toBe(person!.id);
    } finally {
      configure({});
    }
  });

  it('never matches a person of another agency, even with the same staff number', async () => {
    const { location } = await signIn('dave');
    expect(location).toBe('/login?sso_error=unknown_person');
  });

  it('refuses a person who has left', async () => {
    const { location } = await signIn('erin');
    expect(location).toBe('/login?sso_error=disabled');
  });

  it('refuses a tampered state', async () => {
    const { location, session } = await signIn('alice', {
      url: (u) => {
        u.searchParams.set('state', `${u.searchParams.get('state')}x`);
        return u;
      },
    });
    expect(location).toBe('/login?sso_error=failed');
    expect(session?.value ?? '').toBe('');
  });

  it('refuses an ID token whose nonce is not the one this browser sent', async () => {
    const { location, session } = await signIn('alice', {
      flowCookie: (sealed) => {
        const flow = JSON.parse(decryptSecret(t.env.secretKey, sealed)) as { nonce: string };
        return encryptSecret(t.env.secretKey, JSON.stringify({ ...flow, nonce: `${flow.nonce}x` }));
      },
    });
    expect(location).toBe('/login?sso_error=failed');
    expect(session?.value ?? '').toBe('');
  });

  it('refuses a forged or missing flow cookie', async () => {
    const forged = await signIn('alice', { flowCookie: (c) => `${c.slice(0, -2)}AA` });
    expect(forged.location).toBe('/login?sso_error=failed');
    const missing = await signIn('alice', { flowCookie: () => '' });
    expect(missing.location).toBe('/login?sso_error=expired');
  });

  it('leaves the password login as it was', async () => {
    const client = new Client(t.app);
    await client.login(alice.login, PASSWORD);
    expect((await whoAmI(client)).me?.person.name).toBe('青木 アリス');
  });
});
