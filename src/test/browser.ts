import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { describe } from 'vitest';
import { buildApp } from '../server/app.js';
import { buildTestApp, type TestApp } from './app.js';
import { PASSWORD } from './factories.js';

/**
 * Browser tests: the real server (in-memory database) serving the built web app on a free port, driven by
 * Debian's Chromium through playwright-core. Build the app first: `npx vite build`.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const WEB_ROOT =
  process.env.MAMORU_WEB_ROOT ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/web');

const LAUNCH_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

let noticeShown = false;

/**
 * Without Chromium the browser tests are skipped with a one-line notice, except on CI (CI=true), where
 * they run and fail at launch: a CI that silently skips them would hide a missing install step.
 */
export function browserAvailable(): boolean {
  if (fs.existsSync(CHROMIUM_PATH) || process.env.CI === 'true') return true;
  if (!noticeShown) {
    noticeShown = true;
    console.warn(`[browser tests] skipped: no Chromium at ${CHROMIUM_PATH} (apt-get install chromium)`);
  }
  return false;
}

/** `describe` for browser tests: skipped where there is no Chromium (see browserAvailable). */
export function describeBrowser(name: string, fn: () => void) {
  if (browserAvailable()) describe(name, fn);
  else describe.skip(name, fn);
}

export interface BrowserHarness extends TestApp {
  /** The server that serves the web app on a real port (TestApp.app stays for factories' inject calls). */
  web: FastifyInstance;
  baseUrl: string;
  browser: Browser;
  /** A fresh browser profile (cookies, storage) with a page on it; page errors are collected. */
  newPage(opts?: { locale?: string }): Promise<{ context: BrowserContext; page: Page; errors: string[] }>;
}

export async function startBrowserHarness(): Promise<BrowserHarness> {
  if (!fs.existsSync(path.join(WEB_ROOT, 'index.html'))) {
    throw new Error(
      `The web app is not built: ${WEB_ROOT}/index.html is missing. Run \`npx vite build\` first.`,
    );
  }
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium is missing at ${CHROMIUM_PATH}; browser tests need it (apt-get install chromium).`,
    );
  }
  // The same database, configuration and environment as the API tests; a second app serves the web files.
  const t = await buildTestApp();
  const web = await buildApp({
    db: t.database.db,
    config: t.config,
    env: t.env,
    webRoot: WEB_ROOT,
    logger: false,
  });
  await web.listen({ port: 0, host: '127.0.0.1' });
  const address = web.server.address();
  if (!address || typeof address === 'string') throw new Error('the test server has no TCP address');
  const baseUrl = `http://127.0.0.1:${address.port}`;
  let browser: Browser;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: LAUNCH_ARGS });
  } catch (err) {
    await web.close();
    await t.close();
    throw err;
  }
  const contexts: BrowserContext[] = [];
  return {
    ...t,
    web,
    baseUrl,
    browser,
    async newPage(opts = {}) {
      const context = await browser.newContext({
        baseURL: baseUrl,
        locale: opts.locale ?? 'ja-JP',
        timezoneId: 'Asia/Tokyo',
        viewport: { width: 1366, height: 900 },
      });
      contexts.push(context);
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (err) => errors.push(err.message));
      return { context, page, errors };
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => undefined);
      await browser.close().catch(() => undefined);
      await web.close();
      await t.close();
    },
  };
}

/** Logs in through the login page as a person a factory made (their password is PASSWORD). */
export async function loginThroughPage(page: Page, login: string, password = PASSWORD) {
  await page.goto('/login');
  await page.getByRole('textbox', { name: 'ログインID' }).fill(login);
  await page.getByRole('textbox', { name: 'パスワード', exact: true }).fill(password);
  await page.getByRole('button', { name: 'ログイン' }).click();
}
