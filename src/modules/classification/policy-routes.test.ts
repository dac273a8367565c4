import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client, TestApp } from '../../test/app.js';
import { buildAgencyTree, buildPerson } from '../../test/factories.js';
import { auditEvents } from '../audit/schema.js';
import {
  buildPolicyWorld,
  copy,
  definitionOf,
  NOBODY,
  type PolicyWorld,
  put,
  rq,
} from './policy-routes.fixtures.js';
import { activePolicy, loadPolicy } from './policy-service.js';
import { classificationEntries } from './register-schema.js';

let t: TestApp;
let a: PolicyWorld['a'];
let b: PolicyWorld['b'];
let staff: Client;
let head: Client;
let bureauChief: Client;

beforeAll(async () => {
  ({ t, a, b, staff, head, bureauChief } = await buildPolicyWorld());
});
afterAll(() => t.close());

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
