import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { fiscalYearOf } from '../../lib/dates.js';
import { formatPercent } from '../../lib/percent.js';
import { buildTestApp, Client, type TestApp } from '../../test/app.js';
import { buildAgencyTree, buildPerson, loginAs, PASSWORD, roleByKey } from '../../test/factories.js';
import { auditEvents } from '../audit/schema.js';
import { roleAssignments } from '../roles/schema.js';
import { buildPublishedCourse } from './course.fixtures.js';
import { applyRules } from './rule-service.js';
import { trainingAssignments } from './schema.js';

let t: TestApp;
let tree: Awaited<ReturnType<typeof buildAgencyTree>>;
let courseId: string;
const FY = fiscalYearOf(new Date());
const api = (path: string) => `/api/v1/training${path}`;

beforeAll(async () => {
  t = await buildTestApp();
  tree = await buildAgencyTree(t);
  courseId = await buildPublishedCourse(tree.admin.client, { n: 2 });
});
afterAll(() => t.close());

async function assign(personIds: string[], dueOn: string | null = null, id = courseId) {
  const res = await tree.admin.client.post(api(`/courses/${id}/assignments`), { personIds, dueOn });
  expect(res.statusCode, res.body).toBe(200);
}

describe('scope: every subtree the viewer holds training.view on', () => {
  it('shows a viewer holding training.view on two divisions both of them, and nothing else', async () => {
    const course = await buildPublishedCourse(tree.admin.client, { n: 2 });
    const a1 = await buildPerson(t, { unit: tree.divA1, account: false });
    const a2 = await buildPerson(t, { unit: tree.divA2, account: false });
    const b1 = await buildPerson(t, { unit: tree.divB1, account: false });
    await assign([a1.person.id, a2.person.id, b1.person.id], null, course);
    const officer = await buildPerson(t, { unit: tree.divA1, roles: ['division_security_officer'] });
    const role = await roleByKey(t.sys, tree.tenant.id, 'division_security_officer');
    await t.sys.db.insert(roleAssignments).values({
      tenantId: tree.tenant.id,
      personId: officer.person.id,
      roleId: role.id,
      unitId: tree.divB1.id,
    });
    const client = new Client(t.app);
    await client.login(officer.login, PASSWORD);
    const res = await client.get(api(`/completion?courseId=${course}`));
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.unit).toBeNull();
    expect(body.total).toMatchObject({ assigned: 2, completed: 0 });
    expect(body.units.map((u: { unitId: string }) => u.unitId).sort()).toEqual(
      [tree.divA1.id, tree.divB1.id].sort(),
    );
    const people = (await client.get(api(`/completion/people?courseId=${course}`))).json();
    expect(people.items.map((p: { personId: string }) => p.personId).sort()).toEqual(
      [a1.person.id, b1.person.id].sort(),
    );
    const quarterly = (await client.get(api(`/completion/quarterly?courseId=${course}`))).json();
    expect(quarterly.units.map((u: { unitId: string }) => u.unitId).sort()).toEqual(
      [tree.divA1.id, tree.divB1.id].sort(),
    );
    const summary = (await client.get(api('/summary'))).json();
    expect(summary.courses.find((c: { courseId: string }) => c.courseId === course)).toMatchObject({
      assigned: 2,
    });
    // each division on its own is open; the division outside and the bureau above are not found
    expect((await client.get(api(`/completion?courseId=${course}&unitId=${tree.divB1.id}`))).statusCode).toBe(
      200,
    );
    expect((await client.get(api(`/completion?courseId=${course}&unitId=${tree.divA2.id}`))).statusCode).toBe(
      404,
    );
    expect(
      (await client.get(api(`/completion?courseId=${course}&unitId=${tree.bureauA.id}`))).statusCode,
    ).toBe(404);
  });

  it('refuses completion figures to staff without training.view', async () => {
    const staff = await loginAs(t, { unit: tree.divA1, roles: ['staff'] });
    expect((await staff.client.get(api(`/completion?courseId=${courseId}`))).statusCode).toBe(403);
    expect((await staff.client.get(api(`/completion/people?courseId=${courseId}`))).statusCode).toBe(403);
  });
});

describe('rates are fractions 0..1 (the 6800.0 % bug)', () => {
  it('68 of 100 completed is 0.68 in the API and "68.0%" once formatted', async () => {
    const course = await buildPublishedCourse(tree.admin.client, { n: 2 });
    const unit = tree.divA2;
    const ids: string[] = [];
    for (let i = 0; i < 100; i++) ids.push((await buildPerson(t, { unit, account: false })).person.id);
    await assign(ids, null, course);
    await t.sys.db
      .update(trainingAssignments)
      .set({ completedAt: new Date(), completedVia: 'classroom' })
      .where(
        and(
          eq(trainingAssignments.courseId, course),
          inArray(trainingAssignments.personId, ids.slice(0, 68)),
        ),
      );
    const completion = (
      await tree.admin.client.get(api(`/completion?courseId=${course}&unitId=${unit.id}`))
    ).json();
    expect(completion.total).toMatchObject({ assigned: 100, completed: 68, rate: 0.68 });
    expect(formatPercent(completion.total.rate, 'en')).toBe('68.0%');
    expect(formatPercent(completion.total.rate, 'ja')).toBe('68.0%');
    const summary = (await tree.admin.client.get(api('/summary'))).json();
    const card = summary.courses.find((c: { courseId: string }) => c.courseId === course);
    expect(card.rate).toBe(0.68);
    expect(formatPercent(card.rate, 'en')).toBe('68.0%');
  });
});

describe('due dates and "today" are Japanese days', () => {
  afterEach(() => vi.useRealTimers());

  it('an assignment due on the 5th is overdue at 00:30 JST on the 6th (15:30 UTC on the 5th)', async () => {
    const course = await buildPublishedCourse(tree.admin.client, { n: 2 });
    const learner = await loginAs(t, { unit: tree.divB1, roles: ['staff'] });
    await assign([learner.person.id], '2026-12-05', course);
    const status = async () =>
      (await learner.client.get(api('/my')))
        .json()
        .open.find((a: { course: { id: string } }) => a.course.id === course)?.status;
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-05T14:59:00Z')); // 23:59 JST on the 5th
    expect(await status()).toBe('not_started');
    vi.setSystemTime(new Date('2026-12-05T15:30:00Z')); // 00:30 JST on the 6th
    expect(await status()).toBe('overdue');
    const people = (
      await tree.admin.client.get(api(`/completion/people?courseId=${course}&unitId=${tree.divB1.id}`))
    ).json();
    expect(people.items.find((p: { personId: string }) => p.personId === learner.person.id).status).toBe(
      'overdue',
    );
  });
});

describe('training by fiscal year', () => {
  it('keeps last year in history: completion, people and export take a fiscal year (default this one)', async () => {
    const course = await buildPublishedCourse(tree.admin.client, { n: 2 });
    const p = await buildPerson(t, { unit: tree.divA1, account: false });
    await assign([p.person.id], null, course);
    // last year's assignment, completed last year
    await t.sys.db
      .update(trainingAssignments)
      .set({
        fiscalYear: FY - 1,
        assignedAt: new Date(`${FY - 1}-05-01T00:00:00Z`),
        completedAt: new Date(`${FY - 1}-06-01T00:00:00Z`),
        completedVia: 'test',
      })
      .where(eq(trainingAssignments.courseId, course));
    await assign([p.person.id], null, course);
    const last = (
      await tree.admin.client.get(api(`/completion?courseId=${course}&fiscalYear=${FY - 1}`))
    ).json();
    expect(last).toMatchObject({ fiscalYear: FY - 1, total: { assigned: 1, completed: 1, rate: 1 } });
    const now = (await tree.admin.client.get(api(`/completion?courseId=${course}`))).json();
    expect(now).toMatchObject({ fiscalYear: FY, total: { assigned: 1, completed: 0, rate: 0 } });
    const people = (
      await tree.admin.client.get(api(`/completion/people?courseId=${course}&fiscalYear=${FY - 1}`))
    ).json();
    expect(people.items).toMatchObject([{ personId: p.person.id, fiscalYear: FY - 1, status: 'completed' }]);
    const xlsx = await tree.admin.client.get(
      api(`/completion/export?courseId=${course}&fiscalYear=${FY - 1}`),
    );
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-disposition']).toContain(`FY${FY - 1}`);
    const q = (
      await tree.admin.client.get(api(`/completion/quarterly?courseId=${course}&fiscalYear=${FY - 1}`))
    ).json();
    expect(q.quarters.map((x: { quarter: number }) => x.quarter)).toEqual([1, 2, 3, 4]);
    expect(q.quarters[0]).toMatchObject({ fiscalYear: FY - 1, assigned: 1, completed: 1 });
  });

  it('rejects a fiscal year that is not a year', async () => {
    const res = await tree.admin.client.get(api(`/completion?courseId=${courseId}&fiscalYear=abc`));
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].path).toBe('query.fiscalYear');
  });

  it('an "every fiscal year" rule assigns again in a new fiscal year; a one-off rule does not', async () => {
    const yearly = await buildPublishedCourse(tree.admin.client, { n: 2 });
    const once = await buildPublishedCourse(tree.admin.client, { n: 2 });
    const p = await buildPerson(t, { unit: tree.divB1, account: false });
    for (const [course, everyFiscalYear] of [
      [yearly, true],
      [once, false],
    ] as const) {
      const res = await tree.admin.client.post(api('/rules'), {
        courseId: course,
        unitIds: [tree.divB1.id],
        everyFiscalYear,
        dueDays: 30,
      });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().everyFiscalYear).toBe(everyFiscalYear);
    }
    await applyRules(t.sys, tree.tenant.id);
    const mine = (course: string) =>
      t.sys.db
        .select()
        .from(trainingAssignments)
        .where(and(eq(trainingAssignments.courseId, course), eq(trainingAssignments.personId, p.person.id)));
    expect((await mine(yearly)).map((a) => a.fiscalYear)).toEqual([FY]);
    // Pretend those were last year's (the April run of a new fiscal year), one left incomplete.
    await t.sys.db
      .update(trainingAssignments)
      .set({ fiscalYear: FY - 1 })
      .where(inArray(trainingAssignments.courseId, [yearly, once]));
    await applyRules(t.sys, tree.tenant.id);
    await applyRules(t.sys, tree.tenant.id); // idempotent
    expect((await mine(yearly)).map((a) => a.fiscalYear).sort()).toEqual([FY - 1, FY]);
    expect((await mine(once)).map((a) => a.fiscalYear)).toEqual([FY - 1]);
    // last year's incomplete assignment stays as history, counted in last year's figures
    const last = (
      await tree.admin.client.get(
        api(`/completion/people?courseId=${yearly}&fiscalYear=${FY - 1}&q=${p.person.staffNo}`),
      )
    ).json();
    expect(last.items).toMatchObject([{ personId: p.person.id, fiscalYear: FY - 1, completedAt: null }]);
  });
});

describe('offline completion with evidence (002 L76-78)', () => {
  it('is recorded by the office, audited, counted for that fiscal year and shown as offline', async () => {
    const p = await buildPerson(t, { unit: tree.divA2, account: false });
    const course = await buildPublishedCourse(tree.admin.client, { n: 2 });
    await assign([p.person.id], null, course);
    const pdf = Buffer.from('%PDF-1.4 signed confirmation');
    const res = await tree.admin.client.post(api(`/courses/${course}/offline-completions`), {
      personId: p.person.id,
      method: 'disc',
      completedOn: `${FY}-04-15`,
      note: 'CD-R 版を閲覧し確認書に署名',
      file: { name: 'confirm.pdf', type: 'application/pdf', base64: pdf.toString('base64') },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ fiscalYear: FY, method: 'disc', hasFile: true });
    const c = (
      await tree.admin.client.get(api(`/completion?courseId=${course}&unitId=${tree.divA2.id}`))
    ).json();
    expect(c.total).toMatchObject({ assigned: 1, completed: 1, offline: 1 });
    const people = (
      await tree.admin.client.get(api(`/completion/people?courseId=${course}&unitId=${tree.divA2.id}`))
    ).json();
    expect(people.items[0]).toMatchObject({
      completedVia: 'offline',
      offline: { method: 'disc', hasFile: true },
    });
    const file = await tree.admin.client.get(api(`/offline-completions/${res.json().assignmentId}/file`));
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.equals(pdf)).toBe(true);
    const [ev] = await t.sys.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'training.offline_complete'), eq(auditEvents.targetId, course)));
    expect(ev).toBeDefined();
    // a second record for the same year conflicts
    const again = await tree.admin.client.post(api(`/courses/${course}/offline-completions`), {
      personId: p.person.id,
      method: 'printed',
      completedOn: `${FY}-04-16`,
      note: 'x',
    });
    expect(again.statusCode).toBe(409);
  });

  it('counts toward last fiscal year when read then, making an assignment for it if none', async () => {
    const p = await buildPerson(t, { unit: tree.divA2, account: false });
    const res = await tree.admin.client.post(api(`/courses/${courseId}/offline-completions`), {
      personId: p.person.id,
      method: 'printed',
      completedOn: `${FY}-03-31`,
      note: '印刷版',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().fiscalYear).toBe(FY - 1);
  });

  it.each([
    [{ method: 'printed', completedOn: '2026-04-01' }, 'body.note'],
    [{ method: 'printed', completedOn: '2999-01-01', note: '未来' }, 'body.completedOn'],
    [{ method: 'fax', completedOn: '2026-04-01', note: 'x' }, 'body.method'],
  ])('refuses %j with a problem naming %s', async (fields, path) => {
    const p = await buildPerson(t, { unit: tree.divA2, account: false });
    const res = await tree.admin.client.post(api(`/courses/${courseId}/offline-completions`), {
      personId: p.person.id,
      ...fields,
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().errors.map((e: { path: string }) => e.path)).toContain(path);
  });

  it('may not be recorded by staff or by a viewer without training.manage', async () => {
    const p = await buildPerson(t, { unit: tree.divA1, account: false });
    const staff = await loginAs(t, { unit: tree.divA1, roles: ['staff'] });
    const officer = await loginAs(t, { unit: tree.divA1, roles: ['division_security_officer'] });
    for (const who of [staff, officer]) {
      const res = await who.client.post(api(`/courses/${courseId}/offline-completions`), {
        personId: p.person.id,
        method: 'printed',
        completedOn: '2026-04-01',
        note: 'x',
      });
      expect(res.statusCode).toBe(403);
    }
  });
});

describe('post-course survey (003 L401-403)', () => {
  let course: string;
  beforeAll(async () => {
    course = await buildPublishedCourse(tree.admin.client, { n: 2 });
  });

  it('refuses a survey without questions, naming the field', async () => {
    const res = await tree.admin.client.request({
      method: 'PUT',
      url: api(`/courses/${course}/survey`),
      payload: { questions: [] },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].path).toBe('body.questions');
  });

  it('may not be set by staff', async () => {
    const staff = await loginAs(t, { unit: tree.divA1, roles: ['staff'] });
    const res = await staff.client.request({
      method: 'PUT',
      url: api(`/courses/${course}/survey`),
      payload: { questions: [{ kind: 'scale', text: 'x' }] },
    });
    expect(res.statusCode).toBe(403);
  });

  it('is shown after completing, answered once, and aggregated with only counts for a small group', async () => {
    const set = await tree.admin.client.request({
      method: 'PUT',
      url: api(`/courses/${course}/survey`),
      payload: {
        questions: [
          { kind: 'scale', text: 'わかりやすかったですか' },
          { kind: 'text', text: 'ご意見' },
        ],
      },
    });
    expect(set.statusCode, set.body).toBe(200);
    const [scale, text] = set.json().questions as { id: string }[];
    const learners: Awaited<ReturnType<typeof loginAs>>[] = [];
    for (let i = 0; i < 5; i++) learners.push(await loginAs(t, { unit: tree.divB1, roles: ['staff'] }));
    await assign(
      learners.map((l) => l.person.id),
      null,
      course,
    );
    const assignmentOf = async (l: (typeof learners)[number]) =>
      (await l.client.get(api('/my')))
        .json()
        .open.find((a: { course: { id: string } }) => a.course.id === course);
    const first = await assignmentOf(learners[0]!);
    // not yet completed: nothing to answer
    const early = await learners[0]!.client.post(api(`/my/assignments/${first.id}/survey`), { answers: [] });
    expect(early.statusCode).toBe(409);
    for (const l of learners) {
      const res = await tree.admin.client.post(api(`/courses/${course}/offline-completions`), {
        personId: l.person.id,
        method: 'printed',
        completedOn: `${FY}-04-20`,
        note: '印刷版',
      });
      expect(res.statusCode, res.body).toBe(201);
    }
    const done = (await learners[0]!.client.get(api('/my')))
      .json()
      .completed.find((a: { course: { id: string } }) => a.course.id === course);
    expect(done).toMatchObject({ surveyPending: true, fiscalYear: FY });
    const answer = (l: (typeof learners)[number], id: string, n: number) =>
      l.client.post(api(`/my/assignments/${id}/survey`), {
        answers: [
          { questionId: scale!.id, value: n },
          { questionId: text!.id, value: `意見${n}` },
        ],
      });
    expect((await answer(learners[0]!, first.id, 5)).statusCode).toBe(201);
    expect((await answer(learners[0]!, first.id, 5)).statusCode).toBe(409);
    // someone else's assignment is not found
    expect((await answer(learners[1]!, first.id, 5)).statusCode).toBe(404);
    const wrong = await learners[1]!.client.post(
      api(`/my/assignments/${(await doneOf(learners[1]!)).id}/survey`),
      {
        answers: [{ questionId: scale!.id, value: 'とても' }],
      },
    );
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors[0].path).toBe('body.answers.0.value');
    const small = (await tree.admin.client.get(api(`/courses/${course}/survey/results`))).json();
    expect(small).toMatchObject({ responses: 1, small: true, minGroupSize: 5 });
    expect(small.questions[0]).toMatchObject({ answered: 1, mean: null, texts: null });
    for (const [i, l] of learners.slice(1).entries()) {
      expect((await answer(l, (await doneOf(l)).id, i + 1)).statusCode).toBe(201);
    }
    const big = (
      await tree.admin.client.get(api(`/courses/${course}/survey/results?fiscalYear=${FY}`))
    ).json();
    expect(big).toMatchObject({ responses: 5, small: false });
    expect(big.questions[0]).toMatchObject({ answered: 5, mean: 3, distribution: [1, 1, 1, 1, 1] });
    expect(big.questions[1].texts).toHaveLength(5);
    const none = (
      await tree.admin.client.get(api(`/courses/${course}/survey/results?fiscalYear=${FY - 1}`))
    ).json();
    expect(none.responses).toBe(0);
    // staff may not see results
    expect((await learners[0]!.client.get(api(`/courses/${course}/survey/results`))).statusCode).toBe(403);
  });

  it('can be removed by the office, audited', async () => {
    const res = await tree.admin.client.delete(api(`/courses/${course}/survey`));
    expect(res.statusCode).toBe(204);
    expect((await tree.admin.client.get(api(`/courses/${course}/survey`))).json().questions).toEqual([]);
  });
});

async function doneOf(l: { client: Client }): Promise<{ id: string }> {
  return (await l.client.get(api('/my'))).json().completed[0];
}
