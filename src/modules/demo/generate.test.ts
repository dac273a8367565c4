import { describe, expect, it } from 'vitest';
import { STANDARD_ROLES } from '../roles/catalog.js';
import { generateDemo, MIN_DEMO_STAFF, ROOT_CODE } from './generate.js';

const plan = generateDemo({ staff: 2000, seed: 1 });
const share = (n: number) => n / plan.people.length;
const holders = (role: string) => plan.assignments.filter((a) => a.role === role);
const unitByCode = new Map(plan.units.map((u) => [u.code, u]));

describe('determinism', () => {
  it('gives a byte-identical plan for the same staff count and seed', () => {
    expect(JSON.stringify(generateDemo({ staff: 2000, seed: 1 }))).toBe(JSON.stringify(plan));
  });

  it('gives a different agency for another seed', () => {
    expect(JSON.stringify(generateDemo({ staff: 2000, seed: 2 }))).not.toBe(JSON.stringify(plan));
  });

  it('refuses a staff count the demo cannot staff', () => {
    expect(() => generateDemo({ staff: MIN_DEMO_STAFF - 1, seed: 1 })).toThrow(RangeError);
    expect(() => generateDemo({ staff: 1500.5, seed: 1 })).toThrow(RangeError);
  });
});

describe('the organisation', () => {
  it('has 6-8 bureaus under the root, including 大臣官房 and one external bureau', () => {
    const bureaus = plan.units.filter((u) => u.parentCode === ROOT_CODE);
    expect(bureaus.length).toBeGreaterThanOrEqual(6);
    expect(bureaus.length).toBeLessThanOrEqual(8);
    expect(bureaus[0]!.nameJa).toBe('大臣官房');
    expect(bureaus.filter((b) => b.kind === 'external_bureau')).toHaveLength(1);
  });

  it('gives every bureau 4-10 divisions', () => {
    for (const b of plan.units.filter((u) => u.parentCode === ROOT_CODE)) {
      const n = plan.units.filter((u) => u.parentCode === b.code).length;
      expect(n, b.nameJa).toBeGreaterThanOrEqual(4);
      expect(n, b.nameJa).toBeLessThanOrEqual(10);
    }
  });

  it('lists parents before their children, with unique codes and English names', () => {
    const seen = new Set([ROOT_CODE]);
    for (const u of plan.units) {
      expect(seen.has(u.parentCode), u.code).toBe(true);
      expect(seen.has(u.code), u.code).toBe(false);
      expect(u.nameEn.length).toBeGreaterThan(0);
      seen.add(u.code);
    }
  });

  it('grows with the staff count so that a division holds ≤ ~300 people on average', () => {
    const big = generateDemo({ staff: 50_000, seed: 1 });
    const divisions = big.units.filter((u) => u.kind === 'division').length;
    expect(big.people.length / divisions).toBeLessThanOrEqual(300);
    const perUnit = new Map<string, number>();
    for (const p of big.people) perUnit.set(p.unitCode, (perUnit.get(p.unitCode) ?? 0) + 1);
    expect(Math.max(...perUnit.values())).toBeLessThanOrEqual(400);
  });
});

describe('the people', () => {
  it('has exactly the requested number of people, each in a unit of the plan', () => {
    expect(plan.people).toHaveLength(2000);
    for (const p of plan.people) expect(unitByCode.has(p.unitCode)).toBe(true);
  });

  it('gives unique staff numbers and e-mail addresses', () => {
    expect(new Set(plan.people.map((p) => p.staffNo)).size).toBe(2000);
    expect(new Set(plan.people.map((p) => p.email)).size).toBe(2000);
    for (const p of plan.people) expect(p.email).toMatch(/^[a-z]+\.[a-z]+\d*@demo\.go\.jp$/);
  });

  it('writes readings in hiragana', () => {
    for (const p of plan.people) expect(p.kana).toMatch(/^[ぁ-ゖー]+ [ぁ-ゖー]+$/);
  });

  it('has ~10-15 % part-time staff and a few on fixed terms', () => {
    const partTime = share(plan.people.filter((p) => p.employmentType === 'part_time').length);
    const fixedTerm = plan.people.filter((p) => p.employmentType === 'fixed_term').length;
    expect(partTime).toBeGreaterThan(0.1);
    expect(partTime).toBeLessThan(0.15);
    expect(fixedTerm).toBeGreaterThan(0);
    expect(share(fixedTerm)).toBeLessThan(0.05);
  });

  it('has ~1-2 % on long leave and a few excluded', () => {
    const leave = share(plan.people.filter((p) => p.status === 'long_leave').length);
    const excluded = plan.people.filter((p) => p.status === 'excluded').length;
    expect(leave).toBeGreaterThan(0.007);
    expect(leave).toBeLessThan(0.025);
    expect(excluded).toBeGreaterThan(0);
    expect(share(excluded)).toBeLessThan(0.01);
  });
});

describe('the roles', () => {
  it('has a holder for every standard role', () => {
    const held = new Set(plan.assignments.map((a) => a.role));
    for (const r of STANDARD_ROLES) expect(held.has(r.key), r.key).toBe(true);
  });

  it('uses only role keys of the standard catalog and people of the plan', () => {
    const keys = new Set(STANDARD_ROLES.map((r) => r.key));
    const staffNos = new Set(plan.people.map((p) => p.staffNo));
    for (const a of plan.assignments) {
      expect(keys.has(a.role), a.role).toBe(true);
      expect(staffNos.has(a.staffNo)).toBe(true);
      expect(a.unitCode === ROOT_CODE || unitByCode.has(a.unitCode)).toBe(true);
    }
  });

  it('makes every person a 行政事務従事者 at their own unit, so everyone is self-checked', () => {
    const staff = new Map(holders('staff').map((a) => [a.staffNo, a.unitCode]));
    expect(staff.size).toBe(plan.people.length);
    for (const p of plan.people) expect(staff.get(p.staffNo)).toBe(p.unitCode);
  });

  it('holds the agency-wide roles once each, at the root', () => {
    for (const role of [
      'ciso',
      'chief_security_officer',
      'audit_officer',
      'security_advisor',
      'mamoru_admin',
    ]) {
      expect(holders(role).map((a) => a.unitCode)).toEqual([ROOT_CODE]);
    }
  });

  it('gives the administrator account’s person mamoru_admin, staff and nothing else', () => {
    const roles = plan.assignments.filter((a) => a.staffNo === plan.adminStaffNo).map((a) => a.role);
    expect(roles.sort()).toEqual(['mamoru_admin', 'staff']);
    const admin = plan.people.find((p) => p.staffNo === plan.adminStaffNo)!;
    expect(admin.status).toBe('active');
  });

  it('has one 情報セキュリティ責任者 per bureau and one 課室情報セキュリティ責任者 per division', () => {
    const bureaus = plan.units.filter((u) => u.kind === 'bureau' || u.kind === 'external_bureau');
    const divisions = plan.units.filter((u) => u.kind === 'division');
    expect(holders('security_officer').map((a) => a.unitCode)).toEqual(bureaus.map((b) => b.code));
    expect(holders('division_security_officer').map((a) => a.unitCode)).toEqual(divisions.map((d) => d.code));
    // The head is a member of the unit they answer for.
    for (const a of holders('division_security_officer')) {
      expect(plan.people.find((p) => p.staffNo === a.staffNo)!.unitCode).toBe(a.unitCode);
    }
  });

  it('gives a few dozen people a system role at their own division', () => {
    const system = [...holders('system_security_officer'), ...holders('system_security_administrator')];
    expect(new Set(system.map((a) => a.staffNo)).size).toBe(system.length);
    expect(system.length).toBeGreaterThanOrEqual(20);
    expect(system.length).toBeLessThanOrEqual(80);
    for (const a of system) {
      expect(unitByCode.get(a.unitCode)!.kind).toBe('division');
      expect(plan.people.find((p) => p.staffNo === a.staffNo)!.unitCode).toBe(a.unitCode);
    }
  });
});
