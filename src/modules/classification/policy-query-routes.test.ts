import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client, TestApp } from '../../test/app.js';
import { buildPerson, loginAs } from '../../test/factories.js';
import {
  buildPolicyWorld,
  copy,
  NOBODY,
  type PolicyWorld,
  rq,
  tokenFor,
  withToken,
} from './policy-routes.fixtures.js';
import { classificationEntries } from './register-schema.js';

let t: TestApp;
let a: PolicyWorld['a'];
let b: PolicyWorld['b'];
let staff: Client;
let head: Client;

beforeAll(async () => {
  ({ t, a, b, staff, head } = await buildPolicyWorld());
});
afterAll(() => t.close());

describe('GET /policies/:policyId/handling-requirements', () => {
  it('answers with the issue’s shape and the standard Japanese role names', async () => {
    const res = await staff.get(rq('unified-5th', 'action=transport&confidentiality=2'));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      allowed: true,
      requirements: [{ kind: 'notification', role: '課室情報セキュリティ責任者' }],
      rule: '統一基準群(第5版) 表2 情報の移送 機密性2：課室情報セキュリティ責任者への届出 (000 L729)',
    });
  });

  it('METI: 機密性4 is taken out with the 情報セキュリティ責任者’s permission, not copied at all', async () => {
    expect((await staff.get(rq('meti-2011', 'action=provide&confidentiality=4'))).json()).toMatchObject({
      allowed: true,
      requirements: [{ kind: 'permission', role: '情報セキュリティ責任者' }],
    });
    expect((await staff.get(rq('meti-2011', 'action=copy&confidentiality=4'))).json()).toMatchObject({
      allowed: false,
      requirements: [],
    });
    expect(
      (await staff.get(rq('meti-2011', 'action=process_outside&confidentiality=2'))).json().requirements,
    ).toEqual([
      { kind: 'permission', role: '課室情報セキュリティ責任者' },
      { kind: 'permission', role: '情報システムセキュリティ責任者' },
    ]);
  });

  it('accepts the related approvals too (private devices, cloud services)', async () => {
    expect(
      (await staff.get(rq('unified-5th', 'action=cloud_service&confidentiality=2'))).json().allowed,
    ).toBe(false);
    expect((await staff.get(rq('unified-5th', 'action=private_device&confidentiality=1'))).statusCode).toBe(
      200,
    );
  });

  it('an entry’s restrictions may forbid the action (copying with 複製禁止)', async () => {
    expect(
      (
        await staff.get(
          rq('meti-2011', 'action=copy&confidentiality=2&restrictions=no_copy,encryption_required'),
        )
      ).json(),
    ).toEqual({ allowed: false, requirements: [], rule: '取扱制限：複製禁止' });
    expect(
      (await staff.get(rq('meti-2011', 'action=provide&confidentiality=2&restrictions=no_copy'))).json()
        .allowed,
    ).toBe(true);
    const bad = await staff.get(rq('meti-2011', 'action=copy&confidentiality=2&restrictions=no_copy,nope'));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { path: string }) => e.path)).toEqual(['query.restrictions']);
  });

  it('an unknown policy is a 404 naming policyId', async () => {
    const res = await staff.get(rq('meti-2099', 'action=copy&confidentiality=1'));
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().errors.map((e: { path: string }) => e.path)).toEqual(['params.policyId']);
  });

  it.each(['action=fly&confidentiality=1', 'confidentiality=1', 'action=&confidentiality=1'])(
    'a bad action (%s) is a 400 naming action',
    async (query) => {
      const res = await staff.get(rq('unified-5th', query));
      expect(res.statusCode).toBe(400);
      expect(res.json().errors.map((e: { path: string }) => e.path)).toEqual(['query.action']);
    },
  );

  it.each([
    ['unified-5th', '4'],
    ['unified-5th', '0'],
    ['unified-5th', 'x'],
    ['unified-5th', '-1'],
    ['unified-5th', '2.5'],
    ['unified-5th', ''],
    ['meti-2011', '5'],
  ])('%s: confidentiality=%s is a 400 naming confidentiality', async (policy, level) => {
    const res = await staff.get(rq(policy, `action=transport&confidentiality=${level}`));
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { path: string }) => e.path)).toEqual(['query.confidentiality']);
  });

  it('a missing confidentiality is a 400 naming confidentiality', async () => {
    const res = await staff.get(rq('unified-5th', 'action=transport'));
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { path: string }) => e.path)).toEqual(['query.confidentiality']);
  });

  it('works with an API token carrying self (open to any signed-in user), and not signed out', async () => {
    const gateway = await tokenFor(a.admin.client, ['classification.overview']);
    const refused = await withToken(t, gateway, rq('meti-2011', 'action=transport&confidentiality=3'));
    expect(refused.json().code).toBe('token_scope');
    const token = await tokenFor(a.admin.client, ['classification.overview', 'self']);
    const res = await withToken(t, token, rq('meti-2011', 'action=transport&confidentiality=3'));
    expect(res.statusCode).toBe(200);
    expect(res.json().requirements).toEqual([{ kind: 'permission', role: '課室情報セキュリティ責任者' }]);
    const anon = await t.app.inject({
      method: 'GET',
      url: rq('meti-2011', 'action=transport&confidentiality=3'),
    });
    expect(anon.statusCode).toBe(401);
  });

  it('answers from an agency’s own copy, and another agency’s copy is not found', async () => {
    const own = (await copy(a.admin.client, 'unified-5th', '当省ポリシー')).json();
    expect((await staff.get(rq(own.id, 'action=transport&confidentiality=3'))).json().requirements).toEqual([
      { kind: 'permission', role: '課室情報セキュリティ責任者' },
    ]);
    const res = await b.admin.client.get(rq(own.id, 'action=transport&confidentiality=3'));
    expect(res.statusCode).toBe(404);
    expect(res.json().errors[0].path).toBe('params.policyId');
  });
});

describe('GET /classification/policies/:id/marking', () => {
  const mk = (policy: string, query: string) => `/api/v1/classification/policies/${policy}/marking?${query}`;

  it('gives the document text, mail subject and headers for any signed-in person', async () => {
    const res = await staff.get(mk('meti-2011', 'confidentiality=3&restrictions=no_copy'));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      document: '機密性3情報 取扱制限：複製禁止',
      mailSubject: '【機密性3情報 取扱制限：複製禁止】',
      header: { name: 'X-Mamoru-Classification', value: 'C3; policy=meti-2011; restrictions=no-copy' },
    });
    expect(
      (await staff.get(mk('unified-5th', 'confidentiality=2&integrity=2&availability=2'))).json().document,
    ).toBe('機密性2情報 完全性2情報 可用性2情報');
  });

  it.each([
    ['confidentiality=4', 'query.confidentiality'],
    ['confidentiality=1&integrity=3', 'query.integrity'],
    ['confidentiality=1&availability=x', 'query.availability'],
    ['confidentiality=1&restrictions=secret', 'query.restrictions'],
  ])('unified-5th with %s is a 400 naming %s', async (query, path) => {
    const res = await staff.get(mk('unified-5th', query));
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { path: string }) => e.path)).toEqual([path]);
  });

  it('an unknown or foreign policy is a 404; signed out is a 401', async () => {
    const foreign = (await copy(b.admin.client, 'unified-5th', '他省の表示')).json();
    for (const id of ['nope', foreign.id])
      expect((await staff.get(mk(id, 'confidentiality=1'))).statusCode).toBe(404);
    expect(
      (await t.app.inject({ method: 'GET', url: mk('meti-2011', 'confidentiality=1') })).statusCode,
    ).toBe(401);
  });
});

describe('GET /classification/gateway/entries/:id/header', () => {
  let entryId: string;
  beforeAll(async () => {
    const owner = await buildPerson(t, { unit: a.divA1, roles: ['staff'] });
    const [row] = await t.sys.db
      .insert(classificationEntries)
      .values({
        tenantId: a.tenant.id,
        unitId: a.divA1.id,
        policyId: 'meti-2011',
        title: '極秘の交渉記録',
        description: '交渉の中身',
        ownerPersonId: owner.person.id,
        proposedBy: owner.person.id,
        form: 'electronic',
        confidentiality: 3,
        integrity: 2,
        restrictions: [{ key: 'no_copy' }, { key: 'no_takeout' }],
        scopeRestricted: true,
        status: 'confirmed',
      })
      .returning();
    entryId = row!.id;
  });
  const url = () => `/api/v1/classification/gateway/entries/${entryId}/header`;

  it('gives a gateway token the marking and nothing of the entry’s content', async () => {
    const token = await tokenFor(a.admin.client, ['classification.overview']);
    const res = await withToken(t, token, url());
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      entryId,
      policyId: 'meti-2011',
      confidentiality: 3,
      status: 'confirmed',
      document: '機密性3情報 完全性2情報 取扱制限：複製禁止、持出禁止',
      mailSubject: '【機密性3情報 完全性2情報 取扱制限：複製禁止、持出禁止】',
      header: {
        name: 'X-Mamoru-Classification',
        value: 'C3; I2; policy=meti-2011; restrictions=no-copy,no-takeout',
      },
    });
    expect(res.body).not.toContain('交渉');
  });

  it('refuses a token without classification.overview, staff, and signed-out callers', async () => {
    const token = await tokenFor(a.admin.client, ['org.read']);
    const res = await withToken(t, token, url());
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('token_scope');
    expect((await staff.get(url())).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: url() })).statusCode).toBe(401);
  });

  it('is not found for another agency, a neighbouring division or an unknown id', async () => {
    expect((await b.admin.client.get(url())).statusCode).toBe(404);
    const neighbour = (await loginAs(t, { unit: a.divA2, roles: ['division_security_officer'] })).client;
    expect((await neighbour.get(url())).statusCode).toBe(404);
    expect((await head.get(url())).statusCode).toBe(200);
    expect(
      (await a.admin.client.get(`/api/v1/classification/gateway/entries/${NOBODY}/header`)).statusCode,
    ).toBe(404);
  });
});
