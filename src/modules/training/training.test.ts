import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.js';
import { buildAgencyTree, loginAs } from '../../test/factories.js';
import { auditEvents } from '../audit/schema.js';
import { answersFor, buildPublishedCourse } from './course.fixtures.js';
import { trainingAttempts, trainingServedSets } from './schema.js';

let t: TestApp;
let tree: Awaited<ReturnType<typeof buildAgencyTree>>;

beforeAll(async () => {
  t = await buildTestApp();
  tree = await buildAgencyTree(t);
});
afterAll(() => t.close());

async function assign(courseId: string, personIds: string[]) {
  const res = await tree.admin.client.post(`/api/v1/training/courses/${courseId}/assignments`, { personIds });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { assigned: number; alreadyAssigned: number };
}

describe('taking a course', () => {
  it('serves questions without answers, grades on the server and completes the assignment on a pass', async () => {
    const courseId = await buildPublishedCourse(tree.admin.client);
    const staff = await loginAs(t, { unit: tree.divA1, roles: ['staff'] });
    expect(await assign(courseId, [staff.person.id])).toEqual({ assigned: 1, alreadyAssigned: 0 });

    const my = (await staff.client.get('/api/v1/training/my')).json();
    expect(my.open).toHaveLength(1);
    expect(my.open[0].status).toBe('not_started');

    const content = await staff.client.get(`/api/v1/training/courses/${courseId}/content`);
    expect(content.statusCode).toBe(200);
    expect(content.json().pages[0].videos[0].url).toBe('https://video.example.jp/1');
    expect(content.body).not.toContain('correct');
    expect(content.body).not.toContain('解説1');

    const start = await staff.client.post(`/api/v1/training/courses/${courseId}/attempts`);
    expect(start.statusCode, start.body).toBe(201);
    expect(start.body).not.toContain('correct');
    expect(start.body).not.toContain('解説1');
    const attempt = start.json();
    expect(attempt.questions).toHaveLength(10);

    const res = await staff.client.post(`/api/v1/training/attempts/${attempt.id}/submit`, {
      answers: answersFor(attempt.questions, 2),
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      correctCount: 8,
      total: 10,
      score: 80,
      passed: true,
      completedAssignment: true,
    });
    expect(res.json().results.filter((r: { right: boolean }) => !r.right)).toHaveLength(2);
    expect(res.json().results[0].explanation).toMatch(/^解説/);

    const after = (await staff.client.get('/api/v1/training/my')).json();
    expect(after.open).toHaveLength(0);
    expect(after.completed[0]).toMatchObject({
      status: 'completed',
      completedVia: 'test',
      attempts: 1,
      bestScore: 80,
    });
    const audit = await t.sys.db.select().from(auditEvents).where(eq(auditEvents.targetId, attempt.id));
    expect(audit.map((a) => a.action).sort()).toEqual(['training.attempt_start', 'training.attempt_submit']);
  });

  it('under the perfect-score rule, 9 of 10 is not complete and 10 of 10 is; every retake is kept', async () => {
    const courseId = await buildPublishedCourse(tree.admin.client, { perfect: true });
    const staff = await loginAs(t, { unit: tree.divA2, roles: ['staff'] });
    await assign(courseId, [staff.person.id]);

    const first = (await staff.client.post(`/api/v1/training/courses/${courseId}/attempts`)).json();
    const failed = await staff.client.post(`/api/v1/training/attempts/${first.id}/submit`, {
      answers: answersFor(first.questions, 1),
    });
    expect(failed.json()).toMatchObject({
      correctCount: 9,
      score: 90,
      passed: false,
      completedAssignment: false,
    });
    const mid = (await staff.client.get('/api/v1/training/my')).json();
    expect(mid.open[0]).toMatchObject({ status: 'in_progress', attempts: 1, bestScore: 90 });

    const second = (await staff.client.post(`/api/v1/training/courses/${courseId}/attempts`)).json();
    const passed = await staff.client.post(`/api/v1/training/attempts/${second.id}/submit`, {
      answers: answersFor(second.questions),
    });
    expect(passed.json()).toMatchObject({
      correctCount: 10,
      score: 100,
      passed: true,
      completedAssignment: true,
    });

    const history = (await staff.client.get(`/api/v1/training/my/attempts?courseId=${courseId}`)).json();
    expect(history.items.map((a: { score: number; passed: boolean }) => [a.score, a.passed])).toEqual([
      [100, true],
      [90, false],
    ]);
  });

  it('refuses a second submission, and a submission after a newer attempt was started', async () => {
    const courseId = await buildPublishedCourse(tree.admin.client, { n: 3 });
    const staff = await loginAs(t, { unit: tree.divA1, roles: ['staff'] });
    const a1 = (await staff.client.post(`/api/v1/training/courses/${courseId}/attempts`)).json();
    const a2 = (await staff.client.post(`/api/v1/training/courses/${courseId}/attempts`)).json();
    const stale = await staff.client.post(`/api/v1/training/attempts/${a1.id}/submit`, {
      answers: answersFor(a1.questions),
    });
    expect(stale.statusCode).toBe(409);
    const ok = await staff.client.post(`/api/v1/training/attempts/${a2.id}/submit`, {
      answers: answersFor(a2.questions),
    });
    expect(ok.statusCode).toBe(200);
    const again = await staff.client.post(`/api/v1/training/attempts/${a2.id}/submit`, {
      answers: answersFor(a2.questions),
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('invalid_state');
  });

  it('leaves one open attempt when two are started at once', async () => {
    const courseId = await buildPublishedCourse(tree.admin.client, { n: 2 });
    const staff = await loginAs(t, { unit: tree.divA1, roles: ['staff'] });
    const both = await Promise.all([
      staff.client.post(`/api/v1/training/courses/${courseId}/attempts`),
      staff.client.post(`/api/v1/training/courses/${courseId}/attempts`),
    ]);
    expect(both.map((r) => r.statusCode)).toEqual([201, 201]);
    const open = (await staff.client.get(`/api/v1/training/my/attempts?courseId=${courseId}`))
      .json()
      .items.filter((a: { state: string }) => a.state === 'open');
    expect(open).toHaveLength(1);
  });

  it('grades against the questions served, not edits made afterwards, and rejects answers to other questions', async () => {
    const courseId = await buildPublishedCourse(tree.admin.client, { n: 3, shuffle: false });
    const staff = await loginAs(t, { unit: tree.divA1, roles: ['staff'] });
    const a = (await staff.client.post(`/api/v1/training/courses/${courseId}/attempts`)).json();
    // the course is rewritten so that "b" becomes right everywhere
    const edit = await tree.admin.client.request({
      method: 'PUT',
      url: `/api/v1/training/courses/${courseId}/content`,
      payload: {
        pages: [],
        questions: [1, 2, 3].map((i) => ({
          kind: 'single',
          text: `新${i}`,
          choices: [
            { text: 'x', correct: false },
            { text: 'y', correct: true },
          ],
        })),
      },
    });
    expect(edit.statusCode).toBe(200);
    expect(edit.json().version).toBe(2);
    const foreign = await staff.client.post(`/api/v1/training/attempts/${a.id}/submit`, {
      answers: [{ questionId: '00000000-0000-4000-8000-000000000000', choiceIds: ['a'] }],
    });
    expect(foreign.statusCode).toBe(400);
    const badChoice = await staff.client.post(`/api/v1/training/attempts/${a.id}/submit`, {
      answers: [{ questionId: a.questions[0].questionId, choiceIds: ['z'] }],
    });
    expect(badChoice.statusCode).toBe(400);
    const res = await staff.client.post(`/api/v1/training/attempts/${a.id}/submit`, {
      answers: answersFor(a.questions),
    });
    expect(res.json()).toMatchObject({ correctCount: 3, passed: true });
  });

  it('grades and lists an attempt whose served questions are a snapshot shared with other attempts', async () => {
    const courseId = await buildPublishedCourse(tree.admin.client, { n: 3, shuffle: false });
    const staff = await loginAs(t, { unit: tree.divA1, roles: ['staff'] });
    const a = (await staff.client.post(`/api/v1/training/courses/${courseId}/attempts`)).json();
    // Move the snapshot to a shared set, as the demo's bulk-written attempts store it.
    const [row] = await t.sys.db.select().from(trainingAttempts).where(eq(trainingAttempts.id, a.id));
    const [set] = await t.sys.db
      .insert(trainingServedSets)
      .values({ tenantId: row!.tenantId, courseId, courseVersion: row!.courseVersion, served: row!.served! })
      .returning();
    await t.sys.db
      .update(trainingAttempts)
      .set({ served: null, servedSetId: set!.id })
      .where(eq(trainingAttempts.id, a.id));
    const foreign = await staff.client.post(`/api/v1/training/attempts/${a.id}/submit`, {
      answers: [{ questionId: '00000000-0000-4000-8000-000000000000', choiceIds: ['a'] }],
    });
    expect(foreign.statusCode).toBe(400);
    const res = await staff.client.post(`/api/v1/training/attempts/${a.id}/submit`, {
      answers: answersFor(a.questions).slice(1),
    });
    expect(res.json()).toMatchObject({ correctCount: 2, total: 3, passed: false });
    const history = (await staff.client.get(`/api/v1/training/my/attempts?courseId=${courseId}`)).json();
    expect(history.items).toEqual([expect.objectContaining({ id: a.id, total: 3, correctCount: 2 })]);
    // A snapshot is stored in exactly one place.
    await expect(
      t.sys.db.update(trainingAttempts).set({ served: row!.served }).where(eq(trainingAttempts.id, a.id)),
    ).rejects.toThrow();
  });

  it('samples questions per attempt and stores the seed so the draw can be reproduced', async () => {
    const courseId = await buildPublishedCourse(tree.admin.client, { n: 10, questionsPerAttempt: 4 });
    const staff = await loginAs(t, { unit: tree.divA1, roles: ['staff'] });
    const a = (await staff.client.post(`/api/v1/training/courses/${courseId}/attempts`)).json();
    expect(a.questions).toHaveLength(4);
    const [row] = await t.sys.db.select().from(trainingAttempts).where(eq(trainingAttempts.id, a.id));
    const { drawAttempt } = await import('./rules.js');
    const detail = (await tree.admin.client.get(`/api/v1/training/courses/${courseId}`)).json();
    const redraw = drawAttempt(
      detail.questions.map((q: { id: string; choices: { id: string }[] }) => ({
        id: q.id,
        choiceIds: q.choices.map((c) => c.id),
      })),
      { count: 4, shuffle: true, seed: row!.seed },
    );
    expect(redraw.map((d) => d.questionId)).toEqual(
      a.questions.map((q: { questionId: string }) => q.questionId),
    );
    expect(redraw.map((d) => d.choiceIds)).toEqual(
      a.questions.map((q: { choices: { id: string }[] }) => q.choices.map((c) => c.id)),
    );
  });

  it('hides draft courses from staff and does not let anyone submit another person’s attempt', async () => {
    const draft = await tree.admin.client.post('/api/v1/training/courses', { title: '下書き' });
    const staff = await loginAs(t, { unit: tree.divA1, roles: ['staff'] });
    expect((await staff.client.get(`/api/v1/training/courses/${draft.json().id}/content`)).statusCode).toBe(
      404,
    );
    expect((await staff.client.post(`/api/v1/training/courses/${draft.json().id}/attempts`)).statusCode).toBe(
      404,
    );
    const courseId = await buildPublishedCourse(tree.admin.client, { n: 2 });
    const a = (await staff.client.post(`/api/v1/training/courses/${courseId}/attempts`)).json();
    const other = await loginAs(t, { unit: tree.divA1, roles: ['staff'] });
    const res = await other.client.post(`/api/v1/training/attempts/${a.id}/submit`, {
      answers: answersFor(a.questions),
    });
    expect(res.statusCode).toBe(404);
  });
});

describe('course administration', () => {
  it('validates questions: a single-choice question needs exactly one right choice', async () => {
    const c = (await tree.admin.client.post('/api/v1/training/courses', { title: 'x' })).json();
    const res = await tree.admin.client.request({
      method: 'PUT',
      url: `/api/v1/training/courses/${c.id}/content`,
      payload: {
        pages: [],
        questions: [
          {
            kind: 'single',
            text: 'q',
            choices: [
              { text: 'a', correct: true },
              { text: 'b', correct: true },
            ],
          },
        ],
      },
    });
    expect(res.statusCode).toBe(400);
    const noQ = await tree.admin.client.post(`/api/v1/training/courses/${c.id}/transition`, {
      to: 'published',
    });
    expect(noQ.statusCode).toBe(409);
  });

  it('refuses page images and video links that are not https or site-relative', async () => {
    const c = (await tree.admin.client.post('/api/v1/training/courses', { title: 'x' })).json();
    const res = await tree.admin.client.request({
      method: 'PUT',
      url: `/api/v1/training/courses/${c.id}/content`,
      payload: {
        pages: [{ title: 'p', body: 'b', videos: [{ title: 'v', url: 'javascript:alert(1)' }] }],
        questions: [],
      },
    });
    expect(res.statusCode).toBe(400);
  });

  it('stores uploaded images and serves them back with their type to the agency only', async () => {
    const png = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      Buffer.alloc(20, 1),
    ]);
    const up = await tree.admin.client.request({
      method: 'POST',
      url: '/api/v1/training/images?filename=fig.png',
      headers: { 'content-type': 'image/png' },
      payload: png,
    });
    expect(up.statusCode, up.body).toBe(201);
    const staff = await loginAs(t, { unit: tree.divA1, roles: ['staff'] });
    const got = await staff.client.get(up.json().url);
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toBe('image/png');
    expect(got.rawPayload.equals(png)).toBe(true);
    const fake = await tree.admin.client.request({
      method: 'POST',
      url: '/api/v1/training/images',
      headers: { 'content-type': 'image/png' },
      payload: Buffer.from('<svg onload=alert(1)>'),
    });
    expect(fake.statusCode).toBe(415);
  });

  it('prints a course as self-contained HTML in Japanese without the answer key', async () => {
    const courseId = await buildPublishedCourse(tree.admin.client, { n: 3 });
    const res = await tree.admin.client.get(`/api/v1/training/courses/${courseId}/print`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('確認テスト');
    expect(res.body).toContain('解答用紙');
    expect(res.body).toContain('<strong>強調</strong>');
    expect(res.body).not.toContain('解説1');
    expect(res.body).not.toContain('<script');
  });

  it('installs the starter courses once (idempotent), published and ready to assign', async () => {
    const first = await tree.admin.client.post('/api/v1/training/starter-courses/install');
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().installed.sort()).toEqual(['basic', 'division_officer', 'targeted_mail']);
    const again = (await tree.admin.client.post('/api/v1/training/starter-courses/install')).json();
    expect(again.installed).toEqual([]);
    expect(again.existing.sort()).toEqual(['basic', 'division_officer', 'targeted_mail']);
    const officer = first.json().courses.find((c: { key: string }) => c.key === 'division_officer');
    expect(officer).toMatchObject({ perfectScoreRequired: true, status: 'published' });
    for (const c of first.json().courses) {
      expect(c.pageCount).toBeGreaterThanOrEqual(3);
      expect(c.pageCount).toBeLessThanOrEqual(6);
      expect(c.questionCount).toBeGreaterThanOrEqual(8);
      expect(c.questionCount).toBeLessThanOrEqual(10);
    }
  });
});
