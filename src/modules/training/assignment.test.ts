import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { writeXlsx } from '../../lib/tabular.js';
import { detachedJob, Worker } from '../../server/jobs/queue.js';
import { JOBS } from '../../server/jobs/registry.js';
import type { MailMessage } from '../../server/mail.js';
import { buildTestApp, type TestApp } from '../../test/app.js';
import { buildAgencyTree, buildPerson, loginAs } from '../../test/factories.js';
import { auditEvents } from '../audit/schema.js';
import { people } from '../org/schema.js';
import { assignCourse, starterCourseId } from './assignment-service.js';
import { answersFor, buildPublishedCourse } from './course.fixtures.js';
import { dueRemindersJob, remindJob } from './reminders.js';
import { trainingAssignments } from './schema.js';

let t: TestApp;
let tree: Awaited<ReturnType<typeof buildAgencyTree>>;
const sent: MailMessage[] = [];

beforeAll(async () => {
  t = await buildTestApp();
  tree = await buildAgencyTree(t);
  t.env.mailer = {
    send: async (m) => {
      sent.push(m);
      return { messageId: String(sent.length) };
    },
    close: () => {},
  };
});
afterAll(() => t.close());
beforeEach(() => {
  sent.length = 0;
});

const drain = () => new Worker(t.sys, JOBS).drain();
const mailsTo = async (personId: string) => {
  const [p] = await t.sys.db.select().from(people).where(eq(people.id, personId));
  return sent.filter((m) => m.to === p!.email);
};
const assignmentsOf = (courseId: string, personId: string) =>
  t.sys.db
    .select()
    .from(trainingAssignments)
    .where(and(eq(trainingAssignments.courseId, courseId), eq(trainingAssignments.personId, personId)));

describe('assignCourse (used by drills for follow-up training)', () => {
  it('assigns once, audits, and mails the notice once even when the job runs again', async () => {
    const courseId = await buildPublishedCourse(tree.admin.client, { n: 2 });
    const a = await buildPerson(t, { unit: tree.divA1, account: false });
    const b = await buildPerson(t, { unit: tree.divB1, account: false });
    const input = {
      courseId,
      personIds: [a.person.id, b.person.id],
      dueOn: '2030-01-31',
      source: { kind: 'drill_followup' as const, id: '11111111-1111-4111-8111-111111111111' },
    };
    const first = await t.sys.db.transaction((tx) => assignCourse(tx, t.sys, input));
    expect(first).toEqual({ assigned: 2, alreadyAssigned: 0 });
    const again = await t.sys.db.transaction((tx) => assignCourse(tx, t.sys, input));
    expect(again).toEqual({ assigned: 0, alreadyAssigned: 2 });
    expect(await assignmentsOf(courseId, a.person.id)).toHaveLength(1);
    const events = await t.sys.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'training.assign'), eq(auditEvents.targetId, courseId)));
    expect(events).toHaveLength(2);
    await drain();
    await drain();
    expect(await mailsTo(a.person.id)).toHaveLength(1);
    expect((await mailsTo(a.person.id))[0]!.text).toContain('2030-01-31');
    expect(await mailsTo(b.person.id)).toHaveLength(1);
  });

  it('assigns again after the earlier assignment was completed (a new follow-up)', async () => {
    const courseId = await buildPublishedCourse(tree.admin.client, { n: 2 });
    const staff = await loginAs(t, { unit: tree.divA1, roles: ['staff'] });
    const input = { courseId, personIds: [staff.person.id], source: { kind: 'manual' as const } };
    await t.sys.db.transaction((tx) => assignCourse(tx, t.sys, input));
    const at = (await staff.client.post(`/api/v1/training/courses/${courseId}/attempts`)).json();
    await staff.client.post(`/api/v1/training/attempts/${at.id}/submit`, {
      answers: answersFor(at.questions),
    });
    const res = await t.sys.db.transaction((tx) => assignCourse(tx, t.sys, input));
    expect(res).toEqual({ assigned: 1, alreadyAssigned: 0 });
  });

  it('refuses a draft course, a course of another agency and people of another agency; skips people who left', async () => {
    const other = await buildAgencyTree(t);
    const foreignCourse = await buildPublishedCourse(other.admin.client, { n: 1 });
    const courseId = await buildPublishedCourse(tree.admin.client, { n: 1 });
    const draft = (await tree.admin.client.post('/api/v1/training/courses', { title: 'draft' })).json().id;
    const p = await buildPerson(t, { unit: tree.divA1, account: false });
    const left = await buildPerson(t, { unit: tree.divA1, account: false, status: 'left' });
    const foreignPerson = await buildPerson(t, { unit: other.divA1, account: false });
    const actorCtx = { ...t.sys, actor: null };
    await expect(
      t.sys.db.transaction((tx) =>
        assignCourse(tx, actorCtx, { courseId: draft, personIds: [p.person.id], source: { kind: 'manual' } }),
      ),
    ).rejects.toMatchObject({ code: 'invalid_state' });
    await expect(
      t.sys.db.transaction((tx) =>
        assignCourse(tx, t.sys, {
          courseId,
          personIds: [foreignPerson.person.id],
          source: { kind: 'manual' },
        }),
      ),
    ).rejects.toMatchObject({ code: 'not_found' });
    // through the API the actor's agency is checked
    const res = await tree.admin.client.post(`/api/v1/training/courses/${foreignCourse}/assignments`, {
      personIds: [p.person.id],
    });
    expect(res.statusCode).toBe(404);
    const ok = await t.sys.db.transaction((tx) =>
      assignCourse(tx, t.sys, {
        courseId,
        personIds: [p.person.id, left.person.id],
        source: { kind: 'manual' },
      }),
    );
    expect(ok).toEqual({ assigned: 1, alreadyAssigned: 0 });
  });

  it('finds the starter targeted-mail course once installed', async () => {
    const fresh = await buildAgencyTree(t);
    expect(await starterCourseId(t.sys.db, fresh.tenant.id, 'targeted_mail')).toBeNull();
    const res = await fresh.admin.client.post('/api/v1/training/starter-courses/install');
    const id = await starterCourseId(t.sys.db, fresh.tenant.id, 'targeted_mail');
    expect(id).toBe(res.json().courses.find((c: { key: string }) => c.key === 'targeted_mail').id);
  });
});

describe('manual assignment and rules', () => {
  it('assigns everyone in a unit subtree, within the manager’s scope only', async () => {
    const courseId = await buildPublishedCourse(tree.admin.client, { n: 1 });
    const inA = await buildPerson(t, { unit: tree.divA2, account: false });
    const res = await tree.admin.client.post(`/api/v1/training/courses/${courseId}/assignments`, {
      unitIds: [tree.bureauA.id],
      dueOn: '2030-03-31',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().assigned).toBeGreaterThanOrEqual(1);
    expect((await assignmentsOf(courseId, inA.person.id))[0]!.dueOn).toBe('2030-03-31');
    const bureauManager = await loginAs(t, { unit: tree.bureauB, roles: ['chief_security_officer'] });
    const outside = await bureauManager.client.post(`/api/v1/training/courses/${courseId}/assignments`, {
      personIds: [inA.person.id],
    });
    expect(outside.statusCode).toBe(404);
  });

  it('applies rules by role, unit subtree and hire date as a job, and never assigns twice', async () => {
    const courseId = await buildPublishedCourse(tree.admin.client, { n: 1 });
    const officer = await buildPerson(t, {
      unit: tree.divA1,
      roles: ['division_security_officer'],
      account: false,
    });
    const officerB = await buildPerson(t, {
      unit: tree.divB1,
      roles: ['division_security_officer'],
      account: false,
    });
    const plain = await buildPerson(t, { unit: tree.divA1, roles: ['staff'], account: false });
    const rule = await tree.admin.client.post('/api/v1/training/rules', {
      courseId,
      roleKeys: ['division_security_officer'],
      unitIds: [tree.bureauA.id],
      dueDays: 30,
    });
    expect(rule.statusCode, rule.body).toBe(201);
    const future = await tree.admin.client.post('/api/v1/training/rules', {
      courseId,
      hiredOnOrAfter: '2099-01-01',
    });
    expect(future.statusCode).toBe(201);
    const queued = await tree.admin.client.post('/api/v1/training/rules/apply');
    expect(queued.statusCode).toBe(202);
    expect(queued.json().jobId).toEqual(expect.any(Number));
    await drain();
    const got = await assignmentsOf(courseId, officer.person.id);
    expect(got).toHaveLength(1);
    expect(got[0]).toMatchObject({ sourceKind: 'rule', sourceId: rule.json().id });
    expect(got[0]!.dueOn).not.toBeNull();
    expect(await assignmentsOf(courseId, officerB.person.id)).toHaveLength(0);
    expect(await assignmentsOf(courseId, plain.person.id)).toHaveLength(0);
    await tree.admin.client.post('/api/v1/training/rules/apply');
    await drain();
    expect(await assignmentsOf(courseId, officer.person.id)).toHaveLength(1);

    const list = (await tree.admin.client.get('/api/v1/training/rules')).json();
    expect(list.items.map((r: { id: string }) => r.id)).toContain(rule.json().id);
    const patched = await tree.admin.client.patch(`/api/v1/training/rules/${rule.json().id}`, {
      active: false,
    });
    expect(patched.json().active).toBe(false);
    expect((await tree.admin.client.delete(`/api/v1/training/rules/${future.json().id}`)).statusCode).toBe(
      204,
    );
  });
});

describe('classroom sessions', () => {
  it('entered attendance completes open assignments (completedVia classroom); absence does not', async () => {
    const courseId = await buildPublishedCourse(tree.admin.client, { n: 1 });
    const here = await buildPerson(t, { unit: tree.divA1, account: false });
    const away = await buildPerson(t, { unit: tree.divA1, account: false });
    await tree.admin.client.post(`/api/v1/training/courses/${courseId}/assignments`, {
      personIds: [here.person.id, away.person.id],
    });
    const s = await tree.admin.client.post(`/api/v1/training/courses/${courseId}/sessions`, {
      heldOn: '2026-04-15',
      place: '講堂',
    });
    expect(s.statusCode, s.body).toBe(201);
    const res = await tree.admin.client.request({
      method: 'PUT',
      url: `/api/v1/training/sessions/${s.json().id}/attendance`,
      payload: {
        entries: [
          { personId: here.person.id, attended: true },
          { personId: away.person.id, attended: false },
        ],
      },
    });
    expect(res.json()).toEqual({ recorded: 2, attended: 1, absent: 1, completed: 1 });
    expect((await assignmentsOf(courseId, here.person.id))[0]).toMatchObject({ completedVia: 'classroom' });
    expect((await assignmentsOf(courseId, away.person.id))[0]!.completedAt).toBeNull();
    const detail = (await tree.admin.client.get(`/api/v1/training/sessions/${s.json().id}`)).json();
    expect(detail).toMatchObject({ attended: 1, absent: 1, place: '講堂' });
    expect(detail.attendance).toHaveLength(2);
    const sessions = (await tree.admin.client.get(`/api/v1/training/courses/${courseId}/sessions`)).json();
    expect(sessions.items).toHaveLength(1);
  });

  it('imports attendance from .xlsx: a dry run lists bad rows by line and column; the import completes assignments', async () => {
    const courseId = await buildPublishedCourse(tree.admin.client, { n: 1 });
    const p1 = await buildPerson(t, { unit: tree.divA1, account: false });
    const p2 = await buildPerson(t, { unit: tree.divA2, account: false });
    await tree.admin.client.post(`/api/v1/training/courses/${courseId}/assignments`, {
      personIds: [p1.person.id, p2.person.id],
    });
    const s = (
      await tree.admin.client.post(`/api/v1/training/courses/${courseId}/sessions`, { heldOn: '2026-10-10' })
    ).json();
    const upload = (buf: Buffer, dryRun: boolean) =>
      tree.admin.client.request({
        method: 'POST',
        url: `/api/v1/training/sessions/${s.id}/attendance/import?dryRun=${dryRun}`,
        headers: { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
        payload: buf,
      });
    const bad = await writeXlsx(
      '出欠',
      ['職員番号', '出欠'],
      [
        [p1.person.staffNo, '出席'],
        ['NOPE', '出席'],
        [p2.person.staffNo, 'たぶん'],
      ],
    );
    const rejected = await upload(bad, true);
    expect(rejected.statusCode).toBe(422);
    expect(rejected.json().errors.map((e: { line: number; column: string }) => [e.line, e.column])).toEqual([
      [3, 'staff_no'],
      [4, 'attended'],
    ]);
    const good = await writeXlsx(
      '出欠',
      ['職員番号', '氏名', '出欠'],
      [
        [p1.person.staffNo, 'x', '出席'],
        [p2.person.staffNo, 'y', '×'],
      ],
    );
    const dry = await upload(good, true);
    expect(dry.json()).toMatchObject({ dryRun: true, rows: 2, attended: 1, absent: 1, completed: 0 });
    expect((await assignmentsOf(courseId, p1.person.id))[0]!.completedAt).toBeNull();
    const done = await upload(good, false);
    expect(done.json()).toMatchObject({ dryRun: false, rows: 2, attended: 1, completed: 1 });
    expect((await assignmentsOf(courseId, p1.person.id))[0]).toMatchObject({ completedVia: 'classroom' });
  });
});

describe('reminders', () => {
  it('mails anyone incomplete N days after assignment, once per threshold, also when the job is retried', async () => {
    const courseId = await buildPublishedCourse(tree.admin.client, { n: 1 });
    const old = await buildPerson(t, { unit: tree.divA1, account: false });
    const recent = await buildPerson(t, { unit: tree.divA1, account: false });
    await t.sys.db.transaction((tx) =>
      assignCourse(
        tx,
        t.sys,
        { courseId, personIds: [old.person.id, recent.person.id], source: { kind: 'manual' } },
        { notify: false },
      ),
    );
    await t.sys.db
      .update(trainingAssignments)
      .set({ assignedAt: new Date(Date.now() - 31 * 86_400_000) })
      .where(
        and(eq(trainingAssignments.courseId, courseId), eq(trainingAssignments.personId, old.person.id)),
      );
    const job = detachedJob(1);
    await dueRemindersJob.handler(t.sys, {}, job);
    await dueRemindersJob.handler(t.sys, {}, { ...job, attempt: 2 });
    expect(await mailsTo(old.person.id)).toHaveLength(1);
    expect(await mailsTo(recent.person.id)).toHaveLength(0);
    expect((await mailsTo(old.person.id))[0]!.subject).toContain('督促');
  });

  it('reminds on request through a job; a retried run mails nobody twice', async () => {
    const courseId = await buildPublishedCourse(tree.admin.client, { n: 1 });
    const p = await buildPerson(t, { unit: tree.divB1, account: false });
    await t.sys.db.transaction((tx) =>
      assignCourse(
        tx,
        t.sys,
        { courseId, personIds: [p.person.id], source: { kind: 'manual' } },
        { notify: false },
      ),
    );
    const res = await tree.admin.client.post(`/api/v1/training/courses/${courseId}/reminders`, {
      unitId: tree.bureauB.id,
    });
    expect(res.statusCode, res.body).toBe(202);
    await drain();
    expect(await mailsTo(p.person.id)).toHaveLength(1);
    const payload = {
      courseId,
      unitPath: tree.bureauB.path,
      requestedAt: new Date(0).toISOString(),
      requestedBy: 'x',
    };
    const job = detachedJob(1);
    await remindJob.handler(t.sys, payload, job);
    await remindJob.handler(t.sys, payload, { ...job, attempt: 2 });
    expect(await mailsTo(p.person.id)).toHaveLength(2);
  });
});
