import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type Client, type TestApp } from '../../test/app.js';
import { buildAgencyTree, loginAs } from '../../test/factories.js';

// Who may NOT call each self-check route: every route is tried by people who lack its permission.
// (Other agencies are tried on every route in server/isolation.test.ts.)

let t: TestApp;
let staff: Client;
let head: Client;
let auditor: Client;
const ANY_ID = '00000000-0000-4000-8000-000000000000';

beforeAll(async () => {
  t = await buildTestApp();
  const tree = await buildAgencyTree(t);
  staff = (await loginAs(t, { unit: tree.divA1, roles: ['staff'] })).client;
  head = (await loginAs(t, { unit: tree.divA1, roles: ['division_security_officer'] })).client;
  auditor = (await loginAs(t, { unit: tree.root, roles: ['audit_officer'] })).client;
});
afterAll(() => t.close());

async function call(client: Client, method: string, url: string) {
  const path = url.replace(/:(\w+)/g, ANY_ID);
  return client.request({
    method: method as 'GET',
    url: path,
    ...(method === 'GET' || method === 'DELETE' ? {} : { payload: {} }),
  });
}

const routes = (access: string[]) => () =>
  t.app.mamoruRoutes.filter((r) => r.url.startsWith('/api/v1/selfcheck/') && access.includes(r.access));

describe('self-check routes refuse people without the permission', () => {
  it('a staff member may call none of the management, view or audit routes', async () => {
    const list = routes(['selfcheck.manage', 'selfcheck.view', 'selfcheck.audit'])();
    expect(list.length).toBeGreaterThan(20);
    for (const r of list)
      expect((await call(staff, r.method, r.url)).statusCode, `${r.method} ${r.url}`).toBe(403);
  });

  it('a division head may call none of the management or audit routes', async () => {
    for (const r of routes(['selfcheck.manage', 'selfcheck.audit'])()) {
      expect((await call(head, r.method, r.url)).statusCode, `${r.method} ${r.url}`).toBe(403);
    }
  });

  it('an auditor may not manage campaigns', async () => {
    for (const r of routes(['selfcheck.manage'])()) {
      expect((await call(auditor, r.method, r.url)).statusCode, `${r.method} ${r.url}`).toBe(403);
    }
  });

  it('nobody signed out may call any of them, answering included', async () => {
    for (const r of t.app.mamoruRoutes.filter((x) => x.url.startsWith('/api/v1/selfcheck/'))) {
      const res = await t.app.inject({ method: r.method as 'GET', url: r.url.replace(/:(\w+)/g, ANY_ID) });
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(401);
    }
  });
});
