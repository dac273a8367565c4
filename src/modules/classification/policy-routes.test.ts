import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type Client, type TestApp } from '../../test/app.js';
import { buildAgencyTree, buildPerson, loginAs } from '../../test/factories.js';
import { auditEvents } from '../audit/schema.js';
import { activePolicy, loadPolicy } from './policy-service.js';
import { classificationEntries } from './register-schema.js';

let t: TestApp;
let a: Awaited<ReturnType<typeof buildAgencyTree>>;
let b: Awaited<ReturnType<typeof buildAgencyTree>>;
let staff: Client;
let head: Client;
let bureauChief: Client;

const put = (client: Client, url: string, payload: unknown) =>
  client.request({ method: 'PUT', url, payload: payload as object });
const rq = (policy: string, query: string) => `/api/v1/policies/${policy}/handling-requirements?${query}`;
const NOBODY = '00000000-0000-4000-8000-000000000000';

async function tokenFor(client: Client, scopes: string[]) {
  const res = await client.post('/api/v1/me/tokens', { name: `t-${scopes.join('-')}`, scopes });
  expect(res.statusCode).toBe(201);
  return res.json().token as string;
}
const withToken = (token: string, url: string) =>
  t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });

async function copy(client: Client, from: string, name: string) {
  return client.post('/api/v1/classification/policies', { from, name });
}

interface Definition {
  name: string;
  levels: { confidentiality: Record<string, unknown>[]; integrity: unknown[]; availability: unknown[] };
  restrictions: unknown[];
  rules: {
    action: string;
    confidentiality: number;
    allowed: boolean;
    requirements: { kind: string; roleKey: string; roleName: string }[];
    rule: string;
  }[];
}

/** The editable part of a policy detail, as PUT takes it back. */
function definitionOf(detail: Definition): Definition {
  const { name, levels, restrictions, rules } = detail;
  return structuredClone({ name, levels, restrictions, rules });
}

beforeAll(async () => {
  t = await buildTestApp();
  a = await buildAgencyTree(t);
  b = await buildAgencyTree(t);
  staff = (await loginAs(t, { unit: a.divA1, roles: ['staff'] })).client;
  head = (await loginAs(t, { unit: a.divA1, roles: ['division_security_officer'] })).client;
  // classification.manage, but held at a bureau rather than agency-wide.
  bureauChief = (await loginAs(t, { unit: a.bureauA, roles: ['chief_security_officer'] })).client;
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

  it('works with an API token of any scope, and not signed out', async () => {
    const token = await tokenFor(a.admin.client, ['classification.overview']);
    const res = await withToken(token, rq('meti-2011', 'action=transport&confidentiality=3'));
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

describe('listing and reading policies', () => {
  it('everyone sees the two shipped policies, the agency’s copies and which is active', async () => {
    const mine = (await copy(a.admin.client, 'meti-2011', '一覧用コピー')).json();
    await copy(b.admin.client, 'meti-2011', '他省のコピー');
    const res = await staff.get('/api/v1/classification/policies');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.activePolicyId).toBe('unified-5th');
    expect(body.items.slice(0, 2)).toMatchObject([
      { id: 'unified-5th', shipped: true, active: true, basedOn: null },
      { id: 'meti-2011', shipped: true, active: false, basedOn: null },
    ]);
    expect(body.items).toContainEqual(
      expect.objectContaining({ id: mine.id, name: '一覧用コピー', basedOn: 'meti-2011', shipped: false }),
    );
    expect(res.body).not.toContain('他省のコピー');
  });

  it('a shipped policy in full, read-only even for the administrator', async () => {
    const res = await a.admin.client.get('/api/v1/classification/policies/meti-2011');
    expect(res.statusCode).toBe(200);
    const p = res.json();
    expect(p.editable).toBe(false);
    expect(p.levels.confidentiality.map((l: { marking: string }) => l.marking)).toEqual([
      '機密性1情報',
      '機密性2情報',
      '機密性3情報',
      '機密性4情報',
    ]);
    expect(p.rules).toHaveLength(24);
    expect(p.actions.map((x: { key: string }) => x.key)).toEqual([
      'transport',
      'provide',
      'process_outside',
      'copy',
      'private_device',
      'cloud_service',
    ]);
  });

  it('an agency copy is editable by the administrator only', async () => {
    const own = (await copy(a.admin.client, 'unified-5th', '編集可否')).json();
    expect(own.editable).toBe(true);
    expect((await staff.get(`/api/v1/classification/policies/${own.id}`)).json().editable).toBe(false);
    expect((await b.admin.client.get(`/api/v1/classification/policies/${own.id}`)).statusCode).toBe(404);
    expect((await staff.get('/api/v1/classification/policies/nope')).statusCode).toBe(404);
  });
});

describe('POST /classification/policies (copy)', () => {
  it('copies with a new id, records who did it, and keeps where it came from', async () => {
    const source = (await copy(a.admin.client, 'meti-2011', '第一版')).json();
    const res = await copy(a.admin.client, source.id, '第二版');
    expect(res.statusCode).toBe(201);
    const p = res.json();
    expect(p).toMatchObject({
      name: '第二版',
      nameEn: null,
      basedOn: 'meti-2011',
      shipped: false,
      active: false,
    });
    expect(source.nameEn).toBeNull();
    const named = await a.admin.client.post('/api/v1/classification/policies', {
      from: 'unified-5th',
      name: '英語名つき',
      nameEn: 'Our policy',
    });
    expect(named.json()).toMatchObject({ name: '英語名つき', nameEn: 'Our policy', basedOn: 'unified-5th' });
    expect(p.id).not.toBe(source.id);
    expect(p.rules).toEqual(source.rules);
    const [event] = await t.sys.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'classification.policy_copy'), eq(auditEvents.targetId, p.id)));
    expect(event).toMatchObject({ tenantId: a.tenant.id, targetType: 'classification_policy' });
    expect(event!.after).toEqual({ from: source.id, name: '第二版' });
  });

  it('an unknown source is a 404 naming from', async () => {
    const res = await copy(a.admin.client, 'meti-1999', 'x');
    expect(res.statusCode).toBe(404);
    expect(res.json().errors[0].path).toBe('body.from');
  });

  it('refuses staff, division heads and a manager who is not agency-wide', async () => {
    for (const client of [staff, head, bureauChief])
      expect((await copy(client, 'unified-5th', '無断')).statusCode).toBe(403);
  });
});

describe('PUT /classification/policies/:id', () => {
  it('replaces the definition: an agency-defined restriction with a date, a stricter rule', async () => {
    const own = (await copy(a.admin.client, 'unified-5th', '改訂前')).json();
    const def = definitionOf(own);
    def.name = '改訂後';
    def.restrictions.push({
      key: 'embargo',
      nameJa: '公表禁止',
      nameEn: 'Embargoed',
      param: 'date',
      forbids: ['provide'],
    });
    const cell = def.rules.find((r) => r.action === 'transport' && r.confidentiality === 2)!;
    cell.requirements = [
      { kind: 'permission', roleKey: 'division_security_officer', roleName: '課室情報セキュリティ責任者' },
    ];
    cell.rule = '当省規程 第12条';
    const res = await put(a.admin.client, `/api/v1/classification/policies/${own.id}`, def);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ name: '改訂後', basedOn: 'unified-5th' });
    expect((await staff.get(rq(own.id, 'action=transport&confidentiality=2'))).json()).toEqual({
      allowed: true,
      requirements: [{ kind: 'permission', role: '課室情報セキュリティ責任者' }],
      rule: '当省規程 第12条',
    });
    const events = await t.sys.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'classification.policy_update'), eq(auditEvents.targetId, own.id)));
    expect(events).toHaveLength(1);
    expect((events[0]!.before as { name: string }).name).toBe('改訂前');
    expect((events[0]!.after as { name: string }).name).toBe('改訂後');
  });

  it('adds 機密性4 to a copy of the Unified Standards only with its whole row of rules', async () => {
    const own = (await copy(a.admin.client, 'unified-5th', '機密性4追加')).json();
    const def = definitionOf(own);
    const levels = def.levels;
    levels.confidentiality.push({
      ...levels.confidentiality[2],
      value: 4,
      nameJa: '機密性4情報',
      marking: '機密性4情報',
    });
    const missing = await put(a.admin.client, `/api/v1/classification/policies/${own.id}`, def);
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors.filter((e: { path: string }) => e.path === 'body.rules')).toHaveLength(6);
    for (const action of [
      'transport',
      'provide',
      'process_outside',
      'copy',
      'private_device',
      'cloud_service',
    ])
      def.rules.push({
        action,
        confidentiality: 4,
        allowed: false,
        requirements: [],
        rule: '当省規程',
      });
    expect((await put(a.admin.client, `/api/v1/classification/policies/${own.id}`, def)).statusCode).toBe(
      200,
    );
    expect((await staff.get(rq(own.id, 'action=copy&confidentiality=4'))).json().allowed).toBe(false);
  });

  it('lists every problem of an invalid definition, in the caller’s language', async () => {
    const own = (await copy(a.admin.client, 'meti-2011', '不正')).json();
    const def = definitionOf(own);
    const rules = def.rules;
    rules[1]!.requirements[0]!.roleKey = 'janitor';
    rules.splice(0, 1);
    const res = await put(a.admin.client, `/api/v1/classification/policies/${own.id}`, def);
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { path: string }) => e.path)).toEqual([
      'body.rules[0].requirements[0].roleKey',
      'body.rules',
    ]);
    expect(res.json().errors[1].message).toBe('情報の移送・機密性1の規則がありません。');
  });

  it('malformed bodies are refused by the schema (unknown action, level 0)', async () => {
    const own = (await copy(a.admin.client, 'meti-2011', '型')).json();
    const def = definitionOf(own);
    def.rules[0]!.action = 'fly';
    const res = await put(a.admin.client, `/api/v1/classification/policies/${own.id}`, def);
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].path).toBe('body.rules.0.action');
  });

  it('shipped policies are read-only (409 policy_read_only)', async () => {
    const shipped = (await a.admin.client.get('/api/v1/classification/policies/meti-2011')).json();
    const res = await put(a.admin.client, '/api/v1/classification/policies/meti-2011', definitionOf(shipped));
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('policy_read_only');
  });

  it('refuses staff, division heads, a bureau-level manager, and another agency (404)', async () => {
    const own = (await copy(a.admin.client, 'unified-5th', '保護')).json();
    const def = definitionOf(own);
    for (const client of [staff, head, bureauChief])
      expect((await put(client, `/api/v1/classification/policies/${own.id}`, def)).statusCode).toBe(403);
    expect((await put(b.admin.client, `/api/v1/classification/policies/${own.id}`, def)).statusCode).toBe(
      404,
    );
    expect((await put(a.admin.client, `/api/v1/classification/policies/${NOBODY}`, def)).statusCode).toBe(
      404,
    );
  });
});

describe('the active policy', () => {
  it('is the Unified Standards until the agency chooses, and everyone can read it', async () => {
    const fresh = await buildAgencyTree(t);
    const res = await fresh.admin.client.get('/api/v1/classification/settings');
    expect(res.json()).toEqual({
      activePolicyId: 'unified-5th',
      activePolicyName: '政府機関統一基準群（第5版）',
      updatedAt: null,
    });
    expect((await activePolicy(t.sys.db, fresh.tenant.id)).id).toBe('unified-5th');
  });

  it('the administrator switches it, with an audit event; others cannot', async () => {
    const fresh = await buildAgencyTree(t);
    const res = await put(fresh.admin.client, '/api/v1/classification/settings', {
      activePolicyId: 'meti-2011',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      activePolicyId: 'meti-2011',
      activePolicyName: '経済産業省情報セキュリティポリシー（平成23年度）',
    });
    expect((await activePolicy(t.sys.db, fresh.tenant.id)).levels.confidentiality).toHaveLength(4);
    const own = (await copy(fresh.admin.client, 'meti-2011', '当省版')).json();
    expect(
      (await put(fresh.admin.client, '/api/v1/classification/settings', { activePolicyId: own.id }))
        .statusCode,
    ).toBe(200);
    const list = (await fresh.admin.client.get('/api/v1/classification/policies')).json();
    expect(list.activePolicyId).toBe(own.id);
    expect(list.items.filter((p: { active: boolean }) => p.active).map((p: { id: string }) => p.id)).toEqual([
      own.id,
    ]);
    const events = await t.sys.db
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.action, 'classification.settings_update'),
          eq(auditEvents.tenantId, fresh.tenant.id),
        ),
      );
    expect(events.map((e) => e.after)).toEqual([{ activePolicyId: 'meti-2011' }, { activePolicyId: own.id }]);
    expect(events[1]!.before).toEqual({ activePolicyId: 'meti-2011' });
  });

  it('an unknown or foreign policy id is a 400 naming activePolicyId', async () => {
    const foreign = (await copy(b.admin.client, 'unified-5th', '他省')).json();
    for (const activePolicyId of ['meti-2099', foreign.id]) {
      const res = await put(a.admin.client, '/api/v1/classification/settings', { activePolicyId });
      expect(res.statusCode).toBe(400);
      expect(res.json().errors[0].path).toBe('body.activePolicyId');
    }
  });

  it('refuses staff, division heads and a bureau-level manager', async () => {
    for (const client of [staff, head, bureauChief])
      expect(
        (await put(client, '/api/v1/classification/settings', { activePolicyId: 'meti-2011' })).statusCode,
      ).toBe(403);
  });
});

describe('loadPolicy (for the register)', () => {
  it('finds shipped ids and the tenant’s copies, and names the parameter otherwise', async () => {
    const own = (await copy(a.admin.client, 'meti-2011', 'load')).json();
    expect((await loadPolicy(t.sys.db, a.tenant.id, own.id)).name).toBe('load');
    expect((await loadPolicy(t.sys.db, a.tenant.id, 'unified-5th')).id).toBe('unified-5th');
    await expect(loadPolicy(t.sys.db, b.tenant.id, own.id, 'body.policyId')).rejects.toMatchObject({
      code: 'not_found',
      errors: [{ path: 'body.policyId' }],
    });
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

describe('editing a policy that registered information uses', () => {
  it('refuses to drop a level or restriction live entries still use, listing each', async () => {
    const own = (await copy(a.admin.client, 'meti-2011', '使用中')).json();
    const owner = await buildPerson(t, { unit: a.divA1 });
    const entry = {
      tenantId: a.tenant.id,
      unitId: a.divA1.id,
      policyId: own.id,
      title: '使用中の情報',
      ownerPersonId: owner.person.id,
      proposedBy: owner.person.id,
      form: 'paper' as const,
      scopeRestricted: true,
      status: 'confirmed' as const,
    };
    await t.sys.db.insert(classificationEntries).values([
      { ...entry, confidentiality: 4, restrictions: [{ key: 'no_copy' }] },
      { ...entry, confidentiality: 4, restrictions: [] },
      // Archived entries do not hold the policy back.
      { ...entry, confidentiality: 2, availability: 2, status: 'archived' as const },
    ]);
    const def = definitionOf(own);
    def.levels.confidentiality.pop();
    def.rules = def.rules.filter((r) => r.confidentiality !== 4);
    def.restrictions = def.restrictions.filter((r) => (r as { key: string }).key !== 'no_copy');
    def.levels.availability.pop();
    for (const r of def.rules) if (r.action === 'copy' && r.confidentiality === 2) r.rule = '当省規程';
    const res = await put(a.admin.client, `/api/v1/classification/policies/${own.id}`, def);
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual(
      expect.arrayContaining([
        {
          path: 'body.levels.confidentiality',
          message: '機密性4 は登録済みの情報 2 件で使われているため削除できません。',
        },
        {
          path: 'body.restrictions',
          message: '取扱制限 no_copy は登録済みの情報 1 件で使われているため削除できません。',
        },
      ]),
    );
    expect(res.json().errors).toHaveLength(2);
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
    const res = await withToken(token, url());
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
    const res = await withToken(token, url());
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
