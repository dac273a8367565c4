import { asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.js';
import { buildAgencyTree, buildPerson, loginAs } from '../../test/factories.js';
import { auditEvents } from './schema.js';
import { verifyAuditTrail } from './service.js';

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

async function chainRows() {
  return t.sys.db
    .select()
    .from(auditEvents)
    .where(eq(auditEvents.chain, tree.tenant.id))
    .orderBy(asc(auditEvents.seq));
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
    const rows = await chainRows();
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
    expect(result.chains[0]!.rows).toBeGreaterThan(3);
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
    const rows = await t.sys.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.chain, own.tenant.id))
      .orderBy(asc(auditEvents.seq));
    const victim = rows.at(-2)!;
    await tamper(
      sql`update audit_events set after = jsonb_set(after, '{nameJa}', '"改ざん"') where id = ${victim.id}`,
    );
    const result = await verifyAuditTrail(t.sys, { tenantId: own.tenant.id });
    expect(result.ok).toBe(false);
    expect(result.chains[0]!.firstBreak).toEqual({ seq: victim.seq, id: victim.id, reason: 'edited' });
    const api = await own.admin.client.get('/api/v1/audit-events/verify');
    expect(api.json()).toMatchObject({ ok: false, firstBreak: { seq: victim.seq, reason: 'edited' } });
  });

  it('catches a deleted row', async () => {
    const own = await buildAgencyTree(t);
    for (const n of ['一', '二', '三'])
      await own.admin.client.patch(`/api/v1/org/units/${own.divA1.id}`, { nameJa: n });
    const rows = await t.sys.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.chain, own.tenant.id))
      .orderBy(asc(auditEvents.seq));
    const victim = rows.at(-2)!;
    const after = rows.at(-1)!;
    await tamper(sql`delete from audit_events where id = ${victim.id}`);
    const result = await verifyAuditTrail(t.sys, { tenantId: own.tenant.id });
    expect(result.chains[0]!.firstBreak).toEqual({ seq: after.seq, id: after.id, reason: 'missing_before' });
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
});
