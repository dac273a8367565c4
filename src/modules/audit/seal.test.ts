import { asc, desc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.js';
import { buildAgencyTree } from '../../test/factories.js';
import { hashRow } from './chain.js';
import { auditEvents } from './schema.js';
import { auditAnchor, verifyAuditTrail } from './service.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

async function tenantWithEvents(n: number) {
  const own = await buildAgencyTree(t);
  for (let i = 0; i < n; i++)
    await own.admin.client.patch(`/api/v1/org/units/${own.divA1.id}`, { nameJa: `改称${i}` });
  return own;
}

/** The chain the tenant's newest event went to (the administrator's, in these tests). */
async function chainOf(tenantId: string) {
  const [newest] = await t.sys.db
    .select({ chain: auditEvents.chain })
    .from(auditEvents)
    .where(eq(auditEvents.tenantId, tenantId))
    .orderBy(desc(auditEvents.id))
    .limit(1);
  return newest!.chain;
}

async function rowsOf(tenantId: string) {
  const chain = await chainOf(tenantId);
  return t.sys.db
    .select()
    .from(auditEvents)
    .where(eq(auditEvents.chain, chain))
    .orderBy(asc(auditEvents.seq));
}

/** A database administrator (no SECRET_KEY) switches the trigger off, as they could. */
async function asDbAdmin(run: () => Promise<unknown>) {
  await t.sys.db.execute(sql`alter table audit_events disable trigger audit_events_no_change`);
  try {
    await run();
  } finally {
    await t.sys.db.execute(sql`alter table audit_events enable trigger audit_events_no_change`);
  }
}

describe('sealed audit chain', () => {
  it('seals every new row', async () => {
    const own = await tenantWithEvents(2);
    const rows = await rowsOf(own.tenant.id);
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.mac ?? ''))).toBe(true);
    const result = await verifyAuditTrail(t.sys, { tenantId: own.tenant.id });
    expect(result.ok).toBe(true);
    expect(result.chains.every((c) => c.unsealedRows === 0)).toBe(true);
  });

  it('catches an edit that was re-chained without the secret key', async () => {
    const own = await tenantWithEvents(3);
    const rows = await rowsOf(own.tenant.id);
    const victim = rows.at(-2)!;
    // Recompute the plain hashes of the edited row and every later one, as anyone could.
    await asDbAdmin(async () => {
      let prevHash = rows.at(-3)!.hash;
      for (const row of rows.slice(-2)) {
        const edited = row.id === victim.id ? { ...row, actorLabel: 'someone else' } : row;
        const hash = hashRow({ ...edited, prevHash });
        await t.sys.db
          .update(auditEvents)
          .set({ actorLabel: edited.actorLabel, prevHash, hash })
          .where(eq(auditEvents.id, row.id));
        prevHash = hash;
      }
    });
    const result = await verifyAuditTrail(t.sys, { tenantId: own.tenant.id });
    expect(result.ok).toBe(false);
    expect(result.chains.find((c) => c.chain === victim.chain)!.firstBreak).toEqual({
      seq: victim.seq,
      id: victim.id,
      reason: 'bad_seal',
    });
  });

  it('accepts unsealed rows written before sealing, but not after a sealed one', async () => {
    const own = await tenantWithEvents(3);
    const rows = await rowsOf(own.tenant.id);
    // The first rows as an older Mamoru wrote them.
    await asDbAdmin(() =>
      t.sys.db.execute(sql`update audit_events set mac = null where chain = ${rows[0]!.chain} and seq <= 2`),
    );
    const ofChain = (r: Awaited<ReturnType<typeof verifyAuditTrail>>) =>
      r.chains.find((c) => c.chain === rows[0]!.chain)!;
    let result = await verifyAuditTrail(t.sys, { tenantId: own.tenant.id });
    expect(result.ok).toBe(true);
    expect(ofChain(result).unsealedRows).toBe(2);

    const last = rows.at(-1)!;
    await asDbAdmin(() => t.sys.db.update(auditEvents).set({ mac: null }).where(eq(auditEvents.id, last.id)));
    result = await verifyAuditTrail(t.sys, { tenantId: own.tenant.id });
    expect(ofChain(result).firstBreak).toEqual({ seq: last.seq, id: last.id, reason: 'unsealed' });
  });

  it('detects deleted newest rows against an anchor taken earlier', async () => {
    const own = await tenantWithEvents(2);
    const anchors = await auditAnchor(t.sys.db, { tenantId: own.tenant.id });
    const rows = await rowsOf(own.tenant.id);
    expect(anchors).toContainEqual({
      chain: rows.at(-1)!.chain,
      seq: rows.at(-1)!.seq,
      hash: rows.at(-1)!.hash,
    });
    // Without an anchor the shorter chain looks intact: this is what the anchor is for.
    await asDbAdmin(() => t.sys.db.delete(auditEvents).where(eq(auditEvents.id, rows.at(-1)!.id)));
    expect((await verifyAuditTrail(t.sys, { tenantId: own.tenant.id })).ok).toBe(true);
    const result = await verifyAuditTrail(t.sys, { tenantId: own.tenant.id, anchors });
    expect(result.ok).toBe(false);
    expect(result.chains.find((c) => c.chain === rows.at(-1)!.chain)!.anchorMismatch).toEqual({
      seq: rows.at(-1)!.seq,
      expected: rows.at(-1)!.hash,
      found: null,
    });
  });

  it('an anchor still matches after more events are written', async () => {
    const own = await tenantWithEvents(1);
    const anchors = await auditAnchor(t.sys.db, { tenantId: own.tenant.id });
    await own.admin.client.patch(`/api/v1/org/units/${own.divA1.id}`, { nameJa: 'その後' });
    expect((await verifyAuditTrail(t.sys, { tenantId: own.tenant.id, anchors })).ok).toBe(true);
  });
});
