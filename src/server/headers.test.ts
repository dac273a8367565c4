import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { buildPublishedCourse } from '../modules/training/course.fixtures.js';
import { buildTestApp, type TestApp } from '../test/app.js';
import { buildAgencyTree, PASSWORD } from '../test/factories.js';
import { buildApp } from './app.js';
import { API_CSP, APP_CSP } from './headers.js';

// Every answer carries hardening headers: a Content-Security-Policy fitting a page of the app or an API
// answer, nosniff, a same-origin referrer, no framing; over https also HSTS and Secure cookies.

const HTTPS_URL = 'https://mamoru.example.go.jp';
let http: TestApp;
let https: FastifyInstance;
let web: FastifyInstance;
let webRoot: string;
let tree: Awaited<ReturnType<typeof buildAgencyTree>>;

beforeAll(async () => {
  http = await buildTestApp();
  tree = await buildAgencyTree(http);
  // The same database served at an https address.
  const httpsConfig = {
    ...http.config,
    publicUrl: HTTPS_URL,
    cookieSecure: loadConfig({ PUBLIC_URL: HTTPS_URL }).cookieSecure,
  };
  https = await buildApp({
    db: http.database.db,
    config: httpsConfig,
    env: http.env,
    webRoot: null,
    logger: false,
  });
  await https.ready();
  // The single-page app, served as the built dist/web is (index.html and its hashed assets).
  webRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'mamoru-web-'));
  fs.mkdirSync(path.join(webRoot, 'assets'));
  fs.writeFileSync(
    path.join(webRoot, 'index.html'),
    '<!doctype html><html><head><script type="module" src="/assets/index.js"></script></head><body><div id="root"></div></body></html>',
  );
  fs.writeFileSync(path.join(webRoot, 'assets', 'index.js'), 'console.log(1)');
  web = await buildApp({ db: http.database.db, config: http.config, env: http.env, webRoot, logger: false });
  await web.ready();
}, 180_000);
afterAll(async () => {
  await web.close();
  await https.close();
  await http.close();
  fs.rmSync(webRoot, { recursive: true, force: true });
});

function expectHardened(headers: Record<string, unknown>, label: string) {
  expect(headers['x-content-type-options'], label).toBe('nosniff');
  expect(headers['referrer-policy'], label).toBe('same-origin');
  expect(headers['x-frame-options'], label).toBe('DENY');
  expect(String(headers['content-security-policy']), label).toContain("frame-ancestors 'none'");
}

describe('pages of the web app', () => {
  it.each(['/', '/drill/some-token', '/selfcheck', '/assets/index.js'])(
    '%s gets the app policy: scripts only from files, no framing',
    async (url) => {
      const res = await web.inject({ method: 'GET', url });
      expect(res.statusCode).toBe(200);
      expectHardened(res.headers, url);
      expect(res.headers['content-security-policy']).toBe(APP_CSP);
      expect(APP_CSP).toContain("script-src 'self'");
      expect(APP_CSP).not.toMatch(/script-src[^;]*unsafe/);
      expect(res.headers['strict-transport-security']).toBeUndefined();
    },
  );

  it('the page the app is built from has no inline script for the policy to block', () => {
    const html = fs.readFileSync(path.resolve(import.meta.dirname, '../web/index.html'), 'utf8');
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toMatch(/\bsrc=/);
    expect(html).not.toMatch(/\son[a-z]+=/i);
  });
});

describe('API answers', () => {
  it.each(['/api/v1/auth/session', '/api/v1/me', '/api/v1/nothing-here', '/api/health'])(
    '%s gets a policy that loads nothing',
    async (url) => {
      const res = await http.app.inject({ method: 'GET', url });
      expectHardened(res.headers, url);
      expect(res.headers['content-security-policy']).toBe(API_CSP);
    },
  );

  it('the drill tracking pages (plain HTML) get it too', async () => {
    const res = await http.app.inject({ method: 'GET', url: '/api/v1/t/r/not-a-token' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.headers['content-security-policy']).toBe(API_CSP);
  });

  it('the printable course keeps its own policy (inline styles, images, no script)', async () => {
    const courseId = await buildPublishedCourse(tree.admin.client, { n: 1 });
    const res = await tree.admin.client.get(`/api/v1/training/courses/${courseId}/print`);
    expect(res.statusCode).toBe(200);
    expectHardened(res.headers, 'print');
    expect(res.headers['content-security-policy']).toMatch(
      /^default-src 'none'; .*style-src 'unsafe-inline'/,
    );
  });

  it('the API docs page gets the app policy', async () => {
    const res = await http.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-security-policy']).toBe(APP_CSP);
  });
});

describe('over https', () => {
  it('sends Strict-Transport-Security on pages and API answers', async () => {
    for (const url of ['/api/v1/auth/session', '/api/v1/nothing-here']) {
      const res = await https.inject({ method: 'GET', url });
      expect(res.headers['strict-transport-security'], url).toBe('max-age=31536000');
      expectHardened(res.headers, url);
    }
    const plain = await http.app.inject({ method: 'GET', url: '/api/v1/auth/session' });
    expect(plain.headers['strict-transport-security']).toBeUndefined();
  });

  it('sets the session cookie Secure, even when COOKIE_SECURE says false', async () => {
    expect(loadConfig({ PUBLIC_URL: HTTPS_URL, COOKIE_SECURE: 'false' }).cookieSecure).toBe(true);
    expect(loadConfig({ PUBLIC_URL: 'http://localhost:3000' }).cookieSecure).toBe(false);
    expect(loadConfig({ PUBLIC_URL: 'http://localhost:3000', COOKIE_SECURE: 'true' }).cookieSecure).toBe(
      true,
    );
    const res = await https.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { login: tree.admin.login, password: PASSWORD },
    });
    expect(res.statusCode, res.body).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'mamoru_session');
    expect(cookie?.secure).toBe(true);
    expect(cookie?.httpOnly).toBe(true);
    const plain = await http.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { login: tree.admin.login, password: PASSWORD },
    });
    expect(plain.cookies.find((c) => c.name === 'mamoru_session')?.secure).toBeFalsy();
  });
});
