import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.js';
import { sha256 } from '../../server/crypto.js';
import { buildTestApp, Client, type TestApp } from '../../test/app.js';
import { buildAgencyTree, buildPerson, PASSWORD, roleByKey } from '../../test/factories.js';
import { tenants } from '../org/schema.js';
import { roleAssignments } from '../roles/schema.js';
import { ROTATION_GRACE_SECONDS } from './auth-service.js';
import { sessions } from './schema.js';

let t: TestApp;
let tree: Awaited<ReturnType<typeof buildAgencyTree>>;

beforeAll(async () => {
  t = await buildTestApp();
  tree = await buildAgencyTree(t);
});

afterAll(async () => {
  await t?.close();
});

async function signedIn(opts: { roles?: string[] } = {}) {
  const built = await buildPerson(t, { unit: tree.divA1, roles: opts.roles ?? ['staff'] });
  const client = new Client(t.app);
  await client.login(built.login, PASSWORD);
  return { ...built, client, token: client.cookie! };
}

const sessionOf = async (token: string) =>
  (
    await t.sys.db
      .select()
      .from(sessions)
      .where(eq(sessions.id, sha256(token)))
  )[0];

const asOther = (app: TestApp['app'], token: string) => new Client(app, token);

describe('the session cookie', () => {
  it('is HttpOnly, SameSite=Lax, for the whole site, and lives as long as the session', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { login: tree.admin.login, password: PASSWORD },
    });
    const cookie = res.cookies.find((c) => c.name === 'mamoru_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie.secure).toBeFalsy();
    expect(cookie.maxAge).toBeGreaterThan(t.config.session.absoluteHours * 3600 - 5);
    expect(cookie.maxAge).toBeLessThanOrEqual(t.config.session.absoluteHours * 3600);
  });

  it('is Secure when the public address is https', async () => {
    expect(loadConfig({ PUBLIC_URL: 'https://mamoru.example.go.jp' }).cookieSecure).toBe(true);
    expect(loadConfig({ PUBLIC_URL: 'http://localhost:3000' }).cookieSecure).toBe(false);
    t.config.cookieSecure = true;
    try {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { login: tree.admin.login, password: PASSWORD },
      });
      expect(res.cookies.find((c) => c.name === 'mamoru_session')?.secure).toBe(true);
    } finally {
      t.config.cookieSecure = false;
    }
  });
});

describe('a new session id at login', () => {
  it('never adopts the cookie the browser brought, and ends the session it belonged to', async () => {
    const { login, token: before } = await signedIn();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { cookie: `mamoru_session=${before}` },
      payload: { login, password: PASSWORD },
    });
    const after = res.cookies.find((c) => c.name === 'mamoru_session')!.value;
    expect(after).not.toBe(before);
    expect(await sessionOf(before)).toBeUndefined();
    expect((await asOther(t.app, before).get('/api/v1/me')).statusCode).toBe(401);
    expect((await asOther(t.app, after).get('/api/v1/me')).statusCode).toBe(200);
  });

  it('ignores a made-up cookie value: the session gets a fresh one', async () => {
    const { login } = await signedIn();
    const planted = 'attacker-chosen-session-token-value';
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { cookie: `mamoru_session=${planted}` },
      payload: { login, password: PASSWORD },
    });
    expect(res.cookies.find((c) => c.name === 'mamoru_session')!.value).not.toBe(planted);
    expect(await sessionOf(planted)).toBeUndefined();
  });
});

describe('a new session id after a change of privileges', () => {
  it('moves the session of a person given a role to a new id; the old one dies after a grace', async () => {
    const person = await signedIn();
    const role = await roleByKey(t.sys, tree.tenant.id, 'division_security_officer');
    const before = (await person.client.get('/api/v1/auth/session')).json() as { me: { csrfToken: string } };

    const given = await tree.admin.client.post(`/api/v1/people/${person.person.id}/roles`, {
      roleId: role.id,
      unitId: tree.divA1.id,
    });
    expect(given.statusCode).toBe(201);

    const old = person.token;
    const res = await person.client.get('/api/v1/auth/session');
    expect(res.statusCode).toBe(200);
    const fresh = res.cookies.find((c) => c.name === 'mamoru_session');
    expect(fresh?.value).toBeTruthy();
    expect(fresh!.value).not.toBe(old);
    expect(fresh).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
    // The new permission holds at once (the actor is re-read on every request); the CSRF token stays.
    const after = res.json() as { me: { csrfToken: string; roles: { roleKey: string }[] } };
    expect(after.me.roles.map((r) => r.roleKey)).toContain('division_security_officer');
    expect(after.me.csrfToken).toBe(before.me.csrfToken);

    // The old id serves requests already in flight, then ends; it does not rotate again.
    const oldRow = await sessionOf(old);
    expect(oldRow!.rotationDue).toBe(false);
    expect(oldRow!.expiresAt.getTime()).toBeLessThanOrEqual(Date.now() + ROTATION_GRACE_SECONDS * 1000);
    const late = await asOther(t.app, old).get('/api/v1/me');
    expect(late.statusCode).toBe(200);
    expect(late.cookies.find((c) => c.name === 'mamoru_session')).toBeUndefined();
    await t.sys.db
      .update(sessions)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(sessions.id, sha256(old)));
    expect((await asOther(t.app, old).get('/api/v1/me')).statusCode).toBe(401);
    // The new session keeps the absolute limit of the login.
    const newRow = await sessionOf(fresh!.value);
    expect(newRow!.createdAt.getTime()).toBe(oldRow!.createdAt.getTime());
    expect((await person.client.get('/api/v1/me')).statusCode).toBe(200);
  });

  it('does the same when a role is taken away, and leaves other people’s sessions alone', async () => {
    const person = await signedIn({ roles: ['staff', 'division_security_officer'] });
    const bystander = await signedIn();
    const held = (await person.client.get('/api/v1/auth/session')).json() as {
      me: { roles: { roleKey: string; roleId: string }[] };
    };
    const role = await roleByKey(t.sys, tree.tenant.id, 'division_security_officer');
    const [assignment] = await t.sys.db
      .select()
      .from(roleAssignments)
      .where(and(eq(roleAssignments.personId, person.person.id), eq(roleAssignments.roleId, role.id)));
    expect(held.me.roles.length).toBe(2);
    const removed = await tree.admin.client.delete(`/api/v1/role-assignments/${assignment!.id}`);
    expect(removed.statusCode).toBe(204);
    const res = await person.client.get('/api/v1/me');
    expect(res.cookies.find((c) => c.name === 'mamoru_session')?.value).not.toBe(person.token);
    expect((await sessionOf(bystander.token))!.rotationDue).toBe(false);
  });
});

describe('a new session id after a role is redefined', () => {
  it('moves the sessions of every holder when the role’s permissions are edited', async () => {
    const created = await tree.admin.client.post('/api/v1/roles', {
      key: 'rotation_probe',
      nameJa: '確認用の役割',
      nameEn: 'Probe role',
      permissions: ['org.read'],
    });
    expect(created.statusCode).toBe(201);
    const roleId = (created.json() as { id: string }).id;
    const holder = await signedIn();
    await t.sys.db
      .insert(roleAssignments)
      .values({ tenantId: tree.tenant.id, personId: holder.person.id, roleId, unitId: tree.divA1.id });
    const other = await signedIn();
    const edited = await tree.admin.client.patch(`/api/v1/roles/${roleId}`, {
      permissions: ['org.read', 'training.view'],
    });
    expect(edited.statusCode).toBe(200);
    expect((await sessionOf(holder.token))!.rotationDue).toBe(true);
    expect((await sessionOf(other.token))!.rotationDue).toBe(false);
    const res = await holder.client.get('/api/v1/me');
    expect(res.cookies.find((c) => c.name === 'mamoru_session')?.value).not.toBe(holder.token);
  });
});

describe("timeouts from the agency's policy", () => {
  const age = async (token: string, lastSeenMinutes: number, createdMinutes: number) =>
    t.sys.db
      .update(sessions)
      .set({
        lastSeenAt: new Date(Date.now() - lastSeenMinutes * 60_000),
        createdAt: new Date(Date.now() - createdMinutes * 60_000),
      })
      .where(eq(sessions.id, sha256(token)));

  it('are the server’s until the security office sets its own', async () => {
    const settings = (await tree.admin.client.get('/api/v1/org/settings')).json();
    expect(settings).toMatchObject({
      sessionIdleMinutes: null,
      sessionAbsoluteHours: null,
      serverSession: t.config.session,
    });
    const person = await signedIn();
    await age(person.token, t.config.session.idleMinutes - 5, 60);
    expect((await person.client.get('/api/v1/me')).statusCode).toBe(200);
  });

  it('end an idle session after the agency’s idle minutes', async () => {
    const person = await signedIn();
    await age(person.token, 7, 10);
    expect((await person.client.get('/api/v1/me')).statusCode).toBe(200);
    const set = await tree.admin.client.patch('/api/v1/org/settings', { sessionIdleMinutes: 5 });
    expect(set.statusCode).toBe(200);
    try {
      await age(person.token, 7, 10);
      const res = await person.client.get('/api/v1/me');
      expect(res.statusCode).toBe(401);
      expect(res.json().code).toBe('session_expired');
    } finally {
      await t.sys.db.update(tenants).set({ sessionIdleMinutes: null }).where(eq(tenants.id, tree.tenant.id));
    }
  });

  it('end any session older than the agency’s absolute hours, even one opened under a longer policy', async () => {
    const person = await signedIn();
    await age(person.token, 1, 90);
    expect((await person.client.get('/api/v1/me')).statusCode).toBe(200);
    const set = await tree.admin.client.patch('/api/v1/org/settings', { sessionAbsoluteHours: 1 });
    expect(set.statusCode).toBe(200);
    try {
      // A new login under the policy gets a cookie and an expiry of one hour.
      const fresh = await signedIn();
      const row = await sessionOf(fresh.token);
      expect(row!.expiresAt.getTime() - row!.createdAt.getTime()).toBe(3_600_000);
      // The older session, still within its original expiry, ends now.
      const res = await person.client.get('/api/v1/me');
      expect(res.json().code).toBe('session_expired');
    } finally {
      await t.sys.db
        .update(tenants)
        .set({ sessionAbsoluteHours: null })
        .where(eq(tenants.id, tree.tenant.id));
    }
  });

  it('may be set only within bounds, and only by those who manage the whole agency', async () => {
    expect(
      (await tree.admin.client.patch('/api/v1/org/settings', { sessionIdleMinutes: 1 })).statusCode,
    ).toBe(400);
    expect(
      (await tree.admin.client.patch('/api/v1/org/settings', { sessionAbsoluteHours: 48 })).statusCode,
    ).toBe(400);
    const staff = await signedIn();
    const res = await staff.client.patch('/api/v1/org/settings', { sessionIdleMinutes: 10 });
    expect(res.statusCode).toBe(403);
  });
});
