import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.js';
import { buildAgencyTree, buildPerson, buildUnit, roleByKey } from '../../test/factories.js';
import { OrgAnnual } from '../report/figures-model.js';
import { STANDARD_ROLES } from '../roles/catalog.js';
import { roleAssignments } from '../roles/schema.js';
import { annualFigures } from './public.js';
import { orgUnits } from './schema.js';

// The annual report's 推進体制 (000 L375-431): the CISO, the officers of each bureau and division, and
// how many hold each standard role, with a few names.

let t: TestApp;
let tree: Awaited<ReturnType<typeof buildAgencyTree>>;
let figures: OrgAnnual;

beforeAll(async () => {
  t = await buildTestApp();
  tree = await buildAgencyTree(t);
  await buildPerson(t, { unit: tree.root, name: '最高 一郎', roles: ['ciso'], account: false });
  // Six division officers; the one placed at a bureau comes first; one holds the role at two units.
  const divisions = [tree.divA1, tree.divA2, tree.divB1, tree.divA1, tree.divA2];
  for (const [i, unit] of divisions.entries())
    await buildPerson(t, { unit, name: `課室 ${i}`, roles: ['division_security_officer'], account: false });
  await buildPerson(t, {
    unit: tree.bureauA,
    name: '局付 課長',
    roles: ['division_security_officer'],
    account: false,
  });
  const twice = await buildPerson(t, {
    unit: tree.divB1,
    name: '兼務 花子',
    roles: ['division_security_officer'],
    account: false,
  });
  const role = await roleByKey(t.sys, tree.tenant.id, 'division_security_officer');
  await t.sys.db.insert(roleAssignments).values({
    tenantId: tree.tenant.id,
    personId: twice.person.id,
    roleId: role.id,
    unitId: tree.divA2.id,
  });
  // Not counted: someone who left, and an assignment at an abolished unit.
  await buildPerson(t, { unit: tree.divA1, status: 'left', roles: ['ciso'], account: false });
  const gone = await buildUnit(t, tree.bureauB, { nameJa: '廃止課' });
  await buildPerson(t, { unit: tree.divB1, roles: ['audit_officer'], roleUnit: gone, account: false });
  await t.sys.db.update(orgUnits).set({ abolishedAt: new Date() }).where(eq(orgUnits.id, gone.id));
  // On long leave: not an active person, still a staff member who holds the staff role.
  await buildPerson(t, { unit: tree.divA1, status: 'long_leave', account: false });
  figures = await annualFigures(t.sys.db, tree.tenant.id, 2026);
});
afterAll(() => t.close());

const role = (key: string) => figures.roles.find((r) => r.key === key)!;

describe('the organisation’s figures (000 L375-431)', () => {
  it('counts active people and the units in existence', () => {
    // admin, CISO, 7 division officers, the audit officer; not the leaver or the one on leave.
    expect(figures.people).toBe(10);
    // root, two bureaus, three divisions; not the abolished one.
    expect(figures.units).toBe(6);
  });

  it('lists the standard roles in the catalog’s order', () => {
    expect(figures.roles.map((r) => r.key)).toEqual(
      STANDARD_ROLES.filter((r) => r.standardName !== null).map((r) => r.key),
    );
    expect(role('ciso')).toMatchObject({
      name: '最高情報セキュリティ責任者',
      holders: 1,
      names: ['最高 一郎'],
    });
    expect(OrgAnnual.parse(figures)).toEqual(figures);
  });

  it('counts each holder once and names five, the highest-placed first', () => {
    const officers = role('division_security_officer');
    expect(officers.holders).toBe(7);
    expect(officers.names).toHaveLength(5);
    expect(officers.names[0]).toBe('局付 課長');
  });

  it('leaves out people who left and assignments at abolished units', () => {
    expect(role('ciso').holders).toBe(1);
    expect(role('audit_officer')).toMatchObject({ holders: 0, names: [] });
  });

  it('gives the staff role to every staff member, assigned or not (001 L2774)', () => {
    expect(role('staff')).toMatchObject({ holders: 11, names: [], allStaff: true });
    expect(role('ciso').allStaff).toBe(false);
  });

  it('is another agency’s own', async () => {
    const other = await buildAgencyTree(t);
    const f = await annualFigures(t.sys.db, other.tenant.id, 2026);
    expect([f.people, f.units]).toEqual([1, 6]);
    expect(f.roles.find((r) => r.key === 'ciso')!.holders).toBe(0);
  });
});
