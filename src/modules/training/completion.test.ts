import { and, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fiscalYearOf } from '../../lib/dates.js';
import { buildTestApp, type TestApp } from '../../test/app.js';
import { buildAgencyTree, buildPerson, loginAs } from '../../test/factories.js';
import { answersFor, buildPublishedCourse } from './course.fixtures.js';
import { trainingAssignments } from './schema.js';

let t: TestApp;
let tree: Awaited<ReturnType<typeof buildAgencyTree>>;
let courseId: string;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await buildTestApp();
  tree = await buildAgencyTree(t);
  courseId = await buildPublishedCourse(tree.admin.client, { n: 2 });
  // divA1: two people, one completes by test; divA2: one overdue; divB1: one completed in a classroom
  const a1done = await loginAs(t, { unit: tree.divA1, roles: ['staff'], name: '合格 太郎' });
  const a1open = await buildPerson(t, { unit: tree.divA1, account: false, name: '未受講 花子' });
  const a2late = await buildPerson(t, { unit: tree.divA2, account: false });
  const b1done = await buildPerson(t, { unit: tree.divB1, account: false });
  Object.assign(ids, {
    a1done: a1done.person.id,
    a1open: a1open.person.id,
    a2late: a2late.person.id,
    b1done: b1done.person.id,
  });
  await tree.admin.client.post(`/api/v1/training/courses/${courseId}/assignments`, {
    personIds: [a1done.person.id, a1open.person.id, b1done.person.id],
    dueOn: '2099-12-31',
  });
  await tree.admin.client.post(`/api/v1/training/courses/${courseId}/assignments`, {
    personIds: [a2late.person.id],
    dueOn: '2020-01-01',
  });
  const at = (await a1done.client.post(`/api/v1/training/courses/${courseId}/attempts`)).json();
  await a1done.client.post(`/api/v1/training/attempts/${at.id}/submit`, {
    answers: answersFor(at.questions),
  });
  const s = (
    await tree.admin.client.post(`/api/v1/training/courses/${courseId}/sessions`, { heldOn: '2026-04-20' })
  ).json();
  await tree.admin.client.request({
    method: 'PUT',
    url: `/api/v1/training/sessions/${s.id}/attendance`,
    payload: { entries: [{ personId: b1done.person.id, attended: true }] },
  });
  // backdate: assigned in FY2025 Q4, classroom completion in FY2026 Q1
  await t.sys.db
    .update(trainingAssignments)
    .set({ assignedAt: new Date('2026-03-10T00:00:00Z') })
    .where(eq(trainingAssignments.courseId, courseId));
});
afterAll(() => t.close());

describe('completion by unit', () => {
  it('counts per child unit over its subtree, with the total and drill-down', async () => {
    const res = await tree.admin.client.get(`/api/v1/training/completion?courseId=${courseId}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    // the admin (root) is not assigned; 4 people are
    expect(body.total).toEqual({ assigned: 4, completed: 2, overdue: 1, offline: 0, rate: 0.5 });
    const a = body.units.find((u: { unitId: string }) => u.unitId === tree.bureauA.id);
    const b = body.units.find((u: { unitId: string }) => u.unitId === tree.bureauB.id);
    expect(a).toMatchObject({ assigned: 3, completed: 1, overdue: 1, hasChildren: true });
    expect(b).toMatchObject({ assigned: 1, completed: 1, rate: 1 });
    const down = (
      await tree.admin.client.get(
        `/api/v1/training/completion?courseId=${courseId}&unitId=${tree.bureauA.id}`,
      )
    ).json();
    expect(down.units.map((u: { unitId: string; assigned: number }) => [u.unitId, u.assigned])).toEqual([
      [tree.divA1.id, 2],
      [tree.divA2.id, 1],
    ]);
  });

  it('shows a division officer only their own division; other units are not found', async () => {
    const officer = await loginAs(t, { unit: tree.divA1, roles: ['division_security_officer'] });
    const mine = (await officer.client.get(`/api/v1/training/completion?courseId=${courseId}`)).json();
    expect(mine.unit.id).toBe(tree.divA1.id);
    expect(mine.total).toMatchObject({ assigned: 2, completed: 1 });
    const other = await officer.client.get(
      `/api/v1/training/completion?courseId=${courseId}&unitId=${tree.bureauB.id}`,
    );
    expect(other.statusCode).toBe(404);
    const people = (
      await officer.client.get(`/api/v1/training/completion/people?courseId=${courseId}`)
    ).json();
    expect(people.items.map((p: { personId: string }) => p.personId).sort()).toEqual(
      [ids.a1done, ids.a1open].sort(),
    );
  });

  it('reports completion at the end of each fiscal quarter (Q1 = Apr–Jun)', async () => {
    const res = await tree.admin.client.get(
      `/api/v1/training/completion/quarterly?courseId=${courseId}&from=2026-01-01&to=2026-06-30`,
    );
    expect(res.statusCode, res.body).toBe(200);
    const qs = res
      .json()
      .quarters.map((q: { fiscalYear: number; quarter: number; assigned: number; completed: number }) => [
        q.fiscalYear,
        q.quarter,
        q.assigned,
        q.completed,
      ]);
    // completions happened "now" (test) and on 2026-04-20 (classroom); at the end of FY2025 Q4 nobody had completed
    expect(qs[0]).toEqual([2025, 4, 4, 0]);
    expect(qs[1]![0]).toBe(2026);
    expect(qs[1]![1]).toBe(1);
    expect(qs[1]![3]).toBeGreaterThanOrEqual(1);
    expect(
      res
        .json()
        .units.map((u: { unitId: string }) => u.unitId)
        .sort(),
    ).toEqual([tree.bureauA.id, tree.bureauB.id].sort());
  });

  it('lists people with status, search and paging', async () => {
    const all = (
      await tree.admin.client.get(`/api/v1/training/completion/people?courseId=${courseId}&pageSize=2`)
    ).json();
    expect(all.total).toBe(4);
    expect(all.items).toHaveLength(2);
    const overdue = (
      await tree.admin.client.get(`/api/v1/training/completion/people?courseId=${courseId}&status=overdue`)
    ).json();
    expect(overdue.items.map((p: { personId: string }) => p.personId)).toEqual([ids.a2late]);
    const found = (
      await tree.admin.client.get(
        `/api/v1/training/completion/people?courseId=${courseId}&q=${encodeURIComponent('花子')}`,
      )
    ).json();
    expect(found.items).toHaveLength(1);
    expect(found.items[0]).toMatchObject({ status: 'not_started', attempts: 0 });
    const done = (
      await tree.admin.client.get(`/api/v1/training/completion/people?courseId=${courseId}&status=completed`)
    ).json();
    expect(done.items.map((p: { completedVia: string }) => p.completedVia).sort()).toEqual([
      'classroom',
      'test',
    ]);
  });

  it('exports the per-person status as .xlsx', async () => {
    const res = await tree.admin.client.get(`/api/v1/training/completion/export?courseId=${courseId}`);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(1).text).toBe('年度');
    expect(ws.getRow(1).getCell(2).text).toBe('職員番号');
    expect(ws.rowCount).toBe(5);
  });

  it('summarises for the dashboard: my own training, and completion per course for viewers', async () => {
    const staff = await loginAs(t, { unit: tree.divB1, roles: ['staff'] });
    await tree.admin.client.post(`/api/v1/training/courses/${courseId}/assignments`, {
      personIds: [staff.person.id],
    });
    const mine = (await staff.client.get('/api/v1/training/summary')).json();
    expect(mine).toEqual({
      fiscalYear: fiscalYearOf(new Date()),
      my: { open: 1, overdue: 0, completed: 0 },
      courses: null,
    });
    const admin = (await tree.admin.client.get('/api/v1/training/summary')).json();
    const c = admin.courses.find((x: { courseId: string }) => x.courseId === courseId);
    expect(c).toMatchObject({ assigned: 5, completed: 2 });
    const [a] = await t.sys.db
      .select()
      .from(trainingAssignments)
      .where(and(eq(trainingAssignments.courseId, courseId), eq(trainingAssignments.personId, ids.a1done!)));
    expect(a!.completedVia).toBe('test');
  });
});
