import { and, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../db/client.js';
import type { ActorCtx } from '../../server/context.js';
import { buildTestApp, type TestApp } from '../../test/app.js';
import { accountOf } from '../../test/factories.js';
import { loadActor } from '../accounts/actor.js';
import { buildRegisterWorld, type RegisterWorld } from './register.fixtures.js';
import { viewerOf, visibleCandidates, visibleEntry } from './register-access.js';
import { listEntries } from './register-query.js';
import { classificationEntryAccess, classificationEntries as e } from './register-schema.js';

// Register lists read a superset of the visible entries through indexes (visibleCandidates) before the
// rule (visibleEntry) filters it: the superset must never lose an entry the rule lets someone see.

let t: TestApp;
let w: RegisterWorld;

beforeAll(async () => {
  t = await buildTestApp();
  w = await buildRegisterWorld(t);
  const insert = async (title: string, unitId: string, owner: string, level: number) => {
    const [row] = await t.sys.db
      .insert(e)
      .values({
        tenantId: w.tenant.id,
        unitId,
        policyId: 'unified-5th',
        title,
        ownerPersonId: owner,
        proposedBy: owner,
        form: 'paper',
        confidentiality: level,
        scopeRestricted: level >= 3,
        status: 'confirmed',
      })
      .returning();
    return row!;
  };
  // One entry per way in.
  await insert('第一課の機密性2', w.divA1.id, w.staff.person.id, 2);
  await insert('第一局の機密性1', w.bureauA.id, w.officer.person.id, 1);
  await insert('第二課の機密性2', w.divA2.id, w.neighbour.person.id, 2);
  const named = await insert('第一課の機密性3・第三課の職員を指名', w.divA1.id, w.staff.person.id, 3);
  await t.sys.db.insert(classificationEntryAccess).values({ entryId: named.id, personId: w.named.person.id });
  const byUnit = await insert('第三課の機密性3・第一局を指名', w.divB1.id, w.outsider.person.id, 3);
  await t.sys.db.insert(classificationEntryAccess).values({ entryId: byUnit.id, unitId: w.bureauA.id });
  await insert('第三課の機密性3・指名なし', w.divB1.id, w.outsider.person.id, 3);
});
afterAll(() => t.close());

async function ctxOf(login: string): Promise<ActorCtx> {
  const account = await accountOf(t, login);
  return { ...t.sys, actor: (await loadActor(t.sys.db, account.id, 'session'))! };
}

async function titles(ctx: ActorCtx, withCandidates: boolean) {
  const v = await viewerOf(ctx);
  const where = withCandidates ? and(visibleCandidates(ctx, v), visibleEntry(ctx, v)) : visibleEntry(ctx, v);
  const rows = await ctx.db.select({ title: e.title }).from(e).where(where);
  return rows.map((r) => r.title).sort();
}

describe('register lists through the candidate entries', () => {
  it('return exactly what the visibility rule alone returns, for every kind of viewer', async () => {
    for (const who of [
      'head',
      'head2',
      'officer',
      'staff',
      'colleague',
      'neighbour',
      'outsider',
      'named',
      'ciso',
    ] as const) {
      const ctx = await ctxOf(w[who].login);
      expect(await titles(ctx, true), who).toEqual(await titles(ctx, false));
    }
  });

  it('show the division head their division, what names their bureau, and nothing of the division next door', async () => {
    const page = await listEntries(await ctxOf(w.head.login), { page: 1, pageSize: 50, subtree: 'true' });
    expect(page.items.map((i) => i.title).sort()).toEqual(
      [
        '第一課の機密性2',
        '第一課の機密性3・第三課の職員を指名',
        '第一局の機密性1',
        '第三課の機密性3・第一局を指名',
      ].sort(),
    );
    expect(page.total).toBe(4);
  });

  it('show a person named in a scope that entry alone among their neighbours’', async () => {
    const page = await listEntries(await ctxOf(w.named.login), { page: 1, pageSize: 50, subtree: 'true' });
    expect(page.items.map((i) => i.title)).toEqual(['第一課の機密性3・第三課の職員を指名']);
  });

  it('read the register through its indexes, not a scan of every entry (PostgreSQL)', async (ctx) => {
    if (t.database.kind !== 'postgres') ctx.skip(); // PGlite's planner has no autovacuum statistics here
    const head = await ctxOf(w.head.login);
    // 20,000 entries of another division, so a scan would cost what it costs in an agency.
    await t.sys.db.execute(sql`
      insert into classification_entries (tenant_id, unit_id, policy_id, title, owner_person_id, proposed_by,
        form, confidentiality, scope_restricted, status)
      select ${w.tenant.id}, ${w.divB1.id}, 'unified-5th', '他課の文書' || g, ${w.outsider.person.id},
        ${w.outsider.person.id}, 'paper', 2, false, 'confirmed'
      from generate_series(1, 20000) g`);
    await t.sys.db.execute(sql`analyze classification_entries`);
    const v = await viewerOf(head);
    const query = t.sys.db
      .select({ id: e.id })
      .from(e)
      .where(and(visibleCandidates(head, v), visibleEntry(head, v)))
      .limit(50)
      .toSQL();
    const text = rowsOf<{ 'QUERY PLAN': string }>(
      await t.sys.db.execute(sql.raw(`explain ${inline(query.sql, query.params)}`)),
    )
      .map((r) => r['QUERY PLAN'])
      .join('\n');
    expect(text).not.toMatch(/Seq Scan on classification_entries\b/);
    expect(text).toMatch(/classification_entries_pkey|classification_entries_unit/);
    expect((await listEntries(head, { page: 1, pageSize: 50, subtree: 'true' })).total).toBe(4);
  });
});

/** The statement with its parameters written in (EXPLAIN takes no bind parameters through drizzle). */
function inline(text: string, params: unknown[]) {
  const lit = (p: unknown): string =>
    Array.isArray(p)
      ? `array[${p.map(lit).join(',')}]::text[]`
      : typeof p === 'number' || typeof p === 'boolean'
        ? String(p)
        : `'${String(p).replaceAll("'", "''")}'`;
  return text.replace(/\$(\d+)/g, (_, i) => lit(params[Number(i) - 1]));
}
