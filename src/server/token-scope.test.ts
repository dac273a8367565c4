import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildRegisterWorld,
  entryBody,
  type RegisterWorld,
  useMetiPolicy,
} from '../modules/classification/register.fixtures.js';
import { classificationEntries } from '../modules/classification/register-schema.js';
import { buildTestApp, type Client, type TestApp } from '../test/app.js';

// An API token reaches only what its scopes name: a permission for the routes that require it, and
// `self` for the routes any signed-in user may call. The mail-gateway token (classification.overview)
// must not read the register, create entries or see anyone's tasks.

let t: TestApp;
let w: RegisterWorld;
let staffEntryId: string;
let confirmedId: string;

async function tokenFor(client: Client, scopes: string[]) {
  const res = await client.post('/api/v1/me/tokens', { name: `t-${scopes.join('-')}`, scopes });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().token as string;
}
const call = (token: string, method: 'GET' | 'POST', url: string, payload?: object) =>
  t.app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${token}` },
    ...(payload ? { payload } : {}),
  });

beforeAll(async () => {
  t = await buildTestApp();
  w = await buildRegisterWorld(t);
  await useMetiPolicy(w.admin.client);
  // 機密性3 with an access scope: the division head sees it only as the one who confirms for the division.
  const created = await w.staff.client.post(
    '/api/v1/classification/entries',
    entryBody(3, {}, [w.staff.person.id]),
  );
  expect(created.statusCode, created.body).toBe(201);
  staffEntryId = created.json().id;
  const [row] = await t.sys.db
    .insert(classificationEntries)
    .values({
      tenantId: w.tenant.id,
      unitId: w.divA1.id,
      policyId: 'meti-2011',
      title: '極秘の交渉記録',
      description: '交渉の中身',
      ownerPersonId: w.staff.person.id,
      proposedBy: w.staff.person.id,
      form: 'electronic',
      confidentiality: 2,
      integrity: 2,
      restrictions: [],
      scopeRestricted: false,
      status: 'confirmed',
    })
    .returning();
  confirmedId = row!.id;
});
afterAll(() => t.close());

describe('a token without self', () => {
  it.each([
    ['GET', '/api/v1/classification/entries'],
    ['GET', '/api/v1/classification/entries?q=交渉'],
    ['GET', '/api/v1/selfcheck/my'],
    ['GET', '/api/v1/training/my'],
    ['GET', '/api/v1/me'],
    ['GET', '/api/v1/roles'],
  ] as const)('is refused %s %s with token_scope', async (method, url) => {
    const token = await tokenFor(w.head.client, ['classification.overview']);
    const res = await call(token, method, url);
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('token_scope');
    expect(res.body).not.toContain('交渉');
  });

  it('cannot create register entries or read one', async () => {
    const token = await tokenFor(w.head.client, ['classification.overview', 'classification.confirm']);
    const post = await call(token, 'POST', '/api/v1/classification/entries', entryBody(2));
    expect(post.statusCode).toBe(403);
    expect(post.json().code).toBe('token_scope');
    const get = await call(token, 'GET', `/api/v1/classification/entries/${confirmedId}`);
    expect(get.statusCode).toBe(403);
    expect(get.body).not.toContain('交渉');
  });

  it('still reads the marking header on the mail-gateway route with classification.overview', async () => {
    const token = await tokenFor(w.head.client, ['classification.overview']);
    const res = await call(token, 'GET', `/api/v1/classification/gateway/entries/${confirmedId}/header`);
    expect(res.statusCode).toBe(200);
    expect(res.json().header.value).toContain('C2');
    expect(res.body).not.toContain('交渉');
  });
});

describe('a token with self', () => {
  it.each(['/api/v1/classification/entries', '/api/v1/selfcheck/my', '/api/v1/training/my', '/api/v1/me'])(
    'reaches %s',
    async (url) => {
      const token = await tokenFor(w.staff.client, ['self']);
      expect((await call(token, 'GET', url)).statusCode).toBe(200);
    },
  );

  it('creates a register entry as its owner', async () => {
    const token = await tokenFor(w.staff.client, ['self']);
    const res = await call(token, 'POST', '/api/v1/classification/entries', entryBody(2));
    expect(res.statusCode, res.body).toBe(201);
  });

  it('sees in the register only what its own scopes allow, not all its owner holds', async () => {
    const bySession = (await w.head.client.get('/api/v1/classification/entries')).json().items as {
      id: string;
    }[];
    expect(bySession.map((e) => e.id)).toContain(staffEntryId);
    const selfOnly = await tokenFor(w.head.client, ['self']);
    const limited = (await call(selfOnly, 'GET', '/api/v1/classification/entries')).json().items as {
      id: string;
    }[];
    expect(limited.map((e) => e.id)).not.toContain(staffEntryId);
    const withConfirm = await tokenFor(w.head.client, ['self', 'classification.confirm']);
    const wider = (await call(withConfirm, 'GET', '/api/v1/classification/entries')).json().items as {
      id: string;
    }[];
    expect(wider.map((e) => e.id)).toContain(staffEntryId);
  });

  it('does not open routes of a permission it lacks', async () => {
    const token = await tokenFor(w.admin.client, ['self']);
    const res = await call(token, 'GET', '/api/v1/people');
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('token_scope');
  });

  it('cannot mint tokens or change the password or second factor (a browser session only)', async () => {
    const token = await tokenFor(w.staff.client, ['self']);
    for (const [url, payload] of [
      ['/api/v1/me/tokens', { name: 'more', scopes: ['self'] }],
      ['/api/v1/me/password', { currentPassword: 'x', newPassword: 'y' }],
      ['/api/v1/me/totp/setup', undefined],
      ['/api/v1/me/totp/disable', { password: 'x' }],
    ] as const) {
      const res = await call(token, 'POST', url, payload);
      expect(res.statusCode, url).toBe(403);
      expect(res.json().code, url).toBe('token_scope');
    }
    expect((await call(token, 'GET', '/api/v1/me/tokens')).statusCode).toBe(200);
  });
});

describe('creating a token', () => {
  it('offers self to everyone and refuses permissions the user does not hold', async () => {
    const ok = await w.staff.client.post('/api/v1/me/tokens', { name: 'mine', scopes: ['self'] });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().scopes).toEqual(['self']);
    const refused = await w.staff.client.post('/api/v1/me/tokens', { name: 'x', scopes: ['org.manage'] });
    expect(refused.statusCode).toBe(403);
    const unknown = await w.staff.client.post('/api/v1/me/tokens', { name: 'x', scopes: ['everything'] });
    expect(unknown.statusCode).toBe(400);
  });
});
