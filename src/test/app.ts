import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { type Config, loadConfig } from '../config.js';
import type { Database } from '../db/client.js';
import { ensureShippedCatalog } from '../modules/selfcheck/catalog-service.js';
import { buildApp } from '../server/app.js';
import { type AppEnv, type Ctx, systemCtx } from '../server/context.js';
import { createMailer } from '../server/mail.js';
import { createTestDatabase } from './db.js';

export const TEST_SECRET = 'test-secret-key-test-secret-key-0123456789';

export function testConfig(overrides: Partial<Config> = {}): Config {
  const base = loadConfig({
    LOG_LEVEL: 'silent',
    SECRET_KEY: TEST_SECRET,
    DATA_DIR: '/tmp/mamoru-test-data',
    JOBS: 'off',
  });
  // Cheap hashing: tests create many accounts; production keeps the library defaults.
  return { ...base, passwordHash: { memoryCost: 1024, timeCost: 1 }, ...overrides };
}

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  config: Config;
  env: AppEnv;
  /** A context with no actor, for factories and direct service calls. */
  sys: Ctx;
  close(): Promise<void>;
}

export async function buildTestApp(
  overrides: Partial<Config> = {},
  opts: {
    /** Extra routes registered before the app is ready (a test-only app for the authorization matrix). */
    extraRoutes?: (app: FastifyInstance) => void;
  } = {},
): Promise<TestApp> {
  const database = await createTestDatabase();
  await ensureShippedCatalog(database.db);
  const config = testConfig(overrides);
  const env: AppEnv = { secretKey: Buffer.alloc(32, 7), mailer: createMailer(config) };
  const app = await buildApp({ db: database.db, config, env, webRoot: null, logger: false });
  opts.extraRoutes?.(app);
  await app.ready();
  return {
    app,
    database,
    config,
    env,
    sys: systemCtx(database.db, config, env),
    async close() {
      await app.close();
      await database.close();
    },
  };
}

/** A logged-in browser-like client: sends the session cookie and, on writes, the CSRF token. */
export class Client {
  constructor(
    private readonly app: FastifyInstance,
    public cookie: string | null = null,
    public csrf: string | null = null,
    public lang: 'ja' | 'en' = 'ja',
  ) {}

  async request(opts: InjectOptions & { csrf?: boolean }): Promise<LightMyRequestResponse> {
    const headers: Record<string, string> = {
      'accept-language': this.lang,
      ...(opts.headers as Record<string, string>),
    };
    if (this.cookie) headers.cookie = `mamoru_session=${this.cookie}`;
    const unsafe = opts.method && !['GET', 'HEAD'].includes(String(opts.method).toUpperCase());
    if (unsafe && this.csrf && opts.csrf !== false) headers['x-csrf-token'] = this.csrf;
    const res = await this.app.inject({ ...opts, headers });
    const set = res.cookies.find((c) => c.name === 'mamoru_session');
    if (set) this.cookie = set.value || null;
    return res;
  }
  get(url: string) {
    return this.request({ method: 'GET', url });
  }
  post(url: string, payload?: unknown) {
    return this.request({
      method: 'POST',
      url,
      ...(payload !== undefined ? { payload: payload as object } : {}),
    });
  }
  put(url: string, payload: unknown) {
    return this.request({ method: 'PUT', url, payload: payload as object });
  }
  patch(url: string, payload: unknown) {
    return this.request({ method: 'PATCH', url, payload: payload as object });
  }
  delete(url: string) {
    return this.request({ method: 'DELETE', url });
  }

  /** Logs in; fails the test if the server says anything but the expected status. */
  async login(login: string, password: string, expect = 'ok') {
    const res = await this.post('/api/v1/auth/login', { login, password });
    if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
    const body = res.json() as { status: string; csrfToken: string };
    if (body.status !== expect) throw new Error(`login status ${body.status}, expected ${expect}`);
    this.csrf = body.csrfToken;
    return body;
  }
}
