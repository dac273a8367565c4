import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { fiscalYearOf, todayInJapan } from '../../lib/dates.js';
import { buildTestApp, type TestApp } from '../../test/app.js';
import { buildAgency, buildAgencyTree, buildPerson } from '../../test/factories.js';
import { people } from '../org/schema.js';
import { TrainingAnnual } from '../report/figures-model.js';
import { buildPublishedCourse } from './course.fixtures.js';
import { annualFigures } from './public.js';
import { applyRules } from './rule-service.js';

// The annual report's training figures (000 L1272-1348) must be the completion report's, exactly.

let t: TestApp;
let tree: Awaited<ReturnType<typeof buildAgencyTree>>;
const FY = fiscalYearOf(new Date());
const api = (path: string) => `/api/v1/training${path}`;

beforeAll(async () => {
  t = await buildTestApp();
  tree = await buildAgencyTree(t);
});
afterAll(() => t.close());
afterEach(() => vi.useRealTimers());

async function ok<R extends { statusCode: number; body: string }>(res: Promise<R>, status = 200) {
  const r = await res;
  expect(r.statusCode, r.body).toBe(status);
  return r;
}

const completeOffline = (course: string, personId: string, completedOn = todayInJapan()) =>
  ok(
    tree.admin.client.post(api(`/courses/${course}/offline-completions`), {
      personId,
      method: 'printed',
      completedOn,
      note: '印刷物を閲覧し確認書に署名',
    }),
    201,
  );

describe('training annualFigures', () => {
  it('equals the completion report for every course of the year, overall and by metric group', async () => {
    // A course assigned by a role rule (staff and division officers), and one assigned by hand.
    const byRole = await buildPublishedCourse(tree.admin.client, { n: 2 });
    const manual = await buildPublishedCourse(tree.admin.client, { n: 2 });
    const staff = [];
    for (let i = 0; i < 4; i++) staff.push(await buildPerson(t, { unit: tree.divA1, roles: ['staff'] }));
    const officer = await buildPerson(t, { unit: tree.divB1, roles: ['division_security_officer'] });
    const leaver = await buildPerson(t, { unit: tree.divA2, roles: ['staff'] });
    await ok(
      tree.admin.client.post(api('/rules'), {
        courseId: byRole,
        roleKeys: ['staff', 'division_security_officer'],
      }),
      201,
    );
    await applyRules(t.sys, tree.tenant.id);
    await completeOffline(byRole, staff[0]!.person.id);
    await completeOffline(byRole, officer.person.id);
    // someone who left after being assigned counts nowhere (as in the completion report)
    await t.sys.db.update(people).set({ status: 'left' }).where(eq(people.id, leaver.person.id));
    await ok(
      tree.admin.client.post(api(`/courses/${manual}/assignments`), {
        personIds: [staff[1]!.person.id, staff[2]!.person.id, officer.person.id],
        dueOn: null,
      }),
    );
    await completeOffline(manual, staff[2]!.person.id);

    const figures = await annualFigures(t.sys.db, tree.tenant.id, FY);
    expect(TrainingAnnual.parse(figures)).toEqual(figures);
    expect(figures!.courses.map((c) => c.courseId)).toEqual([byRole, manual]);
    for (const c of figures!.courses) {
      const report = (
        await ok(tree.admin.client.get(api(`/completion?courseId=${c.courseId}&fiscalYear=${FY}`)))
      ).json();
      expect({ assigned: c.assigned, completed: c.completed, rate: c.rate }).toEqual({
        assigned: report.total.assigned,
        completed: report.total.completed,
        rate: report.total.rate,
      });
      expect(c.link).toBe(`/training/report?course=${c.courseId}&fy=${FY}`);
    }
    // admin (staff at the root) + 4 staff + the officer; 2 completed
    expect(figures!.courses[0]).toMatchObject({ assigned: 6, completed: 2, rate: 2 / 6 });
    expect(figures!.courses[0]!.groups).toEqual({
      staff: { assigned: 5, completed: 1, rate: 1 / 5 },
      managers: { assigned: 1, completed: 1, rate: 1 },
    });
    // assigned by hand: no role, no groups
    expect(figures!.courses[1]).toMatchObject({ assigned: 3, completed: 1, groups: {} });
    expect(figures!.overall).toEqual({ assigned: 9, completed: 3, rate: 3 / 9 });
  });

  it('counts an assignment made at 00:30 JST on 1 April in the new fiscal year, at 23:59 on 31 March in the old', async () => {
    const agency = await buildAgencyTree(t);
    const course = await buildPublishedCourse(agency.admin.client, { n: 2 });
    const before = await buildPerson(t, { unit: agency.divA1, account: false });
    const after = await buildPerson(t, { unit: agency.divA1, account: false });
    const assign = (personId: string) =>
      ok(agency.admin.client.post(api(`/courses/${course}/assignments`), { personIds: [personId] }));
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-03-31T14:59:00Z')); // 23:59 JST, 31 March 2026: FY2025
    await assign(before.person.id);
    vi.setSystemTime(new Date('2026-03-31T15:30:00Z')); // 00:30 JST, 1 April 2026: FY2026
    await assign(after.person.id);
    vi.useRealTimers();
    const fy2025 = await annualFigures(t.sys.db, agency.tenant.id, 2025);
    const fy2026 = await annualFigures(t.sys.db, agency.tenant.id, 2026);
    expect(fy2025!.courses).toMatchObject([{ courseId: course, assigned: 1 }]);
    expect(fy2026!.courses).toMatchObject([{ courseId: course, assigned: 1 }]);
    for (const [fy, figures] of [
      [2025, fy2025],
      [2026, fy2026],
    ] as const) {
      const report = (
        await ok(agency.admin.client.get(api(`/completion?courseId=${course}&fiscalYear=${fy}`)))
      ).json();
      expect(report.total.assigned).toBe(figures!.courses[0]!.assigned);
    }
  });

  it('is null for a year with nothing assigned, and never shows another agency', async () => {
    const other = await buildAgency(t);
    expect(await annualFigures(t.sys.db, other.tenant.id, FY)).toBeNull();
    expect(await annualFigures(t.sys.db, tree.tenant.id, FY - 5)).toBeNull();
  });
});
