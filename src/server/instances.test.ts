import type { FastifyRateLimitStore } from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../db/client.js';
import { buildTestApp, Client, type TestApp } from '../test/app.js';
import { buildAgencyTree, buildPerson, PASSWORD } from '../test/factories.js';
import { buildApp } from './app.js';
import { databaseRateLimitStore, purgeRateLimitHits } from './rate-limit.js';

// Two instances of the app on one database behave as one (issue #13): a session started on one is
// known to the other, a login throttle earned on one holds on the other, and the HTTP rate limits
// count requests to both together. On PostgreSQL the second instance has its own connection pool.

let a: TestApp;
let b: FastifyInstance;
let second: Database | null = null;
let tree: Awaited<ReturnType<typeof buildAgencyTree>>;

beforeAll(async () => {
  a = await buildTestApp({
    login: { maxFailures: 3, lockMinutes: 15, ratePerMinute: 5 },
    loginThrottle: { delaySeconds: 30, addressMaxFailures: 100, accountMaxFailures: 50, memoryHours: 24 },
  });
  const url = (a.database as { url?: string }).url;
  if (url) second = await openDatabase({ databaseUrl: url, poolSize: 3 });
  b = await buildApp({
    db: second?.db ?? a.database.db,
    config: a.config,
    env: a.env,
    webRoot: null,
    logger: false,
  });
  await b.ready();
  tree = await buildAgencyTree(a);
});
afterAll(async () => {
  await b.close();
  await second?.close();
  await a.close();
});

const loginAt = (app: FastifyInstance, address: string, login: string, password: string) =>
  app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { login, password },
    remoteAddress: address,
  });

describe('two instances on one database', () => {
  it('share sessions: logged in on A, used on B, logged out on B, refused on A', async () => {
    const { login } = await buildPerson(a, { unit: tree.divA1, roles: ['staff'] });
    const onA = new Client(a.app);
    await onA.login(login, PASSWORD);
    const onB = new Client(b, onA.cookie, onA.csrf);
    expect((await onB.get('/api/v1/me')).statusCode).toBe(200);
    expect((await onB.post('/api/v1/auth/logout')).statusCode).toBe(204);
    const after = new Client(a.app, onA.cookie, onA.csrf);
    const res = await after.get('/api/v1/me');
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('unauthenticated');
  });

  it('share login throttling: failures on A make B refuse even the right password from that address', async () => {
    const { login } = await buildPerson(a, { unit: tree.divA1, roles: ['staff'] });
    for (let i = 0; i < 3; i++)
      expect((await loginAt(a.app, '10.20.0.1', login, 'nope')).statusCode).toBe(401);
    expect((await loginAt(b, '10.20.0.1', login, PASSWORD)).statusCode).toBe(401);
    // The owner elsewhere is not locked out, on either instance.
    expect((await loginAt(b, '10.20.0.2', login, PASSWORD)).statusCode).toBe(200);
  });

  it('count rate limits across instances: 5 a minute means 5 in all, not 5 on each', async () => {
    const answers: number[] = [];
    for (const app of [a.app, a.app, b, a.app, b, b, a.app])
      answers.push((await loginAt(app, '10.30.0.1', 'nobody-here', 'nope')).statusCode);
    expect(answers).toEqual([401, 401, 401, 401, 401, 429, 429]);
    // Another client address has its own count.
    expect((await loginAt(b, '10.30.0.2', 'nobody-here', 'nope')).statusCode).toBe(401);
  });
});

describe('the database rate-limit store', () => {
  const hit = (store: FastifyRateLimitStore, key: string, window: number, max = 10) =>
    new Promise<{ current: number; ttl: number }>((resolve, reject) =>
      store.incr(key, (err, res) => (err || !res ? reject(err) : resolve(res)), window, max),
    );

  it('counts per route and key within a window, and starts afresh once the window is over', async () => {
    const Store = databaseRateLimitStore(a.database.db);
    const route = (url: string) => new Store({}).child({ routeInfo: { method: 'GET', url } } as never);
    const x = route('/x');
    const y = route('/y');
    expect((await hit(x, 'k1', 400)).current).toBe(1);
    const second = await hit(x, 'k1', 400);
    expect(second.current).toBe(2);
    expect(second.ttl).toBeGreaterThan(0);
    expect(second.ttl).toBeLessThanOrEqual(400);
    expect((await hit(y, 'k1', 400)).current).toBe(1);
    expect((await hit(x, 'k2', 400)).current).toBe(1);
    await new Promise((r) => setTimeout(r, 500));
    expect((await hit(x, 'k1', 400)).current).toBe(1);
  });

  it('restarts the window on every hit over the limit when asked to (continueExceeding)', async () => {
    const Store = databaseRateLimitStore(a.database.db);
    // The plugin hands each route its options merged with the global ones, continueExceeding included.
    const s = new Store({ continueExceeding: true }).child({
      continueExceeding: true,
      routeInfo: { method: 'GET', url: '/c' },
    } as never);
    await hit(s, 'k', 300, 1);
    await new Promise((r) => setTimeout(r, 200));
    const over = await hit(s, 'k', 300, 1);
    expect(over.current).toBe(2);
    expect(over.ttl).toBeGreaterThan(200); // the window started again at this hit
  });

  it('forgets counters of windows long over', async () => {
    const Store = databaseRateLimitStore(a.database.db);
    const s = new Store({}).child({ routeInfo: { method: 'GET', url: '/old' } } as never);
    await hit(s, 'k', 1000);
    expect(
      await purgeRateLimitHits(a.database.db, new Date(Date.now() + 2 * 3_600_000)),
    ).toBeGreaterThanOrEqual(1);
    expect((await hit(s, 'k', 1000)).current).toBe(1);
  });
});
