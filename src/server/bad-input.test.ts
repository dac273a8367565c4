import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../test/app.js';
import { buildAgencyTree } from '../test/factories.js';

// Bad input always gets a problem+json 4xx that says what is wrong; a 5xx would be a bug.

let t: TestApp;
let tree: Awaited<ReturnType<typeof buildAgencyTree>>;

beforeAll(async () => {
  t = await buildTestApp();
  tree = await buildAgencyTree(t);
});
afterAll(() => t.close());

const GARBAGE_BODIES: unknown[] = [
  { unexpected: true },
  [],
  'text',
  42,
  { code: 'x'.repeat(10_000) },
  { page: -1, id: null },
];

function expectProblem(
  res: { statusCode: number; headers: Record<string, unknown>; json(): unknown },
  label: string,
) {
  expect(res.statusCode, label).toBeGreaterThanOrEqual(400);
  expect(res.statusCode, label).toBeLessThan(500);
  expect(String(res.headers['content-type']), label).toContain('application/problem+json');
  const body = res.json() as { code: string; title: string; status: number };
  expect(body.status, label).toBe(res.statusCode);
  expect(body.code, label).toMatch(/^[a-z_]+$/);
  expect(body.title, label).toBeTruthy();
  expect(JSON.stringify(body), label).not.toMatch(/at .*\.(ts|js):\d+/);
}

describe('bad input on every route', () => {
  it('malformed path ids', async () => {
    for (const r of t.app.mamoruRoutes.filter((x) => x.url.includes(':id'))) {
      const res = await tree.admin.client.request({
        method: r.method as 'GET',
        url: r.url.replace(':id', 'not-a-uuid'),
        payload: {},
      });
      expectProblem(res, `${r.method} ${r.url}`);
    }
  });

  it('bodies of the wrong shape, unknown fields and oversized strings', async () => {
    const skip = (url: string) => url.includes('/imports/') || url.endsWith('/auth/logout');
    for (const r of t.app.mamoruRoutes.filter((x) => ['POST', 'PATCH'].includes(x.method) && !skip(x.url))) {
      for (const body of GARBAGE_BODIES) {
        const url = r.url.replace(':id', tree.divA1.id);
        const res = await tree.admin.client.request({
          method: r.method as 'POST',
          url,
          payload: JSON.stringify(body),
          headers: { 'content-type': 'application/json' },
        });
        if (res.statusCode < 400) continue; // a few routes take no body at all and ignore it
        expectProblem(res, `${r.method} ${r.url} ${JSON.stringify(body).slice(0, 40)}`);
      }
    }
  });

  it('unknown query parameters and bad values', async () => {
    for (const r of t.app.mamoruRoutes.filter((x) => x.method === 'GET' && !x.url.includes(':id'))) {
      const res = await tree.admin.client.get(`${r.url}?page=zero&pageSize=100000&bogus=1`);
      if (r.access === 'public' && res.statusCode === 200) continue; // health and session take no query
      expectProblem(res, `GET ${r.url}`);
    }
  });

  it('names the offending field, in the caller’s language', async () => {
    const en = await tree.admin.client.request({
      method: 'POST',
      url: '/api/v1/org/units',
      payload: { parentId: tree.root.id, code: 'ok', nameJa: '', kind: 'galaxy' },
      headers: { 'accept-language': 'en' },
    });
    expect(en.statusCode).toBe(400);
    const body = en.json();
    expect(body.code).toBe('validation_failed');
    expect(body.title).toBe('The request is invalid.');
    expect(body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.kind', 'body.nameJa']);
    const ja = await tree.admin.client.post('/api/v1/org/units', {
      parentId: tree.root.id,
      code: 'ok',
      nameJa: 'x',
      kind: 'bureau',
      extra: 1,
    });
    expect(ja.json().title).toBe('入力内容に誤りがあります。');
    expect(ja.json().errors[0].message).toContain('extra');
  });

  it('invalid JSON and unsupported content types', async () => {
    const bad = await tree.admin.client.request({
      method: 'POST',
      url: '/api/v1/org/units',
      payload: '{"parentId":',
      headers: { 'content-type': 'application/json' },
    });
    expectProblem(bad, 'invalid json');
    const xml = await tree.admin.client.request({
      method: 'POST',
      url: '/api/v1/org/units',
      payload: '<unit/>',
      headers: { 'content-type': 'application/xml' },
    });
    expect(xml.statusCode).toBe(415);
  });

  it('a body over the size limit', async () => {
    const res = await tree.admin.client.request({
      method: 'POST',
      url: '/api/v1/org/units',
      payload: JSON.stringify({ nameJa: 'x'.repeat(t.config.bodyLimit + 10) }),
      headers: { 'content-type': 'application/json' },
    });
    expect(res.statusCode).toBe(413);
    expect(res.json().code).toBe('payload_too_large');
  });

  it('a path part longer than any id, and a broken %-escape, are problems too (the router answers them)', async () => {
    const long = await tree.admin.client.get(`/api/v1/people/${'a'.repeat(101)}`);
    expectProblem(long, 'long path parameter');
    expect(long.statusCode).toBe(414);
    expect(long.json().code).toBe('uri_too_long');
    const en = await tree.admin.client.request({
      method: 'GET',
      url: `/api/v1/people/${'a'.repeat(101)}`,
      headers: { 'accept-language': 'en' },
    });
    expect(en.json().title).toBe('The URL is too long (a part such as an ID is too long).');
    const broken = await tree.admin.client.get('/api/v1/people/%E0%A4%A');
    expectProblem(broken, 'broken escape');
  });

  it('an unknown API path', async () => {
    const res = await tree.admin.client.get('/api/v1/nothing-here');
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('not_found');
  });
});

describe('OpenAPI', () => {
  it('documents every API route at /api/docs', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json() as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(doc.openapi).toMatch(/^3\./);
    for (const r of t.app.mamoruRoutes) {
      const path = r.url.replace(/:(\w+)/g, '{$1}');
      expect(doc.paths[path]?.[r.method.toLowerCase()], `${r.method} ${r.url}`).toBeTruthy();
    }
    const ui = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(ui.statusCode).toBe(200);
  });
});
