import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type Client, type TestApp } from '../../test/app.js';
import { buildAgencyTree, loginAs } from '../../test/factories.js';
import { buildPublishedCourse } from './course.fixtures.js';

// Who may NOT call each training route: every route is tried by people who lack its permission.
// (Other agencies are tried on every route in server/isolation.test.ts.)

let t: TestApp;
let tree: Awaited<ReturnType<typeof buildAgencyTree>>;
let staff: Client;
let head: Client;
let bureauManager: Client;
let courseId: string;
const ANY_ID = '00000000-0000-4000-8000-000000000000';

beforeAll(async () => {
  t = await buildTestApp();
  tree = await buildAgencyTree(t);
  staff = (await loginAs(t, { unit: tree.divA1, roles: ['staff'] })).client;
  head = (await loginAs(t, { unit: tree.divA1, roles: ['division_security_officer'] })).client;
  bureauManager = (await loginAs(t, { unit: tree.bureauA, roles: ['chief_security_officer'] })).client;
  courseId = await buildPublishedCourse(tree.admin.client, { n: 1 });
});
afterAll(() => t.close());

async function call(client: Client, method: string, url: string) {
  return client.request({
    method: method as 'GET',
    url: url.replace(/:(\w+)/g, ANY_ID),
    ...(method === 'GET' || method === 'DELETE' ? {} : { payload: {} }),
  });
}

const routes = (access: string[]) =>
  t.app.mamoruRoutes.filter((r) => r.url.startsWith('/api/v1/training/') && access.includes(r.access));

describe('training routes refuse people without the permission', () => {
  it('a staff member may call none of the management or view routes', async () => {
    const list = routes(['training.manage', 'training.view']);
    expect(list.length).toBeGreaterThan(20);
    for (const r of list)
      expect((await call(staff, r.method, r.url)).statusCode, `${r.method} ${r.url}`).toBe(403);
  });

  it('a division head (training.view) may call none of the management routes', async () => {
    for (const r of routes(['training.manage'])) {
      expect((await call(head, r.method, r.url)).statusCode, `${r.method} ${r.url}`).toBe(403);
    }
  });

  it('staff may not list courses or see the answer key; viewers may list but not see it', async () => {
    expect((await staff.get('/api/v1/training/courses')).statusCode).toBe(403);
    expect((await head.get('/api/v1/training/courses')).statusCode).toBe(200);
    expect((await head.get(`/api/v1/training/courses/${courseId}`)).statusCode).toBe(403);
    expect((await staff.get(`/api/v1/training/courses/${courseId}/print`)).statusCode).toBe(403);
  });

  it('a manager below the agency root may not change courses, rules or starters (agency-wide)', async () => {
    const attempts: [string, string, unknown][] = [
      ['POST', '/api/v1/training/courses', { title: 'x' }],
      ['PATCH', `/api/v1/training/courses/${courseId}`, { title: 'x' }],
      ['PUT', `/api/v1/training/courses/${courseId}/content`, { pages: [], questions: [] }],
      ['POST', `/api/v1/training/courses/${courseId}/transition`, { to: 'archived' }],
      ['GET', `/api/v1/training/courses/${courseId}`, undefined],
      ['POST', '/api/v1/training/rules', { courseId }],
      ['GET', '/api/v1/training/rules', undefined],
      ['POST', '/api/v1/training/rules/apply', undefined],
      ['POST', '/api/v1/training/starter-courses/install', undefined],
      ['POST', `/api/v1/training/courses/${courseId}/reminders`, { unitId: null }],
    ];
    for (const [method, url, payload] of attempts) {
      const res = await bureauManager.request({
        method: method as 'GET',
        url,
        ...(payload !== undefined ? { payload: payload as object } : {}),
      });
      expect(res.statusCode, `${method} ${url}`).toBe(403);
    }
  });

  it('a manager below the root may still assign and remind within their bureau, not outside it', async () => {
    const inside = await bureauManager.post(`/api/v1/training/courses/${courseId}/assignments`, {
      unitIds: [tree.divA1.id],
    });
    expect(inside.statusCode, inside.body).toBe(200);
    const outside = await bureauManager.post(`/api/v1/training/courses/${courseId}/assignments`, {
      unitIds: [tree.divB1.id],
    });
    expect(outside.statusCode).toBe(404);
    expect(
      (
        await bureauManager.post(`/api/v1/training/courses/${courseId}/reminders`, {
          unitId: tree.bureauA.id,
        })
      ).statusCode,
    ).toBe(202);
    expect(
      (
        await bureauManager.post(`/api/v1/training/courses/${courseId}/reminders`, {
          unitId: tree.bureauB.id,
        })
      ).statusCode,
    ).toBe(404);
  });

  it('nobody signed out may call any of them', async () => {
    for (const r of t.app.mamoruRoutes.filter((x) => x.url.startsWith('/api/v1/training/'))) {
      const res = await t.app.inject({ method: r.method as 'GET', url: r.url.replace(/:(\w+)/g, ANY_ID) });
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(401);
    }
  });
});
