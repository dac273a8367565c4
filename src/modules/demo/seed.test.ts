import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, Client, type TestApp } from '../../test/app.js';
import { accounts } from '../accounts/schema.js';
import { auditEvents } from '../audit/schema.js';
import { verifyAuditTrail } from '../audit/service.js';
import { orgUnits, people, tenants } from '../org/schema.js';
import { roleAssignments } from '../roles/schema.js';
import { systemHosts, systemSoftware, systems } from '../systems/schema.js';
import { generateDemo } from './generate.js';
import { type SeedResult, seedDemo } from './seed.js';

const PASSWORD = 'demo-seed-test-password';
const plan = generateDemo({ staff: 300, seed: 7 });
let t: TestApp;
let seeded: SeedResult;

beforeAll(async () => {
  t = await buildTestApp({ login: { maxFailures: 5, lockMinutes: 15, ratePerMinute: 1000 } });
  seeded = await seedDemo(t.sys, { plan, password: PASSWORD });
});
afterAll(() => t.close());

const rows = async (table: typeof people | typeof orgUnits | typeof accounts | typeof roleAssignments) => {
  const [r] = await t.sys.db.select({ n: count() }).from(table).where(eq(table.tenantId, seeded.tenantId));
  return r!.n;
};

describe('seeding the demo', () => {
  it('writes every unit (with the root), person, account and role assignment of the plan', async () => {
    expect(await rows(orgUnits)).toBe(plan.units.length + 1);
    expect(await rows(people)).toBe(300);
    expect(await rows(accounts)).toBe(300);
    expect(await rows(roleAssignments)).toBe(plan.assignments.length);
    expect(seeded).toMatchObject({ units: plan.units.length + 1, people: 300, accounts: 300 });
  });

  it('creates a ledger entry for each system owner pair, with web/mail hosts and some software past end of support', async () => {
    const entries = await t.sys.db.select().from(systems).where(eq(systems.tenantId, seeded.tenantId));
    const officers = plan.assignments.filter((a) => a.role === 'system_security_officer');
    expect(entries).toHaveLength(officers.length);
    expect(entries.every((e) => e.securityOfficerId && e.administratorId)).toBe(true);
    const hosts = await t.sys.db.select().from(systemHosts).where(eq(systemHosts.tenantId, seeded.tenantId));
    expect(new Set(hosts.map((h) => h.role))).toEqual(new Set(['web', 'mail']));
    const software = await t.sys.db
      .select()
      .from(systemSoftware)
      .where(eq(systemSoftware.tenantId, seeded.tenantId));
    expect(software.some((x) => x.endOfSupport !== null && x.endOfSupport < '2025-01-01')).toBe(true);
  });

  it('creates the central body as the agency’s parent', async () => {
    const all = await t.sys.db.select().from(tenants);
    const central = all.find((x) => x.code === 'nisc')!;
    expect(central.kind).toBe('central');
    expect(all.find((x) => x.code === 'demo')!.parentTenantId).toBe(central.id);
  });

  it('records one demo.seed event with the counts, and the audit chain verifies', async () => {
    const events = await t.sys.db.select().from(auditEvents).where(eq(auditEvents.action, 'demo.seed'));
    expect(events).toHaveLength(1);
    expect(events[0]!.after).toMatchObject({ seed: 7, people: 300, byRole: { staff: 300 } });
    expect((await verifyAuditTrail(t.sys)).ok).toBe(true);
  });

  it('refuses to seed a second demo agency', async () => {
    await expect(seedDemo(t.sys, { plan, password: PASSWORD })).rejects.toThrow(/already exists/);
  });
});

describe('logging in to the demo', () => {
  it('lets admin in with tenant-wide administration rights', async () => {
    const c = new Client(t.app);
    await c.login('admin', PASSWORD);
    const me = (await c.get('/api/v1/me')).json();
    expect(me.tenant.code).toBe('demo');
    expect(me.roles.map((r: { roleKey: string }) => r.roleKey).sort()).toEqual(['mamoru_admin', 'staff']);
    const [root] = await t.sys.db
      .select({ id: orgUnits.id })
      .from(orgUnits)
      .where(and(eq(orgUnits.tenantId, seeded.tenantId), eq(orgUnits.kind, 'root')));
    const scopes = Object.fromEntries(
      me.permissions.map((p: { permission: string; unitIds: string[] }) => [p.permission, p.unitIds]),
    );
    for (const p of [
      'org.read',
      'org.manage',
      'role.manage',
      'role.assign',
      'account.manage',
      'audit.read',
    ]) {
      expect(scopes[p], p).toEqual([root!.id]);
    }
  });

  it('shows admin the whole organisation and all its people', async () => {
    const c = new Client(t.app);
    await c.login('admin', PASSWORD);
    const units = (await c.get('/api/v1/org/units')).json();
    expect(units.items).toHaveLength(plan.units.length + 1);
    const list = (await c.get('/api/v1/people?pageSize=10')).json();
    expect(list.total).toBe(plan.people.length);
  });

  it('lets a staff member in with their staff number in lower case and the shared password', async () => {
    const person = plan.people.find((p) => p.staffNo !== plan.adminStaffNo && p.status === 'active')!;
    const c = new Client(t.app);
    await c.login(person.staffNo.toLowerCase(), PASSWORD);
    const me = (await c.get('/api/v1/me')).json();
    expect(me.person.staffNo).toBe(person.staffNo);
    expect(me.roles.map((r: { roleKey: string }) => r.roleKey)).toContain('staff');
  });

  it('lets the central analyst in to the central body', async () => {
    const c = new Client(t.app);
    await c.login('nisc', PASSWORD);
    const me = (await c.get('/api/v1/me')).json();
    expect(me.tenant.kind).toBe('central');
    expect(me.roles.map((r: { roleKey: string }) => r.roleKey)).toEqual(['central_analyst']);
  });
});
