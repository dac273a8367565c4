import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Worker } from '../../server/jobs/queue.js';
import { JOBS } from '../../server/jobs/registry.js';
import type { MailMessage } from '../../server/mail.js';
import { buildTestApp, Client, type TestApp } from '../../test/app.js';
import { accountOf, buildAgencyTree, buildPerson, loginAs, PASSWORD } from '../../test/factories.js';
import { auditEvents } from '../audit/schema.js';
import { people } from '../org/schema.js';
import { roles } from '../roles/schema.js';
import { accounts } from './schema.js';

// Security finding 1: an account.manage holder (統括情報セキュリティ責任者, without role.manage) could
// reset the Mamoru administrator's password and log in as them. Nobody may act on the account of
// someone holding a permission they lack where it is held — the rule of role grants.

let t: TestApp;
let tree: Awaited<ReturnType<typeof buildAgencyTree>>;
/** 統括: account.manage, org.manage and role.assign at the root, but not role.manage. */
let chief: Awaited<ReturnType<typeof loginAs>>;
const sent: MailMessage[] = [];

beforeAll(async () => {
  t = await buildTestApp({ login: { maxFailures: 5, lockMinutes: 15, ratePerMinute: 1000 } });
  tree = await buildAgencyTree(t);
  chief = await loginAs(t, { unit: tree.root, roles: ['chief_security_officer'] });
  // An agency role whose permissions 統括 all holds (the CISO's, less selfcheck.approve, which only the
  // CISO has: 統括 cannot act on the CISO's account).
  await t.sys.db.insert(roles).values({
    tenantId: tree.tenant.id,
    key: 'viewer',
    nameJa: '閲覧者',
    nameEn: 'Viewer',
    permissions: [
      'org.read',
      'audit.read',
      'selfcheck.view',
      'classification.overview',
      'training.view',
      'drill.view',
    ],
  });
  t.env.mailer = {
    send: async (m) => {
      sent.push(m);
      return { messageId: String(sent.length) };
    },
    close: () => {},
  };
});
afterAll(() => t.close());
const drain = () => new Worker(t.sys, JOBS).drain();
beforeEach(async () => {
  await drain();
  sent.length = 0;
});

const adminAccount = () => accountOf(t, tree.admin.login);

const ACTIONS = {
  'reset password': (c: Client, id: string) => c.post(`/api/v1/accounts/${id}/reset-password`),
  'reset TOTP': (c: Client, id: string) => c.post(`/api/v1/accounts/${id}/reset-totp`),
  'clear the throttle': (c: Client, id: string) => c.post(`/api/v1/accounts/${id}/unlock`),
  disable: (c: Client, id: string) => c.patch(`/api/v1/accounts/${id}`, { disabled: true }),
};

describe('acting on an account of someone with more rights', () => {
  for (const [name, act] of Object.entries(ACTIONS)) {
    it(`refuses to ${name} for the administrator (403 account_outranks naming role.manage)`, async () => {
      const before = await adminAccount();
      const res = await act(chief.client, before.id);
      expect(res.statusCode).toBe(403);
      // The standard catalog's 統括 also lacks selfcheck.audit, selfcheck.approve and classification.confirm.
      expect(res.json()).toMatchObject({
        code: 'account_outranks',
        missingPermissions: [
          'role.manage',
          'selfcheck.audit',
          'selfcheck.approve',
          'classification.confirm',
          'secaudit.manage',
          'secaudit.approve',
          'exception.approve',
          'report.approve',
        ],
      });
      expect(res.json().detail).toContain('role.manage');
      const after = await adminAccount();
      expect(after.passwordHash).toBe(before.passwordHash);
      expect(after.disabledAt).toBeNull();
    });
  }

  it('refuses to create an account for a person with more rights', async () => {
    const boss = await buildPerson(t, { unit: tree.root, roles: ['mamoru_admin'], account: false });
    const res = await chief.client.post('/api/v1/accounts', {
      personId: boss.person.id,
      login: 'boss-login',
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('account_outranks');
    expect(await t.sys.db.select().from(accounts).where(eq(accounts.personId, boss.person.id))).toEqual([]);
  });

  it('counts a role held in another unit than the person’s own', async () => {
    // A bureau's manager holds everything 統括 holds, but only over bureau A.
    const bureauChief = await loginAs(t, {
      unit: tree.bureauA,
      roles: ['chief_security_officer'],
    });
    // This person works in bureau A but holds a role (org.read, audit.read, …) over a division of bureau B.
    const elsewhere = await buildPerson(t, { unit: tree.divA1, roles: ['viewer'], roleUnit: tree.divB1 });
    const target = await accountOf(t, elsewhere.login);
    const res = await bureauChief.client.post(`/api/v1/accounts/${target.id}/reset-password`);
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('account_outranks');
    // The same role held inside bureau A is covered.
    const inside = await buildPerson(t, { unit: tree.divA1, roles: ['viewer'] });
    const ok = await bureauChief.client.post(
      `/api/v1/accounts/${(await accountOf(t, inside.login)).id}/reset-password`,
    );
    expect(ok.statusCode).toBe(200);
  });

  it('allows every action on the account of someone with fewer rights', async () => {
    // The viewer's permissions (org.read, audit.read and views) are all 統括's too.
    const head = await buildPerson(t, { unit: tree.divA1, roles: ['viewer', 'staff'] });
    const id = (await accountOf(t, head.login)).id;
    for (const [name, act] of Object.entries(ACTIONS)) {
      expect((await act(chief.client, id)).statusCode, name).toBe(200);
    }
    const fresh = await buildPerson(t, { unit: tree.divA1, roles: ['staff'], account: false });
    const created = await chief.client.post('/api/v1/accounts', {
      personId: fresh.person.id,
      login: 'fresh1',
    });
    expect(created.statusCode).toBe(201);
  });

  it('lets the administrator (who holds every permission) act on 統括’s account', async () => {
    const id = (await accountOf(t, chief.login)).id;
    const res = await tree.admin.client.post(`/api/v1/accounts/${id}/unlock`);
    expect(res.statusCode).toBe(200);
  });

  it('keeps the account list visible (seeing is not acting)', async () => {
    const res = await chief.client.get(`/api/v1/accounts?q=${tree.admin.login}`);
    expect(res.json().items.map((a: { login: string }) => a.login)).toContain(tree.admin.login);
  });
});

describe('one’s own account', () => {
  for (const name of ['reset password', 'reset TOTP', 'clear the throttle'] as const) {
    it(`cannot ${name} through the administrator route`, async () => {
      const self = await loginAs(t, { unit: tree.root, roles: ['mamoru_admin'] });
      const id = (await accountOf(t, self.login)).id;
      const res = await ACTIONS[name](self.client, id);
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('forbidden');
    });
  }

  it('cannot disable it', async () => {
    const id = (await adminAccount()).id;
    const res = await tree.admin.client.patch(`/api/v1/accounts/${id}`, { disabled: true });
    expect(res.statusCode).toBe(409);
  });
});

describe('the holder is told', () => {
  it('mails the person in Japanese, then English, when an administrator resets their password', async () => {
    const staff = await buildPerson(t, { unit: tree.divA1, roles: ['staff'] });
    const id = (await accountOf(t, staff.login)).id;
    expect((await chief.client.post(`/api/v1/accounts/${id}/reset-password`)).statusCode).toBe(200);
    await drain();
    expect(sent).toHaveLength(1);
    expect(sent[0]!.to).toBe(staff.person.email);
    const text = sent[0]!.text;
    expect(text).toContain('パスワードが管理者によって再設定されました');
    expect(text).toContain(chief.login);
    expect(text.indexOf('パスワード')).toBeLessThan(text.indexOf('your password was reset'));
    const [event] = await t.sys.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'account.password_reset'), eq(auditEvents.targetId, id)));
    expect(event!.after).toMatchObject({ notice: 'queued' });
  });

  it('mails nothing, and records so, when the person has no e-mail address', async () => {
    const staff = await buildPerson(t, { unit: tree.divA1, roles: ['staff'] });
    await t.sys.db.update(people).set({ email: null }).where(eq(people.id, staff.person.id));
    const id = (await accountOf(t, staff.login)).id;
    expect((await chief.client.post(`/api/v1/accounts/${id}/reset-totp`)).statusCode).toBe(200);
    await drain();
    expect(sent).toEqual([]);
    const [event] = await t.sys.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'account.totp_disable'), eq(auditEvents.targetId, id)))
      .orderBy(desc(auditEvents.id));
    expect(event!.after).toMatchObject({ notice: 'no_email' });
  });

  it('mails on disable, enable, clearing the throttle and creation too', async () => {
    const staff = await buildPerson(t, { unit: tree.divA1, roles: ['staff'] });
    const id = (await accountOf(t, staff.login)).id;
    await chief.client.patch(`/api/v1/accounts/${id}`, { disabled: true });
    await chief.client.patch(`/api/v1/accounts/${id}`, { disabled: false });
    await chief.client.post(`/api/v1/accounts/${id}/unlock`);
    const fresh = await buildPerson(t, { unit: tree.divA1, roles: ['staff'], account: false });
    await chief.client.post('/api/v1/accounts', { personId: fresh.person.id, login: 'fresh2' });
    await drain();
    expect(sent.map((m) => m.text.split('\n')[2])).toEqual([
      expect.stringContaining('無効にされました'),
      expect.stringContaining('再び有効にされました'),
      expect.stringContaining('ログイン制限'),
      expect.stringContaining('ログインアカウントが作成されました'),
    ]);
  });
});

describe('other ways to act on a person with more rights', () => {
  it('refuses marking the administrator as left (which disables the login) or changing their e-mail', async () => {
    const left = await chief.client.patch(`/api/v1/people/${tree.admin.person.id}`, { status: 'left' });
    expect(left.statusCode).toBe(403);
    expect(left.json().code).toBe('account_outranks');
    const mail = await chief.client.patch(`/api/v1/people/${tree.admin.person.id}`, {
      email: 'attacker@example.com',
    });
    expect(mail.json().code).toBe('account_outranks');
    const [admin] = await t.sys.db.select().from(people).where(eq(people.id, tree.admin.person.id));
    expect(admin).toMatchObject({ status: 'active', email: tree.admin.person.email });
    // Renaming is no threat to the account and stays allowed.
    const rename = await chief.client.patch(`/api/v1/people/${tree.admin.person.id}`, { kana: 'かんりしゃ' });
    expect(rename.statusCode).toBe(200);
  });

  it('still lets 統括 mark a member of staff as left', async () => {
    const staff = await buildPerson(t, { unit: tree.divA1, roles: ['staff'] });
    const res = await chief.client.patch(`/api/v1/people/${staff.person.id}`, { status: 'left' });
    expect(res.statusCode).toBe(200);
    expect((await accountOf(t, staff.login)).disabledAt).not.toBeNull();
  });

  it('refuses a full-roster staff import that would mark the administrator as left', async () => {
    const own = await buildAgencyTree(t);
    const ownChief = await loginAs(t, { unit: own.root, roles: ['chief_security_officer'] });
    const [me] = await t.sys.db.select().from(people).where(eq(people.id, ownChief.person.id));
    const csv = [
      '職員番号,氏名,ふりがな,メールアドレス,所属コード,雇用形態,状態,役割',
      `${me!.staffNo},${me!.name},${me!.kana},${me!.email},${own.root.code},常勤,在職,`,
    ].join('\n');
    const res = await ownChief.client.request({
      method: 'POST',
      url: '/api/v1/imports/staff?fullRoster=true',
      payload: csv,
      headers: { 'content-type': 'text/csv' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'account_outranks', staffNos: [own.admin.person.staffNo] });
    expect((await accountOf(t, own.admin.login)).disabledAt).toBeNull();
  });

  it('the administrator’s password is still theirs: the takeover path is closed end to end', async () => {
    await new Client(t.app).login(tree.admin.login, PASSWORD);
  });
});
