import { asc, desc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.js';
import { accountOf, buildAgencyTree, buildPerson, loginAs } from '../../test/factories.js';
import { hashRow } from './chain.js';
import { auditEvents } from './schema.js';
import { auditAnchor, verifyAuditTrail } from './service.js';
import { chainName, shardOf } from './shards.js';

let t: TestApp;
let tree: Awaited<ReturnType<typeof buildAgencyTree>>;

beforeAll(async () => {
  t = await buildTestApp();
  tree = await buildAgencyTree(t);
  // Some writes to fill the chain.
  for (const name of ['一', '二', '三']) {
    await tree.admin.client.post('/api/v1/org/units', {
      parentId: tree.root.id,
      code: `AUD-${name.charCodeAt(0)}`,
      nameJa: `監査${name}局`,
      kind: 'bureau',
    });
  }
});
afterAll(() => t.close());

/** The rows of the chain the tenant's newest event went to, oldest first. */
async function newestChainRows(tenantId = tree.tenant.id) {
  const [newest] = await t.sys.db
    .select({ chain: auditEvents.chain })
    .from(auditEvents)
    .where(eq(auditEvents.tenantId, tenantId))
    .orderBy(desc(auditEvents.id))
    .limit(1);
  return t.sys.db
    .select()
    .from(auditEvents)
    .where(eq(auditEvents.chain, newest!.chain))
    .orderBy(asc(auditEvents.seq));
}

/** A second administrator of the tenant whose events go to another chain than the first's. */
async function otherAdmin(own: Awaited<ReturnType<typeof buildAgencyTree>>) {
  const shard = async (login: string) => shardOf({ actorAccountId: (await accountOf(t, login)).id });
  const first = await shard(own.admin.login);
  for (;;) {
    const other = await loginAs(t, { unit: own.root, roles: ['mamoru_admin', 'staff'] });
    if ((await shard(other.login)) !== first) return other;
  }
}

/** Tampering needs the append-only trigger switched off, as a database administrator could. */
async function tamper(statement: ReturnType<typeof sql>) {
  await t.sys.db.execute(sql`alter table audit_events disable trigger audit_events_no_change`);
  try {
    await t.sys.db.execute(statement);
  } finally {
    await t.sys.db.execute(sql`alter table audit_events enable trigger audit_events_no_change`);
  }
}

describe('audit trail', () => {
  it('records actor, action, target, before/after, request id and address for a write', async () => {
    const res = await tree.admin.client.patch(`/api/v1/org/units/${tree.divA1.id}`, { nameJa: '改称課' });
    expect(res.statusCode).toBe(200);
    const rows = await newestChainRows();
    const last = rows.at(-1)!;
    expect(last).toMatchObject({
      action: 'unit.update',
      targetType: 'org_unit',
      targetId: tree.divA1.id,
      actorLabel: tree.admin.login,
    });
    expect((last.before as { nameJa: string }).nameJa).not.toBe('改称課');
    expect((last.after as { nameJa: string }).nameJa).toBe('改称課');
    expect(last.requestId).toBeTruthy();
    expect(last.ip).toBeTruthy();
  });

  it('verifies an untouched chain', async () => {
    const result = await verifyAuditTrail(t.sys, { tenantId: tree.tenant.id });
    expect(result.ok).toBe(true);
    expect(result.chains.reduce((n, c) => n + c.rows, 0)).toBeGreaterThan(3);
  });

  it('refuses UPDATE and DELETE at the database', async () => {
    const failure = (p: Promise<unknown>) =>
      p.then(
        () => 'succeeded',
        (e: Error & { cause?: Error }) => `${e.message} ${e.cause?.message ?? ''}`,
      );
    expect(await failure(t.sys.db.execute(sql`update audit_events set action = 'x'`))).toMatch(/append-only/);
    expect(await failure(t.sys.db.execute(sql`delete from audit_events`))).toMatch(/append-only/);
  });

  it('is readable and verifiable through the API by an administrator, filtered', async () => {
    const list = await tree.admin.client.get('/api/v1/audit-events?action=unit.&pageSize=2');
    expect(list.statusCode).toBe(200);
    const body = list.json();
    expect(body.items).toHaveLength(2);
    expect(body.total).toBeGreaterThanOrEqual(4);
    expect(body.items.every((e: { action: string }) => e.action.startsWith('unit.'))).toBe(true);
    const verify = await tree.admin.client.get('/api/v1/audit-events/verify');
    expect(verify.json()).toMatchObject({ ok: true, firstBreak: null });
  });

  it('is not readable by a staff member', async () => {
    const staff = await loginAs(t, { unit: tree.divA1, roles: ['staff'] });
    expect((await staff.client.get('/api/v1/audit-events')).statusCode).toBe(403);
    expect((await staff.client.get('/api/v1/audit-events/verify')).statusCode).toBe(403);
  });

  it('catches an edited row', async () => {
    const own = await buildAgencyTree(t);
    await buildPerson(t, { unit: own.divA1 });
    await own.admin.client.patch(`/api/v1/org/units/${own.divA1.id}`, { nameJa: '一回目' });
    await own.admin.client.patch(`/api/v1/org/units/${own.divA1.id}`, { nameJa: '二回目' });
    const rows = await newestChainRows(own.tenant.id);
    const victim = rows.at(-2)!;
    await tamper(
      sql`update audit_events set after = jsonb_set(after, '{nameJa}', '"改ざん"') where id = ${victim.id}`,
    );
    const result = await verifyAuditTrail(t.sys, { tenantId: own.tenant.id });
    expect(result.ok).toBe(false);
    const broken = result.chains.find((c) => c.chain === victim.chain);
    expect(broken!.firstBreak).toEqual({ seq: victim.seq, id: victim.id, reason: 'edited' });
    expect(result.chains.filter((c) => c.firstBreak)).toHaveLength(1);
    const api = await own.admin.client.get('/api/v1/audit-events/verify');
    expect(api.json()).toMatchObject({ ok: false, firstBreak: { seq: victim.seq, reason: 'edited' } });
  });

  it('catches a deleted row', async () => {
    const own = await buildAgencyTree(t);
    for (const n of ['一', '二', '三'])
      await own.admin.client.patch(`/api/v1/org/units/${own.divA1.id}`, { nameJa: n });
    const rows = await newestChainRows(own.tenant.id);
    const victim = rows.at(-2)!;
    const after = rows.at(-1)!;
    await tamper(sql`delete from audit_events where id = ${victim.id}`);
    const result = await verifyAuditTrail(t.sys, { tenantId: own.tenant.id });
    const broken = result.chains.find((c) => c.chain === victim.chain);
    expect(broken!.firstBreak).toEqual({ seq: after.seq, id: after.id, reason: 'missing_before' });
    const api = await own.admin.client.get('/api/v1/audit-events/verify');
    expect(api.json()).toMatchObject({ ok: false, firstBreak: { seq: after.seq, reason: 'missing_before' } });
  });

  it('keeps one gapless chain under concurrent writes', async () => {
    const own = await buildAgencyTree(t);
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        own.admin.client.post('/api/v1/org/units', {
          parentId: own.root.id,
          code: `PAR-${i}`,
          nameJa: `並行${i}`,
          kind: 'bureau',
        }),
      ),
    );
    const result = await verifyAuditTrail(t.sys, { tenantId: own.tenant.id });
    expect(result.ok).toBe(true);
  });
  it('writes concurrent events of two people of one agency to two chains, each gapless', async () => {
    const own = await buildAgencyTree(t);
    const other = await otherAdmin(own);
    const create = (who: typeof own.admin, i: number) =>
      who.client.post('/api/v1/org/units', {
        parentId: own.root.id,
        code: `TWO-${who.login}-${i}`,
        nameJa: `並行${who.login}${i}`,
        kind: 'bureau',
      });
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => [create(own.admin, i), create(other, i)]).flat(),
    );
    expect(results.every((r) => r.statusCode === 201)).toBe(true);
    const chainOf = async (login: string) => {
      const id = (await accountOf(t, login)).id;
      const rows = await t.sys.db
        .select({ chain: auditEvents.chain })
        .from(auditEvents)
        .where(eq(auditEvents.actorAccountId, id));
      return new Set(rows.map((r) => r.chain));
    };
    const [a, b] = [await chainOf(own.admin.login), await chainOf(other.login)];
    const idA = (await accountOf(t, own.admin.login)).id;
    expect(a).toEqual(new Set([chainName(own.tenant.id, shardOf({ actorAccountId: idA }))]));
    expect(b.size).toBe(1);
    expect([...a][0]).not.toBe([...b][0]);
    const result = await verifyAuditTrail(t.sys, { tenantId: own.tenant.id });
    expect(result.ok).toBe(true);
    for (const chain of [...a, ...b])
      expect(result.chains.find((c) => c.chain === chain)!.rows).toBeGreaterThanOrEqual(10);
  });

  it('lists the agency’s events newest first across its chains', async () => {
    const own = await buildAgencyTree(t);
    const other = await otherAdmin(own);
    for (let i = 0; i < 3; i++)
      for (const who of [own.admin, other])
        await who.client.patch(`/api/v1/org/units/${own.divA1.id}`, { nameJa: `${who.login}-${i}` });
    const res = await own.admin.client.get('/api/v1/audit-events?action=unit.update&pageSize=6');
    const items = res.json().items as { id: number; at: string; actor: string; after: { nameJa: string } }[];
    expect(items.map((e) => e.after.nameJa)).toEqual(
      [2, 1, 0].flatMap((i) => [`${other.login}-${i}`, `${own.admin.login}-${i}`]),
    );
    const page2 = await own.admin.client.get('/api/v1/audit-events?pageSize=3&page=2');
    const all = await own.admin.client.get('/api/v1/audit-events?pageSize=200');
    const ids = (all.json().items as { id: number }[]).map((e) => e.id);
    expect(ids).toEqual([...ids].sort((x, y) => y - x));
    expect((page2.json().items as { id: number }[]).map((e) => e.id)).toEqual(ids.slice(3, 6));
  });

  it('notices a whole chain deleted, against anchors taken earlier', async () => {
    const own = await buildAgencyTree(t);
    const other = await otherAdmin(own);
    await own.admin.client.patch(`/api/v1/org/units/${own.divA1.id}`, { nameJa: '残る' });
    await other.client.patch(`/api/v1/org/units/${own.divA1.id}`, { nameJa: '消される' });
    const anchors = await auditAnchor(t.sys.db, { tenantId: own.tenant.id });
    const gone = (await newestChainRows(own.tenant.id)).at(-1)!;
    expect(anchors.map((a) => a.chain)).toContain(gone.chain);
    await tamper(sql`delete from audit_events where chain = ${gone.chain}`);
    // The anchor names the chain even where no later row of another chain saw it.
    for (const opts of [{ tenantId: own.tenant.id, anchors }, { anchors }]) {
      const result = await verifyAuditTrail(t.sys, opts);
      expect(result.ok).toBe(false);
      expect(result.chains.find((c) => c.chain === gone.chain)).toMatchObject({
        rows: 0,
        anchorMismatch: { seq: gone.seq, expected: gone.hash, found: null },
      });
    }
  });
  it('notices an earlier chain’s newest rows deleted without anchors: a later row of another chain saw them', async () => {
    const own = await buildAgencyTree(t);
    const other = await otherAdmin(own);
    await own.admin.client.patch(`/api/v1/org/units/${own.divA1.id}`, { nameJa: '消される' });
    const gone = (await newestChainRows(own.tenant.id)).at(-1)!;
    await other.client.patch(`/api/v1/org/units/${own.divA1.id}`, { nameJa: '見ていた' });
    const witness = (await newestChainRows(own.tenant.id)).at(-1)!;
    expect(witness.chain).not.toBe(gone.chain);
    await tamper(sql`delete from audit_events where id = ${gone.id}`);
    const result = await verifyAuditTrail(t.sys, { tenantId: own.tenant.id });
    expect(result.ok).toBe(false);
    expect(result.chains.find((c) => c.chain === gone.chain)!.firstBreak).toEqual({
      seq: gone.seq,
      id: witness.id,
      reason: 'missing_newest',
    });
    const api = await own.admin.client.get('/api/v1/audit-events/verify');
    expect(api.json()).toMatchObject({ ok: false, firstBreak: { seq: gone.seq, reason: 'missing_newest' } });
    // The whole chain gone: the same.
    await tamper(sql`delete from audit_events where chain = ${gone.chain}`);
    const whole = await verifyAuditTrail(t.sys, {});
    expect(whole.chains.find((c) => c.chain === gone.chain)).toMatchObject({
      rows: 0,
      firstBreak: { seq: 1, reason: 'missing_newest' },
    });
  });

  it('hashes a row without a witness as before sharding, so existing chains still verify', () => {
    const row = {
      chain: 'c',
      seq: 1,
      tenantId: null,
      at: new Date('2026-01-01T00:00:00Z'),
      actorAccountId: null,
      actorLabel: 'cli',
      action: 'unit.create',
      targetType: 'org_unit',
      targetId: null,
      before: null,
      after: null,
      requestId: null,
      ip: null,
      prevHash: '0'.repeat(64),
    };
    expect(hashRow({ ...row, witness: null })).toBe(hashRow(row));
    // The hash the code before sharding (34e4f74) gives this row.
    expect(hashRow(row)).toBe('0ee266c3f4565b8e3bc40cb49ab251946df1217d6b54251a6e24eedcee24b945');
    expect(hashRow({ ...row, witness: [1, 0] })).not.toBe(hashRow(row));
  });
});
